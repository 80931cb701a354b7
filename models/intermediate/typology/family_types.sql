-- STUB (interface only, no rows): replaced by the typology Python model (issue 5).
select
    cast(null as varchar) as type_id,
    cast(null as integer) as type_rank,
    cast(null as varchar) as structure,
    cast(null as varchar) as youngest_child_age_band,
    cast(null as varchar) as children_band,
    cast(null as varchar) as youngest_parent_age_band,
    cast(null as integer) as families_in_latest_year,
    cast(null as varchar) as label_fi,
    cast(null as varchar) as label_sv,
    cast(null as varchar) as label_en
where false
