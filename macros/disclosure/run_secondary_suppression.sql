{#- `dbt run-operation lea_run_secondary_suppression --args '{cells: s.c, relations: s.r, state: s.out}'`:
    runs the SQL secondary suppression on any cells and relations tables (tests, analysts). -#}
{% macro lea_run_secondary_suppression(cells, relations, state) -%}
    {%- do lea_secondary_suppression(cells, relations, state) -%}
{%- endmacro %}
