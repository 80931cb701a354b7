{#- Published: families with children, their children under the age limit and two means, by
    municipality and year (grain: year, municipality_code). A mean is published only when
    the counts it divides are (children / families; moves of the youngest child / families,
    which also needs the frequent_moves numerator published, as the moves bound it). -#}
with

areas as (

    select * from {{ ref('disclosure_areas') }}
    where area_level in ('all', 'municipality')

),

stat_years as (

    select stat_year from {{ ref('int_stat_years') }}

),

cells as (

    select * from {{ ref('disclosure_suppression') }}

),

rows_ as (

    select
        stat_years.stat_year,
        areas.*,
        {{ lea_cell_id(
            'stat_years.stat_year', 'areas.area_id', "'families'") }} as families_cell_id,
        {{ lea_cell_id(
            'stat_years.stat_year', 'areas.area_id', "'children'") }} as children_cell_id,
        {{ lea_cell_id(
            'stat_years.stat_year', 'areas.area_id', "'moves'") }} as moves_cell_id
    from stat_years
    cross join areas

),

joined as (

    select
        rows_.*,
        families.status as families_status,
        families.value as families_value,
        children.status as children_status,
        children.value as children_value,
        moves.status as moves_status,
        moves.value as moves_value
    from rows_
    inner join cells as families
        on rows_.families_cell_id = families.cell_id
    inner join cells as children
        on rows_.children_cell_id = children.cell_id
    inner join cells as moves
        on rows_.moves_cell_id = moves.cell_id

),

with_status as (

    select
        *,
        case
            when families_status = 'published' and children_status = 'published' then 'published'
            else 'suppressed'
        end as mean_children_status,
        case
            when families_status = 'published' and moves_status = 'published' then 'published'
            else 'suppressed'
        end as mean_moves_status
    from joined

),

final as (

    select
        cast(stat_year as integer) as year,  -- noqa: RF04
        municipality_code,
        municipality_name_fi,
        municipality_name_sv,
        case when families_status = 'published' then families_value end as families_with_children,
        families_status as families_with_children_status,
        case when children_status = 'published' then children_value end as children,
        children_status,
        case
            when mean_children_status = 'published' and families_value > 0
                then round(1.0 * children_value / families_value, {{ var('mean_decimals') }})
        end as mean_children_per_family,
        mean_children_status as mean_children_per_family_status,
        case
            when mean_moves_status = 'published' and families_value > 0
                then round(1.0 * moves_value / families_value, {{ var('mean_decimals') }})
        end as mean_moves_youngest_child,
        mean_moves_status as mean_moves_youngest_child_status
    from with_status

)

select * from final
order by year, municipality_code
