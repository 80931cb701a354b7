-- The trend of one indicator over the statistical years, for one municipality and for the
-- whole study area.
--
-- Answers: is the share of families with the phenomenon rising or falling in the
-- municipality, and does it follow the study area? Change the indicator and the
-- municipality in `params`.
--
-- How to read it: one row per year and area (`area` = municipality or study area).
-- `change_pct_points` is the change from the previous year, given only when both years'
-- shares are published; a year whose share has status `suppressed` breaks the series:
-- its share is NULL, not 0, and no change is computed across it. Definitions can be
-- affected by register changes between years (see the indicator's limitations on the
-- docs site).
-- Runs on the publication database (lea_publication.duckdb).

with

params as (

    select
        'single_parent' as indicator_id,
        '837' as municipality_code

),

indicators as (

    select * from municipality_indicators

),

selected as (

    select
        indicators.*,
        case when indicators.municipality_code = 'ALL' then 'study area' else 'municipality' end as area
    from indicators
    inner join params
        on
            indicators.indicator_id = params.indicator_id
            and indicators.municipality_code in (params.municipality_code, 'ALL')

),

with_previous as (

    select
        selected.*,
        lag(selected.share_pct) over (partition by selected.area order by selected.year) as previous_share_pct,
        lag(selected.share_status) over (partition by selected.area order by selected.year) as previous_share_status,
        lag(selected.year) over (partition by selected.area order by selected.year) as previous_year
    from selected

),

final as (

    select
        year,
        area,
        municipality_code,
        municipality_name_fi,
        indicator_id,
        families,
        families_status,
        families_with,
        families_with_status,
        share_pct,
        share_status,
        case
            when
                share_status = 'published'
                and previous_share_status = 'published'
                and previous_year = year - 1
                then round(share_pct - previous_share_pct, 1)
        end as change_pct_points
    from with_previous

)

select * from final
order by area, year
