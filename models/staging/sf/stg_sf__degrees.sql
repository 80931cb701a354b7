-- STUB (skeleton): typed columns only; validation and quarantine come in the staging issue.
with

source as (

    select * from {{ source('sf', 'sf_degrees') }}

),

final as (

    select
        trim(person_id) as person_id,
        trim(degree_level) as degree_level,
        try_cast(trim(completion_date) as date) as completion_date,
        landing_row_number

    from source

)

select * from final
