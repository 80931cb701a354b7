{#- Published: families with children by structure, age of the youngest child and number of
    children, municipality and year (grain: year, municipality_code, breakdown, category);
    breakdown `all` (category `all`) is all families with children. -#}
with

areas as (

    select * from {{ ref('disclosure_areas') }}
    where area_level in ('all', 'municipality')

),

stat_years as (

    select stat_year from {{ ref('int_stat_years') }}

),

categories as (

    select
        attribute as breakdown,
        code as category,
        sort_order,
        label_fi,
        label_sv,
        'profile|' || attribute || '|' || code as measure_key
    from {{ ref('situation_attribute_labels') }}
    where attribute in ('structure', 'youngest_child_age', 'children')
    union all
    select
        'all' as breakdown,
        'all' as category,
        0 as sort_order,
        'Kaikki lapsiperheet' as label_fi,
        'Alla barnfamiljer' as label_sv,
        'families' as measure_key

),

cells as (

    select * from {{ ref('disclosure_suppression') }}

),

rows_ as (

    select
        stat_years.stat_year,
        areas.*,
        categories.*,
        {{ lea_cell_id(
            'stat_years.stat_year', 'areas.area_id', 'categories.measure_key') }} as category_cell_id,
        {{ lea_cell_id(
            'stat_years.stat_year', 'areas.area_id', "'families'") }} as area_total_cell_id
    from stat_years
    cross join areas
    cross join categories

),

final as (

    select
        cast(rows_.stat_year as integer) as year,  -- noqa: RF04
        rows_.municipality_code,
        rows_.municipality_name_fi,
        rows_.municipality_name_sv,
        rows_.breakdown,
        rows_.category,
        rows_.label_fi as category_label_fi,
        rows_.label_sv as category_label_sv,
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
order by
    year,
    municipality_code,
    case breakdown when 'all' then 0 when 'structure' then 1 when 'youngest_child_age' then 2 else 3 end,
    category
