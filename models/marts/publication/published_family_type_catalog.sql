{#- Published as `family_type_catalog`: the family types of the build, their four situation
    attributes and labels (grain: type_id). The count of families behind a type is NOT here
    (it is a cell of municipality_family_types, where it may be suppressed). -#}
{{ config(alias='family_type_catalog') }}

with

family_types as (

    select * from {{ ref('int_family_types') }}

),

final as (

    select
        type_id,
        type_rank,
        structure,
        youngest_child_age_band,
        children_band,
        youngest_parent_age_band,
        label_fi,
        label_sv,
        label_en
    from family_types

)

select * from final
order by type_rank
