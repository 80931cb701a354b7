{#-
    Generic test: no two rows share the same values of the given columns (a composite
    primary key). Rows with a NULL in any key column fail too.
-#}
{% test lea_unique_combination(model, columns) %}

with

keyed as (

    select
        {{ columns | join(', ') }},
        count(*) as n_rows

    from {{ model }}
    group by {{ columns | join(', ') }}

),

final as (

    select * from keyed
    where n_rows > 1
        {% for column in columns %}or {{ column }} is null
        {% endfor %}

)

select * from final

{% endtest %}
