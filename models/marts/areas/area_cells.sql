{#- Every cell of the disclosure control that belongs to an area of the publication, with the
    area's codes and names: the one place the published tables read cells from
    (grain: stat_year, area_id, measure_key). -#}
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
        cells.value,
        cells.status
    from cells
    inner join areas
        on cells.area_id = areas.area_id

)

select * from final
