{#-
    Accounting of the quarantine, independent of any var: for every register table, every
    landed row is either staged (in its stg_ view) or quarantined (in quarantined_rows),
    exactly once; and nothing is staged or quarantined that was not landed. Fails with one
    row per row that breaks this.
-#}
{%- set registers = lea_register_staging_models() %}

with

quarantined_rows as (

    select * from {{ ref('quarantined_rows') }}

),

landed as (
    {% for register in registers %}
        select
            '{{ register.table_name }}' as source_table,
            landing_row_number

        from {{ source(register.source_name, register.table_name) }}
        {% if not loop.last %}
            union all
        {% endif %}
    {%- endfor %}
),

staged_or_quarantined as (
    {% for register in registers %}
        select
            '{{ register.table_name }}' as source_table,
            landing_row_number

        from {{ ref(register.staged_model) }}

        union all
    {% endfor %}
    select
        source_table,
        landing_row_number

    from quarantined_rows
),

accounted as (

    select
        source_table,
        landing_row_number,
        count(*) as n_times

    from staged_or_quarantined
    group by source_table, landing_row_number

),

final as (

    select
        landed.source_table as landed_table,
        landed.landing_row_number as landed_row_number,
        accounted.source_table as accounted_table,
        accounted.landing_row_number as accounted_row_number,
        accounted.n_times

    from landed
    full outer join accounted
        on
            landed.source_table = accounted.source_table
            and landed.landing_row_number = accounted.landing_row_number
    where
        landed.landing_row_number is null
        or accounted.landing_row_number is null
        or accounted.n_times <> 1

)

select * from final
