{#- Layers live in schemas named exactly staging, intermediate, marts and reference,
    not <target schema>_<layer>: the build database is one environment per data engineer. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
