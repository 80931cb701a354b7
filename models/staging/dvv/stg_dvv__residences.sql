{#- The good rows of dvv_residences: every contract check passed. Stops here, naming the
    table, when its share of bad rows exceeds var('max_bad_row_share'). -#}
{{ config(
    pre_hook="{{ lea_check_bad_row_share('dvv_residences', 'base_dvv__residences_validated') }}",
) }}

with

validated as (

    select * from {{ ref('base_dvv__residences_validated') }}

),

final as (

    select
        person_id,
        dwelling_id,
        municipality_code,
        postcode,
        start_date,
        end_date,
        landing_row_number

    from validated
    where quarantine_reason is null

)

select * from final
