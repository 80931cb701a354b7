-- Compare the municipalities on one indicator in the latest year.
--
-- Answers: which of the six municipalities has the highest share of families with the
-- phenomenon, and how does each compare with the whole study area (municipality_code ALL)?
-- Change the indicator in `params` (ids: table indicator_catalog, or the docs site).
--
-- How to read it: `share_pct` is the share (%, one decimal) of the indicator's
-- denominator `families`; `families_with` is the numerator. A value is NULL unless its
-- status is `published`; `suppressed` means it is hidden, either because the cell itself
-- is too small (1–4 families, or all but 0–4 of them) or to protect another cell (the
-- publication does not say which). A NULL is never 0; such a municipality gets no rank.
-- Runs on the publication database (lea_publication.duckdb), not on the build database.

with

params as (

    select 'low_income' as indicator_id

),

indicators as (

    select * from municipality_indicators

),

catalog as (

    select * from indicator_catalog

),

latest_year as (

    select max(indicators.year) as last_year
    from indicators
    inner join params on indicators.indicator_id = params.indicator_id

),

selected as (

    select indicators.*
    from indicators
    inner join params on indicators.indicator_id = params.indicator_id
    inner join latest_year on indicators.year = latest_year.last_year

),

ranked as (

    select
        selected.municipality_code,
        rank() over (order by selected.share_pct desc) as rank_among_published
    from selected
    where selected.municipality_code <> 'ALL' and selected.share_status = 'published'

),

study_area as (

    select selected.share_pct
    from selected
    where selected.municipality_code = 'ALL' and selected.share_status = 'published'

),

final as (

    select
        selected.year,
        selected.municipality_code,
        selected.municipality_name_fi,
        selected.municipality_name_sv,
        selected.indicator_id,
        catalog.name_en as indicator_name_en,
        selected.families,
        selected.families_status,
        selected.families_with,
        selected.families_with_status,
        selected.share_pct,
        selected.share_status,
        ranked.rank_among_published,
        case
            when selected.share_status = 'published'
                then round(selected.share_pct - study_area.share_pct, 1)
        end as difference_to_study_area_pct_points
    from selected
    left join catalog on selected.indicator_id = catalog.indicator_id
    left join ranked on selected.municipality_code = ranked.municipality_code
    left join study_area on true

)

select * from final
order by municipality_code = 'ALL' asc, share_pct desc nulls last, municipality_code asc
