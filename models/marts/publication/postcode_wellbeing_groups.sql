{#- Published: families with children by wellbeing group, postcode and year (grain: year,
    postcode, group_id). -#}
with

areas as (

    select * from {{ ref('disclosure_areas') }}
    where area_level = 'postcode'

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

rows_ as (

    select
        stat_years.stat_year,
        areas.*,
        wellbeing_groups.group_id,
        wellbeing_groups.label_fi,
        wellbeing_groups.label_sv,
        {{ lea_cell_id(
            'stat_years.stat_year', 'areas.area_id', "'group|' || wellbeing_groups.group_id") }} as category_cell_id,
        {{ lea_cell_id(
            'stat_years.stat_year', 'areas.area_id', "'families'") }} as area_total_cell_id
    from stat_years
    cross join areas
    cross join wellbeing_groups

),

final as (

    select
        cast(rows_.stat_year as integer) as year,  -- noqa: RF04
        rows_.municipality_code,
        rows_.municipality_name_fi,
        rows_.municipality_name_sv,
        rows_.postcode,
        rows_.postcode_name_fi,
        rows_.postcode_name_sv,
        rows_.group_id,
        rows_.label_fi as group_label_fi,
        rows_.label_sv as group_label_sv,
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
order by year, municipality_code, postcode, group_id
