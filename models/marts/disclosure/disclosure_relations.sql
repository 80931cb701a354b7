{#- The linear relations between cells that anyone can derive from the definitions
    (publication.md, rule 4), one row per relation and member cell:
    sum(coefficient x cell) = 0 (sense `eq`) or <= 0 (sense `le`). The disclosure engine
    (disclosure_suppression, lea.disclosure) protects every primary cell against all of
    them and proves it; the test suite's audit (lea.audit) rebuilds its own relations from
    the publication and the rules, so that a relation forgotten here shows up there.
    Families (`relation_family`) and kinds:
      spatial        spatial_postcode (postcode areas + residual = municipality, every postcode
                     measure), spatial_municipality (municipalities = study area)
      complement     numerator + complement = denominator (areas and family types)
      breakdowns     groups, profile_<breakdown>: categories = families with children
      family_types   types, type_families_3_5, type_indicator (types = the area's count);
                     type_structure / type_youngest_child_age / type_children (types of a
                     structure, age or children band = the profile category, when exact)
      single_parent  single_parent_profile (= mother + father), single_parent_types (= the
                     families of mother and father types, + T001's numerator when a structure
                     has no type); a type's own numerator is fixed through its complement
      subsets        families with a child aged 3-5 <= families with children (areas, types)
      group_rules    wellbeing groups against the phenomena, enumerated from the rules
                     (disclosure_group_rule_relations)
      summary        children >= 1 x n1 + 2 x n2 + 3 x n3 + 4 x n4+;
                     moves of the youngest child >= 2 x frequent_moves families
    Never published. -#}
{#- The indicators the definitions' relations concern (int_family_phenomena's meta indicator_role). -#}
{%- set lone_parent_indicator = lea_indicator_with_role('lone_parent_structure') %}
{%- set moves_indicator = lea_indicator_with_role('youngest_child_moves') %}
with

cells as (

    select * from {{ ref('disclosure_cells') }}

),

family_types as (

    select * from {{ ref('int_family_types') }}

),

structures as (

    select code as structure
    from {{ ref('situation_attribute_labels') }}
    where attribute = 'structure'

),

typed_situations as (

    select
        (
            select count(*) from structures
            where structures.structure in (select family_types.structure from family_types)
        ) as n_typed_structures,
        (select count(*) from structures) as n_structures,
        (
            select count(*) from (
                select distinct
                    family_types.structure,
                    family_types.youngest_child_age_band
                from family_types
            ) as structure_ages
        ) as n_typed_structure_ages,
        (
            select count(*) from (
                select distinct
                    family_types.structure,
                    family_types.youngest_child_age_band,
                    family_types.children_band
                from family_types
            ) as structure_age_children
        ) as n_typed_structure_age_children

),

exactness as (

    select
        n_typed_structures = n_structures as every_structure_typed,
        n_typed_structures = n_structures and n_typed_structure_ages = n_structures * 4 as every_age_typed,
        n_typed_structures = n_structures and n_typed_structure_age_children = n_structures * 16
            as every_children_band_typed
    from typed_situations

),

top_ranked_type as (

    select
        type_id,
        structure
    from family_types
    where type_rank = 1

),

type_attributes as (

    select
        type_id,
        structure,
        youngest_child_age_band,
        children_band
    from family_types

),

spatial_postcode as (

    select
        cast(stat_year as varchar) || ':spatial_postcode:' || municipality_code || ':' || measure_key as relation_id,
        'spatial_postcode' as relation_kind,
        stat_year,
        cell_id,
        case when area_level = 'municipality' then 'total' else 'part' end as side
    from cells
    where
        area_level in ('municipality', 'postcode', 'residual')
        and measure in ('families', 'families_3_5', 'families_with', 'group')

),

spatial_municipality as (

    select
        cast(stat_year as varchar) || ':spatial_municipality:' || measure_key as relation_id,
        'spatial_municipality' as relation_kind,
        stat_year,
        cell_id,
        case when area_level = 'all' then 'total' else 'part' end as side
    from cells
    where
        area_level in ('all', 'municipality')
        and measure not in ('complement', 'type_complement')

),

balance_parts as (

    select
        cast(stat_year as varchar) || ':complement:' || area_id || ':'
        || coalesce(type_id, '') || ':' || indicator_id as relation_id,
        stat_year,
        cell_id,
        denominator_cell_id
    from cells
    where
        measure in ('families_with', 'complement', 'type_families_with', 'type_complement')
        and area_level <> 'residual'

),

complement as (

    select
        relation_id,
        'complement' as relation_kind,
        stat_year,
        cell_id,
        'part' as side
    from balance_parts
    union all
    select distinct
        relation_id,
        'complement' as relation_kind,
        stat_year,
        denominator_cell_id as cell_id,
        'total' as side
    from balance_parts

),

area_cells as (

    select
        cells.*,
        exactness.every_structure_typed,
        top_ranked_type.type_id as first_type_id
    from cells
    cross join exactness
    left join top_ranked_type on true
    where cells.area_level in ('all', 'municipality', 'postcode')

),

category_sums as (

    -- Categories of an area sum to a total cell of the same area.
    select
        cast(stat_year as varchar) || ':' || relation_kind || ':' || area_id || ':' || relation_key
            as relation_id,
        relation_kind,
        stat_year,
        cell_id,
        side
    from (
        select
            *,
            'groups' as relation_kind,
            '' as relation_key,
            'part' as side
        from area_cells
        where measure = 'group'
        union all
        select
            *,
            'groups' as relation_kind,
            '' as relation_key,
            'total' as side
        from area_cells
        where measure = 'families'
        union all
        select
            *,
            'types' as relation_kind,
            '' as relation_key,
            'part' as side
        from area_cells
        where measure = 'type'
        union all
        select
            *,
            'types' as relation_kind,
            '' as relation_key,
            'total' as side
        from area_cells
        where measure = 'families' and area_level <> 'postcode'
        union all
        select
            *,
            'type_families_3_5' as relation_kind,
            '' as relation_key,
            'part' as side
        from area_cells
        where measure = 'type_families_3_5'
        union all
        select
            *,
            'type_families_3_5' as relation_kind,
            '' as relation_key,
            'total' as side
        from area_cells
        where measure = 'families_3_5' and area_level <> 'postcode'
        union all
        select
            *,
            'type_indicator' as relation_kind,
            indicator_id as relation_key,
            'part' as side
        from area_cells
        where measure = 'type_families_with' and indicator_id <> '{{ lone_parent_indicator }}'
        union all
        select
            *,
            'type_indicator' as relation_kind,
            indicator_id as relation_key,
            'total' as side
        from area_cells
        where
            measure = 'families_with' and area_level <> 'postcode'
            and indicator_id <> '{{ lone_parent_indicator }}'
        union all
        select
            *,
            'profile' as relation_kind,
            breakdown as relation_key,
            'part' as side
        from area_cells
        where measure = 'profile'
        union all
        select
            area_cells.*,
            'profile' as relation_kind,
            breakdowns.breakdown as relation_key,
            'total' as side
        from area_cells
        cross join (
            select distinct breakdown from cells
            where measure = 'profile'
        ) as breakdowns
        where area_cells.measure = 'families' and area_cells.area_level <> 'postcode'
        union all
        select
            *,
            'single_parent_profile' as relation_kind,
            '' as relation_key,
            'part' as side
        from area_cells
        where measure = 'profile' and breakdown = 'structure' and category in ('mother', 'father')
        union all
        select
            *,
            'single_parent_profile' as relation_kind,
            '' as relation_key,
            'total' as side
        from area_cells
        where measure = 'families_with' and indicator_id = '{{ lone_parent_indicator }}' and area_level <> 'postcode'
        union all
        select
            area_cells.*,
            'single_parent_types' as relation_kind,
            '' as relation_key,
            'part' as side
        from area_cells
        inner join type_attributes on area_cells.type_id = type_attributes.type_id
        where
            area_cells.measure = 'type' and type_attributes.structure in ('mother', 'father')
            and (area_cells.every_structure_typed or area_cells.type_id <> area_cells.first_type_id)
        union all
        select
            *,
            'single_parent_types' as relation_kind,
            '' as relation_key,
            'part' as side
        from area_cells
        where
            measure = 'type_families_with' and indicator_id = '{{ lone_parent_indicator }}'
            and not every_structure_typed
            and type_id = first_type_id
        union all
        select
            *,
            'single_parent_types' as relation_kind,
            '' as relation_key,
            'total' as side
        from area_cells
        where
            measure = 'families_with' and indicator_id = '{{ lone_parent_indicator }}' and area_level <> 'postcode'
    ) as sums

),

type_attribute_sums as (

    -- Family types of a structure sum to the profile's structure (a structure without any
    -- type goes to T001's structure); of an age or children band likewise, when exact.
    select
        cast(area_cells.stat_year as varchar) || ':type_structure:' || area_cells.area_id || ':'
        || type_attributes.structure as relation_id,
        'type_structure' as relation_kind,
        area_cells.stat_year,
        area_cells.cell_id,
        'part' as side
    from area_cells
    inner join type_attributes on area_cells.type_id = type_attributes.type_id
    where area_cells.measure = 'type'
    union all
    select
        cast(stat_year as varchar) || ':type_structure:' || area_id || ':'
        || case
            when category in (select type_attributes.structure from type_attributes) then category
            else (select top_ranked_type.structure from top_ranked_type)
        end as relation_id,
        'type_structure' as relation_kind,
        stat_year,
        cell_id,
        'total' as side
    from area_cells
    where measure = 'profile' and breakdown = 'structure'
    union all
    select
        cast(area_cells.stat_year as varchar) || ':type_youngest_child_age:' || area_cells.area_id || ':'
        || type_attributes.youngest_child_age_band as relation_id,
        'type_youngest_child_age' as relation_kind,
        area_cells.stat_year,
        area_cells.cell_id,
        'part' as side
    from area_cells
    inner join type_attributes on area_cells.type_id = type_attributes.type_id
    where area_cells.measure = 'type' and (select exactness.every_age_typed from exactness)
    union all
    select
        cast(stat_year as varchar) || ':type_youngest_child_age:' || area_id || ':' || category as relation_id,
        'type_youngest_child_age' as relation_kind,
        stat_year,
        cell_id,
        'total' as side
    from area_cells
    where measure = 'profile' and breakdown = 'youngest_child_age' and (select exactness.every_age_typed from exactness)
    union all
    select
        cast(area_cells.stat_year as varchar) || ':type_children:' || area_cells.area_id || ':'
        || type_attributes.children_band as relation_id,
        'type_children' as relation_kind,
        area_cells.stat_year,
        area_cells.cell_id,
        'part' as side
    from area_cells
    inner join type_attributes on area_cells.type_id = type_attributes.type_id
    where area_cells.measure = 'type' and (select exactness.every_children_band_typed from exactness)
    union all
    select
        cast(stat_year as varchar) || ':type_children:' || area_id || ':' || category as relation_id,
        'type_children' as relation_kind,
        stat_year,
        cell_id,
        'total' as side
    from area_cells
    where measure = 'profile' and breakdown = 'children' and (select exactness.every_children_band_typed from exactness)

),

summary as (

    select
        cast(stat_year as varchar) || ':summary:' || area_id || ':children' as relation_id,
        'summary_children' as relation_kind,
        stat_year,
        cell_id,
        case
            when measure = 'children' then -1.0
            when category = '4+' then 4.0
            else cast(category as double)
        end as coefficient
    from area_cells
    where
        area_level <> 'postcode'
        and (measure = 'children' or (measure = 'profile' and breakdown = 'children'))
    union all
    select
        cast(stat_year as varchar) || ':summary:' || area_id || ':moves' as relation_id,
        'summary_moves' as relation_kind,
        stat_year,
        cell_id,
        case when measure = 'moves' then -1.0 else cast({{ var('frequent_moves_threshold') }} as double) end
            as coefficient
    from area_cells
    where
        area_level <> 'postcode'
        and (measure = 'moves' or (measure = 'families_with' and indicator_id = '{{ moves_indicator }}'))

),

subsets as (

    -- Families with a child aged 3-5 are some of the families with children: of an area,
    -- and of a family type.
    select
        cast(stat_year as varchar) || ':subsets:' || area_id || ':' || coalesce(type_id, '') as relation_id,
        'subset_families_3_5' as relation_kind,
        stat_year,
        cell_id,
        case when measure in ('families_3_5', 'type_families_3_5') then 1.0 else -1.0 end as coefficient
    from area_cells
    where measure in ('families', 'families_3_5', 'type', 'type_families_3_5')

),

group_rule_templates as (

    select * from {{ ref('disclosure_group_rule_relations') }}

),

group_rules as (

    select
        cast(area_cells.stat_year as varchar) || ':group_rules:' || area_cells.area_id || ':'
        || group_rule_templates.relation_key as relation_id,
        group_rule_templates.relation_kind,
        area_cells.stat_year,
        area_cells.cell_id,
        group_rule_templates.coefficient
    from group_rule_templates
    inner join area_cells
        on
            group_rule_templates.measure = area_cells.measure
            and group_rule_templates.indicator_id is not distinct from area_cells.indicator_id
            and group_rule_templates.group_id is not distinct from area_cells.group_id

),

sums as (

    select * from spatial_postcode
    union all
    select * from spatial_municipality
    union all
    select * from complement
    union all
    select * from category_sums
    union all
    select * from type_attribute_sums

),

relations as (

    select
        relation_id,
        case
            when relation_kind like 'spatial%' then 'spatial'
            when relation_kind = 'complement' then 'complement'
            when relation_kind in ('groups', 'profile') then 'breakdowns'
            -- The relations of the lone-parent indicator's definition, named after it.
            when relation_kind like 'single_parent%' then '{{ lone_parent_indicator }}'
            else 'family_types'
        end as relation_family,
        relation_kind,
        'eq' as sense,
        stat_year,
        cell_id,
        case when side = 'total' then 1.0 else -1.0 end as coefficient
    from sums
    union all
    select
        relation_id,
        'summary' as relation_family,
        relation_kind,
        'le' as sense,
        stat_year,
        cell_id,
        coefficient
    from summary
    union all
    select
        relation_id,
        'subsets' as relation_family,
        relation_kind,
        'le' as sense,
        stat_year,
        cell_id,
        coefficient
    from subsets
    union all
    select
        relation_id,
        'group_rules' as relation_family,
        relation_kind,
        'le' as sense,
        stat_year,
        cell_id,
        coefficient
    from group_rules

),

final as (

    -- Without any family type (an empty build) the type-structure relations have no id.
    select * from relations
    where relation_id is not null

)

select * from final
