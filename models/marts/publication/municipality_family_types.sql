{#- Published: families with children by family type, municipality and year, for the six
    municipalities and the study area `ALL` (grain: year, municipality_code, type_id). -#}
with

area_cells as (

    select * from {{ ref('area_cells') }}
    where area_level in ('all', 'municipality')

),

family_types as (

    select * from {{ ref('published_family_type_catalog') }}

),

area_totals as (

    select * from area_cells
    where measure = 'families'

),

type_cells as (

    select * from area_cells
    where measure = 'type'

),

area_year_types as (

    select
        area_totals.stat_year,
        area_totals.area_id,
        area_totals.municipality_code,
        area_totals.municipality_name_fi,
        area_totals.municipality_name_sv,
        family_types.type_id,
        family_types.label_fi as type_label_fi,
        family_types.label_sv as type_label_sv
    from area_totals
    cross join family_types

),

final as (

    select
        cast(area_year_types.stat_year as integer) as year,  -- noqa: RF04
        area_year_types.municipality_code,
        area_year_types.municipality_name_fi,
        area_year_types.municipality_name_sv,
        area_year_types.type_id,
        area_year_types.type_label_fi,
        area_year_types.type_label_sv,
        {{ lea_shown('type_cell') }} as families,
        type_cell.status as families_status,
        {{ lea_shown_share('type_cell', 'area_total') }} as share_pct,
        {{ lea_share_status('type_cell', 'area_total') }} as share_status
    from area_year_types
    inner join type_cells as type_cell
        on
            area_year_types.stat_year = type_cell.stat_year
            and area_year_types.area_id = type_cell.area_id
            and area_year_types.type_id = type_cell.type_id
    inner join area_totals as area_total
        on
            area_year_types.stat_year = area_total.stat_year
            and area_year_types.area_id = area_total.area_id

)

select * from final
order by year, municipality_code, type_id
