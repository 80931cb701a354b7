{#- One row per person: the first `dvv_persons` row in file order (the contract's grain rule). -#}
with

persons as (

    select * from {{ ref('stg_dvv__persons') }}

),

ranked as (

    select
        person_id,
        birth_date,
        sex,
        mother_tongue,
        death_date,
        landing_row_number,
        row_number() over (partition by person_id order by landing_row_number) as row_in_person,
        count(*) over (partition by person_id) as n_person_rows

    from persons

),

final as (

    select
        person_id,
        birth_date,
        sex,
        mother_tongue,
        death_date,
        landing_row_number,
        n_person_rows

    from ranked
    where row_in_person = 1

)

select * from final
