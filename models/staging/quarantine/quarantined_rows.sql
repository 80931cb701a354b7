{#- Every bad landed row of every register table, with its reason and original values. -#}
{{ config(materialized='table') }}

{%- set registers = lea_register_staging_models() %}

with
{% for register in registers %}
    {{ register.validated_model }} as (

        select * from {{ ref(register.validated_model) }}

    ),
{% endfor %}
quarantine_reasons as (

    select * from {{ ref('quarantine_reasons') }}

),

bad_rows as (
    {% for register in registers %}
        select
            '{{ register.table_name }}' as source_table,
            landing_row_number,
            quarantine_reason as reason,
            quarantine_reason_text as reason_text,
            row_values

        from {{ register.validated_model }}
        where quarantine_reason is not null
        {% if not loop.last %}
            union all
        {% endif %}
    {%- endfor %}
),

final as (

    select
        bad_rows.source_table || ':' || cast(bad_rows.landing_row_number as {{ dbt.type_string() }})
            as quarantined_row_id,
        bad_rows.source_table,
        bad_rows.landing_row_number,
        bad_rows.reason,
        bad_rows.reason_text,
        bad_rows.row_values,
        quarantine_reasons.check_step

    from bad_rows
    left join quarantine_reasons
        on bad_rows.reason = quarantine_reasons.reason

)

select * from final
