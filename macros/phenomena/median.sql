{#-
    lea_median(expression): the ordinary (interpolated) median of a numeric expression as
    an aggregate: with an even number of values, the mean of the two middle ones. Used for
    the low-income threshold. Dispatched because ordered-set aggregates are spelled
    differently across engines.
-#}
{% macro lea_median(expression) -%}
    {{ return(adapter.dispatch('lea_median', 'lea')(expression)) }}
{%- endmacro %}


{% macro default__lea_median(expression) -%}
    percentile_cont(0.5) within group (order by {{ expression }})
{%- endmacro %}


{% macro duckdb__lea_median(expression) -%}
    quantile_cont({{ expression }}, 0.5)
{%- endmacro %}


{% macro spark__lea_median(expression) -%}
    percentile({{ expression }}, 0.5)
{%- endmacro %}
