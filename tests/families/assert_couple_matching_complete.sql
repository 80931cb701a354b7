{#-
    The greedy couple matching ran enough rounds (var couple_matching_rounds): no candidate
    pair is left whose two persons are both unmatched. Raise the var if this fails.
-#}
with

candidates as (

    select * from {{ ref('int_couple_candidates') }}

),

couples as (

    select * from {{ ref('int_couples') }}

),

matched_persons as (

    select
        stat_year,
        person_id_low as person_id
    from couples
    union all
    select
        stat_year,
        person_id_high as person_id
    from couples

),

final as (

    select
        candidates.stat_year,
        candidates.dwelling_id,
        candidates.person_id_low,
        candidates.person_id_high,
        candidates.couple_rule,
        candidates.age_difference

    from candidates
    left join matched_persons as matched_low
        on
            candidates.stat_year = matched_low.stat_year
            and candidates.person_id_low = matched_low.person_id
    left join matched_persons as matched_high
        on
            candidates.stat_year = matched_high.stat_year
            and candidates.person_id_high = matched_high.person_id
    where matched_low.person_id is null and matched_high.person_id is null

)

select * from final
