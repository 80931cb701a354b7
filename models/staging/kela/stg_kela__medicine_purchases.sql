-- STUB (skeleton): typed columns only; validation and quarantine come in the staging issue.
with

source as (

    select * from {{ source('kela', 'kela_medicine_purchases') }}

),

final as (

    select
        trim(person_id) as person_id,
        try_cast(trim(purchase_date) as date) as purchase_date,
        upper(trim(atc_code)) as atc_code,
        try_cast(trim(ddd) as double) as ddd,
        landing_row_number

    from source

)

select * from final
