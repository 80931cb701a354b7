{#-
    The residents of each statistical year: persons alive on the reference date D (no death
    date, or death after D; born on or before D) whose residence period covers D (both ends
    inclusive), with their dwelling, location and age in whole years on D.
-#}
with

stat_years as (

    select * from {{ ref('int_stat_years') }}

),

persons as (

    select * from {{ ref('int_persons') }}

),

residence_periods as (

    select * from {{ ref('int_residence_periods') }}

),

covering_periods as (

    select
        stat_years.stat_year,
        stat_years.reference_date,
        residence_periods.person_id,
        residence_periods.dwelling_id,
        residence_periods.municipality_code,
        residence_periods.postcode,
        -- valid periods never overlap; should two cover D anyway, the later one wins
        row_number() over (
            partition by stat_years.stat_year, residence_periods.person_id
            order by residence_periods.period_number desc
        ) as covering_rank

    from residence_periods
    inner join stat_years
        on {{ period_covers(
            'residence_periods.start_date', 'residence_periods.end_date', 'stat_years.reference_date'
        ) }}

),

final as (

    select
        covering_periods.stat_year,
        covering_periods.reference_date,
        covering_periods.person_id,
        covering_periods.dwelling_id,
        covering_periods.municipality_code,
        covering_periods.postcode,
        persons.birth_date,
        persons.sex,
        {{ age_in_years('persons.birth_date', 'covering_periods.reference_date') }} as age

    from covering_periods
    inner join persons
        on covering_periods.person_id = persons.person_id
    where
        covering_periods.covering_rank = 1
        and persons.birth_date <= covering_periods.reference_date
        and (persons.death_date is null or persons.death_date > covering_periods.reference_date)

)

select * from final
