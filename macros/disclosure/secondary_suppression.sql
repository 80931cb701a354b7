{#-
    Secondary suppression: adds suppressed cells until every relation protects the hidden
    cells in it, in deterministic rounds (run_query loop, at most var('disclosure_max_rounds')).

    cells      relation with cell_id, stat_year, value, is_virtual, is_fixed, primary_reason
    relations  relation with relation_id, relation_kind, cell_id, side ('total' | 'part' for
               sums, 'dependent' | 'trigger' for relation_kind 'dependency')
    state      name of a work table to create (schema.identifier); returned, with columns
               cell_id, is_hidden, suppressed_in_round

    Hidden = primary-suppressed and not fixed by the definitions, secondary-suppressed, or
    virtual (a complement, never published). A sum relation "totals = parts" VIOLATES when it
    holds a hidden cell that is not virtual and
      (1) it holds only one hidden cell (the cell equals published numbers), or
      (2) one side is wholly published and the hidden cells of the other side sum to less
          than min_cell_size (their sum is known, so each lies in [0, sum], narrower than
          the minimum cell).
    Each round, each violating relation adds one cell: among its cells that are not hidden,
    not fixed, and not pinned to 0 by a published 0 total, the first by
      parts before totals (protect with detail, not with the totals people use most);
      cells whose value covers the deficit of (2) (at least 1) first;
      fewest relations that the cell would newly violate (closes rectangles and cycles);
      the smallest value; the cell id (deterministic).
    A dependency relation hides its dependent cell as soon as a trigger cell is hidden.
    Stops when a round adds nothing; raises when not converged after max_rounds.

    This is a heuristic with the property the audit needs in the common cases (each hidden
    cell sits in a suppressed rectangle or cycle whose opposite cells can absorb a move of
    min_cell_size); lea/audit.py proves protection with linear programming.
-#}
{% macro lea_secondary_suppression(cells, relations, state) -%}
    {%- if not execute -%}
        {{ return(state) }}
    {%- endif -%}
    {%- set min_cell = var('min_cell_size') | int -%}
    {%- set picks = state ~ '__picks' -%}
    {%- set next = state ~ '__next' -%}

    {%- do run_query(
        "create or replace table " ~ state ~ " as select cell_id, stat_year, value, is_virtual, is_fixed, "
        ~ "primary_reason is not null and not is_fixed as is_protected, "
        ~ "is_virtual and not is_fixed or (primary_reason is not null and not is_fixed) as is_hidden, "
        ~ "cast(case when primary_reason is not null and not is_fixed then 0 end as integer) as suppressed_in_round "
        ~ "from " ~ cells) -%}

    {%- if not var('secondary_suppression') -%}
        {{ log("Disclosure: secondary suppression is switched off (var secondary_suppression)", info=true) }}
        {{ return(state) }}
    {%- endif -%}

    {%- set ns = namespace(done=false, rounds=0, added=0) -%}
    {%- for round_number in range(1, var('disclosure_max_rounds') | int + 1) -%}
        {%- if not ns.done -%}
            {%- do run_query(lea_suppression_round_sql(relations, state, picks, min_cell)) -%}
            {%- set added = run_query("select count(*) from " ~ picks).columns[0].values()[0] | int -%}
            {%- if added == 0 -%}
                {%- set ns.done = true -%}
            {%- else -%}
                {%- set ns.rounds = round_number -%}
                {%- set ns.added = ns.added + added -%}
                {%- do run_query(
                    "create or replace table " ~ next ~ " as select state.cell_id, state.stat_year, state.value, "
                    ~ "state.is_virtual, state.is_fixed, state.is_protected, "
                    ~ "state.is_hidden or picks.cell_id is not null as is_hidden, "
                    ~ "coalesce(state.suppressed_in_round, case when picks.cell_id is not null then "
                    ~ round_number ~ " end) as suppressed_in_round "
                    ~ "from " ~ state ~ " as state left join " ~ picks ~ " as picks on state.cell_id = picks.cell_id") -%}
                {%- do run_query("drop table " ~ state) -%}
                {%- do run_query("create table " ~ state ~ " as select * from " ~ next) -%}
                {%- do run_query("drop table " ~ next) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do run_query("drop table if exists " ~ picks) -%}
    {%- if not ns.done -%}
        {{ exceptions.raise_compiler_error(
            "Disclosure: secondary suppression did not converge in " ~ var('disclosure_max_rounds')
            ~ " rounds (var disclosure_max_rounds)") }}
    {%- endif -%}
    {{ log("Disclosure: secondary suppression added " ~ ns.added ~ " cells in " ~ ns.rounds ~ " rounds", info=true) }}
    {{ return(state) }}
{%- endmacro %}


{% macro lea_suppression_round_sql(relations, state, picks, min_cell) -%}
{%- set big = 1000000000 -%}
create or replace table {{ picks }} as
with

members as (

    select
        relations.relation_id,
        relations.relation_kind,
        relations.side,
        state.cell_id,
        state.value,
        state.is_hidden,
        state.is_virtual,
        state.is_fixed
    from {{ relations }} as relations
    inner join {{ state }} as state
        on relations.cell_id = state.cell_id

),

sides as (

    select
        relation_id,
        side,
        sum(case when is_hidden then 1 else 0 end) as n_hidden,
        sum(case when is_hidden then value else 0 end) as hidden_sum,
        sum(case when not is_hidden then value else 0 end) as shown_sum
    from members
    where relation_kind <> 'dependency'
    group by relation_id, side

),

sums as (

    select
        relation_id,
        sum(n_hidden) as n_hidden,
        sum(case when side = 'total' then n_hidden else 0 end) as n_hidden_total,
        sum(case when side = 'part' then n_hidden else 0 end) as n_hidden_part,
        sum(case when side = 'total' then shown_sum else 0 end) as shown_total_sum,
        sum(case when side = 'part' then shown_sum else 0 end) as shown_part_sum
    from sides
    group by relation_id

),

capacities as (

    -- How far a hidden cell can move within the relation while every other cell stays >= 0:
    -- up, by taking from hidden cells of its own side or by growing the other side; down,
    -- by growing its own side or taking from the other side.
    select
        members.relation_id,
        members.cell_id,
        members.value,
        (same_side.hidden_sum - members.value)
        + case when other_side.n_hidden > 0 then {{ big }} else 0 end as up_capacity,
        case when same_side.n_hidden > 1 then {{ big }} else 0 end
        + coalesce(other_side.hidden_sum, 0) as down_capacity
    from members
    inner join sides as same_side
        on
            members.relation_id = same_side.relation_id
            and members.side = same_side.side
    left join sides as other_side
        on
            members.relation_id = other_side.relation_id
            and members.side <> other_side.side
    where
        members.relation_kind <> 'dependency'
        and members.is_hidden
        and not members.is_virtual

),

shortfalls as (

    -- Each hidden cell must be able to reach min_cell_size (up by min_cell - value) and to
    -- go down by its value, at most min_cell (so its interval is min_cell wide).
    select
        relation_id,
        cell_id,
        {{ min_cell }} - value - up_capacity as up_deficit,
        least(value, {{ min_cell }}) - down_capacity as down_deficit
    from capacities
    where
        up_capacity < {{ min_cell }} - value
        or down_capacity < least(value, {{ min_cell }})

),

violations as (

    -- One shortfall per relation and round: the largest, then the cell id.
    select
        shortfalls.relation_id,
        members.side as short_side,
        greatest(shortfalls.up_deficit, 0) as up_deficit,
        greatest(shortfalls.down_deficit, 0) as down_deficit
    from (
        select
            *,
            row_number() over (
                partition by relation_id
                order by greatest(up_deficit, down_deficit) desc, cell_id
            ) as worst
        from shortfalls
    ) as shortfalls
    inner join members
        on
            shortfalls.relation_id = members.relation_id
            and shortfalls.cell_id = members.cell_id
    where shortfalls.worst = 1

),

pinned as (

    -- A wholly published side that sums to 0 pins every cell of the other side to 0.
    select distinct members.cell_id
    from members
    inner join sums
        on members.relation_id = sums.relation_id
    where
        (members.side = 'part' and sums.n_hidden_total = 0 and sums.shown_total_sum = 0)
        or (members.side = 'total' and sums.n_hidden_part = 0 and sums.shown_part_sum = 0)

),

candidates as (

    -- A candidate on the short cell's side adds room down and, with its value, up; one on
    -- the other side adds room up and, with its value, down.
    select
        violations.relation_id,
        members.cell_id,
        members.value,
        members.side,
        case
            when members.side = violations.short_side
                then members.value >= greatest(violations.up_deficit, 1)
            else members.value >= greatest(violations.down_deficit, 1)
        end as covers_deficit
    from violations
    inner join members
        on violations.relation_id = members.relation_id
    where
        not members.is_hidden
        and not members.is_fixed
        and members.cell_id not in (select cell_id from pinned)

),

newly_violated as (

    select
        members.cell_id,
        count(*) as n_relations
    from members
    inner join sums
        on members.relation_id = sums.relation_id
    where
        sums.n_hidden = 0
        and members.cell_id in (select cell_id from candidates)
    group by members.cell_id

),

ranked as (

    select
        candidates.cell_id,
        row_number() over (
            partition by candidates.relation_id
            order by
                case when candidates.side = 'part' then 0 else 1 end,
                case when candidates.covers_deficit then 0 else 1 end,
                coalesce(newly_violated.n_relations, 0),
                candidates.value,
                candidates.cell_id
        ) as preference
    from candidates
    left join newly_violated
        on candidates.cell_id = newly_violated.cell_id

),

triggered as (

    select distinct dependents.cell_id
    from members as dependents
    inner join members as triggers
        on dependents.relation_id = triggers.relation_id
    where
        dependents.relation_kind = 'dependency'
        and dependents.side = 'dependent'
        and triggers.side = 'trigger'
        and triggers.is_hidden
        and not dependents.is_hidden
        and not dependents.is_fixed

),

final as (

    select cell_id from ranked where preference = 1
    union
    select cell_id from triggered

)

select * from final
{%- endmacro %}
