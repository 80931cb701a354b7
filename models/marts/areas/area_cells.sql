{#- Every cell of the disclosure control that belongs to an area of the publication, with the
    area's codes and names: the one place the published tables read cells from
    (grain: stat_year, area_id, measure_key). What a cell counts is in its columns (measure,
    indicator_id, group_id, type_id, breakdown, category, as disclosure_cells made them):
    the published tables find their cells by those, never by a key rebuilt from strings. -#}
with

cells as (

    select * from {{ ref('disclosure_suppression') }}

),

areas as (

    select * from {{ ref('disclosure_areas') }}

),

final as (

    select
        cells.cell_id,
        cells.stat_year,
        cells.area_id,
        areas.area_level,
        areas.municipality_code,
        areas.municipality_name_fi,
        areas.municipality_name_sv,
        areas.postcode,
        areas.postcode_name_fi,
        areas.postcode_name_sv,
        cells.measure_key,
        cells.measure,
        cells.indicator_id,
        cells.group_id,
        cells.type_id,
        cells.breakdown,
        cells.category,
        cells.value,
        cells.status
    from cells
    inner join areas
        on cells.area_id = areas.area_id

)

select * from final
