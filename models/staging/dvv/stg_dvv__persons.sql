{#- The good rows of dvv_persons: every contract check passed. Stops here, naming the
    table, when its share of bad rows exceeds var('max_bad_row_share'). -#}
{{ config(
    pre_hook="{{ lea_check_bad_row_share('dvv_persons', 'base_dvv__persons_validated') }}",
) }}

with

validated as (

    select * from {{ ref('base_dvv__persons_validated') }}

),

final as (

    select
        person_id,
        birth_date,
        sex,
        mother_tongue,
        death_date,
        landing_row_number

    from validated
    where quarantine_reason is null

)

select * from final
