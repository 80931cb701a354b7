{#- Generic test: no two rows of the model share the same values of `columns`. -#}
{% test lea_unique_combination(model, columns) -%}

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

)

select * from final

{%- endtest %}
