{#- The good rows of thl_hilmo_episodes: every contract check passed. Stops here, naming the
    table, when its share of bad rows exceeds var('max_bad_row_share'). -#}
{{ config(
    pre_hook="{{ lea_check_bad_row_share('thl_hilmo_episodes', 'base_thl__hilmo_episodes_validated') }}",
) }}

with

validated as (

    select * from {{ ref('base_thl__hilmo_episodes_validated') }}

),

final as (

    select
        episode_id,
        person_id,
        start_date,
        end_date,
        specialty_code,
        icd10_code,
        icd10_category,
        care_type,
        landing_row_number

    from validated
    where quarantine_reason is null

)

select * from final
