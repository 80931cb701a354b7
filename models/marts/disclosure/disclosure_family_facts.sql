{#- One row per study family with children and statistical year, with what the published
    tables count: its areas, situation bands, type, group, the eleven indicators as 0/1 and
    its members of the no_ecec denominator. Never published (it holds family ids). -#}
with

phenomena as (

    select * from {{ ref('int_family_phenomena') }}

),

typology as (

    select * from {{ ref('int_family_typology') }}

),

stat_years as (

    select stat_year from {{ ref('int_stat_years') }}

),

postcode_grid as (

    select * from {{ ref('disclosure_areas') }}
    where area_level = 'postcode'

),

final as (

    select
        phenomena.stat_year,
        phenomena.family_id,
        phenomena.municipality_code,
        -- NULL when the family lives at no ordinary postcode area of its municipality: it
        -- then counts in the municipality and the study area only.
        postcode_grid.area_id as postcode_area_id,
        phenomena.family_structure,
        typology.youngest_child_age_band,
        typology.children_band,
        typology.youngest_parent_age_band,
        typology.type_id,
        typology.group_id,
        coalesce(phenomena.n_children_under_age_limit, 0) as n_children,
        coalesce(phenomena.youngest_child_moves, 0) as youngest_child_moves,
        {%- for indicator_id, denominator in lea_indicator_denominators().items() %}
            {%- set in_denominator = 'phenomena.has_child_aged_3_5' if denominator == 'families_3_5' else 'true' %}
            case when phenomena.{{ indicator_id }} and {{ in_denominator }} then 1 else 0 end as {{ indicator_id }},
        {%- endfor %}
        case when phenomena.has_child_aged_3_5 then 1 else 0 end as in_families_3_5

    from phenomena
    inner join stat_years
        on phenomena.stat_year = stat_years.stat_year
    left join typology
        on
            phenomena.family_id = typology.family_id
            and phenomena.stat_year = typology.stat_year
    left join postcode_grid
        on
            phenomena.postcode = postcode_grid.postcode
            and phenomena.municipality_code = postcode_grid.municipality_code

)

select * from final
