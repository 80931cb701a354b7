{#-
    The salt of family_id as an SQL expression that reads it at run time, so that its value
    is never part of the compiled SQL (publication.md, rule 7). The plugin lea.private_build
    sets it on every connection of the build, from LEA_FAMILY_ID_SALT or random per build.
-#}
{% macro lea_family_id_salt() -%}
    {{ return(adapter.dispatch('lea_family_id_salt', 'lea')()) }}
{%- endmacro %}

{% macro default__lea_family_id_salt() -%}
    {{ exceptions.raise_compiler_error(
        "lea_family_id_salt: the salt of family_id is set on DuckDB connections only (plugin lea.private_build)"
    ) }}
{%- endmacro %}

{% macro duckdb__lea_family_id_salt() -%}
    coalesce(
        getvariable('lea_family_id_salt'),
        error('the salt of family_id is not set: the profile must load the dbt-duckdb plugin lea.private_build')
    )
{%- endmacro %}
