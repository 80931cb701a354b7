{{ config(materialized='table') }}

{#- Validation of thl_avohilmo_visits: one row per landed row, typed, with the first failing
    check as quarantine_reason (macros/staging/validated_register.sql). -#}
{%- set columns = [
    {'name': 'visit_id'},
    {'name': 'person_id', 'shape': 'pseudonym'},
    {'name': 'visit_date', 'type': 'date'},
    {'name': 'service_area', 'code_list': 'service_area'},
    {'name': 'icd10_code', 'shape': 'icd10_code', 'nullable': true},
] -%}

{{ lea_validated_register(
    'thl',
    'thl_avohilmo_visits',
    columns,
) }}
