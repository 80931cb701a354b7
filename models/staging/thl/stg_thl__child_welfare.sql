{#- The good rows of thl_child_welfare: every contract check passed. Stops here, naming the
    table, when its share of bad rows exceeds var('max_bad_row_share'). -#}
{{ config(
    pre_hook="{{ lea_check_bad_row_share('thl_child_welfare', 'base_thl__child_welfare_validated') }}",
) }}

with

validated as (

    select * from {{ ref('base_thl__child_welfare_validated') }}

),

final as (

    select
        child_id,
        measure,
        start_date,
        end_date,
        landing_row_number

    from validated
    where quarantine_reason is null

)

select * from final
