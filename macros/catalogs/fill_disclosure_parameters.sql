{#-
    lea_fill_disclosure_parameters(expression): a text expression (e.g. the column
    `suppression_en` of the seed indicator_catalog) with the placeholders of the disclosure
    parameters replaced by the vars the marts use, so that the published suppression rule
    states the numbers of the build. The same placeholders are filled for the docs site by
    scripts/render_indicator_docs.py, with the same defaults (publication.md).
-#}
{% macro lea_fill_disclosure_parameters(expression) -%}
    {%- set min_cell_size = var('min_cell_size', 5) | int -%}
    {%- set all_but_a_few = var('all_but_a_few', none) -%}
    {%- set parameters = {
        'min_cell_size_minus_1': min_cell_size - 1,
        'min_cell_size': min_cell_size,
        'all_but_a_few': (min_cell_size - 1) if all_but_a_few is none else all_but_a_few | int,
        'min_area_families': var('min_area_families', 30) | int,
    } -%}
    {%- set ns = namespace(sql=expression) -%}
    {%- for name, value in parameters.items() -%}
        {%- set ns.sql = "replace(" ~ ns.sql ~ ", '{" ~ name ~ "}', '" ~ value ~ "')" -%}
    {%- endfor -%}
    {{ ns.sql }}
{%- endmacro %}
