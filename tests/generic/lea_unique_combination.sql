{#-
    Generic test of a key, one column or several: no two rows share the values of the
    given columns, and no key column is NULL. Fails with one row per duplicated key (its
    number of rows) and per key with a NULL in it.
-#}
{% test lea_unique_combination(model, columns) %}

with

keyed as (

    select
        {{ columns | join(',\n        ') }},
        count(*) as n_rows

    from {{ model }}
    group by {{ columns | join(', ') }}

),

final as (

    select * from keyed
    where
        n_rows > 1
        {%- for column in columns %}
        or {{ column }} is null
        {%- endfor %}

)

select * from final

{% endtest %}
