{#-
    The few DuckDB-specific expressions of staging, each behind adapter.dispatch with a
    duckdb__ and a default__ (Spark SQL) implementation.
-#}

{#- Text with white space (space, tab, CR, LF) removed at both ends. -#}
{% macro lea_trim(expression) -%}
    {{ return(adapter.dispatch('lea_trim', 'lea')(expression)) }}
{%- endmacro %}

{% macro default__lea_trim(expression) -%}
    regexp_replace({{ expression }}, '^[ \t\r\n]+|[ \t\r\n]+$', '')
{%- endmacro %}

{#- trim() with a set of characters is ten times slower than a test of both ends, and
    almost no landed value has white space at an end: trim only those that do. -#}
{% macro duckdb__lea_trim(expression) -%}
    case
        when ascii({{ expression }}) in (32, 9, 10, 13)
            or suffix({{ expression }}, ' ') or suffix({{ expression }}, chr(9))
            or suffix({{ expression }}, chr(10)) or suffix({{ expression }}, chr(13))
            then trim({{ expression }}, ' ' || chr(9) || chr(10) || chr(13))
        else {{ expression }}
    end
{%- endmacro %}


{#- True when the whole of the text matches the regular expression (no anchors needed). -#}
{% macro lea_regex_full_match(expression, pattern) -%}
    {{ return(adapter.dispatch('lea_regex_full_match', 'lea')(expression, pattern)) }}
{%- endmacro %}

{% macro default__lea_regex_full_match(expression, pattern) -%}
    ({{ expression }} rlike '^(?:{{ pattern }})$')
{%- endmacro %}

{% macro duckdb__lea_regex_full_match(expression, pattern) -%}
    regexp_full_match({{ expression }}, '{{ pattern }}')
{%- endmacro %}


{#- A JSON object as text: {"key": expression, ...} in the given order, NULL as null.
    expressions defaults to the keys themselves (column names). -#}
{% macro lea_json_object(keys, expressions=none) -%}
    {{ return(adapter.dispatch('lea_json_object', 'lea')(keys, expressions or keys)) }}
{%- endmacro %}

{% macro default__lea_json_object(keys, expressions) -%}
    to_json(named_struct(
        {%- for key in keys %}
        '{{ key }}', {{ expressions[loop.index0] }}{{ ',' if not loop.last }}
        {%- endfor %}
    ), map('ignoreNullFields', 'false'))
{%- endmacro %}

{% macro duckdb__lea_json_object(keys, expressions) -%}
    cast(json_object(
        {%- for key in keys %}
        '{{ key }}', {{ expressions[loop.index0] }}{{ ',' if not loop.last }}
        {%- endfor %}
    ) as string)
{%- endmacro %}


{#- The value cast to the type, NULL where it cannot be (dbt-duckdb's safe_cast is a plain cast). -#}
{% macro lea_try_cast(expression, sql_type) -%}
    {{ return(adapter.dispatch('lea_try_cast', 'lea')(expression, sql_type)) }}
{%- endmacro %}

{% macro default__lea_try_cast(expression, sql_type) -%}
    {{ dbt.safe_cast(expression, sql_type) }}
{%- endmacro %}

{% macro duckdb__lea_try_cast(expression, sql_type) -%}
    try_cast({{ expression }} as {{ sql_type }})
{%- endmacro %}


{#- A 64-bit hash of a row's values (NULL hashes like a value). Equal rows have equal
    hashes; unequal rows may collide, so it only narrows down where to compare exactly. -#}
{% macro lea_row_hash(expressions) -%}
    {{ return(adapter.dispatch('lea_row_hash', 'lea')(expressions)) }}
{%- endmacro %}

{% macro default__lea_row_hash(expressions) -%}
    xxhash64({{ expressions | join(', ') }})
{%- endmacro %}

{% macro duckdb__lea_row_hash(expressions) -%}
    hash({{ expressions | join(', ') }})
{%- endmacro %}


{#- The whole numbers 0..n-1 as a table `alias(column)` to `cross join`. With a constant n
    a streamed series; n may be an expression of the tables before it in the from clause,
    but then DuckDB builds the numbers as one list in memory, so only for a small n. -#}
{% macro lea_numbers_from_zero(count_expression, alias, column) -%}
    {{ return(adapter.dispatch('lea_numbers_from_zero', 'lea')(count_expression, alias, column)) }}
{%- endmacro %}

{% macro default__lea_numbers_from_zero(count_expression, alias, column) -%}
    lateral (
        select explode(case when {{ count_expression }} > 0 then sequence(0, {{ count_expression }} - 1) end)
            as {{ column }}
    ) as {{ alias }}
{%- endmacro %}

{% macro duckdb__lea_numbers_from_zero(count_expression, alias, column) -%}
    range(0, {{ count_expression }}) as {{ alias }} ({{ column }})
{%- endmacro %}


{#- The range of a row number: ranges of range_rows numbers from 1 (0 = 1..range_rows),
    and -1 for a NULL row number. -#}
{% macro lea_row_range(row_number, range_rows) -%}
    coalesce(cast(floor(({{ row_number }} - 1) / {{ range_rows }}) as bigint), -1)
{%- endmacro %}


{#- True when any of the text columns holds a space, tab, CR or LF anywhere (NULL counts as
    empty): a row for which it is false has nothing to trim. -#}
{% macro lea_has_white_space(columns) -%}
    {{ return(adapter.dispatch('lea_has_white_space', 'lea')(columns)) }}
{%- endmacro %}

{% macro default__lea_has_white_space(columns) -%}
    {%- set joined = [] -%}
    {%- for column in columns -%}{%- do joined.append('coalesce(' ~ column ~ ", '')") -%}{%- endfor -%}
    (concat({{ joined | join(', ') }}) rlike '[ \t\r\n]')
{%- endmacro %}

{#- concat() skips NULLs; the concatenation is computed once for the four tests. -#}
{% macro duckdb__lea_has_white_space(columns) -%}
    {%- set joined = 'concat(' ~ (columns | join(', ')) ~ ')' -%}
    (
        contains({{ joined }}, ' ') or contains({{ joined }}, chr(9))
        or contains({{ joined }}, chr(10)) or contains({{ joined }}, chr(13))
    )
{%- endmacro %}
