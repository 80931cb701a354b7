{#-
    The children of each year's families and the family unit each belongs to.

    A child is a resident who has a legal parent living in the same dwelling, is in no
    couple and has no legal child of their own living in the dwelling (even one with a
    family of their own): the two-generation rule, from the youngest generation up. A
    step-child counts: the child of either partner goes to the couple.

    Unit of a child with parents in several units of the dwelling: the couple holding more
    of its parents, then the couple with the smallest pseudonyms (smaller member, then the
    larger); a lone parent (a parent in no couple) gets the child only when no parent of the
    child is in a couple in the dwelling, and among several lone parents the one with the
    smallest pseudonym does. A unit is named by its anchor: the smaller pseudonym of a
    couple, or the lone parent (internal; int_family_members replaces it by family_id).
-#}
with

couples as (

    select * from {{ ref('int_couples') }}

),

parents_at_home as (

    select * from {{ ref('int_parents_at_home') }}

),

couple_members as (

    select
        stat_year,
        person_id_low as person_id,
        person_id_low,
        person_id_high
    from couples
    union all
    select
        stat_year,
        person_id_high as person_id,
        person_id_low,
        person_id_high
    from couples

),

persons_with_child_at_home as (

    select distinct
        stat_year,
        parent_id as person_id
    from parents_at_home

),

child_links as (

    -- a child of the two-generation rule and one of its parents in the dwelling, with the
    -- parent's unit
    select
        parents_at_home.stat_year,
        parents_at_home.dwelling_id,
        parents_at_home.child_id,
        parents_at_home.parent_id,
        parent_couples.person_id_low is not null as is_couple_unit,
        coalesce(parent_couples.person_id_low, parents_at_home.parent_id) as family_anchor_id,
        parent_couples.person_id_high as couple_person_id_high

    from parents_at_home
    left join couple_members as child_couples
        on
            parents_at_home.stat_year = child_couples.stat_year
            and parents_at_home.child_id = child_couples.person_id
    left join persons_with_child_at_home
        on
            parents_at_home.stat_year = persons_with_child_at_home.stat_year
            and parents_at_home.child_id = persons_with_child_at_home.person_id
    left join couple_members as parent_couples
        on
            parents_at_home.stat_year = parent_couples.stat_year
            and parents_at_home.parent_id = parent_couples.person_id
    where
        child_couples.person_id is null
        and persons_with_child_at_home.person_id is null

),

candidate_units as (

    select
        stat_year,
        dwelling_id,
        child_id,
        is_couple_unit,
        family_anchor_id,
        couple_person_id_high,
        count(*) as n_parents_in_unit

    from child_links
    group by
        stat_year, dwelling_id, child_id, is_couple_unit, family_anchor_id,
        couple_person_id_high

),

ranked_units as (

    select
        *,
        row_number() over (
            partition by stat_year, child_id
            order by
                case when is_couple_unit then 0 else 1 end asc,
                n_parents_in_unit desc,
                family_anchor_id asc,
                couple_person_id_high asc
        ) as unit_rank

    from candidate_units

),

final as (

    select
        stat_year,
        dwelling_id,
        child_id as person_id,
        family_anchor_id,
        is_couple_unit,
        cast(n_parents_in_unit as integer) as n_parents_in_unit

    from ranked_units
    where unit_rank = 1

)

select * from final
