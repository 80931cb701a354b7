-- STUB (skeleton): typed columns only; validation and quarantine come in the staging issue.
with

source as (

    select * from {{ source('dvv', 'dvv_partnerships') }}

),

final as (

    select
        trim(person_id_a) as person_id_a,
        trim(person_id_b) as person_id_b,
        lower(trim(partnership_type)) as partnership_type,
        try_cast(trim(start_date) as date) as start_date,
        try_cast(trim(end_date) as date) as end_date,
        landing_row_number

    from source

)

select * from final
