{{ config(materialized='table') }}

{#- Validation of thl_hilmo_episodes: one row per landed row, typed, with the first failing
    check as quarantine_reason (macros/staging/validated_register.sql). -#}
{%- set columns = [
    {'name': 'episode_id'},
    {'name': 'person_id', 'shape': 'pseudonym'},
    {'name': 'start_date', 'type': 'date'},
    {'name': 'end_date', 'type': 'date'},
    {'name': 'specialty_code', 'shape': 'specialty_code'},
    {'name': 'icd10_code', 'shape': 'icd10_code'},
    {'name': 'care_type', 'code_list': 'care_type'},
] -%}
{%- set row_checks = [
    {'reason': 'end_before_start', 'column': 'end_date', 'not_before': 'start_date'},
] -%}

{{ lea_validated_register(
    'thl',
    'thl_hilmo_episodes',
    columns,
    row_checks=row_checks,
) }}
