{#- Helpers of the publication marts: a published value is shown only when its cell's status
    is `published`; a share follows rule 2 of publication.md. -#}

{#- The value of a cell (alias of disclosure_suppression) when published, else NULL. -#}
{% macro lea_shown(cell) -%}
    case when {{ cell }}.status = 'published' then {{ cell }}.value end
{%- endmacro %}


{#- Status of a share (rule 2): `suppressed` when its numerator or denominator is, or when
    the denominator minus the numerator is 0..all_but_a_few; else `published`. -#}
{% macro lea_share_status(numerator, denominator) -%}
    case
        when
            {{ numerator }}.status <> 'published'
            or {{ denominator }}.status <> 'published'
            or {{ lea_is_all_but_a_few(numerator ~ '.value', denominator ~ '.value') }}
            then 'suppressed'
        else 'published'
    end
{%- endmacro %}


{% macro lea_shown_share(numerator, denominator) -%}
    case
        when {{ lea_share_status(numerator, denominator) }} = 'published'
            then {{ lea_share_pct(numerator ~ '.value', denominator ~ '.value') }}
    end
{%- endmacro %}


{#- indicator_id -> denominator measure key, as rows. -#}
{% macro lea_indicator_denominator_rows() -%}
    {%- for indicator_id, denominator in lea_indicator_denominators().items() %}
    select '{{ indicator_id }}' as indicator_id, '{{ denominator }}' as denominator_measure
    {%- if not loop.last %} union all{% endif %}
    {%- endfor %}
{%- endmacro %}
