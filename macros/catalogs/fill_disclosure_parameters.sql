{#-
    lea_fill_disclosure_parameters(expression): a text expression (e.g. the column
    `suppression_en` of the seed indicator_catalog) with the placeholders of the disclosure
    parameters replaced by the vars the marts use (dbt_project.yml), so that the published
    suppression rule states the numbers of the build. Used by published_indicator_catalog;
    scripts/render_indicator_docs.py fills the same placeholders for the docs site.
-#}
{% macro lea_fill_disclosure_parameters(expression) -%}
    {%- set parameters = {
        'min_cell_size_minus_1': var('min_cell_size') | int - 1,
        'min_cell_size': var('min_cell_size') | int,
        'all_but_a_few': var('all_but_a_few') | int,
        'min_area_families': var('min_area_families') | int,
    } -%}
    {%- set ns = namespace(sql=expression) -%}
    {%- for name, value in parameters.items() -%}
        {%- set ns.sql = "replace(" ~ ns.sql ~ ", '{" ~ name ~ "}', '" ~ value ~ "')" -%}
    {%- endfor -%}
    {{ ns.sql }}
{%- endmacro %}
