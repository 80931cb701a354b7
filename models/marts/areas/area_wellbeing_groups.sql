{#- Families with children by wellbeing group, of every area and year, long: the study area
    (`ALL`), the six municipalities and the ordinary postcode areas, told apart by
    area_level; the share is of the area's families with children. The published
    municipality_wellbeing_groups and postcode_wellbeing_groups select their rows from here
    (grain: stat_year, area_id, group_id). -#}
with

area_cells as (

    select * from {{ ref('area_cells') }}

),

wellbeing_groups as (

    select * from {{ ref('wellbeing_group_catalog') }}

),

area_totals as (

    select * from area_cells
    where measure = 'families'

),

group_cells as (

    select * from area_cells
    where measure = 'group'

),

area_year_groups as (

    select
        area_totals.stat_year,
        area_totals.area_id,
        area_totals.area_level,
        area_totals.municipality_code,
        area_totals.municipality_name_fi,
        area_totals.municipality_name_sv,
        area_totals.postcode,
        area_totals.postcode_name_fi,
        area_totals.postcode_name_sv,
        wellbeing_groups.group_id,
        wellbeing_groups.label_fi as group_label_fi,
        wellbeing_groups.label_sv as group_label_sv
    from area_totals
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
    inner join group_cells as group_cell
        on
            area_year_groups.stat_year = group_cell.stat_year
            and area_year_groups.area_id = group_cell.area_id
            and area_year_groups.group_id = group_cell.group_id
    inner join area_totals as area_total
        on
            area_year_groups.stat_year = area_total.stat_year
            and area_year_groups.area_id = area_total.area_id

)

select * from final
