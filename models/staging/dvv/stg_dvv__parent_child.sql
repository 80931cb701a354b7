-- STUB (skeleton): typed columns only; validation and quarantine come in the staging issue.
with

source as (

    select * from {{ source('dvv', 'dvv_parent_child') }}

),

final as (

    select
        trim(parent_id) as parent_id,
        trim(child_id) as child_id,
        lower(trim(relation_type)) as relation_type,
        landing_row_number

    from source

)

select * from final
