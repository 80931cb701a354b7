{#-
    Legal parenthood (biological or adoptive), one row per parent and child, from the whole
    `dvv_parent_child` table whoever is alive or resident. A pair listed twice keeps the
    relation type of its first row in file order.
-#}
with

parent_child as (

    select * from {{ ref('stg_dvv__parent_child') }}

),

ranked as (

    select
        parent_id,
        child_id,
        relation_type,
        row_number() over (
            partition by parent_id, child_id order by landing_row_number
        ) as row_in_pair

    from parent_child
    where parent_id <> child_id

),

final as (

    select
        parent_id,
        child_id,
        relation_type

    from ranked
    where row_in_pair = 1

)

select * from final
