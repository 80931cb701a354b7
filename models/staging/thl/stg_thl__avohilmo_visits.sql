-- STUB (skeleton): typed columns only; validation and quarantine come in the staging issue.
with

source as (

    select * from {{ source('thl', 'thl_avohilmo_visits') }}

),

final as (

    select
        trim(visit_id) as visit_id,
        trim(person_id) as person_id,
        try_cast(trim(visit_date) as date) as visit_date,
        lower(trim(service_area)) as service_area,
        upper(trim(icd10_code)) as icd10_code,
        landing_row_number

    from source

)

select * from final
