{{ config(materialized='table') }}

{#- Validation of varda_ecec_decisions: one row per landed row, typed, with the first failing
    check as quarantine_reason (macros/staging/validated_register.sql). -#}
{%- set columns = [
    {'name': 'child_id', 'shape': 'pseudonym'},
    {'name': 'start_date', 'type': 'date'},
    {'name': 'end_date', 'type': 'date', 'nullable': true},
    {'name': 'hours_per_week', 'type': 'decimal', 'non_negative': true},
    {'name': 'provider_type', 'code_list': 'provider_type'},
] -%}
{%- set row_checks = [
    {'reason': 'end_before_start', 'column': 'end_date', 'not_before': 'start_date'},
] -%}

{{ lea_validated_register(
    'varda',
    'varda_ecec_decisions',
    columns,
    row_checks=row_checks,
) }}
