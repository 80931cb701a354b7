-- STUB (skeleton): typed columns only; validation and quarantine come in the staging issue.
with

source as (

    select * from {{ source('dvv', 'dvv_residences') }}

),

final as (

    select
        trim(person_id) as person_id,
        trim(dwelling_id) as dwelling_id,
        trim(municipality_code) as municipality_code,
        trim(postcode) as postcode,
        try_cast(trim(start_date) as date) as start_date,
        try_cast(trim(end_date) as date) as end_date,
        landing_row_number

    from source

)

select * from final
