{#- The good rows of dvv_partnerships: every contract check passed. Stops here, naming the
    table, when its share of bad rows exceeds var('max_bad_row_share'). -#}
{{ config(
    pre_hook="{{ lea_check_bad_row_share('dvv_partnerships', 'base_dvv__partnerships_validated') }}",
) }}

with

validated as (

    select * from {{ ref('base_dvv__partnerships_validated') }}

),

final as (

    select
        person_id_a,
        person_id_b,
        partnership_type,
        start_date,
        end_date,
        landing_row_number

    from validated
    where quarantine_reason is null

)

select * from final
