{#- The eleven phenomena of every study family with children and statistical year, with
    the inputs that decided them and the no_ecec denominator. Definitions:
    families-and-indicators.md and the docs block phenomena_rules. Person facts
    (models/intermediate/person_facts) are joined to members by person and year; a member
    without a fact row has none (zero income, no days, no contacts). -#}
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

person_income as (

    select * from {{ ref('int_person_income_years') }}

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
        families.oldest_parent_id,
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
        end as phenomenon_role,
        case
            when family_members.person_id = study_families.oldest_parent_id
                then cast({{ var('oecd_weight_first_adult') }} as double)
            when family_members.age >= {{ var('oecd_adult_age') }}
                then cast({{ var('oecd_weight_other_adult') }} as double)
            else cast({{ var('oecd_weight_child') }} as double)
        end as oecd_weight

    from family_members
    inner join study_families
        on
            family_members.stat_year = study_families.stat_year
            and family_members.family_id = study_families.family_id

),

family_income as (

    select
        members.stat_year,
        members.family_id,
        cast(count(*) as integer) as n_members,
        sum(coalesce(person_income.disposable_income_eur, 0)) as family_disposable_income_eur,
        round(sum(members.oecd_weight), 4) as oecd_consumption_units,
        cast(max(coalesce(person_income.social_assistance_months, 0)) as integer)
            as max_member_social_assistance_months

    from members
    left join person_income
        on
            members.stat_year = person_income.stat_year
            and members.person_id = person_income.person_id
    group by members.stat_year, members.family_id

),

family_equivalised_income as (

    select
        stat_year,
        family_id,
        n_members,
        family_disposable_income_eur,
        oecd_consumption_units,
        cast(family_disposable_income_eur as double) / oecd_consumption_units as equivalised_income_eur,
        max_member_social_assistance_months

    from family_income

),

{# Each person of a study family with children carries the family's equivalised income
    into the median. #}
yearly_medians as (

    select
        members.stat_year,
        {{ lea_median('family_equivalised_income.equivalised_income_eur') }}
            as median_equivalised_income_eur

    from members
    inner join family_equivalised_income
        on
            members.stat_year = family_equivalised_income.stat_year
            and members.family_id = family_equivalised_income.family_id
    group by members.stat_year

),

low_income_thresholds as (

    select
        stat_year,
        median_equivalised_income_eur,
        coalesce(
            {{ lea_year_map_case(var('low_income_threshold_eur'), 'stat_year') }},
            cast({{ var('low_income_median_share') }} as double) * median_equivalised_income_eur
        ) as low_income_threshold_eur

    from yearly_medians

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

joined as (

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
        study_families.is_single_parent,
        family_equivalised_income.n_members,
        family_equivalised_income.family_disposable_income_eur,
        family_equivalised_income.oecd_consumption_units,
        family_equivalised_income.equivalised_income_eur,
        family_equivalised_income.max_member_social_assistance_months,
        low_income_thresholds.median_equivalised_income_eur,
        low_income_thresholds.low_income_threshold_eur,
        coalesce(parent_facts.max_parent_unemployment_days, 0) as max_parent_unemployment_days,
        coalesce(parent_facts.n_parents_with_degree, 0) as n_parents_with_degree,
        coalesce(parent_n06a_purchases.max_parent_n06a_purchases, 0) as max_parent_n06a_purchases,
        coalesce(health_flags.has_parental_mental_health, 0) as has_parental_mental_health,
        coalesce(health_flags.has_parental_substance_use, 0) as has_parental_substance_use,
        coalesce(health_flags.has_child_mental_health, 0) as has_child_mental_health,
        coalesce(child_facts.n_children_with_welfare_measure, 0) as n_children_with_welfare_measure,
        coalesce(child_facts.n_children_aged_3_5, 0) as n_children_aged_3_5,
        coalesce(child_facts.n_children_aged_3_5_without_ecec, 0)
            as n_children_aged_3_5_without_ecec,
        cast(coalesce(person_moves.n_moves, 0) as integer) as youngest_child_moves

    from study_families
    left join family_equivalised_income
        on
            study_families.stat_year = family_equivalised_income.stat_year
            and study_families.family_id = family_equivalised_income.family_id
    left join low_income_thresholds
        on study_families.stat_year = low_income_thresholds.stat_year
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

flagged as (

    select
        stat_year,
        family_id,
        municipality_code,
        postcode,
        is_ordinary_postcode,
        family_structure,
        youngest_child_age,
        n_children_under_age_limit,
        youngest_parent_age,
        n_members,
        coalesce(equivalised_income_eur < low_income_threshold_eur, false) as low_income,
        max_member_social_assistance_months > 0 as social_assistance,
        max_parent_unemployment_days >= {{ var('unemployment_days_threshold') }}
            as parental_unemployment,
        n_parents_with_degree = 0 as low_parental_education,
        has_parental_mental_health = 1 as parental_mental_health,
        has_parental_substance_use = 1 as parental_substance_use,
        has_child_mental_health = 1 as child_mental_health,
        n_children_with_welfare_measure > 0 as child_welfare,
        is_single_parent as single_parent,
        youngest_child_moves >= {{ var('frequent_moves_threshold') }} as frequent_moves,
        n_children_aged_3_5_without_ecec > 0 as no_ecec,
        n_children_aged_3_5 > 0 as has_child_aged_3_5,
        youngest_child_moves,
        family_disposable_income_eur,
        oecd_consumption_units,
        equivalised_income_eur,
        median_equivalised_income_eur,
        low_income_threshold_eur,
        max_member_social_assistance_months,
        max_parent_unemployment_days,
        max_parent_n06a_purchases,
        n_parents_with_degree,
        n_children_with_welfare_measure,
        n_children_aged_3_5,
        n_children_aged_3_5_without_ecec

    from joined

),

final as (

    select
        stat_year,
        family_id,
        municipality_code,
        postcode,
        is_ordinary_postcode,
        family_structure,
        youngest_child_age,
        n_children_under_age_limit,
        youngest_parent_age,
        n_members,
        low_income,
        social_assistance,
        parental_unemployment,
        low_parental_education,
        parental_mental_health,
        parental_substance_use,
        child_mental_health,
        child_welfare,
        single_parent,
        frequent_moves,
        no_ecec,
        has_child_aged_3_5,
        youngest_child_moves,
        cast(
            {% for phenomenon in lea_phenomenon_ids() %}
                {{ '+ ' if not loop.first }}case when {{ phenomenon }} then 1 else 0 end
            {% endfor %}
            as integer
        ) as n_phenomena,
        family_disposable_income_eur,
        oecd_consumption_units,
        equivalised_income_eur,
        median_equivalised_income_eur,
        low_income_threshold_eur,
        max_member_social_assistance_months,
        max_parent_unemployment_days,
        max_parent_n06a_purchases,
        n_parents_with_degree,
        n_children_with_welfare_measure,
        n_children_aged_3_5,
        n_children_aged_3_5_without_ecec

    from flagged

)

select * from final
