{#- The indicators (macros/phenomena/phenomenon_ids.sql). -#}
{% macro lea_indicator_ids() -%}
    {{ return(lea_phenomenon_ids()) }}
{%- endmacro %}


{#- A count is primary-suppressed by the minimum-cell rule: 1 <= n < min_cell_size. -#}
{% macro lea_is_below_min_cell(count) -%}
    ({{ count }} >= 1 and {{ count }} < {{ var('min_cell_size') }})
{%- endmacro %}


{#- "All but a few": the denominator minus the numerator is 0..all_but_a_few. -#}
{% macro lea_is_all_but_a_few(numerator, denominator) -%}
    ({{ denominator }} - {{ numerator }} between 0 and {{ var('all_but_a_few') }})
{%- endmacro %}


{#- A share in percent with var('share_decimals') decimals; NULL for an empty denominator.
    Exact decimal (issue 25), so that differences and sums of shares print as people expect:
    the rounding is the same as before, then the cast keeps exactly that value. 100 % needs
    three digits before the point; the published contracts declare decimal(4, 1), so a
    build with another share_decimals fails its contract instead of publishing silently. -#}
{% macro lea_share_pct(numerator, denominator) -%}
    case when {{ denominator }} > 0
        then cast(
            round(100.0 * {{ numerator }} / {{ denominator }}, {{ var('share_decimals') }})
            as decimal({{ 3 + var('share_decimals') }}, {{ var('share_decimals') }})
        )
    end
{%- endmacro %}


{#- The columns of one branch of disclosure_cells.cells_long, aliased (NULL when not given). -#}
{% macro lea_cell_columns(measure, measure_key, value, indicator_id='null', group_id='null', type_id='null',
    breakdown='null', category='null', denominator_key='null', denominator_value='null',
    is_virtual='false', is_fixed_by_definition='false', prefix='') -%}
        {{ prefix }}stat_year as stat_year,
        {{ prefix }}area_id as area_id,
        {{ prefix }}area_level as area_level,
        {{ prefix }}municipality_code as municipality_code,
        {{ prefix }}postcode as postcode,
        {{ measure }} as measure,
        {{ measure_key }} as measure_key,
        cast({{ indicator_id }} as varchar) as indicator_id,
        cast({{ group_id }} as varchar) as group_id,
        cast({{ type_id }} as varchar) as type_id,
        cast({{ breakdown }} as varchar) as breakdown,
        cast({{ category }} as varchar) as category,
        cast({{ value }} as bigint) as value,
        cast({{ denominator_key }} as varchar) as denominator_key,
        cast({{ denominator_value }} as bigint) as denominator_value,
        {{ is_virtual }} as is_virtual,
        {{ is_fixed_by_definition }} as is_fixed_by_definition
{%- endmacro %}
