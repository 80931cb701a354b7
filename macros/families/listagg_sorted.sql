{#-
    The values of `measure` in a group, concatenated in the order of `sort_key` (an
    aggregate: dbt.listagg with `order by sort_key`). NULL values of `measure` are left out.
    On DuckDB an ordered string_agg sorts inside the hash aggregation, several times slower
    than collecting (key, value) pairs and sorting each group's small list.
-#}
{% macro lea_listagg_sorted(measure, sort_key, delimiter="''") -%}
    {{ return(adapter.dispatch('lea_listagg_sorted', 'lea')(measure, sort_key, delimiter)) }}
{%- endmacro %}

{% macro default__lea_listagg_sorted(measure, sort_key, delimiter) -%}
    {{ dbt.listagg(measure, delimiter, 'order by ' ~ sort_key) }}
{%- endmacro %}

{% macro duckdb__lea_listagg_sorted(measure, sort_key, delimiter) -%}
    array_to_string(
        list_transform(
            list_sort(list({'sort_key': {{ sort_key }}, 'measure': {{ measure }}})),
            lambda pair: struct_extract(pair, 'measure')
        ),
        {{ delimiter }}
    )
{%- endmacro %}
