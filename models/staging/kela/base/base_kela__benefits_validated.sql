{{ config(materialized='table') }}

{#- Validation of kela_benefits: one row per landed row, typed, with the first failing
    check as quarantine_reason (macros/staging/validated_register.sql). -#}
{%- set columns = [
    {'name': 'person_id', 'shape': 'pseudonym'},
    {'name': 'benefit_code', 'code_list': 'benefit_code'},
    {'name': 'payment_month', 'type': 'date', 'first_of_month': true},
    {'name': 'amount_eur', 'type': 'decimal', 'positive': true},
] -%}

{{ lea_validated_register(
    'kela',
    'kela_benefits',
    columns,
) }}
