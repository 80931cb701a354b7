{#-
    Landing: read every register extract of the contract from LEA_LANDING_DIR into the
    schema `landing`, one relation per contract table (a view of a Parquet file, a table of
    a CSV file), every contract column as text (staging
    types and validates them) plus the row's position in its file. Runs as the project's
    on-run-start hook for `dbt run` and `dbt build`.

    The list of tables and columns is the dbt source declarations themselves (sources with
    meta register_extract), so the contract lives in one place in the project.

    Stops the build, naming what is wrong, when a table's file is missing, when both a CSV
    and a Parquet file exist for one table, or when a contract column is missing. Unknown
    files and extra columns are reported and ignored. Every build appends the files it read
    (row counts, sizes, SHA-256 checksums) to landing.landing_files, the lineage record.

    The file work (which files are there, their columns, sizes, checksums and metadata) is
    Python, in the plugin lea.landing, asked once for a plan; this macro only writes SQL,
    which dbt runs as the hook.
-#}
{% macro land_registers() -%}
    {{ return(adapter.dispatch('land_registers', 'lea')()) }}
{%- endmacro %}


{% macro default__land_registers() -%}
    {{ exceptions.raise_compiler_error(
        "land_registers is implemented for DuckDB only; adapter '" ~ adapter.type()
        ~ "' needs its own <adapter>__land_registers macro that reads the landing files.") }}
{%- endmacro %}


{% macro lea_register_tables() -%}
    {#- The landed tables of the contract: [{name, columns}] from the source declarations. -#}
    {%- set tables = [] -%}
    {%- for node in graph.sources.values() | sort(attribute='name') -%}
        {%- set meta = node.get('source_meta', {}) -%}
        {%- if meta.get('register_extract') or node.config.get('meta', {}).get('register_extract') -%}
            {%- set columns = [] -%}
            {%- for column in node.columns.values() -%}
                {%- if column.get('meta', {}).get('contract_type') or column.get('config', {}).get('meta', {}).get('contract_type') -%}
                    {%- do columns.append(column.name) -%}
                {%- endif -%}
            {%- endfor -%}
            {%- do tables.append({'name': node.identifier, 'columns': columns}) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(tables) }}
{%- endmacro %}


{% macro duckdb__land_registers() -%}
    {%- if not execute or flags.WHICH not in ['run', 'build'] or var('skip_landing', false) -%}
        {{ return('') }}
    {%- endif -%}
    {%- set landing_dir = env_var('LEA_LANDING_DIR', 'data/landing').rstrip('/') -%}
    {%- set tables = lea_register_tables() -%}
    {%- if tables | length == 0 -%}
        {{ exceptions.raise_compiler_error("No register tables are declared as sources (meta register_extract).") }}
    {%- endif -%}

    {#- The plugin lea.landing does the file work (which files, their columns, sizes,
        SHA-256 and metadata) and answers with a plan; what an earlier build landed is
        read beside it, so that it can be dropped as the view or table it is. -#}
    {%- set answer = run_query(
        "select lea_landing_plan('" ~ lea_sql_string(landing_dir) ~ "', '" ~ lea_sql_string(tojson(tables)) ~ "'),"
        ~ " (select coalesce(string_agg(table_name || ':' || table_type, ','), '') from information_schema.tables"
        ~ " where table_schema = 'landing')") -%}
    {%- set plan = fromjson(answer.columns[0].values()[0]) -%}
    {%- set landed = {} -%}
    {%- for entry in answer.columns[1].values()[0].split(',') if entry -%}
        {%- do landed.update({entry.split(':')[0]: entry.split(':')[1]}) -%}
    {%- endfor -%}
    {%- if plan.problems | length > 0 -%}
        {{ exceptions.raise_compiler_error(
            "The landing directory " ~ landing_dir ~ " does not meet the register contract:\n  - "
            ~ (plan.problems | join("\n  - "))) }}
    {%- endif -%}
    {%- for item in plan.files if item.extra_columns | length > 0 -%}
        {{ log("Landing: " ~ item.file ~ " has columns outside the contract, ignored: " ~ (item.extra_columns | join(', ')), info=true) }}
    {%- endfor -%}
    {%- for item in plan.unknown -%}
        {{ log("Landing: unknown file " ~ landing_dir ~ "/" ~ item.file ~ " is not a table of the contract; ignored.", info=true) }}
    {%- endfor -%}
    {{ log("Landing: read " ~ (plan.files | length) ~ " register tables from " ~ landing_dir, info=true) }}
    {{ return(lea_landing_sql(plan, landed)) }}
{%- endmacro %}


{#- The statements of the hook: land every planned file, record every file in the lineage. -#}
{% macro lea_landing_sql(plan, landed) -%}
create schema if not exists landing;
{{ lea_landing_files_ddl() }};
{#- A build database from before issue 25 has the table without the last column. #}
alter table landing.landing_files add column if not exists synthetic_generator string;
{%- for item in plan.files %}
{%- set columns = [] %}
{%- for column in item.columns %}{% do columns.append('cast(' ~ adapter.quote(column) ~ ' as string) as ' ~ column) %}{% endfor %}
{%- if item.table in landed %}
drop {{ 'view' if landed[item.table] == 'VIEW' else 'table' }} landing.{{ item.table }};
{%- endif %}
{%- if item.as_view %}
{#- Parquet: a view that reads the file where staging validates it (one copy of the rows
    fewer); the reader numbers the rows by their position in the file. #}
create view landing.{{ item.table }} as
select {{ columns | join(', ') }}, cast(file_row_number + 1 as bigint) as landing_row_number,
    '{{ item.file }}' as landing_file
from {{ item.reader }};
{%- else %}
{#- CSV: a fresh table keeps insertion order, so its rowid is the position in the file. #}
create or replace temporary table lea_landing_load as select {{ columns | join(', ') }} from {{ item.reader }};
create table landing.{{ item.table }} as
select {{ item.columns | join(', ') }}, cast(rowid + 1 as bigint) as landing_row_number,
    '{{ item.file }}' as landing_file
from lea_landing_load;
drop table lea_landing_load;
{%- endif %}
insert into landing.landing_files
select '{{ invocation_id }}', current_timestamp, '{{ item.table }}', '{{ item.file }}', '{{ item.format }}', 'loaded',
    (select count(*) from landing.{{ item.table }}), {{ item.file_bytes }}, '{{ item.file_sha256 }}',
    '{{ item.extra_columns | join(',') }}',
    {{ "'" ~ lea_sql_string(item.synthetic_generator) ~ "'" if item.synthetic_generator is not none else 'null' }};
{%- endfor %}
{%- for item in plan.unknown %}
insert into landing.landing_files
select '{{ invocation_id }}', current_timestamp, null, '{{ lea_sql_string(item.file) }}', null, 'ignored_unknown_file',
    null, {{ item.file_bytes }}, '{{ item.file_sha256 }}', null, null;
{%- endfor %}
{%- endmacro %}


{% macro lea_landing_files_ddl() -%}
    create table if not exists landing.landing_files (
        invocation_id string,
        loaded_at timestamp,
        table_name string,
        file_name string,
        file_format string,
        load_status string,
        row_count bigint,
        file_bytes bigint,
        file_sha256 string,
        extra_columns string,
        synthetic_generator string
    )
{%- endmacro %}


{% macro lea_sql_string(value) -%}
    {{- value | replace("'", "''") -}}
{%- endmacro %}


{#- The SHA-256 of a file (hex) as a SQL expression of its path. -#}
{% macro lea_file_sha256(path_expression) -%}
    {{ return(adapter.dispatch('lea_file_sha256', 'lea')(path_expression)) }}
{%- endmacro %}

{% macro default__lea_file_sha256(path_expression) -%}
    {{ exceptions.raise_compiler_error(
        "lea_file_sha256 is implemented for DuckDB only (the plugin lea.landing); adapter '"
        ~ adapter.type() ~ "' needs its own <adapter>__lea_file_sha256.") }}
{%- endmacro %}

{#- The plugin lea.landing's function: reads the file in blocks, so memory stays small. -#}
{% macro duckdb__lea_file_sha256(path_expression) -%}
    lea_file_sha256({{ path_expression }})
{%- endmacro %}
