{#-
    True when a period covers a date. Periods include both ends; an open period
    (`end_date` NULL) runs on, so a period ending on the date still covers it.
-#}
{% macro period_covers(start_date, end_date, on_date) -%}
    ({{ start_date }} <= {{ on_date }} and ({{ end_date }} is null or {{ end_date }} >= {{ on_date }}))
{%- endmacro %}
