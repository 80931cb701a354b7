{#-
    Valid residence periods numbered by start date per person, with the move flag: a period
    is a move when it is not the person's first and its dwelling differs from the previous
    period's. A gap (abroad, unknown) changes nothing; coming back to the same dwelling is
    not a move.
-#}
with

residences as (

    select * from {{ ref('stg_dvv__residences') }}

),

ordered as (

    select
        person_id,
        dwelling_id,
        municipality_code,
        postcode,
        start_date,
        end_date,
        row_number() over (
            partition by person_id order by start_date, landing_row_number
        ) as period_number,
        lag(dwelling_id) over (
            partition by person_id order by start_date, landing_row_number
        ) as previous_dwelling_id

    from residences

),

final as (

    select
        person_id,
        dwelling_id,
        municipality_code,
        postcode,
        start_date,
        end_date,
        cast(period_number as integer) as period_number,
        case
            when period_number = 1 then false
            else dwelling_id <> previous_dwelling_id
        end as is_move,
        previous_dwelling_id

    from ordered

)

select * from final
