{#-
    The staged register tables: contract table, dbt source, validation model and staged view,
    for the models that treat every table alike (quarantined_rows and the accounting tests).

    Read from the graph when dbt compiles: a register table is a source with meta
    register_extract, its validation model the `base_` model that selects from it, and its
    staged view the `stg_` model that selects from that. But those models call ref() and
    source() over this list, and dbt records those calls while it parses, when the graph is
    still empty: so the names of the register tables are said once more here, for the parse
    only (`lea_parse_time_register_tables`), and compiling fails when they differ from the
    graph's.
-#}
{% macro lea_register_staging_models() -%}
    {%- if not execute -%}
        {%- set models = [] -%}
        {%- for table_name in lea_parse_time_register_tables() -%}
            {%- set source_name, short_name = table_name.split('_', 1) -%}
            {%- do models.append({
                'source_name': source_name,
                'table_name': table_name,
                'validated_model': 'base_' ~ source_name ~ '__' ~ short_name ~ '_validated',
                'staged_model': 'stg_' ~ source_name ~ '__' ~ short_name,
            }) -%}
        {%- endfor -%}
        {{ return(models) }}
    {%- endif -%}
    {%- set models = [] -%}
    {%- set problems = [] -%}
    {%- for source in graph.sources.values() | sort(attribute='unique_id') -%}
        {%- if source.get('source_meta', {}).get('register_extract') or source.config.get('meta', {}).get('register_extract') -%}
            {%- set validated = lea_model_selecting_from(source.unique_id, 'base_') -%}
            {%- set staged = lea_model_selecting_from(validated.unique_id, 'stg_') if validated else none -%}
            {%- if staged -%}
                {%- do models.append({
                    'source_name': source.source_name,
                    'table_name': source.name,
                    'validated_model': validated.name,
                    'staged_model': staged.name,
                }) -%}
            {%- else -%}
                {%- do problems.append("no base_ validation model and stg_ view select from the register source "
                    ~ source.source_name ~ "." ~ source.name) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if (models | map(attribute='table_name') | sort) != (lea_parse_time_register_tables() | sort) -%}
        {%- do problems.append("lea_parse_time_register_tables() lists " ~ (lea_parse_time_register_tables() | sort | join(', '))
            ~ " but the register sources are " ~ (models | map(attribute='table_name') | sort | join(', '))) -%}
    {%- endif -%}
    {%- if problems | length > 0 -%}
        {{ exceptions.raise_compiler_error("lea_register_staging_models(): " ~ (problems | join('; '))) }}
    {%- endif -%}
    {#- In the order of the parse-time list, as while dbt parses. -#}
    {%- set ordered = [] -%}
    {%- for table_name in lea_parse_time_register_tables() -%}
        {%- do ordered.extend(models | selectattr('table_name', 'equalto', table_name)) -%}
    {%- endfor -%}
    {{ return(ordered) }}
{%- endmacro %}


{#- The register tables while dbt parses (see above); `<source>_<table>` names the source's
    models `base_<source>__<table>_validated` and `stg_<source>__<table>`. -#}
{% macro lea_parse_time_register_tables() -%}
    {{ return([
        'dvv_persons', 'dvv_residences', 'dvv_parent_child', 'dvv_partnerships', 'sf_degrees', 'vero_income',
        'kela_benefits', 'kela_medicine_purchases', 'thl_avohilmo_visits', 'thl_hilmo_episodes',
        'thl_child_welfare', 'tem_jobseeker_periods', 'varda_ecec_decisions',
    ]) }}
{%- endmacro %}


{#- The one model whose name starts with `prefix` and that depends on the node `unique_id`, or none. -#}
{% macro lea_model_selecting_from(unique_id, prefix) -%}
    {%- set found = [] -%}
    {%- for node in graph.nodes.values() -%}
        {%- if node.resource_type == 'model' and node.name.startswith(prefix) and unique_id in node.depends_on.nodes -%}
            {%- do found.append(node) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(found[0] if found | length == 1 else none) }}
{%- endmacro %}
