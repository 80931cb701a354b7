{#- Published: where the numbers of this publication come from (issue 25), one row: when it
    was built, by which code, from which data (synthetic with the generator's arguments, or
    the landed files' names and a SHA-256 summary), the vars that shape the numbers and the
    disclosure settings. Settings and checksums only: no family, no count of families. -#}

{#- Every var of dbt_project.yml that changes a published number. Left out on purpose:
    disclosure_processes (how many processes, not what they compute), accounting_range_rows
    (how the landing accounting test is cut, not what it checks), the study area's
    names (text) and skip_landing (test builds); a test checks this list against the
    project's vars. -#}
{%- set number_vars = [
    'extract_date', 'stat_years', 'max_bad_row_share', 'child_age_limit',
    'cohabitation_min_age', 'cohabitation_max_age_difference', 'couple_matching_rounds',
    'ordinary_postcode_type_code', 'family_type_count', 'low_income_threshold_eur',
    'low_income_median_share', 'oecd_weight_first_adult', 'oecd_weight_other_adult',
    'oecd_weight_child', 'oecd_adult_age', 'unemployment_days_threshold',
    'n06a_purchases_threshold', 'frequent_moves_threshold', 'ecec_age_min', 'ecec_age_max',
    'min_cell_size', 'all_but_a_few', 'min_area_families', 'secondary_suppression',
    'share_decimals', 'mean_decimals', 'first_release', 'allow_revisions'
] -%}
{%- set number_var_values = {} -%}
{%- for name in number_vars -%}
    {%- do number_var_values.update({name: var(name)}) -%}
{%- endfor -%}

{#- A test build that writes its inputs itself lands no file: an empty relation instead. -#}
{%- if var('skip_landing', false) -%}
    {%- set landed = "(select null::varchar as invocation_id, null::varchar as load_status, null::varchar as file_name,"
        ~ " null::varchar as file_sha256, null::varchar as synthetic_generator where false)" -%}
{%- else -%}
    {%- set landed = ref('stg_landing__files') -%}
{%- endif %}

with

landing_files as (

    select
        files.file_name,
        files.file_sha256,
        files.synthetic_generator
    from {{ landed }} as files
    where files.invocation_id = '{{ invocation_id }}' and files.load_status = 'loaded'

),

origin as (

    select
        count(*) as files,
        count(synthetic_generator) as synthetic_files,
        count(distinct synthetic_generator) as generators,
        min(synthetic_generator) as synthetic_generator,
        string_agg(file_name, ', ' order by file_name) as landing_files,
        -- The lines of `sha256sum` over the files in name order, hashed again: anyone can
        -- recompute it from the landing directory (LC_ALL=C sha256sum <files> | sha256sum).
        sha256(string_agg(file_sha256 || '  ' || file_name || chr(10), '' order by file_name)) as landing_sha256
    from landing_files

),

final as (

    select
        cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp) as built_at,
        lea_build_fact('lea_version') as lea_version,
        lea_build_fact('git_commit') as git_commit,
        cast(lea_build_fact('git_tree_clean') as boolean) as git_tree_clean,
        '{{ dbt_version }}' as dbt_version,
        version() as duckdb_version,
        case
            when origin.files = 0 then 'not_landed'
            when origin.synthetic_files = origin.files then 'synthetic'
            when origin.synthetic_files > 0 then 'partly_synthetic'
            else 'landing_files'
        end as data_origin,
        case when origin.generators = 1 then origin.synthetic_generator end as synthetic_generator,
        case
            when origin.generators = 1 then cast(json_extract(origin.synthetic_generator, '$.seed') as integer)
        end as synthetic_seed,
        origin.landing_files,
        case when origin.files > 0 then origin.landing_sha256 end as landing_sha256,
        {{ lea_sql_text(tojson(number_var_values, sort_keys=true)) }} as vars_json,
        cast({{ var('stat_years') | min }} as integer) as first_year,
        cast({{ var('stat_years') | max }} as integer) as last_year,
        cast({{ var('min_cell_size') }} as integer) as min_cell_size,
        cast({{ var('all_but_a_few') }} as integer) as all_but_a_few,
        cast({{ var('min_area_families') }} as integer) as min_area_families,
        {{ 'true' if var('secondary_suppression') else 'false' }} as secondary_suppression,
        cast({{ var('share_decimals') }} as integer) as share_decimals
    from origin

)

select * from final
