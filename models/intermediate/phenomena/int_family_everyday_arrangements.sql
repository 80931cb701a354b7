{#- The everyday arrangements of every study family with children and statistical year:
    child_welfare, frequent_moves and no_ecec with its denominator has_child_aged_3_5, and
    the counts that decided them (0 when no child has a fact row). Rules: the docs block
    int_family_phenomena. -#}
with

study_families as (

    select * from {{ ref('int_study_families') }}

),

members as (

    select * from {{ ref('int_study_family_members') }}

),

person_child_welfare as (

    select * from {{ ref('int_person_child_welfare_years') }}

),

person_ecec as (

    select * from {{ ref('int_person_ecec_years') }}

),

person_moves as (

    select * from {{ ref('int_person_moves') }}

),

child_facts as (

    select
        members.stat_year,
        members.family_id,
        cast(sum(case when person_child_welfare.person_id is not null then 1 else 0 end) as integer)
            as n_children_with_welfare_measure,
        cast(sum(
            case
                when members.age between {{ var('ecec_age_min') }} and {{ var('ecec_age_max') }}
                    then 1
                else 0
            end
        ) as integer) as n_children_aged_3_5,
        cast(sum(
            case
                when
                    members.age between {{ var('ecec_age_min') }} and {{ var('ecec_age_max') }}
                    and person_ecec.person_id is null
                    then 1
                else 0
            end
        ) as integer) as n_children_aged_3_5_without_ecec

    from members
    left join person_child_welfare
        on
            members.stat_year = person_child_welfare.stat_year
            and members.person_id = person_child_welfare.person_id
    left join person_ecec
        on
            members.stat_year = person_ecec.stat_year
            and members.person_id = person_ecec.person_id
    where members.phenomenon_role = 'child'
    group by members.stat_year, members.family_id

),

final as (

    select
        study_families.stat_year,
        study_families.family_id,
        coalesce(child_facts.n_children_with_welfare_measure, 0) > 0 as child_welfare,
        coalesce(person_moves.n_moves, 0) >= {{ var('frequent_moves_threshold') }} as frequent_moves,
        coalesce(child_facts.n_children_aged_3_5_without_ecec, 0) > 0 as no_ecec,
        coalesce(child_facts.n_children_aged_3_5, 0) > 0 as has_child_aged_3_5,
        cast(coalesce(person_moves.n_moves, 0) as integer) as youngest_child_moves,
        coalesce(child_facts.n_children_with_welfare_measure, 0) as n_children_with_welfare_measure,
        coalesce(child_facts.n_children_aged_3_5, 0) as n_children_aged_3_5,
        coalesce(child_facts.n_children_aged_3_5_without_ecec, 0) as n_children_aged_3_5_without_ecec

    from study_families
    left join child_facts
        on
            study_families.stat_year = child_facts.stat_year
            and study_families.family_id = child_facts.family_id
    left join person_moves
        on
            study_families.stat_year = person_moves.stat_year
            and study_families.youngest_child_id = person_moves.person_id

)

select * from final
