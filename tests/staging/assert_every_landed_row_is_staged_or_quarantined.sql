{#-
    Accounting of the quarantine, independent of any var: for every register table, every
    landed row is either staged (in its stg_ view) or quarantined (in quarantined_rows),
    exactly once; and nothing is staged or quarantined that was not landed. Fails with one
    row per row that breaks this.
-#}
{%- set registers = lea_register_staging_models() %}

with

quarantined as (

    select * from {{ ref('quarantined_rows') }}

),

accounted as (
{% for register in registers %}
    select
        '{{ register.table_name }}' as source_table,
        landed.landing_row_number as landed_row_number,
        accounted_rows.landing_row_number,
        accounted_rows.n_times

    from {{ source(register.source_name, register.table_name) }} as landed
    full outer join (

        select
            landing_row_number,
            count(*) as n_times

        from (
            select landing_row_number from {{ ref(register.staged_model) }}
            union all
            select landing_row_number from quarantined
            where source_table = '{{ register.table_name }}'
        ) as staged_or_quarantined
        group by landing_row_number

    ) as accounted_rows
        on landed.landing_row_number = accounted_rows.landing_row_number
{% if not loop.last %}
    union all
{% endif %}
{%- endfor %}
),

final as (

    select * from accounted
    where
        landed_row_number is null
        or landing_row_number is null
        or n_times <> 1

)

select * from final
