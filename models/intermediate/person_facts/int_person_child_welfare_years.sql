{#- Child-welfare measures per child and statistical year: measures that count (seed
    child_welfare_measures: every measure but a notification) whose period overlaps the
    year; an open end (NULL) is ongoing. One row per child and year with such a measure;
    the age limit is applied in int_family_phenomena. -#}
with

child_welfare as (

    select * from {{ ref('stg_thl__child_welfare') }}

),

welfare_measures as (

    select * from {{ ref('child_welfare_measures') }}

),

stat_years as (

    select * from {{ ref('int_stat_years') }}

),

final as (

    select
        stat_years.stat_year,
        child_welfare.child_id as person_id,
        count(*) as n_measures,
        count(distinct child_welfare.measure) as n_measure_types

    from child_welfare
    inner join welfare_measures
        on child_welfare.measure = welfare_measures.measure
    inner join stat_years
        on
            child_welfare.start_date <= stat_years.reference_date
            and (
                child_welfare.end_date is null
                or child_welfare.end_date >= stat_years.year_start
            )
    where welfare_measures.counts_for_child_welfare
    group by stat_years.stat_year, child_welfare.child_id

)

select * from final
