{#-
    Generic test: none of the given columns is NULL in any row. One test node for all the
    columns of a model that must always have a value; fails with one row per column that
    has NULLs, naming it, with the number of rows.
-#}
{% test lea_not_null_columns(model, columns) %}

with

null_counts as (

    select
        {%- for column in columns %}
        sum(case when {{ column }} is null then 1 else 0 end) as n_null_{{ loop.index }},
        {%- endfor %}
        count(*) as n_rows

    from {{ model }}

),

final as (

    {%- for column in columns %}
    select
        '{{ column }}' as column_name,
        n_null_{{ loop.index }} as n_null_rows,
        n_rows

    from null_counts
    where n_null_{{ loop.index }} > 0
    {%- if not loop.last %}

    union all
    {% endif %}
    {%- endfor %}

)

select * from final

{% endtest %}
