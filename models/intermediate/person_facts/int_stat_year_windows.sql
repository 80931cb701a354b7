{#- One row per statistical year and time window (year, two_year, three_year), the names
    the code seeds use in their `time_window` column. -#}
with

stat_years as (

    select * from {{ ref('int_stat_years') }}

),

windows as (

    select
        stat_year,
        'year' as time_window,
        year_start as window_start,
        reference_date as window_end
    from stat_years

    union all

    select
        stat_year,
        'two_year' as time_window,
        two_year_window_start as window_start,
        reference_date as window_end
    from stat_years

    union all

    select
        stat_year,
        'three_year' as time_window,
        three_year_window_start as window_start,
        reference_date as window_end
    from stat_years

),

final as (

    select * from windows

)

select * from final
