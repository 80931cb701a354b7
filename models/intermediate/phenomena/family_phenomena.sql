{#- The eleven phenomena of every study family with children and statistical year, with
    the inputs that decided them and the no_ecec denominator. Definitions:
    families-and-indicators.md and the docs block phenomena_rules. Person facts
    (models/intermediate/person_facts) are joined to members by person and year; a member
    without a fact row has none (no days, no contacts). Income, the low-income threshold
    and the two income phenomena come from int_family_income. -#}
with

families as (

    select * from {{ ref('int_families') }}

),

family_members as (

    select * from {{ ref('int_family_members') }}

),

family_structures as (

    select * from {{ ref('family_structures') }}

),

family_income as (

    select * from {{ ref('int_family_income') }}

),

person_unemployment as (

    select * from {{ ref('int_person_unemployment_years') }}

),

person_degrees as (

    select * from {{ ref('int_person_degree_years') }}

),

person_care as (

    select * from {{ ref('int_person_care_windows') }}

),

person_medicine as (

    select * from {{ ref('int_person_medicine_windows') }}

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

study_families as (

    select
        families.stat_year,
        families.family_id,
        families.municipality_code,
        families.postcode,
        families.is_ordinary_postcode,
        families.family_structure,
        families.youngest_child_id,
        families.youngest_child_age,
        families.n_children_under_age_limit,
        families.youngest_parent_age,
        coalesce(family_structures.is_single_parent, false) as is_single_parent

    from families
    left join family_structures
        on families.family_structure = family_structures.family_structure
    where families.is_in_study_area and families.is_family_with_children

),

{# Every member of a study family. phenomenon_role is the role the person-fact rules
    look at (seed column member_role): the parents, and the children under the age limit;
    children at or over the limit count only for income and social assistance. #}
members as (

    select
        family_members.stat_year,
        family_members.family_id,
        family_members.person_id,
        family_members.age,
        case
            when family_members.member_role = 'parent' then 'parent'
            when
                family_members.member_role = 'child'
                and family_members.is_child_under_age_limit
                then 'child'
        end as phenomenon_role

    from family_members
    inner join study_families
        on
            family_members.stat_year = study_families.stat_year
            and family_members.family_id = study_families.family_id

),

parent_facts as (

    select
        members.stat_year,
        members.family_id,
        cast(max(coalesce(person_unemployment.unemployment_days, 0)) as integer)
            as max_parent_unemployment_days,
        cast(sum(case when person_degrees.person_id is not null then 1 else 0 end) as integer)
            as n_parents_with_degree

    from members
    left join person_unemployment
        on
            members.stat_year = person_unemployment.stat_year
            and members.person_id = person_unemployment.person_id
    left join person_degrees
        on
            members.stat_year = person_degrees.stat_year
            and members.person_id = person_degrees.person_id
    where members.phenomenon_role = 'parent'
    group by members.stat_year, members.family_id

),

care_evidence as (

    select
        members.stat_year,
        members.family_id,
        person_care.phenomenon

    from members
    inner join person_care
        on
            members.stat_year = person_care.stat_year
            and members.person_id = person_care.person_id
            and members.phenomenon_role = person_care.member_role

),

{# Counting rules of seed phenomenon_medicine_codes: purchases_threshold needs
    var('n06a_purchases_threshold') purchase rows of one person, any_purchase one. #}
medicine_evidence as (

    select
        members.stat_year,
        members.family_id,
        person_medicine.phenomenon

    from members
    inner join person_medicine
        on
            members.stat_year = person_medicine.stat_year
            and members.person_id = person_medicine.person_id
            and members.phenomenon_role = person_medicine.member_role
    where
        (
            person_medicine.counting_rule = 'purchases_threshold'
            and person_medicine.n_purchases >= {{ var('n06a_purchases_threshold') }}
        )
        or (
            person_medicine.counting_rule = 'any_purchase'
            and person_medicine.n_purchases >= 1
        )

),

health_evidence as (

    select * from care_evidence
    union all
    select * from medicine_evidence

),

health_flags as (

    select
        stat_year,
        family_id,
        max(case when phenomenon = 'parental_mental_health' then 1 else 0 end)
            as has_parental_mental_health,
        max(case when phenomenon = 'parental_substance_use' then 1 else 0 end)
            as has_parental_substance_use,
        max(case when phenomenon = 'child_mental_health' then 1 else 0 end)
            as has_child_mental_health

    from health_evidence
    group by stat_year, family_id

),

parent_n06a_purchases as (

    select
        members.stat_year,
        members.family_id,
        cast(max(person_medicine.n_purchases) as integer) as max_parent_n06a_purchases

    from members
    inner join person_medicine
        on
            members.stat_year = person_medicine.stat_year
            and members.person_id = person_medicine.person_id
            and members.phenomenon_role = person_medicine.member_role
    where
        members.phenomenon_role = 'parent'
        and person_medicine.counting_rule = 'purchases_threshold'
    group by members.stat_year, members.family_id

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

{# One list of the columns: the location and situation, the eleven phenomena and the
    no_ecec denominator, the inputs that decided them (0 where a family has no fact row). #}
phenomena as (

    select
        study_families.stat_year,
        study_families.family_id,
        study_families.municipality_code,
        case when study_families.is_ordinary_postcode then study_families.postcode end as postcode,
        study_families.is_ordinary_postcode,
        study_families.family_structure,
        study_families.youngest_child_age,
        study_families.n_children_under_age_limit,
        study_families.youngest_parent_age,
        family_income.n_members,
        coalesce(family_income.low_income, false) as low_income,
        family_income.social_assistance,
        coalesce(parent_facts.max_parent_unemployment_days, 0) >= {{ var('unemployment_days_threshold') }}
            as parental_unemployment,
        coalesce(parent_facts.n_parents_with_degree, 0) = 0 as low_parental_education,
        coalesce(health_flags.has_parental_mental_health, 0) = 1 as parental_mental_health,
        coalesce(health_flags.has_parental_substance_use, 0) = 1 as parental_substance_use,
        coalesce(health_flags.has_child_mental_health, 0) = 1 as child_mental_health,
        coalesce(child_facts.n_children_with_welfare_measure, 0) > 0 as child_welfare,
        study_families.is_single_parent as single_parent,
        coalesce(person_moves.n_moves, 0) >= {{ var('frequent_moves_threshold') }} as frequent_moves,
        coalesce(child_facts.n_children_aged_3_5_without_ecec, 0) > 0 as no_ecec,
        coalesce(child_facts.n_children_aged_3_5, 0) > 0 as has_child_aged_3_5,
        cast(coalesce(person_moves.n_moves, 0) as integer) as youngest_child_moves,
        family_income.family_disposable_income_eur,
        family_income.oecd_consumption_units,
        family_income.equivalised_income_eur,
        family_income.median_equivalised_income_eur,
        family_income.low_income_threshold_eur,
        family_income.max_member_social_assistance_months,
        coalesce(parent_facts.max_parent_unemployment_days, 0) as max_parent_unemployment_days,
        coalesce(parent_n06a_purchases.max_parent_n06a_purchases, 0) as max_parent_n06a_purchases,
        coalesce(parent_facts.n_parents_with_degree, 0) as n_parents_with_degree,
        coalesce(child_facts.n_children_with_welfare_measure, 0) as n_children_with_welfare_measure,
        coalesce(child_facts.n_children_aged_3_5, 0) as n_children_aged_3_5,
        coalesce(child_facts.n_children_aged_3_5_without_ecec, 0) as n_children_aged_3_5_without_ecec

    from study_families
    left join family_income
        on
            study_families.stat_year = family_income.stat_year
            and study_families.family_id = family_income.family_id
    left join parent_facts
        on
            study_families.stat_year = parent_facts.stat_year
            and study_families.family_id = parent_facts.family_id
    left join parent_n06a_purchases
        on
            study_families.stat_year = parent_n06a_purchases.stat_year
            and study_families.family_id = parent_n06a_purchases.family_id
    left join health_flags
        on
            study_families.stat_year = health_flags.stat_year
            and study_families.family_id = health_flags.family_id
    left join child_facts
        on
            study_families.stat_year = child_facts.stat_year
            and study_families.family_id = child_facts.family_id
    left join person_moves
        on
            study_families.stat_year = person_moves.stat_year
            and study_families.youngest_child_id = person_moves.person_id

),

final as (

    select
        *,
        cast(
            {% for phenomenon in lea_phenomenon_ids() %}
                {{ '+ ' if not loop.first }}case when {{ phenomenon }} then 1 else 0 end
            {% endfor %}
            as integer
        ) as n_phenomena

    from phenomena

)

select * from final
