{#- Published: the eleven indicators by ordinary postcode area and year (grain: year, postcode,
    indicator_id). -#}
with

area_indicators as (

    select * from {{ ref('area_indicators') }}
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
order by year, municipality_code, postcode, indicator_id
