{#- Helpers of the publication marts: a published value is shown only when its cell's status
    is `published`; a share follows rule 2 of publication.md. -#}

{#- The value of a cell (alias of disclosure_suppression) when published, else NULL. -#}
{% macro lea_shown(cell) -%}
    case when {{ cell }}.status = 'published' then {{ cell }}.value end
{%- endmacro %}


{#- Status of a share numerator / denominator: suppressed_primary when either count is
    primary-suppressed or the denominator minus the numerator is 0..all_but_a_few;
    suppressed_secondary when either count is otherwise suppressed; else published. -#}
{% macro lea_share_status(numerator, denominator) -%}
    case
        when
            {{ numerator }}.status = 'suppressed_primary'
            or {{ denominator }}.status = 'suppressed_primary'
            or {{ lea_is_all_but_a_few(numerator ~ '.value', denominator ~ '.value') }}
            then 'suppressed_primary'
        when {{ numerator }}.status <> 'published' or {{ denominator }}.status <> 'published'
            then 'suppressed_secondary'
        else 'published'
    end
{%- endmacro %}


{% macro lea_shown_share(numerator, denominator) -%}
    case
        when {{ lea_share_status(numerator, denominator) }} = 'published'
            then {{ lea_share_pct(numerator ~ '.value', denominator ~ '.value') }}
    end
{%- endmacro %}


{#- The cell id of a measure of an area-year row (see disclosure_cells.cell_id). -#}
{% macro lea_cell_id(stat_year, area_id, measure_key) -%}
    cast({{ stat_year }} as varchar) || ':' || {{ area_id }} || ':' || {{ measure_key }}
{%- endmacro %}


{#- indicator_id -> denominator measure key, as rows. -#}
{% macro lea_indicator_denominator_rows() -%}
    {%- for indicator_id, denominator in lea_indicator_denominators().items() %}
    select '{{ indicator_id }}' as indicator_id, '{{ denominator }}' as denominator_measure
    {%- if not loop.last %} union all{% endif %}
    {%- endfor %}
{%- endmacro %}
