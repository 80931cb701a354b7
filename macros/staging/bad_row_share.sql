{#-
    Pre-hook of every stg_ view: compares the table's quarantined rows with its landed rows
    (its validation model has one row per landed row). Above var('max_bad_row_share') the
    build stops here with a message naming the table, its share and the limit, so nothing
    downstream is built from it; above zero but within the limit it logs a warning and the
    build goes on. quarantined_rows does not depend on the stg_ views, so the bad rows of a
    failing table are still there to inspect.
-#}
{% macro lea_check_bad_row_share(table_name, validated_model) -%}
    {%- if execute -%}
        {%- set limit = var('max_bad_row_share', 0.01) | float -%}
        {%- set counts = run_query(
            "select count(*) as landed_rows,"
            ~ " sum(case when quarantine_reason is not null then 1 else 0 end) as bad_rows"
            ~ " from " ~ ref(validated_model)) -%}
        {%- set landed_rows = counts.rows[0][0] | int -%}
        {%- set bad_rows = (counts.rows[0][1] or 0) | int -%}
        {%- if bad_rows > 0 -%}
            {%- set share = bad_rows / landed_rows -%}
            {%- set summary = table_name ~ ": " ~ bad_rows ~ " of " ~ landed_rows ~ " landed rows are bad ("
                ~ lea_format_percent(share) ~ ")" -%}
            {%- if share > limit -%}
                {{ exceptions.raise_compiler_error(
                    "Bad-row share of table " ~ summary ~ ", above the limit max_bad_row_share = "
                    ~ limit ~ " (" ~ lea_format_percent(limit) ~ "). The rows and their reasons are in "
                    ~ "staging.quarantined_rows where source_table = '" ~ table_name ~ "'.") }}
            {%- else -%}
                {%- do exceptions.warn(
                    "Quarantine: table " ~ summary ~ ", within max_bad_row_share = " ~ limit
                    ~ "; they are in staging.quarantined_rows and the build goes on.") -%}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
    {{ return('') }}
{%- endmacro %}


{% macro lea_format_percent(share) -%}
    {{- '%.2f' | format(share * 100) ~ ' %' -}}
{%- endmacro %}
