"""The worked analyses in analyses/ run on the publication database and give its numbers.

Every analysis is plain SQL against `lea_publication.duckdb` (opened read-only, as an
analyst would); run on the publication of the default build of `make build` (`default_build`).
It must return rows with exactly the columns documented in `analyses/_analyses.yml`, and
one of them is checked against a known answer: the comparison of municipalities returns,
for every municipality and the study area, the very `municipality_indicators` row of the
latest year.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

PROJECT = Path(__file__).resolve().parents[2]
ANALYSES = sorted((PROJECT / "analyses").glob("*.sql"))
STATUSES = {"published", "suppressed"}


@pytest.fixture(scope="module")
def publication(default_build):
    import duckdb

    database = default_build.publish / "lea_publication.duckdb"
    if not database.exists():
        pytest.skip(f"no publication at {database}: the published marts (issue 6) are not merged into this build yet")
    connection = duckdb.connect(str(database), read_only=True)
    yield connection
    connection.close()


def documented_columns() -> dict[str, list[str]]:
    spec = yaml.safe_load((PROJECT / "analyses" / "_analyses.yml").read_text(encoding="utf-8"))
    return {analysis["name"]: [c["name"] for c in analysis["columns"]] for analysis in spec["analyses"]}


def params(sql: str) -> dict[str, str]:
    """The literals of the analysis's `params` CTE, e.g. {'indicator_id': 'low_income'}."""
    block = re.search(r"params as \(\s*select(.*?)\)", sql, flags=re.S)
    assert block, "an analysis keeps its parameters in a `params` CTE at the top"
    return dict((name, value) for value, name in re.findall(r"'([^']*)' as (\w+)", block.group(1)))


def test_every_analysis_is_documented_and_has_a_header_and_params() -> None:
    assert len(ANALYSES) >= 5
    assert {path.stem for path in ANALYSES} == set(documented_columns())
    for path in ANALYSES:
        sql = path.read_text(encoding="utf-8")
        assert sql.startswith("-- "), f"{path.name}: starts with a header comment saying what it answers"
        assert "How to read it" in sql, f"{path.name}: the header says how to read the statuses"
        assert params(sql), path.name
        assert "ref(" not in sql and "source(" not in sql, f"{path.name}: plain SQL on the publication"


@pytest.mark.parametrize("path", ANALYSES, ids=lambda p: p.stem)
def test_analysis_runs_on_the_publication(publication, path: Path) -> None:
    relation = publication.sql(path.read_text(encoding="utf-8"))
    assert relation.columns == documented_columns()[path.stem]
    rows = relation.fetchall()
    assert rows, f"{path.name} returned no rows on the synthetic publication"
    if "row_group" in relation.columns:  # summary rows (3, 4) say in words what their number is
        rows = [row for row in rows if row[relation.columns.index("row_group")] in (1, 2)]
    for position, column in enumerate(relation.columns):
        if column.endswith("_status"):
            values = {row[position] for row in rows}
            assert values <= STATUSES, (path.name, column, values - STATUSES)
            # Never 0 for a hidden number: a value is NULL exactly when it is not published.
            value_column = column.removesuffix("_status") if column != "share_status" else "share_pct"
            if value_column in relation.columns:
                value_position = relation.columns.index(value_column)
                assert all((row[value_position] is None) == (row[position] != "published") for row in rows), column


def test_comparing_municipalities_returns_the_published_rows(publication) -> None:
    path = PROJECT / "analyses" / "compare_municipalities_on_indicator.sql"
    sql = path.read_text(encoding="utf-8")
    indicator = params(sql)["indicator_id"]
    answer = publication.sql(sql)
    got = {
        row[1]: row
        for row in answer.select(
            "year, municipality_code, families, families_status, families_with, families_with_status, "
            "share_pct, share_status"
        ).fetchall()
    }
    expected = {
        row[1]: row
        for row in publication.execute(
            """
            select year, municipality_code, families, families_status, families_with, families_with_status,
                share_pct, share_status
            from municipality_indicators
            where indicator_id = ? and year = (select max(year) from municipality_indicators)
            """,
            [indicator],
        ).fetchall()
    }
    assert "ALL" in expected and len(expected) == 7, "six municipalities and the study area"
    assert got == expected
    # A suppressed share is NULL and has no rank; a published one is ranked.
    for row in answer.select("share_pct, share_status, rank_among_published, municipality_code").fetchall():
        share, status, rank, code = row
        assert (share is None) == (status != "published")
        assert (rank is not None) == (status == "published" and code != "ALL")
