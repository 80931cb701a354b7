{#-
    A Parquet register is landed as a view that staging reads from the file itself, so the
    file must stay what the landing hook recorded until staging has read it: every Parquet
    file this build landed has, once every validation model is built, the SHA-256 recorded
    in landing.landing_files. Fails with one row per file that changed (a file that went
    missing fails the test with the error of reading it). CSV files are copied when landed.
-#}
-- depends_on: {{ ref('quarantined_rows') }}
-- depends_on: {{ ref('staging_observations') }}
{%- set landing_dir = env_var('LEA_LANDING_DIR', 'data/landing').rstrip('/') %}

with

landed_files as (

    select * from {{ source('landing', 'landing_files') }}

),

this_build as (

    select
        table_name,
        file_name,
        file_sha256 as landed_sha256,
        {{ lea_file_sha256("'" ~ lea_sql_string(landing_dir) ~ "/' || file_name") }} as current_sha256

    from landed_files
    where
        invocation_id = '{{ invocation_id }}'
        and load_status = 'loaded'
        and file_format = 'parquet'

),

final as (

    select * from this_build
    where current_sha256 is distinct from landed_sha256

)

select * from final
