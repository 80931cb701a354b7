-- STUB (interface only, no rows): replaced by the typology Python model (issue 5).
select
    cast(null as integer) as stat_year,
    cast(null as varchar) as family_id,
    cast(null as varchar) as structure,
    cast(null as varchar) as youngest_child_age_band,
    cast(null as varchar) as children_band,
    cast(null as varchar) as youngest_parent_age_band,
    cast(null as varchar) as type_id,
    cast(null as varchar) as group_id
where false
