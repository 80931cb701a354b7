{#- The indicators (the eleven phenomena) while dbt compiles, read from the graph: the
    columns of int_family_phenomena that carry `meta: indicator_denominator`, in the order
    of its properties file. The seed indicator_catalog is the one list of them, but dbt
    cannot read a seed's rows while it compiles without running a query against the build
    database, so the model's column declarations (which the documentation needs anyway)
    say it for dbt, and the test indicator_catalog_matches_disclosure_indicators fails when
    they differ from the seed. Empty while dbt parses (no graph yet); nothing here queries
    data. -#}
{% macro lea_indicator_denominators() -%}
    {%- set denominators = {} -%}
    {%- if execute -%}
        {%- for column in lea_int_family_phenomena_columns() -%}
            {%- set meta = column.get('config', {}).get('meta', {}) or column.get('meta', {}) -%}
            {%- if meta.get('indicator_denominator') -%}
                {%- do denominators.update({column.name: meta.get('indicator_denominator')}) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if denominators | length == 0 -%}
            {{ exceptions.raise_compiler_error(
                "lea_indicator_denominators: no column of int_family_phenomena has meta indicator_denominator") }}
        {%- endif -%}
    {%- endif -%}
    {{ return(denominators) }}
{%- endmacro %}


{#- The ids of the phenomena, in the order of the specification; each is a boolean column of
    int_family_phenomena and an indicator. -#}
{% macro lea_phenomenon_ids() -%}
    {{ return(lea_indicator_denominators().keys() | list) }}
{%- endmacro %}


{#- The indicators whose column in int_family_phenomena carries `meta: <key>: <value>`, in
    the declared order (empty while dbt parses). The rules that concern particular
    phenomena name them through these declarations, not by their ids. -#}
{% macro lea_indicators_with(key, value=true) -%}
    {%- set found = [] -%}
    {%- if execute -%}
        {%- for column in lea_int_family_phenomena_columns() -%}
            {%- set meta = column.get('config', {}).get('meta', {}) or column.get('meta', {}) -%}
            {%- if meta.get(key) == value -%}{%- do found.append(column.name) -%}{%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(found) }}
{%- endmacro %}


{#- The one indicator with the role `role` (`meta: indicator_role`) in int_family_phenomena;
    compiling fails when not exactly one has it. `none` while dbt parses. -#}
{% macro lea_indicator_with_role(role) -%}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set found = lea_indicators_with('indicator_role', role) -%}
    {%- if found | length != 1 -%}
        {{ exceptions.raise_compiler_error("lea_indicator_with_role('" ~ role ~ "'): " ~ (found | length)
            ~ " columns of int_family_phenomena have meta indicator_role " ~ role ~ ", not one") }}
    {%- endif -%}
    {{ return(found[0]) }}
{%- endmacro %}


{#- The declared columns of int_family_phenomena. A unit test compiles without the graph:
    it overrides the macro that asks (`overrides: macros:`), and this names it otherwise. -#}
{% macro lea_int_family_phenomena_columns() -%}
    {%- set node = graph.get('nodes', {}).get('model.' ~ project_name ~ '.int_family_phenomena') -%}
    {%- if node is none -%}
        {{ exceptions.raise_compiler_error(
            "The indicators are read from the graph (int_family_phenomena's columns), which is empty here"
            ~ " (a unit test?): override lea_phenomenon_ids, lea_indicator_denominators or lea_indicators_with"
            ~ " in the unit test (overrides: macros:).") }}
    {%- endif -%}
    {{ return(node.columns.values() | list) }}
{%- endmacro %}
