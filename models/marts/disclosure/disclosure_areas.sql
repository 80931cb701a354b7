{#- The areas of the publication: the study area (ALL), the six municipalities and every
    ordinary (type 1) postcode area of them, whatever its validity dates (the postcode grid). -#}
with

municipalities as (

    select * from {{ ref('study_municipalities') }}

),

postcode_areas as (

    select * from {{ ref('postcode_areas') }}

),

study_area as (

    select
        'ALL' as area_id,
        'all' as area_level,
        'ALL' as municipality_code,
        cast(null as varchar) as postcode,
        '{{ var("study_area_name_fi") }}' as municipality_name_fi,
        '{{ var("study_area_name_sv") }}' as municipality_name_sv,
        cast(null as varchar) as postcode_name_fi,
        cast(null as varchar) as postcode_name_sv

),

municipality_areas as (

    select
        'M' || municipality_code as area_id,
        'municipality' as area_level,
        municipality_code,
        cast(null as varchar) as postcode,
        municipality_name_fi,
        municipality_name_sv,
        cast(null as varchar) as postcode_name_fi,
        cast(null as varchar) as postcode_name_sv

    from municipalities

),

postcode_grid as (

    select
        'P' || postcode_areas.postcode as area_id,
        'postcode' as area_level,
        postcode_areas.municipality_code,
        postcode_areas.postcode,
        municipalities.municipality_name_fi,
        municipalities.municipality_name_sv,
        postcode_areas.postcode_name_fi,
        postcode_areas.postcode_name_sv

    from postcode_areas
    inner join municipalities
        on postcode_areas.municipality_code = municipalities.municipality_code
    where postcode_areas.postcode_type_code = '1'

),

final as (

    select * from study_area
    union all
    select * from municipality_areas
    union all
    select * from postcode_grid

)

select * from final
