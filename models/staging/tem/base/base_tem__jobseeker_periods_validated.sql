{{ config(materialized='table') }}

{#- Validation of tem_jobseeker_periods: one row per landed row, typed, with the first failing
    check as quarantine_reason (macros/staging/validated_register.sql). -#}
{%- set columns = [
    {'name': 'person_id', 'shape': 'pseudonym'},
    {'name': 'status', 'code_list': 'jobseeker_status'},
    {'name': 'start_date', 'type': 'date'},
    {'name': 'end_date', 'type': 'date', 'nullable': true},
] -%}
{%- set row_checks = [
    {'reason': 'end_before_start', 'column': 'end_date', 'not_before': 'start_date'},
] -%}

{{ lea_validated_register(
    'tem',
    'tem_jobseeker_periods',
    columns,
    row_checks=row_checks,
) }}
