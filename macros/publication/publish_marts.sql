{#-
    on-run-end hook: after a build in which every published mart (models/marts/publication/)
    was built and tested without an error or failure, write the publication to
    LEA_PUBLISH_DIR and swap it in as a whole:

      LEA_PUBLISH_DIR/lea_publication.duckdb   schema main: only the published tables, with
                                               the models' descriptions as table and column
                                               comments; DuckDB 1.1's storage format, so
                                               that DuckDB 1.1 and later read it
      LEA_PUBLISH_DIR/<table>.parquet, <table>.csv

    Everything is written into a new sibling directory `<LEA_PUBLISH_DIR>.new-<invocation>`,
    which then replaces LEA_PUBLISH_DIR by one directory rename (lea.publication: an atomic
    exchange on Linux), so a reader never sees part of an old and part of a new publication.
    The directory work is Python (plugin lea.publication); this macro only writes the SQL,
    which dbt runs as the hook.
    Nothing but the published marts is copied: no family id, pseudonym, dwelling id, date of
    birth or unsuppressed count leaves the build database (the disclosure_* models stay).
-#}
{% macro publish_marts(results) -%}
    {{ return(adapter.dispatch('publish_marts', 'lea')(results)) }}
{%- endmacro %}


{% macro default__publish_marts(results) -%}
    {{ log("Publication: writing LEA_PUBLISH_DIR is implemented for DuckDB only; nothing published.", info=true) }}
    {{ return('') }}
{%- endmacro %}


{% macro lea_publication_nodes() -%}
    {%- set nodes = [] -%}
    {%- for node in graph.nodes.values() | sort(attribute='unique_id') -%}
        {%- if node.resource_type == 'model'
            and node.original_file_path.replace('\\', '/').startswith('models/marts/publication/') -%}
            {%- do nodes.append(node) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(nodes) }}
{%- endmacro %}


{% macro lea_sql_text(value) -%}
    '{{ (value or '') | trim | replace("'", "''") }}'
{%- endmacro %}


{% macro duckdb__publish_marts(results) -%}
    {%- if not execute or flags.WHICH not in ['run', 'build'] -%}
        {{ return('') }}
    {%- endif -%}
    {%- set nodes = lea_publication_nodes() -%}
    {%- set succeeded = [] -%}
    {%- set problems = [] -%}
    {%- for result in results -%}
        {%- if result.status in ['error', 'fail', 'skipped', 'runtime error'] -%}
            {%- do problems.append(result.node.unique_id ~ ' ' ~ result.status) -%}
        {%- elif result.node.resource_type == 'model' and result.status == 'success' -%}
            {%- do succeeded.append(result.node.unique_id) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set missing = [] -%}
    {%- for node in nodes -%}
        {%- if node.unique_id not in succeeded -%}{%- do missing.append(node.name) -%}{%- endif -%}
    {%- endfor -%}
    {%- if problems | length > 0 -%}
        {{ log("Publication: NOT written, the build had errors or failures: " ~ (problems | join(', ')), info=true) }}
        {{ return('') }}
    {%- endif -%}
    {%- if missing | length > 0 -%}
        {{ log("Publication: not written, this run did not build every published mart (missing: "
            ~ (missing | join(', ')) ~ ")", info=true) }}
        {{ return('') }}
    {%- endif -%}

    {%- set publish_dir = env_var('LEA_PUBLISH_DIR', 'data/publish').rstrip('/') -%}
    {%- set new_dir = publish_dir ~ '.new-' ~ invocation_id -%}
    {{ log("Publication: writing " ~ (nodes | length) ~ " tables to " ~ publish_dir, info=true) }}
    {{ return(lea_publication_sql(nodes, new_dir, publish_dir)) }}
{%- endmacro %}


{#- The statements of the hook. The plugin lea.publication makes the new directory (for its
    owner only) and swaps it in; SQL writes the database and the files in between. A build
    killed before the swap leaves the previous publication as it was. -#}
{% macro lea_publication_sql(nodes, new_dir, publish_dir) -%}
select lea_publication_begin('{{ lea_sql_string(new_dir) }}', '{{ lea_sql_string(publish_dir) }}');
{#- The storage format of DuckDB 1.1, which every DuckDB from 1.1 on reads (issue 14). #}
attach '{{ lea_sql_string(new_dir) }}/lea_publication.duckdb' as lea_publication_new (storage_version 'v1.1.0');
{%- for node in nodes %}
{%- set target = 'lea_publication_new.main.' ~ adapter.quote(node.alias) %}
create table {{ target }} as select * from {{ adapter.quote(node.schema) }}.{{ adapter.quote(node.alias) }};
comment on table {{ target }} is {{ lea_sql_text(node.description) }};
{%- for column in node.columns.values() %}
comment on column {{ target }}.{{ adapter.quote(column.name) }} is {{ lea_sql_text(column.description) }};
{%- endfor %}
copy (select * from {{ target }}) to '{{ lea_sql_string(new_dir) }}/{{ node.alias }}.parquet' (format parquet);
copy (select * from {{ target }}) to '{{ lea_sql_string(new_dir) }}/{{ node.alias }}.csv' (format csv, header true);
{%- endfor %}
checkpoint lea_publication_new;
detach lea_publication_new;
select lea_publication_swap('{{ lea_sql_string(new_dir) }}', '{{ lea_sql_string(publish_dir) }}');
{%- endmacro %}
