-- STUB (skeleton): typed columns only; validation and quarantine come in the staging issue.
with

source as (

    select * from {{ source('dvv', 'dvv_persons') }}

),

final as (

    select
        trim(person_id) as person_id,
        try_cast(trim(birth_date) as date) as birth_date,
        lower(trim(sex)) as sex,
        lower(trim(mother_tongue)) as mother_tongue,
        try_cast(trim(death_date) as date) as death_date,
        landing_row_number

    from source

)

select * from final
