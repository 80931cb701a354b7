{#- The eleven indicators of every area and year, long: the study area (`ALL`), the six
    municipalities and the ordinary postcode areas, told apart by area_level. The published
    municipality_indicators and postcode_indicators select their rows from here
    (grain: stat_year, area_id, indicator_id). -#}
with

area_cells as (

    select * from {{ ref('area_cells') }}

),

indicators as (

    select * from {{ ref('indicator_catalog') }}

),

denominators as (

    {{ lea_indicator_denominator_rows() }}

),

area_years as (

    select * from area_cells
    where measure = 'families'

),

numerators as (

    select * from area_cells
    where measure = 'families_with'

),

area_year_indicators as (

    select
        area_years.stat_year,
        area_years.area_id,
        area_years.area_level,
        area_years.municipality_code,
        area_years.municipality_name_fi,
        area_years.municipality_name_sv,
        area_years.postcode,
        area_years.postcode_name_fi,
        area_years.postcode_name_sv,
        indicators.indicator_id,
        indicators.name_fi as indicator_name_fi,
        indicators.name_sv as indicator_name_sv,
        denominators.denominator_measure
    from area_years
    cross join indicators
    inner join denominators
        on indicators.indicator_id = denominators.indicator_id

),

final as (

    select
        area_year_indicators.stat_year,
        area_year_indicators.area_id,
        area_year_indicators.area_level,
        area_year_indicators.municipality_code,
        area_year_indicators.municipality_name_fi,
        area_year_indicators.municipality_name_sv,
        area_year_indicators.postcode,
        area_year_indicators.postcode_name_fi,
        area_year_indicators.postcode_name_sv,
        area_year_indicators.indicator_id,
        area_year_indicators.indicator_name_fi,
        area_year_indicators.indicator_name_sv,
        {{ lea_shown('denominator') }} as families,
        denominator.status as families_status,
        {{ lea_shown('numerator') }} as families_with,
        numerator.status as families_with_status,
        {{ lea_shown_share('numerator', 'denominator') }} as share_pct,
        {{ lea_share_status('numerator', 'denominator') }} as share_status
    from area_year_indicators
    inner join numerators as numerator
        on
            area_year_indicators.stat_year = numerator.stat_year
            and area_year_indicators.area_id = numerator.area_id
            and area_year_indicators.indicator_id = numerator.indicator_id
    inner join area_cells as denominator
        on
            area_year_indicators.stat_year = denominator.stat_year
            and area_year_indicators.area_id = denominator.area_id
            and area_year_indicators.denominator_measure = denominator.measure

)

select * from final
