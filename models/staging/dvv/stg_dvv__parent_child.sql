{#- The good rows of dvv_parent_child: every contract check passed. Stops here, naming the
    table, when its share of bad rows exceeds var('max_bad_row_share'). -#}
{{ config(
    pre_hook="{{ lea_check_bad_row_share('dvv_parent_child', 'base_dvv__parent_child_validated') }}",
) }}

with

validated as (

    select * from {{ ref('base_dvv__parent_child_validated') }}

),

final as (

    select
        parent_id,
        child_id,
        relation_type,
        landing_row_number

    from validated
    where quarantine_reason is null

)

select * from final
