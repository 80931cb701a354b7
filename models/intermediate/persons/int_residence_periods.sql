-- STUB (interface only, no rows): replaced by the families work (issue 4).
select
    cast(null as varchar) as person_id,
    cast(null as varchar) as dwelling_id,
    cast(null as varchar) as municipality_code,
    cast(null as varchar) as postcode,
    cast(null as date) as start_date,
    cast(null as date) as end_date,
    cast(null as integer) as period_number,
    cast(null as boolean) as is_move
where false
