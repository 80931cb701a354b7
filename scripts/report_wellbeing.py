"""Report the shares of the phenomena and of groups G01–G03 per municipality (README table).

Reads the build database (LEA_DUCKDB_PATH, default data/lea.duckdb) of a synthetic build
and prints Markdown: for the latest statistical year, per municipality and the study
area, the share of families with children with each phenomenon (no_ecec: of families with
a child aged 3–5), the share in the three lightest wellbeing groups, and the child-level
base rates the synthetic registers are calibrated to. These are synthetic data: the
numbers describe the generator, not Finland.

With ``--readme README.md`` it rewrites only the block between its markers in that file
(``make readme-results``); tests/python/test_readme_results.py checks that the README's
block is what this script writes from the default build.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import duckdb

from lea import catalogs

# The phenomena in the order of the specification, and the wellbeing groups: the seeds'.
PHENOMENA = catalogs.phenomenon_ids()
# The three lightest wellbeing groups (about seven in ten families, issue 3).
LIGHTEST_GROUPS = catalogs.group_ids()[:3]
LIGHTEST_LABEL = f"{LIGHTEST_GROUPS[0]}–{LIGHTEST_GROUPS[-1]}"
# Indicators whose denominator is the families with a child aged 3-5.
OF_FAMILIES_3_5 = tuple(
    i for i, measure in catalogs.indicator_denominators().items() if measure == catalogs.FAMILIES_WITH_CHILD_AGED_3_5
)

# What the synthetic registers were calibrated to (issue 3), from published Finnish figures.
TARGETS = {
    "children_low_income_pct": "≈ 12",
    "children_notification_pct": "≈ 10",
    "children_open_care_pct": "3–4",
    "lone_parent_families": "≈ 20",
    "g01_g03": "≈ 70",
}


def family_shares(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    shares = ",\n".join(
        f"round(100.0 * sum(case when rows.{p} then 1 else 0 end) / "
        + (
            "nullif(sum(case when rows.has_child_aged_3_5 then 1 else 0 end), 0)"
            if p in OF_FAMILIES_3_5
            else "count(*)"
        )
        + f", 1) as {p}"
        for p in PHENOMENA
    )
    lightest = ", ".join(f"'{group_id}'" for group_id in LIGHTEST_GROUPS)
    return con.execute(f"""
        with latest as (select max(stat_year) as stat_year from intermediate.int_family_phenomena),
        rows as (
            select coalesce(municipalities.municipality_name_fi, 'Study area') as area, phenomena.*,
                typology.group_id
            from intermediate.int_family_phenomena as phenomena
            inner join latest on phenomena.stat_year = latest.stat_year
            inner join intermediate.int_family_typology as typology
                on phenomena.family_id = typology.family_id
            left join reference.study_municipalities as municipalities
                on phenomena.municipality_code = municipalities.municipality_code
        )
        select grouping(area) as is_total, coalesce(area, 'Study area') as area, count(*) as families,
            {shares},
            round(100.0 * sum(case when group_id in ({lightest}) then 1 else 0 end) / count(*), 1)
                as lightest_groups
        from rows
        group by rollup (area)
        order by is_total, families desc
    """).fetchall()


def child_rates(con: duckdb.DuckDBPyConnection) -> tuple:
    """Children under the age limit in study families: low income, notification, open care."""
    rates = con.execute("""
        with latest as (select max(stat_year) as stat_year from intermediate.int_family_phenomena),
        children as (
            select members.person_id, phenomena.low_income, stat_years.year_start, stat_years.reference_date
            from intermediate.int_family_members as members
            inner join intermediate.int_family_phenomena as phenomena
                on members.family_id = phenomena.family_id
            inner join latest on phenomena.stat_year = latest.stat_year
            inner join intermediate.int_stat_years as stat_years
                on phenomena.stat_year = stat_years.stat_year
            where members.is_child_under_age_limit
        ),
        welfare as (
            select children.person_id,
                max(case when welfare.measure = 'notification' then 1 else 0 end) as notified,
                max(case when welfare.measure in ('open_care_support', 'open_care_placement') then 1 else 0 end)
                    as open_care
            from children
            inner join staging.stg_thl__child_welfare as welfare
                on children.person_id = welfare.child_id
                and welfare.start_date <= children.reference_date
                and coalesce(welfare.end_date, welfare.start_date) >= children.year_start
            group by children.person_id
        )
        select count(*) as children,
            round(100.0 * avg(case when children.low_income then 1 else 0 end), 1),
            round(100.0 * sum(coalesce(welfare.notified, 0)) / count(*), 1),
            round(100.0 * sum(coalesce(welfare.open_care, 0)) / count(*), 1)
        from children
        left join welfare on children.person_id = welfare.person_id
    """).fetchone()
    if rates is None:
        raise RuntimeError("no child rates: the aggregate query returned no row")
    return rates


def lone_parent_share(con: duckdb.DuckDBPyConnection) -> float:
    """The share of lone-parent families in the study area, latest year, in %."""
    share = con.execute("""
        with latest as (select max(stat_year) as stat_year from intermediate.int_family_phenomena)
        select round(100.0 * avg(case when phenomena.single_parent then 1 else 0 end), 1)
        from intermediate.int_family_phenomena as phenomena
        inner join latest on phenomena.stat_year = latest.stat_year
        inner join intermediate.int_family_typology as typology
            on phenomena.family_id = typology.family_id
    """).fetchone()
    if share is None or share[0] is None:
        raise RuntimeError("no lone-parent share: int_family_phenomena has no family in its latest year")
    return float(share[0])


def render(con: duckdb.DuckDBPyConnection) -> str:
    latest = con.execute("select max(stat_year) from intermediate.int_family_phenomena").fetchone()
    if latest is None or latest[0] is None:
        raise RuntimeError("intermediate.int_family_phenomena has no statistical year: is this a LEA build database?")
    year = latest[0]
    header = ["area", "families", *PHENOMENA, LIGHTEST_LABEL]
    of_3_5 = ", ".join(f"`{i}`" for i in OF_FAMILIES_3_5)
    lines = [
        f"Statistical year {year}; shares in % of families with children ({of_3_5}: of families "
        "with a child aged 3–5).",
        "",
        "| " + " | ".join(header) + " |",
        "| --- | " + " | ".join("---:" for _ in header[1:]) + " |",
    ]
    for row in family_shares(con):
        area, families, *values = row[1:]
        cells = [f"**{area}**" if row[0] else area, f"{families:,}", *[f"{v:.1f}" for v in values]]
        lines.append("| " + " | ".join(cells) + " |")
    children, low_income, notified, open_care = child_rates(con)
    study = [row for row in family_shares(con) if row[0]][0]
    lone_parents = lone_parent_share(con)
    lines += [
        "",
        "| base rate (study area) | synthetic build | calibration target |",
        "| --- | ---: | ---: |",
        f"| children in low-income families | {low_income:.1f} % | {TARGETS['children_low_income_pct']} % |",
        f"| children with a child-welfare notification in the year | {notified:.1f} % "
        f"| {TARGETS['children_notification_pct']} % |",
        f"| children who were open-care clients in the year | {open_care:.1f} % "
        f"| {TARGETS['children_open_care_pct']} % |",
        f"| lone-parent families | {lone_parents:.1f} % | {TARGETS['lone_parent_families']} % |",
        f"| families in {LIGHTEST_LABEL} | {study[-1]:.1f} % | {TARGETS['g01_g03']} % |",
        f"| children under 18 in study families | {children:,} | |",
    ]
    return "\n".join(lines) + "\n"


RESULTS_START = "<!-- scripts/report_wellbeing.py: start -->"
RESULTS_END = "<!-- scripts/report_wellbeing.py: end -->"


def results_block(document: str) -> str:
    """The text between the markers of `document` (without the markers' lines)."""
    _, found, rest = document.partition(RESULTS_START + "\n")
    block, found_end, _ = rest.partition(RESULTS_END)
    if not found or not found_end:
        raise SystemExit(f"no block {RESULTS_START} … {RESULTS_END} in the document: add the markers by hand")
    return block


def spliced(document: str, tables: str) -> str:
    """The document with the text between the markers replaced by `tables`; everything else
    kept as it is. A document without both markers is refused (never appended to)."""
    results_block(document)
    head, _, rest = document.partition(RESULTS_START + "\n")
    _, _, tail = rest.partition(RESULTS_END)
    return f"{head}{RESULTS_START}\n{tables.rstrip()}\n{RESULTS_END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "database", nargs="?", default=os.environ.get("LEA_DUCKDB_PATH", "data/lea.duckdb"), help="build database"
    )
    parser.add_argument("--readme", type=Path, help="rewrite the marked block of this file instead of printing")
    args = parser.parse_args(argv)
    with duckdb.connect(args.database, read_only=True) as con:
        tables = render(con)
    if args.readme is None:
        print(tables, end="")
    else:
        args.readme.write_text(spliced(args.readme.read_text(encoding="utf-8"), tables), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
