-- How to read the suppression status: one indicator in the postcode areas of one
-- municipality, each cell with its status spelt out, and what the published numbers do
-- and do not tell about the municipality's total.
--
-- Answers: which numbers may I use, and what does a missing number mean?
--
-- How to read it: every count `X` has `X_status`, one of two words:
--   published   the number is shown; 0 is a real zero.
--   suppressed  the number is hidden (NULL). Either the cell itself is small: 1–4
--               families (min_cell_size 5), or all but 0–4 families of the denominator,
--               or the postcode area has fewer than 30 families with children; or it is
--               safe on its own but hidden so that no small hidden cell can be worked
--               out by adding and subtracting published numbers; then its value may be
--               large.
-- The publication does not say which of these applies, on purpose: a reader who could
-- tell the small cells from the protecting ones would know a small cell holds 1–4
-- families and could solve for it. (The reason stays in the build database.)
-- A suppressed value is NULL. Never read it as 0, never sum NULLs as zeros, and never
-- subtract published areas from the municipality to "recover" a hidden one: the remainder
-- (last row) also holds the families living at no ordinary postcode area and every
-- hidden cell together, so it is not any one hidden cell's value.
-- Runs on the publication database (lea_publication.duckdb).

with

params as (

    select
        'child_welfare' as indicator_id,
        '837' as municipality_code

),

postcode_cells as (

    select * from postcode_indicators

),

municipality_cells as (

    select * from municipality_indicators

),

latest_year as (

    select max(municipality_cells.year) as last_year
    from municipality_cells

),

postcode_rows as (

    select
        postcode_cells.year,
        postcode_cells.municipality_code,
        postcode_cells.postcode,
        postcode_cells.postcode_name_fi as area_name_fi,
        postcode_cells.indicator_id,
        postcode_cells.families_with,
        postcode_cells.families_with_status,
        case postcode_cells.families_with_status
            when 'published'
                then case
                    when postcode_cells.families_with = 0 then 'published: a real zero'
                    else 'published: use the number'
                end
            when 'suppressed'
                then
                    'hidden (small cell, small area or protecting another cell; not said which): '
                    || 'unknown, may be large, NOT zero'
        end as how_to_read,
        1 as row_group
    from postcode_cells
    inner join params
        on
            postcode_cells.indicator_id = params.indicator_id
            and postcode_cells.municipality_code = params.municipality_code
    inner join latest_year on postcode_cells.year = latest_year.last_year

),

municipality_row as (

    select
        municipality_cells.year,
        municipality_cells.municipality_code,
        cast(null as varchar) as postcode,
        municipality_cells.municipality_name_fi as area_name_fi,
        municipality_cells.indicator_id,
        municipality_cells.families_with,
        municipality_cells.families_with_status,
        'the municipality as a whole (its own published cell)' as how_to_read,
        2 as row_group
    from municipality_cells
    inner join params
        on
            municipality_cells.indicator_id = params.indicator_id
            and municipality_cells.municipality_code = params.municipality_code
    inner join latest_year on municipality_cells.year = latest_year.last_year

),

published_areas as (

    select
        max(postcode_rows.year) as summary_year,
        max(postcode_rows.municipality_code) as municipality_code,
        cast(null as varchar) as postcode,
        'published postcode areas together' as area_name_fi,
        max(postcode_rows.indicator_id) as indicator_id,
        sum(case when postcode_rows.families_with_status = 'published' then postcode_rows.families_with end)
            as families_with,
        'sum of published cells only' as families_with_status,
        cast(count(*) filter (where postcode_rows.families_with_status <> 'published') as varchar)
        || ' areas hidden: this sum is NOT the municipality total' as how_to_read,
        3 as row_group
    from postcode_rows

),

remainder as (

    select
        municipality_row.year,
        municipality_row.municipality_code,
        cast(null as varchar) as postcode,
        'not attributable to a published postcode area' as area_name_fi,
        municipality_row.indicator_id,
        municipality_row.families_with - published_areas.families_with as families_with,
        'remainder' as families_with_status,
        'hidden areas + families at no ordinary postcode: not the value of any hidden cell' as how_to_read,
        4 as row_group
    from municipality_row
    cross join published_areas
    where municipality_row.families_with_status = 'published'

),

final as (

    select * from postcode_rows
    union all
    select * from municipality_row
    union all
    select * from published_areas
    union all
    select * from remainder

)

select * from final
order by row_group, postcode
