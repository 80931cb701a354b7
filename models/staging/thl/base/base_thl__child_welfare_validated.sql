{{ config(materialized='table') }}

{#- Validation of thl_child_welfare: one row per landed row, typed, with the first failing
    check as quarantine_reason (macros/staging/validated_register.sql). -#}
{%- set columns = [
    {'name': 'child_id', 'shape': 'pseudonym'},
    {'name': 'measure', 'code_list': 'child_welfare_measure'},
    {'name': 'start_date', 'type': 'date'},
    {'name': 'end_date', 'type': 'date', 'nullable': true},
] -%}
{%- set row_checks = [
    {'reason': 'end_before_start', 'column': 'end_date', 'not_before': 'start_date'},
] -%}

{{ lea_validated_register(
    'thl',
    'thl_child_welfare',
    columns,
    row_checks=row_checks,
) }}
