{#- Published: the eleven indicators by family type, municipality and year
    (grain: year, municipality_code, type_id, indicator_id). The denominator of an indicator
    of a type is the type's families (no_ecec: those with a child aged 3-5). -#}
with

areas as (

    select * from {{ ref('disclosure_areas') }}
    where area_level in ('all', 'municipality')

),

stat_years as (

    select stat_year from {{ ref('int_stat_years') }}

),

family_types as (

    select * from {{ ref('family_types') }}

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
        family_types.type_id,
        family_types.label_fi as type_label_fi,
        family_types.label_sv as type_label_sv,
        indicators.indicator_id,
        indicators.name_fi as indicator_name_fi,
        indicators.name_sv as indicator_name_sv,
        {{ lea_cell_id(
            'stat_years.stat_year', 'areas.area_id', "'type_families_with|' || family_types.type_id || '|' || indicators.indicator_id") }} as numerator_cell_id,
        {{ lea_cell_id(
            'stat_years.stat_year', 'areas.area_id', "case
            when denominators.denominator_measure = 'families' then 'type|' || family_types.type_id
            else 'type_families_3_5|' || family_types.type_id
        end") }} as denominator_cell_id
    from stat_years
    cross join areas
    cross join family_types
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
        rows_.type_id,
        rows_.type_label_fi,
        rows_.type_label_sv,
        rows_.indicator_id,
        rows_.indicator_name_fi,
        rows_.indicator_name_sv,
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
order by year, municipality_code, type_id, indicator_id
