{#- One row per statistical year of var('stat_years'), with its reference date and windows. -#}
with

stat_years as (

    {% for stat_year in var('stat_years') %}
        select cast({{ stat_year }} as integer) as stat_year
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select
        stat_year,
        cast(cast(stat_year as string) || '-12-31' as date) as reference_date,
        cast(cast(stat_year as string) || '-01-01' as date) as year_start,
        cast(cast(stat_year - 1 as string) || '-01-01' as date) as two_year_window_start,
        cast(cast(stat_year - 2 as string) || '-01-01' as date) as three_year_window_start

    from stat_years

)

select * from final
