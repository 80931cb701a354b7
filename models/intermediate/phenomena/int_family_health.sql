{#- The health evidence of every study family with children and statistical year:
    parental_mental_health, parental_substance_use and child_mental_health, from the care
    contacts and medicine purchases of the members in the role each rule looks at, and the
    most N06A purchases of one parent. Rules: the docs block int_family_phenomena. -#}
with

study_families as (

    select * from {{ ref('int_study_families') }}

),

members as (

    select * from {{ ref('int_study_family_members') }}

),

person_care as (

    select * from {{ ref('int_person_care_windows') }}

),

person_medicine as (

    select * from {{ ref('int_person_medicine_windows') }}

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

{# The medicine purchases of every member in the role the seed row names. #}
member_medicine as (

    select
        members.stat_year,
        members.family_id,
        members.phenomenon_role,
        person_medicine.phenomenon,
        person_medicine.counting_rule,
        person_medicine.n_purchases

    from members
    inner join person_medicine
        on
            members.stat_year = person_medicine.stat_year
            and members.person_id = person_medicine.person_id
            and members.phenomenon_role = person_medicine.member_role

),

{# Counting rules of seed phenomenon_medicine_codes: purchases_threshold needs
    var('n06a_purchases_threshold') purchase rows of one person, any_purchase one. #}
medicine_evidence as (

    select
        stat_year,
        family_id,
        phenomenon

    from member_medicine
    where
        (
            counting_rule = 'purchases_threshold'
            and n_purchases >= {{ var('n06a_purchases_threshold') }}
        )
        or (
            counting_rule = 'any_purchase'
            and n_purchases >= 1
        )

),

health_evidence as (

    select * from care_evidence
    union all
    select * from medicine_evidence

),

health_flags as (

    select
        {%- for phenomenon in lea_indicators_with('health_evidence') %}
            max(case when phenomenon = '{{ phenomenon }}' then 1 else 0 end) as has_{{ phenomenon }},
        {%- endfor %}
        stat_year,
        family_id

    from health_evidence
    group by stat_year, family_id

),

parent_n06a_purchases as (

    select
        stat_year,
        family_id,
        cast(max(n_purchases) as integer) as max_parent_n06a_purchases

    from member_medicine
    where phenomenon_role = 'parent' and counting_rule = 'purchases_threshold'
    group by stat_year, family_id

),

final as (

    select
        study_families.stat_year,
        study_families.family_id,
        coalesce(health_flags.has_parental_mental_health, 0) = 1 as parental_mental_health,
        coalesce(health_flags.has_parental_substance_use, 0) = 1 as parental_substance_use,
        coalesce(health_flags.has_child_mental_health, 0) = 1 as child_mental_health,
        coalesce(parent_n06a_purchases.max_parent_n06a_purchases, 0) as max_parent_n06a_purchases

    from study_families
    left join health_flags
        on
            study_families.stat_year = health_flags.stat_year
            and study_families.family_id = health_flags.family_id
    left join parent_n06a_purchases
        on
            study_families.stat_year = parent_n06a_purchases.stat_year
            and study_families.family_id = parent_n06a_purchases.family_id

)

select * from final
