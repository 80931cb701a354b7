{{ config(materialized='table') }}

{#- Validation of dvv_persons: one row per landed row, typed, with the first failing
    check as quarantine_reason (macros/staging/validated_register.sql). -#}
{%- set columns = [
    {'name': 'person_id', 'shape': 'pseudonym'},
    {'name': 'birth_date', 'type': 'date'},
    {'name': 'sex', 'code_list': 'sex'},
    {'name': 'mother_tongue', 'shape': 'language_code'},
    {'name': 'death_date', 'type': 'date', 'nullable': true},
] -%}
{%- set row_checks = [
    {'reason': 'death_before_birth', 'column': 'death_date', 'not_before': 'birth_date'},
] -%}

{{ lea_validated_register(
    'dvv',
    'dvv_persons',
    columns,
    row_checks=row_checks,
) }}
