-- STUB (skeleton): typed columns only; validation and quarantine come in the staging issue.
with

source as (

    select * from {{ source('thl', 'thl_hilmo_episodes') }}

),

final as (

    select
        trim(episode_id) as episode_id,
        trim(person_id) as person_id,
        try_cast(trim(start_date) as date) as start_date,
        try_cast(trim(end_date) as date) as end_date,
        trim(specialty_code) as specialty_code,
        upper(trim(icd10_code)) as icd10_code,
        lower(trim(care_type)) as care_type,
        landing_row_number

    from source

)

select * from final
