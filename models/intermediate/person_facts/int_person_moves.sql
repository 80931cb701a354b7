{#- Moves per person and statistical year: residence periods flagged as moves by
    int_residence_periods (not the person's first period, dwelling differs from the
    previous period's) that start within the three-year window. One row per person and
    year with at least one move. -#}
with

residence_periods as (

    select * from {{ ref('int_residence_periods') }}

),

stat_years as (

    select * from {{ ref('int_stat_years') }}

),

final as (

    select
        stat_years.stat_year,
        residence_periods.person_id,
        count(*) as n_moves

    from residence_periods
    inner join stat_years
        on
            residence_periods.start_date >= stat_years.three_year_window_start
            and residence_periods.start_date <= stat_years.reference_date
    where residence_periods.is_move
    group by stat_years.stat_year, residence_periods.person_id

)

select * from final
