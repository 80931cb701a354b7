-- STUB (skeleton): typed columns only; validation and quarantine come in the staging issue.
with

source as (

    select * from {{ source('thl', 'thl_child_welfare') }}

),

final as (

    select
        trim(child_id) as child_id,
        lower(trim(measure)) as measure,
        try_cast(trim(start_date) as date) as start_date,
        try_cast(trim(end_date) as date) as end_date,
        landing_row_number

    from source

)

select * from final
