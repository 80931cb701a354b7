{#-
    Marriages and registered partnerships ongoing on each reference date D (start on or
    before D, no end or an end on or after D), one row per year and pair of persons, the
    pair ordered (smaller pseudonym first). Whether the partners are alive or resident is
    not checked here: the end date records divorce or death.
-#}
with

stat_years as (

    select * from {{ ref('int_stat_years') }}

),

partnerships as (

    select * from {{ ref('stg_dvv__partnerships') }}

),

ongoing as (

    select
        stat_years.stat_year,
        case
            when partnerships.person_id_a < partnerships.person_id_b then partnerships.person_id_a
            else partnerships.person_id_b
        end as person_id_low,
        case
            when partnerships.person_id_a < partnerships.person_id_b then partnerships.person_id_b
            else partnerships.person_id_a
        end as person_id_high,
        partnerships.partnership_type

    from partnerships
    inner join stat_years
        on {{ period_covers('partnerships.start_date', 'partnerships.end_date', 'stat_years.reference_date') }}
    where partnerships.person_id_a <> partnerships.person_id_b

),

final as (

    select
        stat_year,
        person_id_low,
        person_id_high,
        min(partnership_type) as partnership_type

    from ongoing
    group by stat_year, person_id_low, person_id_high

)

select * from final
