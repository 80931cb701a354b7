-- STUB (interface only, no rows): replaced by the families work (issue 4).
select
    cast(null as integer) as stat_year,
    cast(null as varchar) as family_id,
    cast(null as varchar) as family_structure,
    cast(null as varchar) as couple_rule,
    cast(null as varchar) as municipality_code,
    cast(null as varchar) as postcode,
    cast(null as boolean) as is_in_study_area,
    cast(null as boolean) as is_ordinary_postcode,
    cast(null as boolean) as is_family_with_children,
    cast(null as integer) as n_members,
    cast(null as integer) as n_children_all_ages,
    cast(null as integer) as n_children_under_age_limit,
    cast(null as varchar) as youngest_child_id,
    cast(null as integer) as youngest_child_age,
    cast(null as varchar) as oldest_parent_id,
    cast(null as integer) as youngest_parent_age
where false
