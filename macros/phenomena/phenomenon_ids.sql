{#- The ids of the eleven phenomena, in the order of the specification; each is a boolean
    column of int_family_phenomena. -#}
{% macro lea_phenomenon_ids() -%}
    {{ return([
        'low_income',
        'social_assistance',
        'parental_unemployment',
        'low_parental_education',
        'parental_mental_health',
        'parental_substance_use',
        'child_mental_health',
        'child_welfare',
        'single_parent',
        'frequent_moves',
        'no_ecec',
    ]) }}
{%- endmacro %}
