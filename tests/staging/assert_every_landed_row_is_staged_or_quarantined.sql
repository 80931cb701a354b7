{#-
    Accounting of the quarantine, independent of any var: for every register table, every
    landed row is either staged (in its stg_ view) or quarantined (in quarantined_rows),
    exactly once; and nothing is staged or quarantined that was not landed. Fails with one
    row per table that breaks this, with the counts and an example row number of each kind.

    Per table, landed rows L and accounted rows A (staged and quarantined) are joined on
    the landing row number (a full outer join, no aggregation by row). When no row is left
    unmatched on either side and the join has exactly as many pairs as L has rows and as A
    has rows, every row number occurs exactly once on each side: with l_k, a_k >= 1 copies
    of number k, sum(l_k * a_k) = sum(l_k) forces every a_k = 1, and = sum(a_k) every l_k = 1.
    The stg_ views and landed tables are read where they are used, in subqueries of the
    join (hence the one noqa of the lint): DuckDB would copy a CTE referenced more than once. The hash table of a join holds one side in memory, so a
    table of more than `rows_per_join` landed rows is joined in parts by the row number
    modulo the number of parts (a NULL row number is in no part, so it stays unpaired and
    breaks the counts).
-#}
{%- set registers = lea_register_staging_models() %}
{%- set rows_per_join = 8000000 %}
{%- set parts = [] %}
{%- for register in registers %}
    {%- set n_parts = 1 %}
    {%- if execute %}
        {%- set landed_rows = run_query(
            "select count(*) from " ~ source(register.source_name, register.table_name)).columns[0].values()[0] %}
        {%- set n_parts = [((landed_rows | int) + rows_per_join - 1) // rows_per_join, 1] | max %}
    {%- endif %}
    {%- for part in range(n_parts) %}
        {%- do parts.append({
            'register': register,
            'condition': 'true' if n_parts == 1 else 'landing_row_number % ' ~ n_parts ~ ' = ' ~ part,
        }) %}
    {%- endfor %}
{%- endfor %}

with

landed_counts as (
    {% for register in registers %}
        select
            '{{ register.table_name }}' as source_table,
            count(*) as n_landed

        from {{ source(register.source_name, register.table_name) }}
        {% if not loop.last %}
            union all
        {% endif %}
    {%- endfor %}
),

staged_counts as (
    {% for register in registers %}
        select
            '{{ register.table_name }}' as source_table,
            count(*) as n_staged

        from {{ ref(register.staged_model) }}
        {% if not loop.last %}
            union all
        {% endif %}
    {%- endfor %}
),

quarantined_counts as (

    select
        source_table,
        count(*) as n_quarantined

    from {{ ref('quarantined_rows') }}
    group by source_table

),

{# One row per table and part: the pairs of the full outer join of landed and accounted
    (staged or quarantined) row numbers, and the unpaired rows of each side. #}
part_pairs as (
    {% for part in parts %}
        select
            '{{ part.register.table_name }}' as source_table,
            count(
                case
                    when landed.landing_row_number is not null and accounted.landing_row_number is not null
                        then 1
                end
            ) as n_pairs,
            count(case when accounted.landing_row_number is null then 1 end) as n_landed_not_accounted,
            count(case when landed.landing_row_number is null then 1 end) as n_accounted_not_landed,
            min(case when accounted.landing_row_number is null then landed.landing_row_number end)
                as example_landed_not_accounted,
            min(case when landed.landing_row_number is null then accounted.landing_row_number end)
                as example_accounted_not_landed

        from (
            select landed_rows.landing_row_number
            from {{ source(part.register.source_name, part.register.table_name) }} as landed_rows
            where {{ part.condition }}
        ) as landed
        full outer join (  -- noqa: ST05
            select staged_rows.landing_row_number
            from {{ ref(part.register.staged_model) }} as staged_rows
            where {{ part.condition }}

            union all

            select quarantined_rows.landing_row_number
            from {{ ref('quarantined_rows') }} as quarantined_rows
            where
                quarantined_rows.source_table = '{{ part.register.table_name }}'
                and {{ part.condition }}
        ) as accounted
            on landed.landing_row_number = accounted.landing_row_number
        {% if not loop.last %}
            union all
        {% endif %}
    {%- endfor %}
),

pairs as (

    select
        source_table,
        sum(n_pairs) as n_pairs,
        sum(n_landed_not_accounted) as n_landed_not_accounted,
        sum(n_accounted_not_landed) as n_accounted_not_landed,
        min(example_landed_not_accounted) as example_landed_not_accounted,
        min(example_accounted_not_landed) as example_accounted_not_landed

    from part_pairs
    group by source_table

),

counted as (

    select
        landed_counts.source_table,
        landed_counts.n_landed,
        staged_counts.n_staged + coalesce(quarantined_counts.n_quarantined, 0) as n_accounted,
        pairs.n_pairs,
        pairs.n_landed_not_accounted,
        pairs.n_accounted_not_landed,
        pairs.example_landed_not_accounted,
        pairs.example_accounted_not_landed

    from landed_counts
    inner join staged_counts
        on landed_counts.source_table = staged_counts.source_table
    inner join pairs
        on landed_counts.source_table = pairs.source_table
    left join quarantined_counts
        on landed_counts.source_table = quarantined_counts.source_table

),

final as (

    select * from counted
    where
        n_landed_not_accounted > 0
        or n_accounted_not_landed > 0
        or n_pairs != n_landed
        or n_pairs != n_accounted

)

select * from final
