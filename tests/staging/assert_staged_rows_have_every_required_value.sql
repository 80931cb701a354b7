{#-
    Every staged row has a value in every column the contract requires (the source
    declarations' columns without meta nullable: true) and a landing row number. One test
    for all stg_ views instead of one not_null test per column, so each view is read once;
    the list comes from the contract, so it cannot drift from it. Fails with one row per
    staged row that lacks a required value.
-#}
{%- set registers = lea_register_staging_models() %}
{%- set null_conditions = {} %}
{%- for register in registers %}
    {%- set required = ['landing_row_number'] %}
    {%- if execute %}
        {%- set source_id = 'source.' ~ project_name ~ '.' ~ register.source_name ~ '.' ~ register.table_name %}
        {%- set node = graph.sources[source_id] %}
        {%- for column in node.columns.values() %}
            {%- set meta = column.get('config', {}).get('meta', {}) or column.get('meta', {}) %}
            {%- if meta.get('contract_type') and not meta.get('nullable', false) %}
                {%- do required.append(column.name) %}
            {%- endif %}
        {%- endfor %}
    {%- endif %}
    {%- do null_conditions.update({register.table_name: required | join(' is null or ') ~ ' is null'}) %}
{%- endfor %}

with

missing_values as (
    {% for register in registers %}
        select
            '{{ register.table_name }}' as source_table,
            landing_row_number

        from {{ ref(register.staged_model) }}
        where {{ null_conditions[register.table_name] }}
        {% if not loop.last %}
            union all
        {% endif %}
    {%- endfor %}
),

final as (

    select * from missing_values

)

select * from final
