"""A rough estimator of the spec's phenomena for the families the generator intended.

Not the dbt pipeline: families come from the truth file (`intended_families.parquet`), and
the rules of ../shared/spec/families-and-indicators.md are applied to the generator's own
(good) landing files in DuckDB, simply. Used to calibrate the generator and by the base-rate
tests; `python -m lea.synth.estimate LANDING TRUTH` prints the shares.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pandas as pd

from lea import catalogs
from lea.contract import NON_TAXABLE_BENEFITS, SOCIAL_ASSISTANCE_BENEFIT

# The phenomena, their denominators and the wellbeing groups' rules are the seeds'
# (lea.catalogs); the three lightest groups are the calibration target "seven in ten".
LIGHTEST_GROUPS = 3


def _source(landing: Path, table: str) -> str:
    parquet = landing / f"{table}.parquet"
    if parquet.exists():
        return f"read_parquet('{parquet}')"
    return f"read_csv('{landing / (table + '.csv')}', header = true, auto_detect = true)"


def family_phenomena(landing_dir: str | Path, truth_dir: str | Path) -> pd.DataFrame:
    """One row per intended family with children and year: the eleven flags and the group."""
    landing, truth = Path(landing_dir), Path(truth_dir)
    con = duckdb.connect()
    for t in (
        "dvv_persons",
        "dvv_residences",
        "sf_degrees",
        "vero_income",
        "kela_benefits",
        "kela_medicine_purchases",
        "thl_avohilmo_visits",
        "thl_hilmo_episodes",
        "thl_child_welfare",
        "tem_jobseeker_periods",
        "varda_ecec_decisions",
    ):
        con.execute(f"create view {t} as select * from {_source(landing, t)}")
    con.execute(f"create view fam as select * from read_parquet('{truth / 'intended_families.parquet'}')")
    con.execute("""
        create table members as
        select f.*, p.birth_date, make_date(f.stat_year, 12, 31) as d,
               f.stat_year - year(p.birth_date) as age
        from fam as f join dvv_persons as p using (person_id)
    """)
    con.execute("create table kids as select * from members where role = 'child' and age < 18")
    con.execute("create table parents as select * from members where role = 'parent'")
    con.execute("""
        create table dx as
        select person_id, visit_date as on_from, visit_date as on_to,
               upper(replace(icd10_code, '.', '')) as icd, service_area, null as specialty
        from thl_avohilmo_visits
        union all
        select person_id, start_date, end_date, upper(replace(icd10_code, '.', '')), null, specialty_code
        from thl_hilmo_episodes
    """)
    flags = con.execute(
        """
        with income as (
            select m.stat_year, m.family_key,
                   sum(coalesce(v.earned_income_eur + v.capital_income_eur - v.taxes_paid_eur, 0)) as taxable
            from members as m
            left join vero_income as v on v.person_id = m.person_id and v.tax_year = m.stat_year
            group by all
        ),
        benefits as (
            select m.stat_year, m.family_key,
                   sum(case when list_contains($non_taxable_benefits, b.benefit_code)
                       then b.amount_eur else 0 end) as non_taxable,
                   max(case when b.benefit_code = $social_assistance_benefit then 1 else 0 end) as sa
            from members as m
            left join kela_benefits as b
                on b.person_id = m.person_id and year(b.payment_month) = m.stat_year
            group by all
        ),
        units as (
            select stat_year, family_key,
                   1 + sum(case when age < 14 then 0.3 else 0.5 end) - 0.5 as units, count(*) as n_members
            from members group by all
        ),
        eq as (
            select i.stat_year, i.family_key, (i.taxable + b.non_taxable) / u.units as eq_income,
                   u.n_members, b.sa
            from income as i join benefits as b using (stat_year, family_key)
            join units as u using (stat_year, family_key)
        ),
        person_median as (
            select e.stat_year, 0.6 * median(e.eq_income) as limit_eur
            from eq as e join members as m using (stat_year, family_key)
            group by all
        ),
        unemployment as (
            select p.stat_year, p.family_key, max(days) as max_days from (
                select p.stat_year, p.family_key, p.person_id,
                       sum(greatest(0, datediff('day',
                           greatest(j.start_date, make_date(p.stat_year, 1, 1)),
                           least(coalesce(j.end_date, p.d), p.d)) + 1)) as days
                from parents as p join tem_jobseeker_periods as j
                    on j.person_id = p.person_id and j.status in ('unemployed', 'laid_off')
                group by all) as p
            group by all
        ),
        education as (
            select p.stat_year, p.family_key, count(s.person_id) as degrees
            from parents as p left join sf_degrees as s
                on s.person_id = p.person_id and s.completion_date <= p.d
            group by all
        ),
        pmh as (
            select distinct p.stat_year, p.family_key from parents as p join dx
                on dx.person_id = p.person_id and dx.on_to >= make_date(p.stat_year - 1, 1, 1)
                and dx.on_from <= p.d and substr(dx.icd, 1, 1) = 'F'
                and try_cast(substr(dx.icd, 2, 2) as integer) between 20 and 48
            union
            select stat_year, family_key from (
                select p.stat_year, p.family_key, p.person_id, count(*) as n
                from parents as p join kela_medicine_purchases as k
                    on k.person_id = p.person_id and year(k.purchase_date) = p.stat_year
                    and upper(k.atc_code) like 'N06A%'
                group by all) where n >= 2
        ),
        psu as (
            select distinct p.stat_year, p.family_key from parents as p join dx
                on dx.person_id = p.person_id and dx.on_to >= make_date(p.stat_year - 1, 1, 1)
                and dx.on_from <= p.d and ((substr(dx.icd, 1, 1) = 'F'
                and try_cast(substr(dx.icd, 2, 2) as integer) between 10 and 19)
                or dx.service_area = 'substance_abuse')
            union
            select p.stat_year, p.family_key from parents as p join kela_medicine_purchases as k
                on k.person_id = p.person_id and upper(k.atc_code) like 'N07B%'
                and k.purchase_date between make_date(p.stat_year - 1, 1, 1) and p.d
        ),
        cmh as (
            select distinct c.stat_year, c.family_key from kids as c join dx
                on dx.person_id = c.person_id and dx.on_to >= make_date(c.stat_year - 1, 1, 1)
                and dx.on_from <= c.d and ((substr(dx.icd, 1, 1) = 'F'
                and try_cast(substr(dx.icd, 2, 2) as integer) between 30 and 98)
                or dx.specialty in ('74', '75'))
        ),
        cw as (
            select distinct c.stat_year, c.family_key from kids as c join thl_child_welfare as w
                on w.child_id = c.person_id and w.measure <> 'notification'
                and w.start_date <= c.d and coalesce(w.end_date, c.d) >= make_date(c.stat_year, 1, 1)
        ),
        youngest as (
            select stat_year, family_key, person_id
            from (select *, row_number() over (partition by stat_year, family_key
                      order by birth_date desc, person_id) as rn from kids)
            where rn = 1
        ),
        periods as (
            select person_id, dwelling_id, start_date,
                   lag(dwelling_id) over (partition by person_id order by start_date) as prev_dwelling
            from dvv_residences
        ),
        moves as (
            select y.stat_year, y.family_key, count(r.person_id) as moves
            from youngest as y left join periods as r
                on r.person_id = y.person_id and r.prev_dwelling is not null
                and r.prev_dwelling <> r.dwelling_id
                and r.start_date between make_date(y.stat_year - 2, 1, 1) and make_date(y.stat_year, 12, 31)
            group by all
        ),
        ecec as (
            select c.stat_year, c.family_key,
                   max(case when v.child_id is null then 1 else 0 end) as missing
            from kids as c left join (select distinct child_id, start_date, end_date from varda_ecec_decisions) as v
                on v.child_id = c.person_id and v.start_date <= c.d and coalesce(v.end_date, c.d) >= c.d
            where c.age between 3 and 5
            group by all
        ),
        families as (
            select stat_year, family_key, any_value(structure) as structure,
                   any_value(municipality_code) as municipality_code,
                   sum(case when role = 'child' and age < 18 then 1 else 0 end) as children
            from members group by all
        )
        select f.stat_year, f.family_key, f.structure, f.municipality_code, f.children,
               e.eq_income,
               e.eq_income < t.limit_eur as low_income,
               e.sa = 1 as social_assistance,
               coalesce(u.max_days, 0) >= 183 as parental_unemployment,
               ed.degrees = 0 as low_parental_education,
               pmh.family_key is not null as parental_mental_health,
               psu.family_key is not null as parental_substance_use,
               cmh.family_key is not null as child_mental_health,
               cw.family_key is not null as child_welfare,
               f.structure in ('mother', 'father') as single_parent,
               coalesce(mv.moves, 0) >= 2 as frequent_moves,
               coalesce(ec.missing, 0) = 1 as no_ecec,
               ec.family_key is not null as has_child_aged_3_5,
               case when e.eq_income < t.limit_eur then f.children else 0 end as children_in_low_income
        from families as f
        join eq as e using (stat_year, family_key)
        join person_median as t using (stat_year)
        left join unemployment as u using (stat_year, family_key)
        join education as ed using (stat_year, family_key)
        left join pmh using (stat_year, family_key)
        left join psu using (stat_year, family_key)
        left join cmh using (stat_year, family_key)
        left join cw using (stat_year, family_key)
        left join moves as mv using (stat_year, family_key)
        left join ecec as ec using (stat_year, family_key)
    """,
        {"non_taxable_benefits": list(NON_TAXABLE_BENEFITS), "social_assistance_benefit": SOCIAL_ASSISTANCE_BENEFIT},
    ).df()
    flags["n_phenomena"] = flags[list(catalogs.phenomenon_ids())].sum(axis=1)
    flags["group_id"] = wellbeing_groups(flags)
    return flags


def wellbeing_groups(flags: pd.DataFrame) -> pd.Series:
    group = pd.Series([None] * len(flags), index=flags.index, dtype=object)
    for rule in catalogs.wellbeing_group_rules():
        match = flags["n_phenomena"] >= rule.min_phenomena
        for p in rule.requires_all:
            match &= flags[p]
        if rule.requires_any:
            match &= flags[list(rule.requires_any)].any(axis=1)
        group = group.where(group.notna() | ~match, rule.group_id)
    return group


def child_rates(landing_dir: str | Path, truth_dir: str | Path) -> pd.DataFrame:
    """Per year: share of children (under 18, in intended families) with a notification,
    with an open-care (non-notification) measure, and in low-income families."""
    landing, truth = Path(landing_dir), Path(truth_dir)
    con = duckdb.connect()
    con.execute(f"create view w as select * from {_source(landing, 'thl_child_welfare')}")
    con.execute(f"create view p as select * from {_source(landing, 'dvv_persons')}")
    con.execute(f"create view f as select * from read_parquet('{truth / 'intended_families.parquet'}')")
    return con.execute("""
        with kids as (
            select f.stat_year, f.person_id, f.family_key from f join p using (person_id)
            where f.role = 'child' and f.stat_year - year(p.birth_date) < 18
        )
        select k.stat_year, count(*) as children,
               avg(case when exists (select 1 from w where w.child_id = k.person_id
                    and w.measure = 'notification' and year(w.start_date) = k.stat_year) then 1 else 0 end) as notification,
               avg(case when exists (select 1 from w where w.child_id = k.person_id
                    and w.measure = 'open_care_support' and w.start_date <= make_date(k.stat_year, 12, 31)
                    and coalesce(w.end_date, make_date(k.stat_year, 12, 31)) >= make_date(k.stat_year, 1, 1))
                    then 1 else 0 end) as open_care
        from kids as k group by all order by all
    """).df()


def summary(flags: pd.DataFrame) -> pd.DataFrame:
    """Shares of families (and of children for low income) per year."""
    rows = []
    for year, g in flags.groupby("stat_year"):
        row = {"stat_year": year, "families": len(g)}
        for p, denominator in catalogs.indicator_denominators().items():
            only_3_5 = denominator == catalogs.FAMILIES_WITH_CHILD_AGED_3_5
            row[p] = (g.loc[g["has_child_aged_3_5"], p] if only_3_5 else g[p]).mean()
        row["low_income_children"] = g["children_in_low_income"].sum() / g["children"].sum()
        row["groups_g01_g03"] = g["group_id"].isin(catalogs.group_ids()[:LIGHTEST_GROUPS]).mean()
        rows.append(row)
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    flags = family_phenomena(args[0], args[1])
    pd.set_option("display.width", 200)
    print(summary(flags).T.to_string())
    print(flags.groupby("stat_year")["group_id"].value_counts(normalize=True).unstack().round(3).T.to_string())
    print(child_rates(args[0], args[1]).to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
