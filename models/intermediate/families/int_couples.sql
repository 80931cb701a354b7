{#-
    The couples of each year, chosen greedily from int_couple_candidates so that each
    person is in at most one couple: candidate pairs are ranked by rule (a, b, c), then the
    smallest whole-year age difference, then the pair (smaller pseudonym, larger pseudonym)
    by code point, and taken in that order.

    Greedy matching runs as a fixed number of rounds (var `couple_matching_rounds`): each
    round accepts every remaining pair that is the best remaining pair of both its persons
    (such a pair is taken by the greedy order too: no better pair can ever claim either
    person) and drops the pairs of the persons it matched. The result is exactly the greedy
    one. The singular test `assert_couple_matching_complete` fails the build when a
    candidate pair of two unmatched persons is left after the last round.
-#}
{%- set n_rounds = var('couple_matching_rounds') | int -%}
with

candidates as (

    select * from {{ ref('int_couple_candidates') }}

),

remaining_0 as (

    select
        stat_year,
        dwelling_id,
        person_id_low,
        person_id_high,
        couple_rule,
        rule_rank,
        age_difference

    from candidates

),

{% for round in range(1, n_rounds + 1) %}
    pair_ends_{{ round }} as (

        select
            *,
            person_id_low as person_id
        from remaining_{{ round - 1 }}
        union all
        select
            *,
            person_id_high as person_id
        from remaining_{{ round - 1 }}

    ),

    ranked_ends_{{ round }} as (

        select
            *,
            row_number() over (
                partition by stat_year, person_id
                order by rule_rank, age_difference, person_id_low, person_id_high
            ) as rank_for_person

        from pair_ends_{{ round }}

    ),

    accepted_{{ round }} as (

        select
            stat_year,
            dwelling_id,
            person_id_low,
            person_id_high,
            couple_rule,
            rule_rank,
            age_difference,
            {{ round }} as matching_round

        from ranked_ends_{{ round }}
        where rank_for_person = 1
        group by
            stat_year, dwelling_id, person_id_low, person_id_high, couple_rule, rule_rank,
            age_difference
        having count(*) = 2

    ),

    matched_{{ round }} as (

        select
            stat_year,
            person_id_low as person_id
        from accepted_{{ round }}
        union all
        select
            stat_year,
            person_id_high as person_id
        from accepted_{{ round }}

    ),

    remaining_{{ round }} as (

        select remaining_{{ round - 1 }}.*

        from remaining_{{ round - 1 }}
        left join matched_{{ round }} as matched_low
            on
                remaining_{{ round - 1 }}.stat_year = matched_low.stat_year
                and remaining_{{ round - 1 }}.person_id_low = matched_low.person_id
        left join matched_{{ round }} as matched_high
            on
                remaining_{{ round - 1 }}.stat_year = matched_high.stat_year
                and remaining_{{ round - 1 }}.person_id_high = matched_high.person_id
        where matched_low.person_id is null and matched_high.person_id is null

    ),

{% endfor %}
final as (

    {% for round in range(1, n_rounds + 1) %}
        select * from accepted_{{ round }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

)

select * from final
