-- STUB (interface only, no rows): replaced by the families work (issue 4).
select
    cast(null as integer) as stat_year,
    cast(null as varchar) as family_id,
    cast(null as varchar) as person_id,
    cast(null as varchar) as member_role,
    cast(null as date) as birth_date,
    cast(null as varchar) as sex,
    cast(null as integer) as age,
    cast(null as boolean) as is_child_under_age_limit
where false
