{#-
    Accounting of the quarantine, independent of any var but its range size: for every
    register table, every landed row is either staged (in its stg_ view) or quarantined (in
    quarantined_rows), exactly once; and nothing is staged or quarantined that was not
    landed. Fails with one row per table that breaks this, with the counts of each kind of
    row and the smallest and largest row number of each kind.

    Memory-bounded at any volume: no join or window over the rows of a register. The row
    numbers are cut into ranges of var('accounting_range_rows') numbers, and per table and
    range three multisets of row numbers are summarised by aggregation alone (a count and a
    sum of 64-bit hashes, which DuckDB streams):
      L  the landed row numbers,
      A  the accounted ones (staged and quarantined together),
      E  the numbers 1..n, n the table's landed rows (what a landing numbers its rows),
         made per range from a constant series of offsets (streamed, never a list).
    Where L = E and A = L in a range, every landed number of the range occurs once (E is a
    set) and is accounted once. Equal counts and hash sums of unequal multisets need a sum
    of 64-bit hashes to cancel exactly; a lost row and a doubled row in one range cancel
    only if their hashes are equal. Only the ranges that differ are compared row by row,
    exactly: per row number, how often it was landed and accounted (an aggregation, which
    DuckDB spills), every number that is not landed once and accounted once is a failure.
    A range whose landed numbers are not 1..n (a landing that numbers rows otherwise)
    is compared row by row and passes when its rows are accounted for.
    A NULL row number is in range -1, which no landing numbers, so it is always compared
    row by row, and it counts as landed or accounted but never as both.
    So it is also the key test of every base_ validation model and stg_ view: their
    landing_row_number is unique and never NULL (a base_ model's rows are its stg_ view's
    and its quarantined rows); they have no key test of their own, which would group
    every row by its number once more.
    The stg_ views and landed tables are read where they are used (hence the noqa of the
    lint): DuckDB would copy a CTE referenced more than once.
-#}
{%- set registers = lea_register_staging_models() %}
{%- set range_rows = var('accounting_range_rows') %}
{%- if not (range_rows is number and range_rows >= 1 and range_rows == range_rows | int) %}
    {{ exceptions.raise_compiler_error(
        "var accounting_range_rows must be a whole number of at least 1, not " ~ range_rows) }}
{%- endif %}
{%- set range_rows = range_rows | int %}
{#- The expected numbers: range_id * range_rows + offset + 1, for every range up to n. -#}
{%- set expected_number = 'cast(range_ids.range_id * ' ~ range_rows ~ ' + offsets.range_offset + 1 as bigint)' %}
{%- set n_ranges = lea_row_range('landed_count.n_landed', range_rows) ~ ' + 1' %}


with

{# One row per table, side and range: L (landed), A (accounted) and E (expected, 1..n). #}
range_sums as (
    {% for register in registers %}
        select
            '{{ register.table_name }}' as source_table,
            'landed' as side,
            {{ lea_row_range('landed_rows.landing_row_number', range_rows) }} as range_id,
            count(*) as n_rows,
            sum({{ lea_row_hash(['cast(landed_rows.landing_row_number as bigint)']) }}) as hash_sum

        from {{ source(register.source_name, register.table_name) }} as landed_rows
        group by {{ lea_row_range('landed_rows.landing_row_number', range_rows) }}

        union all

        select
            '{{ register.table_name }}' as source_table,
            'accounted' as side,
            {{ lea_row_range('accounted.landing_row_number', range_rows) }} as range_id,
            count(*) as n_rows,
            sum({{ lea_row_hash(['cast(accounted.landing_row_number as bigint)']) }}) as hash_sum

        from (  -- noqa: ST05
            select staged_rows.landing_row_number
            from {{ ref(register.staged_model) }} as staged_rows

            union all

            select quarantined_rows.landing_row_number
            from {{ ref('quarantined_rows') }} as quarantined_rows
            where quarantined_rows.source_table = '{{ register.table_name }}'
        ) as accounted
        group by {{ lea_row_range('accounted.landing_row_number', range_rows) }}

        union all

        select
            '{{ register.table_name }}' as source_table,
            'expected' as side,
            range_ids.range_id,
            count(*) as n_rows,
            sum({{ lea_row_hash([expected_number]) }}) as hash_sum

        from (  -- noqa: ST05
            select count(*) as n_landed
            from {{ source(register.source_name, register.table_name) }}
        ) as landed_count
        cross join {{ lea_numbers_from_zero(n_ranges, 'range_ids', 'range_id') }}
        cross join {{ lea_numbers_from_zero(range_rows, 'offsets', 'range_offset') }}
        where {{ expected_number }} <= landed_count.n_landed
        group by range_ids.range_id
        {% if not loop.last %}
            union all
        {% endif %}
    {%- endfor %}
),

ranges as (

    select
        source_table,
        range_id,
        sum(case when side = 'landed' then n_rows else 0 end) as n_landed,
        sum(case when side = 'accounted' then n_rows else 0 end) as n_accounted,
        sum(case when side = 'expected' then n_rows else 0 end) as n_expected,
        sum(case when side = 'landed' then hash_sum else 0 end) as landed_hash_sum,
        sum(case when side = 'accounted' then hash_sum else 0 end) as accounted_hash_sum,
        sum(case when side = 'expected' then hash_sum else 0 end) as expected_hash_sum

    from range_sums
    group by source_table, range_id

),

differing_ranges as (

    select
        source_table,
        range_id

    from ranges
    where
        n_landed != n_expected
        or n_accounted != n_landed
        or landed_hash_sum != expected_hash_sum
        or accounted_hash_sum != landed_hash_sum

),

{# Row by row, only in the ranges that differ: how often each number was landed and accounted. #}
row_occurrences as (
    {% for register in registers %}
        select
            '{{ register.table_name }}' as source_table,
            landed_rows.landing_row_number,
            1 as n_landed,
            0 as n_accounted

        from {{ source(register.source_name, register.table_name) }} as landed_rows
        where
            {{ lea_row_range('landed_rows.landing_row_number', range_rows) }} in (
                select differing_ranges.range_id
                from differing_ranges
                where differing_ranges.source_table = '{{ register.table_name }}'
            )

        union all

        select
            '{{ register.table_name }}' as source_table,
            staged_rows.landing_row_number,
            0 as n_landed,
            1 as n_accounted

        from {{ ref(register.staged_model) }} as staged_rows
        where
            {{ lea_row_range('staged_rows.landing_row_number', range_rows) }} in (
                select differing_ranges.range_id
                from differing_ranges
                where differing_ranges.source_table = '{{ register.table_name }}'
            )

        union all

        select
            '{{ register.table_name }}' as source_table,
            quarantined_rows.landing_row_number,
            0 as n_landed,
            1 as n_accounted

        from {{ ref('quarantined_rows') }} as quarantined_rows
        where
            quarantined_rows.source_table = '{{ register.table_name }}'
            and {{ lea_row_range('quarantined_rows.landing_row_number', range_rows) }} in (
                select differing_ranges.range_id
                from differing_ranges
                where differing_ranges.source_table = '{{ register.table_name }}'
            )
        {% if not loop.last %}
            union all
        {% endif %}
    {%- endfor %}
),

{# A NULL row number is never both landed and accounted: each side's NULLs stay apart. #}
row_counts as (

    select
        source_table,
        landing_row_number,
        sum(n_landed) as n_landed,
        sum(n_accounted) as n_accounted

    from row_occurrences
    group by source_table, landing_row_number, case when n_landed = 1 and landing_row_number is null then 1 end

),

wrong_rows as (

    select
        source_table,
        landing_row_number,
        case
            when n_accounted = 0 then 'landed_not_accounted'
            when n_landed = 0 then 'accounted_not_landed'
            when n_landed > 1 then 'landed_more_than_once'
            else 'accounted_more_than_once'
        end as failure

    from row_counts
    where not (n_landed = 1 and n_accounted = 1)

),

table_totals as (

    select
        source_table,
        sum(n_landed) as n_landed,
        sum(n_accounted) as n_accounted,
        count(
            case
                when
                    n_landed != n_expected
                    or n_accounted != n_landed
                    or landed_hash_sum != expected_hash_sum
                    or accounted_hash_sum != landed_hash_sum
                    then 1
            end
        ) as n_differing_ranges

    from ranges
    group by source_table

),

failures as (

    select
        source_table,
        count(case when failure = 'landed_not_accounted' then 1 end) as n_landed_not_accounted,
        min(case when failure = 'landed_not_accounted' then landing_row_number end) as first_landed_not_accounted,
        max(case when failure = 'landed_not_accounted' then landing_row_number end) as last_landed_not_accounted,
        count(case when failure = 'accounted_not_landed' then 1 end) as n_accounted_not_landed,
        min(case when failure = 'accounted_not_landed' then landing_row_number end) as first_accounted_not_landed,
        max(case when failure = 'accounted_not_landed' then landing_row_number end) as last_accounted_not_landed,
        count(case when failure = 'landed_more_than_once' then 1 end) as n_landed_more_than_once,
        min(case when failure = 'landed_more_than_once' then landing_row_number end) as first_landed_more_than_once,
        max(case when failure = 'landed_more_than_once' then landing_row_number end) as last_landed_more_than_once,
        count(case when failure = 'accounted_more_than_once' then 1 end) as n_accounted_more_than_once,
        min(case when failure = 'accounted_more_than_once' then landing_row_number end)
            as first_accounted_more_than_once,
        max(case when failure = 'accounted_more_than_once' then landing_row_number end)
            as last_accounted_more_than_once

    from wrong_rows
    group by source_table

),

final as (

    select
        table_totals.source_table,
        table_totals.n_landed,
        table_totals.n_accounted,
        table_totals.n_differing_ranges,
        failures.n_landed_not_accounted,
        failures.first_landed_not_accounted,
        failures.last_landed_not_accounted,
        failures.n_accounted_not_landed,
        failures.first_accounted_not_landed,
        failures.last_accounted_not_landed,
        failures.n_landed_more_than_once,
        failures.first_landed_more_than_once,
        failures.last_landed_more_than_once,
        failures.n_accounted_more_than_once,
        failures.first_accounted_more_than_once,
        failures.last_accounted_more_than_once

    from table_totals
    left join failures
        on table_totals.source_table = failures.source_table
    where
        failures.source_table is not null
        or table_totals.n_landed != table_totals.n_accounted

)

select * from final
