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

    {#- Which files are there? -#}
    {%- set listing = run_query("select file from glob('" ~ lea_sql_string(landing_dir) ~ "/*')") -%}
    {%- set present = {} -%}
    {%- for row in listing.rows -%}
        {%- set base = row[0].replace('\\', '/').split('/') | last -%}
        {%- do present.update({base: row[0]}) -%}
    {%- endfor -%}

    {%- set problems = [] -%}
    {%- set plan = [] -%}
    {%- set expected = [] -%}
    {%- for table in tables -%}
        {%- set parquet_name = table.name ~ '.parquet' -%}
        {%- set csv_name = table.name ~ '.csv' -%}
        {%- do expected.extend([parquet_name, csv_name]) -%}
        {%- if parquet_name in present and csv_name in present -%}
            {%- do problems.append("table " ~ table.name ~ ": both " ~ csv_name ~ " and " ~ parquet_name ~ " are in " ~ landing_dir ~ "; keep exactly one") -%}
        {%- elif parquet_name in present -%}
            {%- do plan.append({'table': table, 'path': present[parquet_name], 'file': parquet_name, 'format': 'parquet'}) -%}
        {%- elif csv_name in present -%}
            {%- do plan.append({'table': table, 'path': present[csv_name], 'file': csv_name, 'format': 'csv'}) -%}
        {%- else -%}
            {%- do problems.append("table " ~ table.name ~ ": missing file " ~ landing_dir ~ "/" ~ table.name ~ ".parquet (or .csv)") -%}
        {%- endif -%}
    {%- endfor -%}

    {#- Every contract column must be in the file. -#}
    {%- for item in plan -%}
        {%- set described = run_query("describe select * from " ~ lea_landing_reader(item.path, item.format)) -%}
        {%- set file_columns = described.columns[0].values() | map('lower') | list -%}
        {%- set missing = [] -%}
        {%- for column in item.table.columns -%}
            {%- if column | lower not in file_columns -%}{%- do missing.append(column) -%}{%- endif -%}
        {%- endfor -%}
        {%- for column in missing -%}
            {%- do problems.append("table " ~ item.table.name ~ ": column " ~ column ~ " is missing from " ~ item.file) -%}
        {%- endfor -%}
        {%- set extra = [] -%}
        {%- for column in file_columns -%}
            {%- if column not in (item.table.columns | map('lower') | list) -%}{%- do extra.append(column) -%}{%- endif -%}
        {%- endfor -%}
        {%- do item.update({'extra_columns': extra, 'file_columns': file_columns}) -%}
    {%- endfor -%}

    {%- if problems | length > 0 -%}
        {{ exceptions.raise_compiler_error(
            "The landing directory " ~ landing_dir ~ " does not meet the register contract:\n  - "
            ~ (problems | join("\n  - "))) }}
    {%- endif -%}

    {%- do run_query("create schema if not exists landing") -%}
    {%- do run_query(lea_landing_files_ddl()) -%}
    {#- A build database from before issue 25 has the table without the last column. -#}
    {%- do run_query("alter table landing.landing_files add column if not exists synthetic_generator string") -%}

    {%- for item in plan -%}
        {%- set column_list = [] -%}
        {%- for column in item.table.columns -%}
            {%- do column_list.append('cast(' ~ adapter.quote(column) ~ ' as string) as ' ~ column) -%}
        {%- endfor -%}
        {%- set file_columns = item.file_columns -%}
        {%- do lea_drop_landed(item.table.name) -%}
        {%- if item.format == 'parquet' and 'file_row_number' not in file_columns -%}
            {#- Parquet: a view that reads the file where staging validates it (one copy of
                the rows fewer); the reader numbers the rows by their position in the file.
                The path is made absolute so that the view reads the same file from any
                working directory. -#}
            {%- set absolute_path = run_query(
                "select lea_absolute_path('" ~ lea_sql_string(item.path) ~ "')").columns[0].values()[0] -%}
            {%- do run_query(
                "create view landing." ~ item.table.name ~ " as select "
                ~ (column_list | join(', '))
                ~ ", cast(file_row_number + 1 as bigint) as landing_row_number, '" ~ item.file ~ "' as landing_file"
                ~ " from " ~ lea_landing_reader(absolute_path, item.format, file_row_number=true)) -%}
        {%- else -%}
            {#- CSV: a fresh table keeps insertion order, so its rowid is the position in the file. -#}
            {%- do run_query(
                "create or replace temporary table lea_landing_load as select "
                ~ (column_list | join(', ')) ~ " from " ~ lea_landing_reader(item.path, item.format)) -%}
            {%- do run_query(
                "create table landing." ~ item.table.name ~ " as select "
                ~ (item.table.columns | join(', '))
                ~ ", cast(rowid + 1 as bigint) as landing_row_number, '" ~ item.file ~ "' as landing_file"
                ~ " from lea_landing_load") -%}
            {%- do run_query("drop table lea_landing_load") -%}
        {%- endif -%}
        {%- do run_query(
            "insert into landing.landing_files select '" ~ invocation_id ~ "', current_timestamp, '"
            ~ item.table.name ~ "', '" ~ item.file ~ "', '" ~ item.format ~ "', 'loaded', "
            ~ "(select count(*) from landing." ~ item.table.name ~ "), blob.size, " ~ lea_file_sha256("blob.filename") ~ ", '"
            ~ (item.extra_columns | join(',')) ~ "', " ~ lea_landing_synthetic_metadata(item.path, item.format)
            ~ " from read_blob('" ~ lea_sql_string(item.path) ~ "') as blob") -%}
        {%- if item.extra_columns | length > 0 -%}
            {{ log("Landing: " ~ item.file ~ " has columns outside the contract, ignored: " ~ (item.extra_columns | join(', ')), info=true) }}
        {%- endif -%}
    {%- endfor -%}

    {%- for name, path in present.items() | sort -%}
        {%- if name not in expected -%}
            {{ log("Landing: unknown file " ~ landing_dir ~ "/" ~ name ~ " is not a table of the contract; ignored.", info=true) }}
            {%- do run_query(
                "insert into landing.landing_files select '" ~ invocation_id ~ "', current_timestamp, null, '"
                ~ lea_sql_string(name) ~ "', null, 'ignored_unknown_file', null, blob.size, " ~ lea_file_sha256("blob.filename") ~ ", null, null"
                ~ " from read_blob('" ~ lea_sql_string(path) ~ "') as blob") -%}
        {%- endif -%}
    {%- endfor -%}
    {{ log("Landing: read " ~ (plan | length) ~ " register tables from " ~ landing_dir, info=true) }}
    {{ return('') }}
{%- endmacro %}


{#- Drop what an earlier build landed for the table: a view (Parquet) or a table (CSV). -#}
{% macro lea_drop_landed(table_name) -%}
    {%- set found = run_query(
        "select table_type from information_schema.tables where table_schema = 'landing' and table_name = '"
        ~ table_name ~ "'") -%}
    {%- for row in found.rows -%}
        {%- do run_query(("drop view landing." if row[0] == 'VIEW' else "drop table landing.") ~ table_name) -%}
    {%- endfor -%}
{%- endmacro %}


{% macro lea_landing_reader(path, format, file_row_number=false) -%}
    {%- if format == 'parquet' -%}
        read_parquet('{{ lea_sql_string(path) }}'{{ ', file_row_number = true' if file_row_number }})
    {%- else -%}
        {#- The contract's CSV: UTF-8, comma, header, empty field = NULL. Everything is read as
            text so that staging, not the reader, decides what is malformed; short rows are
            padded with NULLs rather than failing the whole file. -#}
        read_csv('{{ lea_sql_string(path) }}', header = true, delim = ',', quote = '"', escape = '"',
            all_varchar = true, null_padding = true, strict_mode = false, auto_detect = true)
    {%- endif -%}
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


{#- The generator's arguments (JSON text) when a Parquet file says it is synthetic (`lea synth`
    writes them under the file metadata key `lea_synthetic`), else NULL; a CSV file has no
    such metadata. The build publishes it in publication_info (issue 25). -#}
{% macro lea_landing_synthetic_metadata(path, format) -%}
    {%- if format == 'parquet' -%}
        (select decode(kv.value) from parquet_kv_metadata('{{ lea_sql_string(path) }}') as kv
            where decode(kv.key) = 'lea_synthetic')
    {%- else -%}
        null
    {%- endif -%}
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
