{#- The good rows of varda_ecec_decisions: every contract check passed. Stops here, naming the
    table, when its share of bad rows exceeds var('max_bad_row_share'). -#}
{{ config(
    pre_hook="{{ lea_check_bad_row_share('varda_ecec_decisions', 'base_varda__ecec_decisions_validated') }}",
) }}

with

validated as (

    select * from {{ ref('base_varda__ecec_decisions_validated') }}

),

final as (

    select
        child_id,
        start_date,
        end_date,
        hours_per_week,
        provider_type,
        landing_row_number

    from validated
    where quarantine_reason is null

)

select * from final
