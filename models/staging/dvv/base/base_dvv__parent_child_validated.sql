{{ config(materialized='table') }}

{#- Validation of dvv_parent_child: one row per landed row, typed, with the first failing
    check as quarantine_reason (macros/staging/validated_register.sql). -#}
{%- set columns = [
    {'name': 'parent_id', 'shape': 'pseudonym'},
    {'name': 'child_id', 'shape': 'pseudonym'},
    {'name': 'relation_type', 'code_list': 'relation_type'},
] -%}
{%- set row_checks = [
    {'reason': 'self_relation', 'column': 'child_id', 'differs_from': 'parent_id'},
] -%}

{{ lea_validated_register(
    'dvv',
    'dvv_parent_child',
    columns,
    row_checks=row_checks,
) }}
