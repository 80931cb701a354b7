{#- The good rows of thl_avohilmo_visits: every contract check passed. Stops here, naming the
    table, when its share of bad rows exceeds var('max_bad_row_share'). -#}
{{ config(
    pre_hook="{{ lea_check_bad_row_share('thl_avohilmo_visits', 'base_thl__avohilmo_visits_validated') }}",
) }}

with

validated as (

    select * from {{ ref('base_thl__avohilmo_visits_validated') }}

),

final as (

    select
        visit_id,
        person_id,
        visit_date,
        service_area,
        icd10_code,
        icd10_category,
        landing_row_number

    from validated
    where quarantine_reason is null

)

select * from final
