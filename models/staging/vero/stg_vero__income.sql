-- STUB (skeleton): typed columns only; validation and quarantine come in the staging issue.
with

source as (

    select * from {{ source('vero', 'vero_income') }}

),

final as (

    select
        trim(person_id) as person_id,
        try_cast(trim(tax_year) as integer) as tax_year,
        try_cast(trim(earned_income_eur) as double) as earned_income_eur,
        try_cast(trim(capital_income_eur) as double) as capital_income_eur,
        try_cast(trim(taxes_paid_eur) as double) as taxes_paid_eur,
        landing_row_number

    from source

)

select * from final
