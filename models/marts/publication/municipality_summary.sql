{#- Published: families with children, their children under the age limit and two means, by
    municipality and year (grain: year, municipality_code). A mean is published only when
    the counts it divides are (children / families; moves of the youngest child / families,
    which also needs the frequent_moves numerator published, as the moves bound it). -#}
with

area_cells as (

    select * from {{ ref('area_cells') }}
    where area_level in ('all', 'municipality')

),

families as (

    select * from area_cells
    where measure = 'families'

),

children as (

    select * from area_cells
    where measure = 'children'

),

moves as (

    select * from area_cells
    where measure = 'moves'

),

area_years as (

    select
        families.stat_year,
        families.municipality_code,
        families.municipality_name_fi,
        families.municipality_name_sv,
        families.status as families_status,
        families.value as families_value,
        children.status as children_status,
        children.value as children_value,
        moves.status as moves_status,
        moves.value as moves_value
    from families
    inner join children
        on
            families.stat_year = children.stat_year
            and families.area_id = children.area_id
    inner join moves
        on
            families.stat_year = moves.stat_year
            and families.area_id = moves.area_id

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
    from area_years

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
