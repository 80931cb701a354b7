{{ config(materialized='table') }}

{#- Validation of dvv_residences: one row per landed row, typed, with the first failing
    check as quarantine_reason (macros/staging/validated_register.sql). -#}
{%- set columns = [
    {'name': 'person_id', 'shape': 'pseudonym'},
    {'name': 'dwelling_id'},
    {'name': 'municipality_code', 'shape': 'municipality_code'},
    {'name': 'postcode', 'shape': 'postcode'},
    {'name': 'start_date', 'type': 'date'},
    {'name': 'end_date', 'type': 'date', 'nullable': true},
] -%}
{%- set row_checks = [
    {'reason': 'end_before_start', 'column': 'end_date', 'not_before': 'start_date'},
] -%}

{{ lea_validated_register(
    'dvv',
    'dvv_residences',
    columns,
    row_checks=row_checks,
    postcode_check={'postcode': 'postcode', 'municipality_code': 'municipality_code'},
    residence_overlap={'person': 'person_id', 'start': 'start_date', 'end': 'end_date'},
) }}
