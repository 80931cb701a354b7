{#- Published: families with children by structure, age of the youngest child and number of
    children, municipality and year (grain: year, municipality_code, breakdown, category);
    breakdown `all` (category `all`) is all families with children. -#}
with

area_cells as (

    select * from {{ ref('area_cells') }}
    where area_level in ('all', 'municipality')

),

situation_labels as (

    select * from {{ ref('situation_attribute_labels') }}
    where attribute in ('structure', 'youngest_child_age', 'children')

),

categories as (

    select
        attribute as breakdown,
        code as category,
        label_fi,
        label_sv
    from situation_labels
    union all
    select
        'all' as breakdown,
        'all' as category,
        'Kaikki lapsiperheet' as label_fi,
        'Alla barnfamiljer' as label_sv

),

area_totals as (

    select * from area_cells
    where measure = 'families'

),

category_cells as (

    -- The profile's cells by breakdown and category; `all` is the area's families.
    select
        stat_year,
        area_id,
        breakdown,
        category,
        value,
        status
    from area_cells
    where measure = 'profile'
    union all
    select
        stat_year,
        area_id,
        'all' as breakdown,
        'all' as category,
        value,
        status
    from area_totals

),

area_year_categories as (

    select
        area_totals.stat_year,
        area_totals.area_id,
        area_totals.municipality_code,
        area_totals.municipality_name_fi,
        area_totals.municipality_name_sv,
        categories.breakdown,
        categories.category,
        categories.label_fi as category_label_fi,
        categories.label_sv as category_label_sv
    from area_totals
    cross join categories

),

final as (

    select
        cast(area_year_categories.stat_year as integer) as year,  -- noqa: RF04
        area_year_categories.municipality_code,
        area_year_categories.municipality_name_fi,
        area_year_categories.municipality_name_sv,
        area_year_categories.breakdown,
        area_year_categories.category,
        area_year_categories.category_label_fi,
        area_year_categories.category_label_sv,
        {{ lea_shown('category_cell') }} as families,
        category_cell.status as families_status,
        {{ lea_shown_share('category_cell', 'area_total') }} as share_pct,
        {{ lea_share_status('category_cell', 'area_total') }} as share_status
    from area_year_categories
    inner join category_cells as category_cell
        on
            area_year_categories.stat_year = category_cell.stat_year
            and area_year_categories.area_id = category_cell.area_id
            and area_year_categories.breakdown = category_cell.breakdown
            and area_year_categories.category = category_cell.category
    inner join area_totals as area_total
        on
            area_year_categories.stat_year = area_total.stat_year
            and area_year_categories.area_id = area_total.area_id

)

select * from final
order by
    year,
    municipality_code,
    case breakdown when 'all' then 0 when 'structure' then 1 when 'youngest_child_age' then 2 else 3 end,
    category
