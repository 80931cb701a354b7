{#- Published: the eleven indicators by family type, municipality and year
    (grain: year, municipality_code, type_id, indicator_id). The denominator of an indicator
    of a type is the type's families (no_ecec: those with a child aged 3-5). -#}
with

area_cells as (

    select * from {{ ref('area_cells') }}
    where area_level in ('all', 'municipality')

),

family_types as (

    select * from {{ ref('published_family_type_catalog') }}

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
    where measure = 'type_families_with'

),

area_year_type_indicators as (

    select
        area_years.stat_year,
        area_years.area_id,
        area_years.municipality_code,
        area_years.municipality_name_fi,
        area_years.municipality_name_sv,
        family_types.type_id,
        family_types.label_fi as type_label_fi,
        family_types.label_sv as type_label_sv,
        indicators.indicator_id,
        indicators.name_fi as indicator_name_fi,
        indicators.name_sv as indicator_name_sv,
        -- The type's families, or its families with a child aged 3-5.
        case
            when denominators.denominator_measure = 'families' then 'type'
            else 'type_families_3_5'
        end as denominator_measure
    from area_years
    cross join family_types
    cross join indicators
    inner join denominators
        on indicators.indicator_id = denominators.indicator_id

),

final as (

    select
        cast(area_year_type_indicators.stat_year as integer) as year,  -- noqa: RF04
        area_year_type_indicators.municipality_code,
        area_year_type_indicators.municipality_name_fi,
        area_year_type_indicators.municipality_name_sv,
        area_year_type_indicators.type_id,
        area_year_type_indicators.type_label_fi,
        area_year_type_indicators.type_label_sv,
        area_year_type_indicators.indicator_id,
        area_year_type_indicators.indicator_name_fi,
        area_year_type_indicators.indicator_name_sv,
        {{ lea_shown('denominator') }} as families,
        denominator.status as families_status,
        {{ lea_shown('numerator') }} as families_with,
        numerator.status as families_with_status,
        {{ lea_shown_share('numerator', 'denominator') }} as share_pct,
        {{ lea_share_status('numerator', 'denominator') }} as share_status
    from area_year_type_indicators
    inner join numerators as numerator
        on
            area_year_type_indicators.stat_year = numerator.stat_year
            and area_year_type_indicators.area_id = numerator.area_id
            and area_year_type_indicators.type_id = numerator.type_id
            and area_year_type_indicators.indicator_id = numerator.indicator_id
    inner join area_cells as denominator
        on
            area_year_type_indicators.stat_year = denominator.stat_year
            and area_year_type_indicators.area_id = denominator.area_id
            and area_year_type_indicators.denominator_measure = denominator.measure
            and area_year_type_indicators.type_id = denominator.type_id

)

select * from final
order by year, municipality_code, type_id, indicator_id
