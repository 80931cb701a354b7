{#-
    lea_year_map_case(mapping, year_column): a SQL expression that looks a statistical year
    up in a year -> number map given as a dbt var (e.g. var('low_income_threshold_eur'),
    `{2020: 16500}`; keys may be numbers or strings). Years not in the map give NULL.
-#}
{% macro lea_year_map_case(mapping, year_column) -%}
    {%- if mapping is none or mapping | length == 0 -%}
        cast(null as double)
    {%- else -%}
        case {{ year_column }}
            {%- for year, value in mapping.items() %}
            when {{ year | int }} then cast({{ value | float }} as double)
            {%- endfor %}
        end
    {%- endif -%}
{%- endmacro %}
