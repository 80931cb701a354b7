{#- Published: families with children by wellbeing group, municipality and year, for the six
    municipalities and the study area `ALL` (grain: year, municipality_code, group_id). -#}
with

area_wellbeing_groups as (

    select * from {{ ref('area_wellbeing_groups') }}
    where area_level in ('all', 'municipality')

),

final as (

    select
        cast(stat_year as integer) as year,  -- noqa: RF04
        municipality_code,
        municipality_name_fi,
        municipality_name_sv,
        group_id,
        group_label_fi,
        group_label_sv,
        families,
        families_status,
        share_pct,
        share_status
    from area_wellbeing_groups

)

select * from final
order by year, municipality_code, group_id
