{#-
    Age in whole years completed on a date: the difference of the calendar years, less one
    when the birthday of that year has not yet come. Portable: dbt.datediff and standard
    `extract`. Someone born on 29 February turns a year older on 1 March in other years.
-#}
{% macro age_in_years(birth_date, on_date) -%}
    cast(
        {{ dbt.datediff(birth_date, on_date, 'year') }}
        - case
            when extract(month from {{ on_date }}) * 100 + extract(day from {{ on_date }})
                < extract(month from {{ birth_date }}) * 100 + extract(day from {{ birth_date }})
                then 1
            else 0
        end
        as integer
    )
{%- endmacro %}
