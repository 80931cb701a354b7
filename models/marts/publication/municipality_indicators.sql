{#- Published: the eleven indicators by municipality and year (grain: year,
    municipality_code, indicator_id). -#}
with

areas as (

    select * from {{ ref('disclosure_areas') }}
    where area_level in ('all', 'municipality')

),

stat_years as (

    select stat_year from {{ ref('int_stat_years') }}

),

indicators as (

    select * from {{ ref('indicator_catalog') }}

),

denominators as (

    {{ lea_indicator_denominator_rows() }}

),

cells as (

    select * from {{ ref('disclosure_suppression') }}

),

rows_ as (

    select
        stat_years.stat_year,
        areas.*,
        indicators.indicator_id,
        indicators.sort_order,
        indicators.name_fi,
        indicators.name_sv,
        denominators.denominator_measure,
        {{ lea_cell_id(
            'stat_years.stat_year', 'areas.area_id', "'families_with|' || indicators.indicator_id") }} as numerator_cell_id,
        {{ lea_cell_id(
            'stat_years.stat_year', 'areas.area_id', 'denominators.denominator_measure') }} as denominator_cell_id
    from stat_years
    cross join areas
    cross join indicators
    inner join denominators
        on indicators.indicator_id = denominators.indicator_id

),

final as (

    select
        cast(rows_.stat_year as integer) as year,  -- noqa: RF04
        rows_.municipality_code,
        rows_.municipality_name_fi,
        rows_.municipality_name_sv,
        rows_.indicator_id,
        rows_.name_fi as indicator_name_fi,
        rows_.name_sv as indicator_name_sv,
        {{ lea_shown('denominator') }} as families,
        denominator.status as families_status,
        {{ lea_shown('numerator') }} as families_with,
        numerator.status as families_with_status,
        {{ lea_shown_share('numerator', 'denominator') }} as share_pct,
        {{ lea_share_status('numerator', 'denominator') }} as share_status

    from rows_
    inner join cells as numerator
        on rows_.numerator_cell_id = numerator.cell_id
    inner join cells as denominator
        on rows_.denominator_cell_id = denominator.cell_id

)

select * from final
order by year, municipality_code, indicator_id
