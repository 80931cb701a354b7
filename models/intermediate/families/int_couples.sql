{#-
    The couples of each year, chosen greedily from int_couple_candidates so that each
    person is in at most one couple: candidate pairs are ranked by rule (a, b, c), then the
    smallest whole-year age difference, then the pair (smaller pseudonym, larger pseudonym)
    by code point, and taken in that order.

    Greedy matching runs as a fixed number of rounds (var `couple_matching_rounds`): each
    round accepts every open pair that is the best open pair of both its persons (such a
    pair is taken by the greedy order too: no better pair can ever claim either person) and
    closes every pair of the persons it matched. The result is exactly the greedy one. The
    singular test `assert_couple_matching_complete` fails the build when a candidate pair of
    two unmatched persons is left after the last round.

    Each open pair is kept as two rows, one per person ("ends"). A round reads the open ends
    of the previous round once, with window functions only, and hands on the pairs still
    open; the pairs it accepts leave by a side branch. So the SQL plan grows linearly with
    the rounds (quadratically at worst on engines that inline CTEs), and rounds after the
    first work on the few contested pairs left.
-#}
{%- set n_rounds = var('couple_matching_rounds') | int -%}
with

candidates as (

    select * from {{ ref('int_couple_candidates') }}

),

open_0 as (

    select
        stat_year,
        dwelling_id,
        person_id_low,
        person_id_high,
        couple_rule,
        rule_rank,
        age_difference,
        person_id_low as person_id
    from candidates
    union all
    select
        stat_year,
        dwelling_id,
        person_id_low,
        person_id_high,
        couple_rule,
        rule_rank,
        age_difference,
        person_id_high as person_id
    from candidates

),

{% for round in range(1, n_rounds + 1) %}
    ranked_{{ round }} as (

        select
            *,
            row_number() over (
                partition by stat_year, person_id
                order by rule_rank, age_difference, person_id_low, person_id_high
            ) as rank_for_person

        from open_{{ round - 1 }}

    ),

    accepted_{{ round }} as (

        -- a pair that is the best open pair of both its persons
        select
            *,
            sum(case when rank_for_person = 1 then 1 else 0 end) over (
                partition by stat_year, person_id_low, person_id_high
            ) = 2 as is_accepted

        from ranked_{{ round }}

    ),

    matched_{{ round }} as (

        select
            *,
            max(case when is_accepted then 1 else 0 end) over (
                partition by stat_year, person_id
            ) as is_person_matched

        from accepted_{{ round }}

    ),

    closed_{{ round }} as (

        -- every pair of a person matched in this round closes
        select
            *,
            max(is_person_matched) over (
                partition by stat_year, person_id_low, person_id_high
            ) = 1 as is_closed

        from matched_{{ round }}

    ),

    couples_{{ round }} as (

        select
            stat_year,
            dwelling_id,
            person_id_low,
            person_id_high,
            couple_rule,
            rule_rank,
            age_difference,
            {{ round }} as matching_round

        from closed_{{ round }}
        where is_accepted and person_id = person_id_low

    ),

    open_{{ round }} as (

        select
            stat_year,
            dwelling_id,
            person_id_low,
            person_id_high,
            couple_rule,
            rule_rank,
            age_difference,
            person_id

        from closed_{{ round }}
        where not is_closed

    ),

{% endfor %}
final as (

    {% for round in range(1, n_rounds + 1) %}
        select * from couples_{{ round }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from final
