{#- The good rows of sf_degrees: every contract check passed. Stops here, naming the
    table, when its share of bad rows exceeds var('max_bad_row_share'). -#}
{{ config(
    pre_hook="{{ lea_check_bad_row_share('sf_degrees', 'base_sf__degrees_validated') }}",
) }}

with

validated as (

    select * from {{ ref('base_sf__degrees_validated') }}

),

final as (

    select
        person_id,
        degree_level,
        completion_date,
        landing_row_number

    from validated
    where quarantine_reason is null

)

select * from final
