{#- Published: the eleven indicators by municipality and year, for the six municipalities and
    the study area `ALL` (grain: year, municipality_code, indicator_id). -#}
with

area_indicators as (

    select * from {{ ref('area_indicators') }}
    where area_level in ('all', 'municipality')

),

final as (

    select
        cast(stat_year as integer) as year,  -- noqa: RF04
        municipality_code,
        municipality_name_fi,
        municipality_name_sv,
        indicator_id,
        indicator_name_fi,
        indicator_name_sv,
        families,
        families_status,
        families_with,
        families_with_status,
        share_pct,
        share_status
    from area_indicators

)

select * from final
order by year, municipality_code, indicator_id
