{{ config(materialized='table') }}

{#- Validation of vero_income: one row per landed row, typed, with the first failing
    check as quarantine_reason (macros/staging/validated_register.sql). -#}
{%- set columns = [
    {'name': 'person_id', 'shape': 'pseudonym'},
    {'name': 'tax_year', 'type': 'integer'},
    {'name': 'earned_income_eur', 'type': 'decimal'},
    {'name': 'capital_income_eur', 'type': 'decimal'},
    {'name': 'taxes_paid_eur', 'type': 'decimal'},
] -%}

{{ lea_validated_register(
    'vero',
    'vero_income',
    columns,
) }}
