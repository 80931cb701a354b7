{%- macro lea_published_indicators(area_level) -%}
{#- The eleven indicators by area and year; area_level 'municipality' (municipalities and the
    whole study area) or 'postcode'. Shared by municipality_indicators and postcode_indicators,
    which differ only in the area and its columns. -#}
with

areas as (

    select * from {{ ref('disclosure_areas') }}
    {%- if area_level == 'postcode' %}
    where area_level = 'postcode'
    {%- else %}
    where area_level in ('all', 'municipality')
    {%- endif %}

),

stat_years as (

    select stat_year from {{ ref('int_stat_years') }}

),

indicators as (

    select * from {{ ref('indicator_catalog') }}

),

denominators as (

    {{ lea_indicator_denominator_rows() }}

),

cells as (

    select * from {{ ref('disclosure_suppression') }}

),

rows_ as (

    select
        stat_years.stat_year,
        areas.*,
        indicators.indicator_id,
        indicators.sort_order,
        indicators.name_fi,
        indicators.name_sv,
        denominators.denominator_measure,
        {{ lea_cell_id(
            'stat_years.stat_year', 'areas.area_id', "'families_with|' || indicators.indicator_id") }} as numerator_cell_id,
        {{ lea_cell_id(
            'stat_years.stat_year', 'areas.area_id', 'denominators.denominator_measure') }} as denominator_cell_id
    from stat_years
    cross join areas
    cross join indicators
    inner join denominators
        on indicators.indicator_id = denominators.indicator_id

),

final as (

    select
        cast(rows_.stat_year as integer) as year,  -- noqa: RF04
        rows_.municipality_code,
        rows_.municipality_name_fi,
        rows_.municipality_name_sv,
        {%- if area_level == 'postcode' %}
        rows_.postcode,
        rows_.postcode_name_fi,
        rows_.postcode_name_sv,
        {%- endif %}
        rows_.indicator_id,
        rows_.name_fi as indicator_name_fi,
        rows_.name_sv as indicator_name_sv,
        {{ lea_shown('denominator') }} as families,
        denominator.status as families_status,
        {{ lea_shown('numerator') }} as families_with,
        numerator.status as families_with_status,
        {{ lea_shown_share('numerator', 'denominator') }} as share_pct,
        {{ lea_share_status('numerator', 'denominator') }} as share_status

    from rows_
    inner join cells as numerator
        on rows_.numerator_cell_id = numerator.cell_id
    inner join cells as denominator
        on rows_.denominator_cell_id = denominator.cell_id

)

select * from final
order by year, municipality_code,{% if area_level == 'postcode' %} postcode,{% endif %} indicator_id
{%- endmacro %}


{%- macro lea_published_wellbeing_groups(area_level) -%}
{#- Families with children by wellbeing group, area and year; area_level 'municipality' or
    'postcode' (see lea_published_indicators). -#}
with

areas as (

    select * from {{ ref('disclosure_areas') }}
    {%- if area_level == 'postcode' %}
    where area_level = 'postcode'
    {%- else %}
    where area_level in ('all', 'municipality')
    {%- endif %}

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
        {%- if area_level == 'postcode' %}
        rows_.postcode,
        rows_.postcode_name_fi,
        rows_.postcode_name_sv,
        {%- endif %}
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
order by year, municipality_code,{% if area_level == 'postcode' %} postcode,{% endif %} group_id
{%- endmacro %}
