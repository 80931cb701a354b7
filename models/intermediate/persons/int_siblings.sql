{#-
    Siblings: two different persons with at least one common legal parent, from the whole
    parent–child table. One row per ordered pair (both directions are listed).
-#}
with

parent_child as (

    select * from {{ ref('int_parent_child') }}

),

final as (

    select distinct
        children.child_id as person_id,
        other_children.child_id as sibling_id

    from parent_child as children
    inner join parent_child as other_children
        on
            children.parent_id = other_children.parent_id
            and children.child_id <> other_children.child_id

)

select * from final
