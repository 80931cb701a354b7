{#-
    The staged register tables: contract table, dbt source, validation model and staged view.
    One list for the models that treat every table alike (quarantined_rows and the
    accounting test). At run time it is checked against the source declarations, so a
    table added to the contract cannot be forgotten here.
-#}
{% macro lea_register_staging_models() -%}
    {%- set tables = [
        ('dvv', 'dvv_persons', 'persons'),
        ('dvv', 'dvv_residences', 'residences'),
        ('dvv', 'dvv_parent_child', 'parent_child'),
        ('dvv', 'dvv_partnerships', 'partnerships'),
        ('sf', 'sf_degrees', 'degrees'),
        ('vero', 'vero_income', 'income'),
        ('kela', 'kela_benefits', 'benefits'),
        ('kela', 'kela_medicine_purchases', 'medicine_purchases'),
        ('thl', 'thl_avohilmo_visits', 'avohilmo_visits'),
        ('thl', 'thl_hilmo_episodes', 'hilmo_episodes'),
        ('thl', 'thl_child_welfare', 'child_welfare'),
        ('tem', 'tem_jobseeker_periods', 'jobseeker_periods'),
        ('varda', 'varda_ecec_decisions', 'ecec_decisions'),
    ] -%}
    {%- set models = [] -%}
    {%- for source_name, table_name, short_name in tables -%}
        {%- do models.append({
            'source_name': source_name,
            'table_name': table_name,
            'validated_model': 'base_' ~ source_name ~ '__' ~ short_name ~ '_validated',
            'staged_model': 'stg_' ~ source_name ~ '__' ~ short_name,
        }) -%}
    {%- endfor -%}
    {%- if execute -%}
        {%- set declared = [] -%}
        {%- for node in graph.sources.values() -%}
            {%- if node.get('source_meta', {}).get('register_extract') or node.config.get('meta', {}).get('register_extract') -%}
                {%- do declared.append(node.identifier) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if (declared | sort) != (models | map(attribute='table_name') | sort) -%}
            {{ exceptions.raise_compiler_error(
                "lea_register_staging_models() lists " ~ (models | map(attribute='table_name') | sort | join(', '))
                ~ " but the register sources are " ~ (declared | sort | join(', '))) }}
        {%- endif -%}
    {%- endif -%}
    {{ return(models) }}
{%- endmacro %}
