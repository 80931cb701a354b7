{#-
    The values of `measure` in a group, concatenated in the order of `sort_key` (an
    aggregate: dbt.listagg with `order by sort_key`), the first `limit_num` of them when
    given. NULL values of `measure` are left out. The project's one sorted list
    aggregation. On DuckDB an ordered string_agg sorts inside the hash aggregation, several
    times slower than collecting (key, value) pairs and sorting each group's small list.
-#}
{% macro lea_listagg_sorted(measure, sort_key, delimiter="''", limit_num=none) -%}
    {{ return(adapter.dispatch('lea_listagg_sorted', 'lea')(measure, sort_key, delimiter, limit_num)) }}
{%- endmacro %}

{% macro default__lea_listagg_sorted(measure, sort_key, delimiter, limit_num) -%}
    {{ dbt.listagg(measure, delimiter, 'order by ' ~ sort_key, limit_num) }}
{%- endmacro %}

{% macro duckdb__lea_listagg_sorted(measure, sort_key, delimiter, limit_num) -%}
    {%- set sorted_pairs = "list_sort(list({'sort_key': " ~ sort_key ~ ", 'measure': " ~ measure ~ "}))" %}
    array_to_string(
        list_transform(
            {% if limit_num -%}
                list_slice({{ sorted_pairs }}, 1, {{ limit_num }})
            {%- else -%}
                {{ sorted_pairs }}
            {%- endif %},
            lambda pair: struct_extract(pair, 'measure')
        ),
        {{ delimiter }}
    )
{%- endmacro %}
