{#- The parents' work and education of every study family with children and statistical
    year: parental_unemployment and low_parental_education, with the inputs that decided
    them (0 when no parent has a fact row). Rules: the docs block int_family_phenomena. -#}
with

study_families as (

    select * from {{ ref('int_study_families') }}

),

members as (

    select * from {{ ref('int_study_family_members') }}

),

person_unemployment as (

    select * from {{ ref('int_person_unemployment_years') }}

),

person_degrees as (

    select * from {{ ref('int_person_degree_years') }}

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

final as (

    select
        study_families.stat_year,
        study_families.family_id,
        coalesce(parent_facts.max_parent_unemployment_days, 0) >= {{ var('unemployment_days_threshold') }}
            as parental_unemployment,
        coalesce(parent_facts.n_parents_with_degree, 0) = 0 as low_parental_education,
        coalesce(parent_facts.max_parent_unemployment_days, 0) as max_parent_unemployment_days,
        coalesce(parent_facts.n_parents_with_degree, 0) as n_parents_with_degree

    from study_families
    left join parent_facts
        on
            study_families.stat_year = parent_facts.stat_year
            and study_families.family_id = parent_facts.family_id

)

select * from final
