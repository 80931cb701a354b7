{#-
    lea_validated_register: the body of a `base_<source>__<table>_validated` model.

    One row per landed row of `source(source_name, table_name)`, with
    - landing_row_number;
    - every contract column trimmed (empty = NULL), normalised and typed, under its contract
      name (NULL where the value cannot be parsed);
    - icd10_category where the table has an ICD-10 column;
    - row_values: for a bad row, the contract columns exactly as landed, as JSON text;
    - quarantine_reason / quarantine_reason_text: NULL for a good row, else the first failing
      check (order: lea_quarantine_check_order) with a sentence naming column and value.

    columns: one dict per contract column, in contract order:
        name            contract column name
        type            'text' (default), 'date', 'integer' or 'decimal'
        nullable        true where the contract allows NULL (default false)
        shape           a key of lea_value_shapes() (pseudonym, icd10_code, postcode, ...)
        code_list       a code list of seed contract_code_lists (compared lower-case)
        positive        true: must be above zero (reason non_positive_amount)
        non_negative    true: must not be negative (reason negative_value)
        first_of_month  true: a date that must be the first day of a month
    row_checks: dicts {reason, column, and not_before: other column | differs_from: other column}.
    postcode_check: {postcode, municipality_code} column names: check against postcode_areas.
    residence_overlap: {person, start, end} column names: every valid period overlapping
        another valid period of the same person is bad (inclusive ends, NULL end = open).
-#}
{% macro lea_validated_register(
    source_name, table_name, columns, row_checks=[], postcode_check=none, residence_overlap=none
) -%}
    {%- do lea_assert_columns_match_contract(source_name, table_name, columns) -%}
    {%- set shapes = lea_value_shapes() -%}
    {%- set types = lea_type_rules() -%}
    {%- set column_names = columns | map(attribute='name') | list -%}
    {%- set landed_column_names = [] -%}
    {%- for name in column_names -%}{%- do landed_column_names.append('landed_' ~ name) -%}{%- endfor -%}
    {%- set code_list_columns = [] -%}
    {%- set icd10_columns = [] -%}
    {%- for column in columns -%}
        {%- if column.get('code_list') -%}{%- do code_list_columns.append(column) -%}{%- endif -%}
        {%- if column.get('shape') == 'icd10_code' -%}{%- do icd10_columns.append(column.name) -%}{%- endif -%}
    {%- endfor -%}
    {%- set checks = lea_value_checks(columns, row_checks, postcode_check) -%}

with

{# Almost no landed row has white space anywhere: one test per row finds the few that
    may need trimming, instead of one per column (lea_trim tests both ends). #}
landed as (

    select
        landed_rows.*,
        {{ lea_has_white_space(column_names) }} as has_white_space

    from {{ source(source_name, table_name) }} as landed_rows

),

{# Exact duplicates (all contract columns equal as landed, NULL equal to NULL), found
    without sorting every row: hash aggregation keeps the few row hashes that occur more
    than once, and only the rows with such a hash are compared exactly. These two read
    the source themselves: DuckDB materialises a CTE that is referenced more than once,
    which would copy every landed row. #}
duplicate_hashes as (

    select {{ lea_row_hash(column_names) }} as row_hash
    from {{ source(source_name, table_name) }}
    group by {{ lea_row_hash(column_names) }}
    having count(*) > 1

),

duplicate_candidates as (

    select
        landing_row_number,
        min(landing_row_number) over (
            partition by {{ column_names | join(', ') }}
        ) as first_copy_row_number

    from {{ source(source_name, table_name) }}
    where {{ lea_row_hash(column_names) }} in (select duplicate_hashes.row_hash from duplicate_hashes)

),
{%- if code_list_columns %}

code_lists as (

    select * from {{ ref('contract_code_lists') }}

),
{%- endif %}
{%- if postcode_check %}

postcode_areas as (

    select * from {{ ref('postcode_areas') }}

),

study_municipalities as (

    select * from {{ ref('study_municipalities') }}

),
{%- endif %}

cleaned as (

    select
        landing_row_number,
        {%- for column in columns %}
        {{ column.name }} as landed_{{ column.name }},
        {{ lea_normalised_text(column, shapes) }} as {{ column.name }}_text
        {{- ',' if not loop.last }}
        {%- endfor %}

    from landed

),

typed as (

    select
        {%- set typed_columns = ['cleaned.*'] %}
        {%- for column in columns %}
        {%- do typed_columns.append(lea_typed_value(column, shapes, types) ~ ' as ' ~ column.name) %}
        {%- endfor %}
        {%- for column in code_list_columns %}
        {%- do typed_columns.append('code_list_' ~ column.name ~ '.code is not null as is_listed_' ~ column.name) %}
        {%- endfor %}
        {%- if postcode_check %}
        {%- do typed_columns.append('postcode_area.municipality_code as reference_municipality_code') %}
        {%- do typed_columns.append('study_municipality.municipality_code is not null as is_study_municipality') %}
        {%- endif %}
        {%- do typed_columns.append('duplicate_candidates.first_copy_row_number') %}
        {%- for expression in typed_columns %}
        {{ expression }}{{ ',' if not loop.last }}
        {%- endfor %}

    from cleaned
    left join duplicate_candidates
        on cleaned.landing_row_number = duplicate_candidates.landing_row_number
    {%- for column in code_list_columns %}
    left join code_lists as code_list_{{ column.name }}
        on code_list_{{ column.name }}.code_list = '{{ column.code_list }}'
        and code_list_{{ column.name }}.code = cleaned.{{ column.name }}_text
    {%- endfor %}
    {%- if postcode_check %}
    left join postcode_areas as postcode_area
        on postcode_area.postcode = cleaned.{{ postcode_check.postcode }}_text
    left join study_municipalities as study_municipality
        on study_municipality.municipality_code = cleaned.{{ postcode_check.municipality_code }}_text
    {%- endif %}

),

{#- The first failing check is found once, then named and described. -#}
failed as (

    select
        typed.*,
        case
            {%- for check in checks %}
            when {{ check.when }} then {{ loop.index }}
            {%- endfor %}
        end as failed_check

    from typed

),

checked as (

    select
        failed.*,
        case failed_check
            {%- for check in checks %}
            when {{ loop.index }} then '{{ check.reason }}'
            {%- endfor %}
        end as value_reason,
        case failed_check
            {%- for check in checks %}
            when {{ loop.index }} then {{ check.text }}
            {%- endfor %}
        end as value_reason_text

    from failed

),

{#- A later copy of an exact duplicate: its first copy has a smaller landing row number. -#}
deduplicated as (

    select
        checked.*,
        case
            when value_reason is not null then value_reason
            when landing_row_number > first_copy_row_number then 'duplicate_row'
        end as pre_overlap_reason,
        case
            when value_reason is not null then value_reason_text
            when landing_row_number > first_copy_row_number
                then 'exact duplicate of landing row ' || cast(first_copy_row_number as {{ dbt.type_string() }})
        end as pre_overlap_reason_text

    from checked

),
{%- if residence_overlap %}
{%- set person = residence_overlap.person %}
{%- set period_start = residence_overlap.start %}
{%- set period_end = residence_overlap['end'] %}

{#- Among the periods that passed every other check, sorted by start per person, a period
    overlaps an earlier one when it starts on or before the latest end so far, and a later
    one when the next period starts on or before its own end. -#}
periods as (

    select
        deduplicated.*,
        max(coalesce({{ period_end }}, cast('9999-12-31' as date))) over (
            partition by pre_overlap_reason, {{ person }}
            order by {{ period_start }}, landing_row_number
            rows between unbounded preceding and 1 preceding
        ) as latest_earlier_end,
        lead({{ period_start }}) over (
            partition by pre_overlap_reason, {{ person }}
            order by {{ period_start }}, landing_row_number
        ) as next_start,
        lead(landing_row_number) over (
            partition by pre_overlap_reason, {{ person }}
            order by {{ period_start }}, landing_row_number
        ) as next_row_number

    from deduplicated

),

reasoned as (

    select
        periods.*,
        case
            when pre_overlap_reason is not null then pre_overlap_reason
            when {{ period_start }} <= latest_earlier_end
                or next_start <= coalesce({{ period_end }}, cast('9999-12-31' as date))
                then 'residence_overlap'
        end as quarantine_reason,
        case
            when pre_overlap_reason is not null then pre_overlap_reason_text
            when next_start <= coalesce({{ period_end }}, cast('9999-12-31' as date))
                then 'residence period from ' || cast({{ period_start }} as {{ dbt.type_string() }})
                || ' to ' || coalesce(cast({{ period_end }} as {{ dbt.type_string() }}), 'open end')
                || ' overlaps the period of the same person starting '
                || cast(next_start as {{ dbt.type_string() }})
                || ' (landing row ' || cast(next_row_number as {{ dbt.type_string() }}) || ')'
            when {{ period_start }} <= latest_earlier_end
                then 'residence period from ' || cast({{ period_start }} as {{ dbt.type_string() }})
                || ' starts on or before the end of an earlier period of the same person ('
                || case
                    when latest_earlier_end = cast('9999-12-31' as date) then 'open end'
                    else cast(latest_earlier_end as {{ dbt.type_string() }})
                end || ')'
        end as quarantine_reason_text

    from periods

),
{%- else %}

reasoned as (

    select
        deduplicated.*,
        pre_overlap_reason as quarantine_reason,
        pre_overlap_reason_text as quarantine_reason_text

    from deduplicated

),
{%- endif %}

final as (

    select
        landing_row_number,
        {%- for name in column_names %}
        {{ name }},
        {%- endfor %}
        {%- for name in icd10_columns %}
        substr({{ name }}, 1, 3) as {{ name | replace('_code', '') }}_category,
        {%- endfor %}
        {#- Only for bad rows: the original values are what the quarantine shows. -#}
        case
            when quarantine_reason is not null
                then {{ lea_json_object(column_names, landed_column_names) }}
        end as row_values,
        quarantine_reason,
        quarantine_reason_text

    from reasoned

)

select * from final
{%- endmacro %}


{#- The trimmed value (empty = NULL) in the case it is compared and staged in; only a row
    with white space somewhere (has_white_space) is trimmed. -#}
{% macro lea_normalised_text(column, shapes) -%}
    {%- set trimmed = 'nullif(case when has_white_space then ' ~ lea_trim(column.name) ~ ' else ' ~ column.name ~ " end, '')" -%}
    {%- set normalise = 'lower' if column.get('code_list') else shapes.get(column.get('shape'), {}).get('normalise') -%}
    {%- if normalise == 'lower' -%}
        lower({{ trimmed }})
    {%- elif normalise == 'upper' -%}
        upper({{ trimmed }})
    {%- else -%}
        {{ trimmed }}
    {%- endif -%}
{%- endmacro %}


{#- The staged value: parsed to its contract type, NULL when it cannot be parsed. -#}
{% macro lea_typed_value(column, shapes, types) -%}
    {%- set text = 'cleaned.' ~ column.name ~ '_text' -%}
    {%- set type = column.get('type', 'text') -%}
    {%- if type in types -%}
        case
            when {{ lea_regex_full_match(text, types[type].pattern) }}
                then {{ lea_try_cast(text, types[type].sql_type) }}
        end
    {%- elif column.get('shape') == 'icd10_code' -%}
        {#- Dotted form: F321 and F32.1 are both F32.1; F32 stays F32. -#}
        {%- set undotted = dbt.replace(text, "'.'", "''") -%}
        case
            when {{ lea_regex_full_match(text, shapes.icd10_code.pattern) }}
                then substr({{ text }}, 1, 3) || case
                    when {{ dbt.length(undotted) }} > 3 then '.' || substr({{ undotted }}, 4)
                    else ''
                end
        end
    {%- else -%}
        {{ text }}
    {%- endif -%}
{%- endmacro %}


{#- A value shown inside a reason text: 'value'. -#}
{% macro lea_show(expression) -%}
    '''' || {{ expression }} || ''''
{%- endmacro %}


{#- The value checks of one table (everything but duplicates and overlaps), in check order. -#}
{% macro lea_value_checks(columns, row_checks, postcode_check) -%}
    {%- set shapes = lea_value_shapes() -%}
    {%- set types = lea_type_rules() -%}
    {%- set order = lea_quarantine_check_order() -%}
    {%- set extract_date = lea_extract_date() -%}
    {%- set earliest_date = lea_earliest_valid_date() -%}
    {%- set checks = [] -%}
    {%- for column in columns -%}
        {%- set name = column.name -%}
        {%- set text = name ~ '_text' -%}
        {%- set type = column.get('type', 'text') -%}
        {%- if not column.get('nullable', false) -%}
            {%- do checks.append({'reason': 'missing_value', 'when': text ~ ' is null',
                'text': "'" ~ name ~ " is missing'"}) -%}
        {%- endif -%}
        {%- if type in types -%}
            {%- do checks.append({'reason': types[type].reason,
                'when': text ~ ' is not null and ' ~ name ~ ' is null',
                'text': "'" ~ name ~ " ' || " ~ lea_show(text) ~ " || ' is not " ~ types[type].description ~ "'"}) -%}
        {%- endif -%}
        {%- if column.get('shape') -%}
            {%- set shape = shapes[column.shape] -%}
            {%- if shape.get('max_length') -%}
                {%- set failing = dbt.length(text) ~ ' > ' ~ shape.max_length -%}
            {%- else -%}
                {%- set failing = 'not ' ~ lea_regex_full_match(text, shape.pattern) -%}
            {%- endif -%}
            {%- do checks.append({'reason': shape.reason,
                'when': text ~ ' is not null and ' ~ failing,
                'text': "'" ~ name ~ " ' || " ~ lea_show(text) ~ " || ' is not " ~ shape.description ~ "'"}) -%}
        {%- endif -%}
        {%- if column.get('code_list') -%}
            {%- do checks.append({'reason': 'unknown_code',
                'when': text ~ ' is not null and not is_listed_' ~ name,
                'text': "'" ~ name ~ " ' || " ~ lea_show(text) ~ " || ' is not a code of the list " ~ column.code_list ~ "'"}) -%}
        {%- endif -%}
        {%- if type == 'date' -%}
            {%- do checks.append({'reason': 'date_out_of_range',
                'when': name ~ " < cast('" ~ earliest_date ~ "' as date) or " ~ name ~ " > cast('" ~ extract_date ~ "' as date)",
                'text': "'" ~ name ~ " ' || " ~ lea_show(text) ~ " || case when " ~ name ~ " < cast('"
                    ~ earliest_date ~ "' as date) then ' is before " ~ earliest_date
                    ~ "' else ' is after the extract date " ~ extract_date ~ "' end"}) -%}
        {%- endif -%}
        {%- if column.get('positive') -%}
            {%- do checks.append({'reason': 'non_positive_amount', 'when': name ~ ' <= 0',
                'text': "'" ~ name ~ " ' || " ~ lea_show(text) ~ " || ' is not above zero'"}) -%}
        {%- endif -%}
        {%- if column.get('first_of_month') -%}
            {%- do checks.append({'reason': 'payment_month_not_first_day',
                'when': dbt.date_trunc('month', name) ~ ' <> ' ~ name,
                'text': "'" ~ name ~ " ' || " ~ lea_show(text) ~ " || ' is not the first day of a month'"}) -%}
        {%- endif -%}
        {%- if column.get('non_negative') -%}
            {%- do checks.append({'reason': 'negative_value', 'when': name ~ ' < 0',
                'text': "'" ~ name ~ " ' || " ~ lea_show(text) ~ " || ' is negative'"}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if postcode_check -%}
        {%- set postcode = postcode_check.postcode ~ '_text' -%}
        {%- set municipality = postcode_check.municipality_code ~ '_text' -%}
        {%- do checks.append({'reason': 'postcode_municipality_mismatch',
            'when': 'reference_municipality_code <> ' ~ municipality,
            'text': "'postcode ' || " ~ lea_show(postcode) ~ " || ' belongs to municipality ' || "
                ~ lea_show('reference_municipality_code') ~ " || ' in postcode_areas, not to municipality_code ' || "
                ~ lea_show(municipality)}) -%}
        {%- do checks.append({'reason': 'unknown_postcode',
            'when': 'is_study_municipality and reference_municipality_code is null',
            'text': "'postcode ' || " ~ lea_show(postcode) ~ " || ' is not a postcode of study municipality ' || "
                ~ lea_show(municipality) ~ " || ' in postcode_areas'"}) -%}
    {%- endif -%}
    {%- for row_check in row_checks -%}
        {%- set name = row_check.column -%}
        {%- if row_check.get('not_before') -%}
            {%- set other = row_check.not_before -%}
            {%- do checks.append({'reason': row_check.reason, 'when': name ~ ' < ' ~ other,
                'text': "'" ~ name ~ " ' || " ~ lea_show(name ~ '_text') ~ " || ' is before " ~ other ~ " ' || "
                    ~ lea_show(other ~ '_text')}) -%}
        {%- elif row_check.get('differs_from') -%}
            {%- set other = row_check.differs_from -%}
            {%- do checks.append({'reason': row_check.reason, 'when': name ~ ' = ' ~ other,
                'text': "'" ~ name ~ " ' || " ~ lea_show(name ~ '_text') ~ " || ' is the same person as " ~ other ~ "'"}) -%}
        {%- else -%}
            {{ exceptions.raise_compiler_error("row check " ~ row_check ~ " needs not_before or differs_from") }}
        {%- endif -%}
    {%- endfor -%}
    {%- for check in checks -%}
        {%- if check.reason not in order -%}
            {{ exceptions.raise_compiler_error("reason " ~ check.reason ~ " is not in lea_quarantine_check_order()") }}
        {%- endif -%}
        {%- do check.update({'step': order[check.reason]}) -%}
    {%- endfor -%}
    {{ return(checks | sort(attribute='step')) }}
{%- endmacro %}


{#- At run time: the column spec must be the contract of the source declaration
    (same columns in the same order, same contract_type and nullable). -#}
{% macro lea_assert_columns_match_contract(source_name, table_name, columns) -%}
    {%- if execute -%}
        {%- set node = graph.sources.get('source.' ~ project_name ~ '.' ~ source_name ~ '.' ~ table_name) -%}
        {%- if node is none -%}
            {{ exceptions.raise_compiler_error("No source " ~ source_name ~ "." ~ table_name ~ " is declared.") }}
        {%- endif -%}
        {%- set declared = [] -%}
        {%- for column in node.columns.values() -%}
            {%- set meta = column.get('config', {}).get('meta', {}) or column.get('meta', {}) -%}
            {%- if meta.get('contract_type') -%}
                {%- do declared.append(column.name ~ ':' ~ meta.contract_type ~ ':' ~ (meta.get('nullable', false) | string | lower)) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set specified = [] -%}
        {%- for column in columns -%}
            {%- do specified.append(column.name ~ ':' ~ column.get('type', 'text') ~ ':' ~ (column.get('nullable', false) | string | lower)) -%}
        {%- endfor -%}
        {%- if declared != specified -%}
            {{ exceptions.raise_compiler_error(
                "The validation of " ~ table_name ~ " does not match its source declaration: declared "
                ~ (declared | join(', ')) ~ "; validated " ~ (specified | join(', '))) }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
