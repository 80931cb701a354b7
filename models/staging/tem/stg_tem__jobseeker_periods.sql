{#- The good rows of tem_jobseeker_periods: every contract check passed. Stops here, naming the
    table, when its share of bad rows exceeds var('max_bad_row_share'). -#}
{{ config(
    pre_hook="{{ lea_check_bad_row_share('tem_jobseeker_periods', 'base_tem__jobseeker_periods_validated') }}",
) }}

with

validated as (

    select * from {{ ref('base_tem__jobseeker_periods_validated') }}

),

final as (

    select
        person_id,
        status,
        start_date,
        end_date,
        landing_row_number

    from validated
    where quarantine_reason is null

)

select * from final
