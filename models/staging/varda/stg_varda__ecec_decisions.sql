-- STUB (skeleton): typed columns only; validation and quarantine come in the staging issue.
with

source as (

    select * from {{ source('varda', 'varda_ecec_decisions') }}

),

final as (

    select
        trim(child_id) as child_id,
        try_cast(trim(start_date) as date) as start_date,
        try_cast(trim(end_date) as date) as end_date,
        try_cast(trim(hours_per_week) as double) as hours_per_week,
        lower(trim(provider_type)) as provider_type,
        landing_row_number

    from source

)

select * from final
