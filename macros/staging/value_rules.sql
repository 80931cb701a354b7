{#-
    The value rules of the register contract (../shared/spec/registers.md, "What counts as a
    bad row" and "Decisions on edge cases") as data, read by lea_validated_register.

    Regular expressions are matched against the whole trimmed and normalised value
    (lea_regex_full_match) and are written without backslashes so that they mean the same
    in every SQL dialect.
-#}

{#- Shapes of text values. `normalise`: how the trimmed value is compared and staged. -#}
{% macro lea_value_shapes() -%}
    {{ return({
        'pseudonym': {
            'reason': 'malformed_pseudonym', 'max_length': 64, 'normalise': none,
            'description': 'a pseudonym of 1 to 64 characters'},
        'language_code': {
            'reason': 'malformed_code', 'pattern': '[a-z]{2}', 'normalise': 'lower',
            'description': 'an ISO 639-1 language code of two letters'},
        'specialty_code': {
            'reason': 'malformed_code', 'pattern': '[0-9]{2}', 'normalise': none,
            'description': 'a specialty code of two digits'},
        'atc_code': {
            'reason': 'malformed_code',
            'pattern': '[A-Z]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?', 'normalise': 'upper',
            'description': 'an ATC code of level 1, 3, 4, 5 or 7 characters (N, N06, N06A, N06AB, N06AB10)'},
        'icd10_code': {
            'reason': 'malformed_code', 'pattern': '[A-Z][0-9]{2}([.]?[A-Z0-9]{1,4})?',
            'normalise': 'upper',
            'description': 'an ICD-10 code (a letter, two digits, optionally a dot and up to four characters)'},
        'municipality_code': {
            'reason': 'malformed_municipality_code', 'pattern': '[0-9]{3}', 'normalise': none,
            'description': 'a municipality code of three digits'},
        'postcode': {
            'reason': 'malformed_postcode', 'pattern': '[0-9]{5}', 'normalise': none,
            'description': 'a postcode of five digits'},
    }) }}
{%- endmacro %}


{#- How text is parsed into each contract type. -#}
{% macro lea_type_rules() -%}
    {{ return({
        'date': {
            'reason': 'unparsable_date', 'pattern': '[0-9]{4}-[0-9]{2}-[0-9]{2}',
            'sql_type': 'date', 'description': 'a date of the form YYYY-MM-DD'},
        'integer': {
            'reason': 'unparsable_integer', 'pattern': '[+-]?[0-9]{1,9}',
            'sql_type': 'integer', 'description': 'a whole number'},
        'decimal': {
            'reason': 'unparsable_number',
            'pattern': '[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?',
            'sql_type': 'double', 'description': 'a number with . as the decimal separator'},
    }) }}
{%- endmacro %}


{#-
    Order of the checks: a bad row gets the reason of the first failing check. Checks of the
    same step are tried column by column in contract order. The steps follow the order of
    the list "What counts as a bad row"; duplicates come after every value check, and
    residence overlaps are judged only among rows that passed everything else.
    seeds/contract/quarantine_reasons.csv documents each reason with this step (a test
    keeps the two equal).
-#}
{% macro lea_quarantine_check_order() -%}
    {{ return({
        'missing_value': 1,
        'unparsable_date': 2,
        'unparsable_integer': 2,
        'unparsable_number': 2,
        'malformed_pseudonym': 3,
        'unknown_code': 3,
        'malformed_code': 3,
        'malformed_municipality_code': 4,
        'malformed_postcode': 4,
        'unknown_postcode': 5,
        'postcode_municipality_mismatch': 5,
        'end_before_start': 6,
        'date_out_of_range': 7,
        'non_positive_amount': 8,
        'payment_month_not_first_day': 8,
        'negative_value': 8,
        'death_before_birth': 9,
        'self_relation': 9,
        'duplicate_row': 10,
        'residence_overlap': 11,
    }) }}
{%- endmacro %}


{#- Dates before this are bad rows. -#}
{% macro lea_earliest_valid_date() -%}
    {{ return('1900-01-01') }}
{%- endmacro %}


{#- The extract date as YYYY-MM-DD: var('extract_date'), or the day the build started. -#}
{% macro lea_extract_date() -%}
    {%- set configured = var('extract_date', none) -%}
    {%- if configured is none or (configured | string | trim) == '' -%}
        {{ return(run_started_at.strftime('%Y-%m-%d')) }}
    {%- endif -%}
    {%- set text = configured | string | trim -%}
    {%- if not modules.re.fullmatch('[0-9]{4}-[0-9]{2}-[0-9]{2}', text) -%}
        {{ exceptions.raise_compiler_error(
            "var extract_date must be a date YYYY-MM-DD (or null for the day of the build), not '" ~ text ~ "'") }}
    {%- endif -%}
    {{ return(text) }}
{%- endmacro %}
