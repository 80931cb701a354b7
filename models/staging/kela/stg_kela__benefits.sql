-- STUB (skeleton): typed columns only; validation and quarantine come in the staging issue.
with

source as (

    select * from {{ source('kela', 'kela_benefits') }}

),

final as (

    select
        trim(person_id) as person_id,
        lower(trim(benefit_code)) as benefit_code,
        try_cast(trim(payment_month) as date) as payment_month,
        try_cast(trim(amount_eur) as double) as amount_eur,
        landing_row_number

    from source

)

select * from final
