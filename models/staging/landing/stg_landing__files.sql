{#- The landing hook's record of every file it read or ignored, one row per file and build. -#}
with

landing_files as (

    select * from {{ source('landing', 'landing_files') }}

),

final as (

    select
        invocation_id,
        loaded_at,
        table_name,
        file_name,
        file_format,
        load_status,
        row_count,
        file_bytes,
        file_sha256,
        extra_columns,
        synthetic_generator

    from landing_files

)

select * from final
