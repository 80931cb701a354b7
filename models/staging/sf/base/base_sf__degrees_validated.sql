{{ config(materialized='table') }}

{#- Validation of sf_degrees: one row per landed row, typed, with the first failing
    check as quarantine_reason (macros/staging/validated_register.sql). -#}
{%- set columns = [
    {'name': 'person_id', 'shape': 'pseudonym'},
    {'name': 'degree_level', 'code_list': 'degree_level'},
    {'name': 'completion_date', 'type': 'date'},
] -%}

{{ lea_validated_register(
    'sf',
    'sf_degrees',
    columns,
) }}
