{#- Published: families with children by family type, municipality and year
    (grain: year, municipality_code, type_id). -#}
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

cells as (

    select * from {{ ref('disclosure_suppression') }}

),

rows_ as (

    select
        stat_years.stat_year,
        areas.*,
        family_types.type_id,
        family_types.label_fi,
        family_types.label_sv,
        {{ lea_cell_id(
            'stat_years.stat_year', 'areas.area_id', "'type|' || family_types.type_id") }} as category_cell_id,
        {{ lea_cell_id(
            'stat_years.stat_year', 'areas.area_id', "'families'") }} as area_total_cell_id
    from stat_years
    cross join areas
    cross join family_types

),

final as (

    select
        cast(rows_.stat_year as integer) as year,  -- noqa: RF04
        rows_.municipality_code,
        rows_.municipality_name_fi,
        rows_.municipality_name_sv,
        rows_.type_id,
        rows_.label_fi as type_label_fi,
        rows_.label_sv as type_label_sv,
        {{ lea_shown('category') }} as families,
        category.status as families_status,
        {{ lea_shown_share('category', 'area_total') }} as share_pct,
        {{ lea_share_status('category', 'area_total') }} as share_status

    from rows_
    inner join cells as category
        on rows_.category_cell_id = category.cell_id
    inner join cells as area_total
        on rows_.area_total_cell_id = area_total.cell_id

)

select * from final
order by year, municipality_code, type_id
