-- The family types of one municipality in the latest year, most common first.
--
-- Answers: what kinds of families with children live in the municipality (structure,
-- age of the youngest child, number of children, age of the youngest parent)? Change the
-- municipality in `params`; use 'ALL' for the six municipalities together.
--
-- How to read it: `families` is the number of the municipality's families with children
-- of the type and `share_pct` their share (%) of all its families with children. The types
-- T001–T100 are the 100 most common situations of the latest year in the whole study area
-- (table family_type_catalog); a rare type may have status `suppressed` in a
-- municipality: hidden because it has 1–4 families or to protect another cell (the
-- publication does not say which). Suppressed values are NULL, not 0, and sort last.
-- Runs on the publication database (lea_publication.duckdb).

with

params as (

    select '980' as municipality_code

),

municipality_types as (

    select * from municipality_family_types

),

type_catalog as (

    select * from family_type_catalog

),

latest_year as (

    select max(municipality_types.year) as last_year
    from municipality_types

),

final as (

    select
        municipality_types.year,
        municipality_types.municipality_code,
        municipality_types.municipality_name_fi,
        municipality_types.type_id,
        type_catalog.label_fi as type_label_fi,
        type_catalog.label_sv as type_label_sv,
        type_catalog.label_en as type_label_en,
        municipality_types.families,
        municipality_types.families_status,
        municipality_types.share_pct,
        municipality_types.share_status
    from municipality_types
    inner join params on municipality_types.municipality_code = params.municipality_code
    inner join latest_year on municipality_types.year = latest_year.last_year
    left join type_catalog on municipality_types.type_id = type_catalog.type_id

)

select * from final
order by families desc nulls last, type_id asc
