{#- Families with children by wellbeing group, of every area and year, long: the study area
    (`ALL`), the six municipalities and the ordinary postcode areas, told apart by
    area_level; the share is of the area's families with children. The published
    municipality_wellbeing_groups and postcode_wellbeing_groups select their rows from here
    (grain: stat_year, area_id, group_id). -#}
with

areas as (

    select * from {{ ref('disclosure_areas') }}

),

stat_years as (

    select stat_year from {{ ref('int_stat_years') }}

),

wellbeing_groups as (

    select * from {{ ref('wellbeing_group_catalog') }}

),

cells as (

    select * from {{ ref('disclosure_suppression') }}

),

area_year_groups as (

    select
        stat_years.stat_year,
        areas.area_id,
        areas.area_level,
        areas.municipality_code,
        areas.municipality_name_fi,
        areas.municipality_name_sv,
        areas.postcode,
        areas.postcode_name_fi,
        areas.postcode_name_sv,
        wellbeing_groups.group_id,
        wellbeing_groups.label_fi as group_label_fi,
        wellbeing_groups.label_sv as group_label_sv,
        {{ lea_cell_id(
            'stat_years.stat_year', 'areas.area_id', "'group|' || wellbeing_groups.group_id") }}
            as group_cell_id,
        {{ lea_cell_id('stat_years.stat_year', 'areas.area_id', "'families'") }} as area_total_cell_id
    from stat_years
    cross join areas
    cross join wellbeing_groups

),

final as (

    select
        area_year_groups.stat_year,
        area_year_groups.area_id,
        area_year_groups.area_level,
        area_year_groups.municipality_code,
        area_year_groups.municipality_name_fi,
        area_year_groups.municipality_name_sv,
        area_year_groups.postcode,
        area_year_groups.postcode_name_fi,
        area_year_groups.postcode_name_sv,
        area_year_groups.group_id,
        area_year_groups.group_label_fi,
        area_year_groups.group_label_sv,
        {{ lea_shown('group_cell') }} as families,
        group_cell.status as families_status,
        {{ lea_shown_share('group_cell', 'area_total') }} as share_pct,
        {{ lea_share_status('group_cell', 'area_total') }} as share_status
    from area_year_groups
    inner join cells as group_cell
        on area_year_groups.group_cell_id = group_cell.cell_id
    inner join cells as area_total
        on area_year_groups.area_total_cell_id = area_total.cell_id

)

select * from final
