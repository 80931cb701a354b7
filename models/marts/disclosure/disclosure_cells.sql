{#- Every number the publication can show, once, as a "cell" with its true value: one row per
    statistical year, area and measure. A cell shown in several tables (the families with
    children of an area are every indicator's denominator but no_ecec's, the profile's `all`,
    the summary's families_with_children; a family type's families are its indicators'
    denominators) is one cell, so it is suppressed everywhere or nowhere. Adds
      - virtual cells: the complement (denominator - numerator) of every indicator, never
        published but implied, so that "numerator <= denominator" is an equation;
      - residual cells (area_level `residual`): per municipality, the families at no ordinary
        postcode area, treated as known (publication.md rule 4);
      - is_known: values anyone knows without the publication: residual areas (rule 4),
        cells a definition fixes to 0 (a couple type's single_parent numerator, a lone-parent
        type's complement of it; a type whose youngest child is 7+ has no child aged 3-5),
        and every cell of a year without study families;
      - same_as_cell_id: the cell a definition makes this one equal to. A lone-parent type's
        single_parent numerator is the type's families (publication.md rule 4,
        "Definitions"): the engine reads the two as one cell, so the numerator is published
        exactly when the type's families are (in every municipality and the study area);
      - primary_reason: the primary rule that suppresses the cell, if any (rules 1-3; rule 2
        also for wellbeing groups other than the foundations group G01).
    Never published. -#}
{#- The indicator fixed by a family type's structure (int_family_phenomena's meta indicator_role). -#}
{%- set lone_parent_indicator = lea_indicator_with_role('lone_parent_structure') %}
with

facts as (

    select * from {{ ref('disclosure_family_facts') }}

),

areas as (

    select * from {{ ref('disclosure_areas') }}

),

stat_years as (

    select stat_year from {{ ref('int_stat_years') }}

),

family_types as (

    select * from {{ ref('int_family_types') }}

),

wellbeing_groups as (

    select * from {{ ref('wellbeing_group_catalog') }}

),

profile_categories as (

    select
        attribute as breakdown,
        code as category
    from {{ ref('situation_attribute_labels') }}
    where attribute in ('structure', 'youngest_child_age', 'children')

),

residual_areas as (

    -- Families of a municipality at no ordinary postcode area ("residual" of the municipality).
    select
        'R' || municipality_code as area_id,
        'residual' as area_level,
        municipality_code,
        cast(null as varchar) as postcode
    from areas
    where area_level = 'municipality'

),

all_areas as (

    select
        area_id,
        area_level,
        municipality_code,
        postcode
    from areas
    union all
    select * from residual_areas

),

area_years as (

    select
        stat_years.stat_year,
        all_areas.*
    from stat_years
    cross join all_areas

),

memberships as (

    -- Each family counts in the study area, its municipality, and its postcode area or the
    -- municipality's residual.
    select
        facts.*,
        'ALL' as area_id
    from facts
    union all
    select
        facts.*,
        'M' || municipality_code as area_id
    from facts
    union all
    select
        facts.*,
        coalesce(postcode_area_id, 'R' || municipality_code) as area_id
    from facts

),

area_counts as (

    select
        stat_year,
        area_id,
        count(*) as families,
        sum(in_families_3_5) as families_3_5,
        {%- for indicator_id in lea_indicator_ids() %}
            sum({{ indicator_id }}) as with_{{ indicator_id }},
        {%- endfor %}
        sum(n_children) as children,
        sum(youngest_child_moves) as moves
    from memberships
    group by stat_year, area_id

),

group_counts as (

    select
        stat_year,
        area_id,
        group_id,
        count(*) as families
    from memberships
    group by stat_year, area_id, group_id

),

type_counts as (

    select
        stat_year,
        area_id,
        type_id,
        count(*) as families,
        {%- for indicator_id in lea_indicator_ids() %}
            sum({{ indicator_id }}) as with_{{ indicator_id }},
        {%- endfor %}
        sum(in_families_3_5) as families_3_5
    from memberships
    where area_id = 'ALL' or area_id like 'M%'
    group by stat_year, area_id, type_id

),

profile_counts as (

    select
        stat_year,
        area_id,
        'structure' as breakdown,
        family_structure as category,
        count(*) as families
    from memberships
    where area_id = 'ALL' or area_id like 'M%'
    group by stat_year, area_id, family_structure
    union all
    select
        stat_year,
        area_id,
        'youngest_child_age' as breakdown,
        youngest_child_age_band as category,
        count(*) as families
    from memberships
    where area_id = 'ALL' or area_id like 'M%'
    group by stat_year, area_id, youngest_child_age_band
    union all
    select
        stat_year,
        area_id,
        'children' as breakdown,
        children_band as category,
        count(*) as families
    from memberships
    where area_id = 'ALL' or area_id like 'M%'
    group by stat_year, area_id, children_band

),

area_values as (

    select
        area_years.*,
        coalesce(area_counts.families, 0) as families,
        coalesce(area_counts.families_3_5, 0) as families_3_5,
        {%- for indicator_id in lea_indicator_ids() %}
            coalesce(area_counts.with_{{ indicator_id }}, 0) as with_{{ indicator_id }},
        {%- endfor %}
        coalesce(area_counts.children, 0) as children,
        coalesce(area_counts.moves, 0) as moves
    from area_years
    left join area_counts
        on
            area_years.stat_year = area_counts.stat_year
            and area_years.area_id = area_counts.area_id

),

type_values as (

    select
        area_years.*,
        family_types.type_id,
        family_types.structure as type_structure,
        coalesce(type_counts.families, 0) as families,
        coalesce(type_counts.families_3_5, 0) as families_3_5,
        {%- for indicator_id in lea_indicator_ids() %}
            coalesce(type_counts.with_{{ indicator_id }}, 0) as with_{{ indicator_id }},
        {%- endfor %}
        family_types.youngest_child_age_band as type_youngest_child_age_band
    from area_years
    cross join family_types
    left join type_counts
        on
            area_years.stat_year = type_counts.stat_year
            and area_years.area_id = type_counts.area_id
            and family_types.type_id = type_counts.type_id
    where area_years.area_level in ('all', 'municipality')

),

top_ranked_type as (

    select type_id
    from family_types
    where type_rank = 1

),

structures_without_type as (

    -- A family gets a type of its own structure, except when no type has its structure: it
    -- then gets T001. So a type's single_parent numerator is fixed by the definitions (its
    -- families, or 0), for every type when every structure has a type, else but for T001.
    select count(*) as n
    from profile_categories
    where
        breakdown = 'structure'
        and category not in (select family_types.structure from family_types)

),

foundations_group as (

    -- The group of the catch-all rule (no requirements): "foundations in order", G01 by
    -- default. Rule 2 spares it: that nearly all families are doing well discloses nothing.
    select group_id
    from {{ ref('wellbeing_group_rules') }}
    where
        coalesce(requires_all, '') = ''
        and coalesce(requires_any, '') = ''
        and min_phenomena = 0

),

lone_parent_types_by_definition as (

    -- Types whose single_parent numerator is their families (see structures_without_type).
    select type_id
    from family_types
    where
        structure in ('mother', 'father')
        and (
            (select structures_without_type.n from structures_without_type) = 0
            or type_id <> (select top_ranked_type.type_id from top_ranked_type)
        )

),

cells_long as (

    -- Families with children, and families with a child aged 3-5 (no_ecec denominator).
    select
        {{ lea_cell_columns("'families'", "'families'", 'families') }}
    from area_values
    union all
    select
        {{ lea_cell_columns("'families_3_5'", "'families_3_5'", 'families_3_5') }}
    from area_values
    {%- for indicator_id, denominator in lea_indicator_denominators().items() %}
        union all
        select
        {{ lea_cell_columns(
            "'families_with'", "'families_with|" ~ indicator_id ~ "'", 'with_' ~ indicator_id,
            indicator_id="'" ~ indicator_id ~ "'", denominator_key="'" ~ denominator ~ "'",
            denominator_value=denominator) }}
        from area_values
        union all
        select
        {{ lea_cell_columns(
            "'complement'", "'complement|" ~ indicator_id ~ "'", denominator ~ ' - with_' ~ indicator_id,
            indicator_id="'" ~ indicator_id ~ "'", denominator_key="'" ~ denominator ~ "'",
            denominator_value=denominator, is_virtual='true') }}
        from area_values
    {%- endfor %}
    union all
    select
        {{ lea_cell_columns("'children'", "'children'", 'children') }}
    from area_values
    where area_level in ('all', 'municipality')
    union all
    select
        {{ lea_cell_columns("'moves'", "'moves'", 'moves') }}
    from area_values
    where area_level in ('all', 'municipality')
    union all
    select
        {{ lea_cell_columns(
            "'group'", "'group|' || wellbeing_groups.group_id", 'coalesce(group_counts.families, 0)',
            group_id='wellbeing_groups.group_id', prefix='area_years.') }}
    from area_years
    cross join wellbeing_groups
    left join group_counts
        on
            area_years.stat_year = group_counts.stat_year
            and area_years.area_id = group_counts.area_id
            and wellbeing_groups.group_id = group_counts.group_id
    union all
    select
        {{ lea_cell_columns(
            "'profile'", "'profile|' || profile_categories.breakdown || '|' || profile_categories.category",
            'coalesce(profile_counts.families, 0)', breakdown='profile_categories.breakdown',
            category='profile_categories.category', prefix='area_years.') }}
    from area_years
    cross join profile_categories
    left join profile_counts
        on
            area_years.stat_year = profile_counts.stat_year
            and area_years.area_id = profile_counts.area_id
            and profile_categories.breakdown = profile_counts.breakdown
            and profile_categories.category = profile_counts.category
    where area_years.area_level in ('all', 'municipality')
    union all
    select
        {{ lea_cell_columns("'type'", "'type|' || type_id", 'families', type_id='type_id') }}
    from type_values
    union all
    select
        {{ lea_cell_columns(
            "'type_families_3_5'", "'type_families_3_5|' || type_id", 'families_3_5', type_id='type_id',
            is_fixed_by_definition="type_youngest_child_age_band in ('7-12', '13-17') and families_3_5 = 0") }}
    from type_values
    {%- for indicator_id, denominator in lea_indicator_denominators().items() %}
        {%- set type_denominator = 'families' if denominator == 'families' else 'families_3_5' %}
    {%- set type_denominator_key = "'type|' || type_id" if denominator == 'families'
        else "'type_families_3_5|' || type_id" %}
        {%- if indicator_id == lone_parent_indicator %}
            {#- Fixed by the type's structure (all of a lone-parent type's families, none of a
                couple type's), for every type when every structure has a type, else but T001. -#}
            {%- set by_structure = "((select structures_without_type.n from structures_without_type) = 0"
                ~ " or type_id <> (select top_ranked_type.type_id from top_ranked_type))" %}
            {%- set numerator_fixed = by_structure ~ " and type_structure not in ('mother', 'father')" %}
            {%- set complement_fixed = by_structure ~ " and type_structure in ('mother', 'father')" %}
        {%- elif denominator == 'families_3_5' %}
            {%- set numerator_fixed = "type_youngest_child_age_band in ('7-12', '13-17') and families_3_5 = 0" %}
            {%- set complement_fixed = numerator_fixed %}
        {%- else %}
            {%- set numerator_fixed = "false" %}
            {%- set complement_fixed = "false" %}
        {%- endif %}
        union all
        select
        {{ lea_cell_columns(
            "'type_families_with'", "'type_families_with|' || type_id || '|" ~ indicator_id ~ "'",
            'with_' ~ indicator_id, indicator_id="'" ~ indicator_id ~ "'", type_id='type_id',
            denominator_key=type_denominator_key, denominator_value=type_denominator,
            is_fixed_by_definition=numerator_fixed) }}
        from type_values
        union all
        select
        {{ lea_cell_columns(
            "'type_complement'", "'type_complement|' || type_id || '|" ~ indicator_id ~ "'",
            type_denominator ~ ' - with_' ~ indicator_id, indicator_id="'" ~ indicator_id ~ "'",
            type_id='type_id', denominator_key=type_denominator_key, denominator_value=type_denominator,
            is_virtual='true', is_fixed_by_definition=complement_fixed) }}
        from type_values
    {%- endfor %}

),

measured as (

    -- Residual areas carry only the measures that postcode areas have.
    select * from cells_long
    where area_level <> 'residual' or measure in ('families', 'families_3_5', 'families_with', 'group')

),

area_families as (

    select
        stat_year,
        area_id,
        value as area_families
    from measured
    where measure = 'families'

),

empty_years as (

    -- A year without study families: the published study-area total 0 tells every count.
    select stat_year
    from area_families
    where area_id = 'ALL' and area_families = 0

),

final as (

    select
        cast(measured.stat_year as varchar) || ':' || measured.area_id || ':' || measured.measure_key as cell_id,
        measured.stat_year,
        measured.area_id,
        measured.area_level,
        measured.municipality_code,
        measured.postcode,
        measured.measure,
        measured.measure_key,
        measured.indicator_id,
        measured.group_id,
        measured.type_id,
        measured.breakdown,
        measured.category,
        -- `value`: the engine's and the tests' name for a cell's count.
        cast(measured.value as bigint) as value,  -- noqa: RF04
        case
            when measured.denominator_key is not null
                then cast(measured.stat_year as varchar) || ':' || measured.area_id || ':' || measured.denominator_key
        end as denominator_cell_id,
        cast(measured.denominator_value as bigint) as denominator_value,
        cast(area_families.area_families as bigint) as area_families,
        measured.is_virtual,
        -- The attacker knows these values without any publication: residual areas (rule 4
        -- says to choose as if they were published), cells a definition fixes to 0, and
        -- every cell of a year without study families.
        measured.area_level = 'residual'
        or measured.is_fixed_by_definition
        or measured.stat_year in (select empty_years.stat_year from empty_years) as is_known,
        -- A lone-parent type's single_parent numerator is the type's families by definition:
        -- one cell for the engine, published or hidden with them, never a way round them.
        case
            when
                measured.measure = 'type_families_with'
                and measured.indicator_id = '{{ lone_parent_indicator }}'
                and measured.type_id in (
                    select lone_parent_types_by_definition.type_id from lone_parent_types_by_definition
                )
                then cast(measured.stat_year as varchar) || ':' || measured.area_id || ':' || measured.denominator_key
        end as same_as_cell_id,
        case
            when
                measured.is_virtual or measured.is_fixed_by_definition or measured.area_level = 'residual'
                or measured.measure = 'moves'
                or measured.stat_year in (select empty_years.stat_year from empty_years)
                then null
            when
                measured.measure = 'type_families_with'
                and measured.indicator_id = '{{ lone_parent_indicator }}'
                and measured.type_id in (
                    select lone_parent_types_by_definition.type_id from lone_parent_types_by_definition
                )
                then null
            when measured.area_level = 'postcode' and area_families.area_families < {{ var('min_area_families') }}
                then 'small_area'
            when {{ lea_is_below_min_cell('measured.value') }} then 'min_cell'
            when
                measured.measure in ('families_with', 'type_families_with')
                and measured.denominator_value > 0
                and {{ lea_is_all_but_a_few('measured.value', 'measured.denominator_value') }}
                then 'all_but_a_few'
            when
                measured.measure = 'group'
                and measured.group_id not in (select foundations_group.group_id from foundations_group)
                and area_families.area_families > 0
                and {{ lea_is_all_but_a_few('measured.value', 'area_families.area_families') }}
                then 'all_but_a_few'
        end as primary_reason

    from measured
    inner join area_families
        on
            measured.stat_year = area_families.stat_year
            and measured.area_id = area_families.area_id

)

select * from final
