-- The postcode areas of one municipality by the share of families in one wellbeing group.
--
-- Answers: in which postcode areas of the municipality is the group (e.g. G10 multiple
-- challenges) most common in the latest year? Change the municipality and the group in
-- `params` (groups: table wellbeing_group_catalog).
--
-- How to read it: `share_pct` is the share (%) of the area's families with children that
-- fall into the group; `families` is their number. Both are NULL unless their status is
-- `published`. Areas with fewer than 30 families with children (min_area_families) have
-- every cell `suppressed`, so they sort last with no share: that means "not shown", never
-- "no such families". A cell is also `suppressed` when it holds 1–4 families, when all
-- but 0–4 of the area's families are in the group (every group except G01), or when it
-- would let a hidden cell be worked out. Do not add up the published areas to get the
-- municipality: take the municipality's own row from municipality_wellbeing_groups.
-- Runs on the publication database (lea_publication.duckdb).

with

params as (

    select
        '837' as municipality_code,
        'G10' as group_id

),

postcode_groups as (

    select * from postcode_wellbeing_groups

),

groups as (

    select * from wellbeing_group_catalog

),

latest_year as (

    select max(postcode_groups.year) as last_year
    from postcode_groups

),

final as (

    select
        postcode_groups.year,
        postcode_groups.municipality_code,
        postcode_groups.municipality_name_fi,
        postcode_groups.postcode,
        postcode_groups.postcode_name_fi,
        postcode_groups.postcode_name_sv,
        postcode_groups.group_id,
        groups.label_en as group_label_en,
        postcode_groups.families,
        postcode_groups.families_status,
        postcode_groups.share_pct,
        postcode_groups.share_status
    from postcode_groups
    inner join params
        on
            postcode_groups.municipality_code = params.municipality_code
            and postcode_groups.group_id = params.group_id
    inner join latest_year on postcode_groups.year = latest_year.last_year
    left join groups on postcode_groups.group_id = groups.group_id

)

select * from final
order by share_pct desc nulls last, postcode asc
