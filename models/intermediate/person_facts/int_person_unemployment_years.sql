{#- Unemployment days per person and statistical year: the person's periods with a status
    that counts as unemployment (seed jobseeker_statuses: unemployed, laid_off) clipped to
    the year (an open period runs to the reference date), overlapping periods merged so
    that every day is counted once (gaps and islands). One row per person and year with
    at least one such day. -#}
with

jobseeker_periods as (

    select * from {{ ref('stg_tem__jobseeker_periods') }}

),

jobseeker_statuses as (

    select * from {{ ref('jobseeker_statuses') }}

),

stat_years as (

    select * from {{ ref('int_stat_years') }}

),

clipped_periods as (

    select
        stat_years.stat_year,
        jobseeker_periods.person_id,
        case
            when jobseeker_periods.start_date > stat_years.year_start
                then jobseeker_periods.start_date
            else stat_years.year_start
        end as clipped_start,
        case
            when
                jobseeker_periods.end_date is null
                or jobseeker_periods.end_date > stat_years.reference_date
                then stat_years.reference_date
            else jobseeker_periods.end_date
        end as clipped_end

    from jobseeker_periods
    inner join jobseeker_statuses
        on jobseeker_periods.status = jobseeker_statuses.status
    inner join stat_years
        on
            jobseeker_periods.start_date <= stat_years.reference_date
            and (
                jobseeker_periods.end_date is null
                or jobseeker_periods.end_date >= stat_years.year_start
            )
    where jobseeker_statuses.counts_as_unemployment

),

with_previous_end as (

    select
        stat_year,
        person_id,
        clipped_start,
        clipped_end,
        max(clipped_end) over (
            partition by stat_year, person_id
            order by clipped_start, clipped_end
            rows between unbounded preceding and 1 preceding
        ) as previous_max_end

    from clipped_periods

),

island_starts as (

    select
        stat_year,
        person_id,
        clipped_start,
        clipped_end,
        case
            when previous_max_end is null or clipped_start > previous_max_end then 1
            else 0
        end as is_island_start

    from with_previous_end

),

numbered as (

    select
        stat_year,
        person_id,
        clipped_start,
        clipped_end,
        sum(is_island_start) over (
            partition by stat_year, person_id
            order by clipped_start, clipped_end
            rows between unbounded preceding and current row
        ) as island_number

    from island_starts

),

islands as (

    select
        stat_year,
        person_id,
        island_number,
        min(clipped_start) as island_start,
        max(clipped_end) as island_end,
        count(*) as n_periods

    from numbered
    group by stat_year, person_id, island_number

),

island_days as (

    select
        stat_year,
        person_id,
        n_periods,
        {{ dbt.datediff('island_start', 'island_end', 'day') }} + 1 as n_days  -- noqa: LT05

    from islands

),

final as (

    select
        stat_year,
        person_id,
        cast(sum(n_days) as integer) as unemployment_days,
        cast(sum(n_periods) as integer) as n_periods

    from island_days
    group by stat_year, person_id

)

select * from final
