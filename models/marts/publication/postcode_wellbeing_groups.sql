{#- Published: families with children by wellbeing group, ordinary postcode area and year
    (grain: year, postcode, group_id). -#}
with

area_wellbeing_groups as (

    select * from {{ ref('area_wellbeing_groups') }}
    where area_level = 'postcode'

),

final as (

    select
        cast(stat_year as integer) as year,  -- noqa: RF04
        municipality_code,
        municipality_name_fi,
        municipality_name_sv,
        postcode,
        postcode_name_fi,
        postcode_name_sv,
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
order by year, municipality_code, postcode, group_id
