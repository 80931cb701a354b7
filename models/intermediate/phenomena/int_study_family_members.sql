{#- Every member of a study family with children and statistical year, with the role the
    person-fact rules look at (phenomenon_role, the seeds' member_role column): the
    parents, and the children under the age limit; children at or over the limit have
    none (they count only for income and social assistance, int_family_income); and
    whether the member is the family's oldest parent (the first adult of the OECD scale). -#}
with

family_members as (

    select * from {{ ref('int_family_members') }}

),

study_families as (

    select * from {{ ref('int_study_families') }}

),

final as (

    select
        family_members.stat_year,
        family_members.family_id,
        family_members.person_id,
        family_members.age,
        family_members.person_id = study_families.oldest_parent_id as is_oldest_parent,
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

)

select * from final
