{#- A resident child and one of its legal parents living in the same dwelling on D, per
    statistical year: the one relation both the couple rule b (int_couple_candidates) and
    the children of the families (int_family_children) start from. -#}
with

residents as (

    select * from {{ ref('int_residents') }}

),

parent_child as (

    select * from {{ ref('int_parent_child') }}

),

final as (

    select
        children.stat_year,
        children.dwelling_id,
        children.person_id as child_id,
        parents.person_id as parent_id

    from residents as children
    inner join parent_child
        on children.person_id = parent_child.child_id
    inner join residents as parents
        on
            parent_child.parent_id = parents.person_id
            and children.stat_year = parents.stat_year
            and children.dwelling_id = parents.dwelling_id

)

select * from final
