{{ config(materialized='table') }}

{#- Validation of kela_medicine_purchases: one row per landed row, typed, with the first failing
    check as quarantine_reason (macros/staging/validated_register.sql). -#}
{%- set columns = [
    {'name': 'person_id', 'shape': 'pseudonym'},
    {'name': 'purchase_date', 'type': 'date'},
    {'name': 'atc_code', 'shape': 'atc_code'},
    {'name': 'ddd', 'type': 'decimal', 'non_negative': true},
] -%}

{{ lea_validated_register(
    'kela',
    'kela_medicine_purchases',
    columns,
) }}
