{#-
    A family is a couple (two parents, a couple structure) or one parent with at least one
    child (structure mother or father).
-#}
with

families as (

    select * from {{ ref('int_families') }}

),

members as (

    select * from {{ ref('int_family_members') }}

),

parent_counts as (

    select
        family_id,
        sum(case when member_role = 'parent' then 1 else 0 end) as n_parents,
        sum(case when member_role = 'child' then 1 else 0 end) as n_children

    from members
    group by family_id

),

final as (

    select
        families.family_id,
        families.family_structure,
        parent_counts.n_parents,
        parent_counts.n_children

    from families
    inner join parent_counts
        on families.family_id = parent_counts.family_id
    where
        not (
            (
                parent_counts.n_parents = 2
                and families.family_structure in ('married_couple', 'cohabiting_couple')
            )
            or (
                parent_counts.n_parents = 1
                and parent_counts.n_children >= 1
                and families.family_structure in ('mother', 'father')
            )
        )

)

select * from final
