{#- The linear relations between cells that anyone can derive from the definitions, one row
    per relation and member cell (`total` side = `part` side). The secondary suppression
    protects the primary cells against all of them; lea/audit.py rebuilds the same relations
    independently from the publication to check that it did.
      spatial_postcode      postcode areas + residual = municipality (every postcode measure)
      spatial_municipality  municipalities = study area (every municipal measure)
      complement            numerator + complement = denominator (area and family-type cells)
      groups / types / profile_<breakdown>   categories = families with children
      type_families_3_5     family types' no_ecec denominators = the area's
      type_indicator        family types' numerators = the area's numerator
      single_parent_profile single_parent numerator = mother + father families (profile)
      single_parent_types   single_parent numerator = families of mother and father types
                            (+ T001's single_parent numerator when a structure has no type:
                            its families go to T001)
      type_structure / type_youngest_child_age / type_children
                            family types of a structure (age band, children band) = the
                            profile category, when the type assignment makes it exact
    and `dependency` rows: a summary cell whose published value bounds a category (children
    >= 1 x n1 + 2 x n2 + 3 x n3 + 4 x n4+; moves >= 2 x frequent_moves) is suppressed when a
    cell it bounds is. Never published. -#}
with

cells as (

    select * from {{ ref('disclosure_cells') }}

),

family_types as (

    select * from {{ ref('family_types') }}

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
            where structure in (select structure from family_types)
        ) as n_typed_structures,
        (select count(*) from structures) as n_structures,
        (select count(distinct structure || '|' || youngest_child_age_band) from family_types
        ) as n_typed_structure_ages,
        (select count(distinct structure || '|' || youngest_child_age_band || '|' || children_band) from family_types)
            as n_typed_structure_age_children

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
        denominator_cell_id,
        is_fixed
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
    where
        relation_id not in (
            select fixed.relation_id from balance_parts as fixed
            where fixed.is_fixed
        )
    union all
    select distinct
        relation_id,
        'complement' as relation_kind,
        stat_year,
        denominator_cell_id as cell_id,
        'total' as side
    from balance_parts
    where relation_id not in (
        select fixed.relation_id from balance_parts as fixed
        where fixed.is_fixed
    )

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
        where measure = 'type_families_with' and indicator_id <> 'single_parent'
        union all
        select
            *,
            'type_indicator' as relation_kind,
            indicator_id as relation_key,
            'total' as side
        from area_cells
        where
            measure = 'families_with' and area_level <> 'postcode'
            and indicator_id <> 'single_parent'
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
        where measure = 'families_with' and indicator_id = 'single_parent' and area_level <> 'postcode'
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
            measure = 'type_families_with' and indicator_id = 'single_parent'
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
            measure = 'families_with' and indicator_id = 'single_parent' and area_level <> 'postcode'
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
            when category in (select structure from type_attributes) then category
            else (select structure from top_ranked_type)
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
    where area_cells.measure = 'type' and (select every_age_typed from exactness)
    union all
    select
        cast(stat_year as varchar) || ':type_youngest_child_age:' || area_id || ':' || category as relation_id,
        'type_youngest_child_age' as relation_kind,
        stat_year,
        cell_id,
        'total' as side
    from area_cells
    where measure = 'profile' and breakdown = 'youngest_child_age' and (select every_age_typed from exactness)
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
    where area_cells.measure = 'type' and (select every_children_band_typed from exactness)
    union all
    select
        cast(stat_year as varchar) || ':type_children:' || area_id || ':' || category as relation_id,
        'type_children' as relation_kind,
        stat_year,
        cell_id,
        'total' as side
    from area_cells
    where measure = 'profile' and breakdown = 'children' and (select every_children_band_typed from exactness)

),

dependencies as (

    select
        cast(stat_year as varchar) || ':dependency:' || area_id || ':children' as relation_id,
        'dependency' as relation_kind,
        stat_year,
        cell_id,
        case when measure = 'children' then 'dependent' else 'trigger' end as side
    from area_cells
    where measure = 'children' or (measure = 'profile' and breakdown = 'children')
    union all
    select
        cast(stat_year as varchar) || ':dependency:' || area_id || ':moves' as relation_id,
        'dependency' as relation_kind,
        stat_year,
        cell_id,
        case when measure = 'moves' then 'dependent' else 'trigger' end as side
    from area_cells
    where
        measure = 'moves'
        or (measure = 'families_with' and indicator_id = 'frequent_moves' and area_level <> 'postcode')

),

relations as (

    select * from spatial_postcode
    union all
    select * from spatial_municipality
    union all
    select * from complement
    union all
    select * from category_sums
    union all
    select * from type_attribute_sums
    union all
    select * from dependencies

),

final as (

    -- Without any family type (an empty build) the type-structure relations have no id.
    select * from relations
    where relation_id is not null

)

select * from final
