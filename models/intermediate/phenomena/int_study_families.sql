{#- The population of the phenomena: one row per study family with children
    (int_families with is_in_study_area and is_family_with_children) and statistical year,
    with the location, the situation inputs and whether the structure is a lone parent's
    (seed family_structures). -#}
with

families as (

    select * from {{ ref('int_families') }}

),

family_structures as (

    select * from {{ ref('family_structures') }}

),

final as (

    select
        families.stat_year,
        families.family_id,
        families.municipality_code,
        families.postcode,
        families.is_ordinary_postcode,
        families.family_structure,
        families.youngest_child_id,
        families.youngest_child_age,
        families.n_children_under_age_limit,
        families.youngest_parent_age,
        families.oldest_parent_id,
        coalesce(family_structures.is_single_parent, false) as is_single_parent

    from families
    left join family_structures
        on families.family_structure = family_structures.family_structure
    where families.is_in_study_area and families.is_family_with_children

)

select * from final
