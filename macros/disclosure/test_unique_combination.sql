{#- Generic test: no two rows share the values of `columns` (the grain of a table). -#}
{% test unique_combination(model, columns) -%}
    select {{ columns | join(', ') }}, count(*) as n_rows
    from {{ model }}
    group by {{ columns | join(', ') }}
    having count(*) > 1
{%- endtest %}
