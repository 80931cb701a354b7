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
    The stg_ views and landed tables are read where they are used: DuckDB would copy a CTE
    referenced more than once. The hash table of a join holds one side in memory, so a
    table of more than `rows_per_join` landed rows is joined in parts by the row number
    modulo the number of parts (a NULL row number is in no part, so it stays unpaired and
    breaks the counts).
-#}
{%- set registers = lea_register_staging_models() %}
{%- set rows_per_join = 8000000 %}

with
{% for register in registers %}
counted_{{ register.table_name }} as (

    select
        '{{ register.table_name }}' as source_table,
        (select count(*) from {{ source(register.source_name, register.table_name) }}) as n_landed,
        (select count(*) from {{ ref(register.staged_model) }})
        + (
            select count(*) from {{ ref('quarantined_rows') }}
            where source_table = '{{ register.table_name }}'
        ) as n_accounted,
        pairs.n_pairs,
        pairs.n_landed_not_accounted,
        pairs.n_accounted_not_landed,
        pairs.example_landed_not_accounted,
        pairs.example_accounted_not_landed

    {%- set n_parts = 1 %}
    {%- if execute %}
        {%- set landed_rows = run_query(
            "select count(*) from " ~ source(register.source_name, register.table_name)).columns[0].values()[0] %}
        {%- set n_parts = [((landed_rows | int) + rows_per_join - 1) // rows_per_join, 1] | max %}
    {%- endif %}
    from (
        select
            sum(n_pairs) as n_pairs,
            sum(n_landed_not_accounted) as n_landed_not_accounted,
            sum(n_accounted_not_landed) as n_accounted_not_landed,
            min(example_landed_not_accounted) as example_landed_not_accounted,
            min(example_accounted_not_landed) as example_accounted_not_landed

        from (
            {%- for part in range(n_parts) %}
            {%- set in_part = '' if n_parts == 1 else ' where landing_row_number % ' ~ n_parts ~ ' = ' ~ part %}
            select
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
                select landing_row_number from {{ source(register.source_name, register.table_name) }}{{ in_part }}
            ) as landed
            full outer join (
                select landing_row_number from (
                    select landing_row_number from {{ ref(register.staged_model) }}

                    union all

                    select landing_row_number from {{ ref('quarantined_rows') }}
                    where source_table = '{{ register.table_name }}'
                ) as staged_or_quarantined{{ in_part }}
            ) as accounted
                on landed.landing_row_number = accounted.landing_row_number
            {%- if not loop.last %}

            union all
            {% endif %}
            {%- endfor %}
        ) as parts
    ) as pairs

),
{% endfor %}

counted as (
    {% for register in registers %}
        select * from counted_{{ register.table_name }}
        {% if not loop.last %}
            union all
        {% endif %}
    {%- endfor %}
),

final as (

    select * from counted
    where
        n_landed_not_accounted > 0
        or n_accounted_not_landed > 0
        or n_pairs <> n_landed
        or n_pairs <> n_accounted

)

select * from final
