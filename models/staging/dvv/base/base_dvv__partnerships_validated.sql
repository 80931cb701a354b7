{{ config(materialized='table') }}

{#- Validation of dvv_partnerships: one row per landed row, typed, with the first failing
    check as quarantine_reason (macros/staging/validated_register.sql). -#}
{%- set columns = [
    {'name': 'person_id_a', 'shape': 'pseudonym'},
    {'name': 'person_id_b', 'shape': 'pseudonym'},
    {'name': 'partnership_type', 'code_list': 'partnership_type'},
    {'name': 'start_date', 'type': 'date'},
    {'name': 'end_date', 'type': 'date', 'nullable': true},
] -%}
{%- set row_checks = [
    {'reason': 'end_before_start', 'column': 'end_date', 'not_before': 'start_date'},
    {'reason': 'self_relation', 'column': 'person_id_b', 'differs_from': 'person_id_a'},
] -%}

{{ lea_validated_register(
    'dvv',
    'dvv_partnerships',
    columns,
    row_checks=row_checks,
) }}
