{#-
    The indicator columns of family_phenomena (architecture.md, issue 5) and the denominator
    of each: `families` (all families with children of the area) or `families_3_5` (families
    with a child aged 3-5, the no_ecec denominator, column has_child_aged_3_5). The column
    names are an interface, so they are fixed here at compile time; the dbt test
    `indicator_catalog_matches_disclosure_indicators` checks that the catalogue agrees.
-#}
{% macro lea_indicator_denominators() -%}
    {{ return({
        'low_income': 'families',
        'social_assistance': 'families',
        'parental_unemployment': 'families',
        'low_parental_education': 'families',
        'parental_mental_health': 'families',
        'parental_substance_use': 'families',
        'child_mental_health': 'families',
        'child_welfare': 'families',
        'single_parent': 'families',
        'frequent_moves': 'families',
        'no_ecec': 'families_3_5',
    }) }}
{%- endmacro %}


{% macro lea_indicator_ids() -%}
    {{ return(lea_indicator_denominators().keys() | list) }}
{%- endmacro %}


{#- A count is primary-suppressed by the minimum-cell rule: 1 <= n < min_cell_size. -#}
{% macro lea_is_below_min_cell(count) -%}
    ({{ count }} >= 1 and {{ count }} < {{ var('min_cell_size') }})
{%- endmacro %}


{#- "All but a few": the denominator minus the numerator is 0..all_but_a_few. -#}
{% macro lea_is_all_but_a_few(numerator, denominator) -%}
    ({{ denominator }} - {{ numerator }} between 0 and {{ var('all_but_a_few') }})
{%- endmacro %}


{#- A share in percent with var('share_decimals') decimals; NULL for an empty denominator. -#}
{% macro lea_share_pct(numerator, denominator) -%}
    case when {{ denominator }} > 0
        then round(100.0 * {{ numerator }} / {{ denominator }}, {{ var('share_decimals') }})
    end
{%- endmacro %}
