"""The disclosure audit on whole synthetic builds (issue 6's "done when").

Every publication the suite builds is attacked with linear programming over all its
published numbers (lea.audit): the default 80,000-family build of `make build` and the
2,000-family build with bad rows (many small postcode areas: most cells primary-suppressed).
"""

from __future__ import annotations

import duckdb
import pytest

from lea.audit import audit, failing_cells

MIN_CELL_SIZE = 5
PUBLISHED_TABLES = {
    "municipality_indicators", "postcode_indicators", "municipality_wellbeing_groups",
    "postcode_wellbeing_groups", "municipality_family_types", "municipality_family_type_indicators",
    "municipality_profile", "municipality_summary", "indicator_catalog", "wellbeing_group_catalog",
    "family_type_catalog",
}


def _audit(build) -> None:
    publication = build.publish / "lea_publication.duckdb"
    assert publication.exists(), f"no publication at {publication}"
    intervals = audit(publication, build_database=build.database)
    protected = [i for i in intervals if not i.exempt]
    failures = failing_cells(intervals, MIN_CELL_SIZE)
    print(f"{len(intervals)} primary cells, {len(protected)} protected, {len(failures)} failing")
    assert len(protected) > 100, "the attack found primary-suppressed cells to attack"
    assert not failures, "\n".join(f"{f.year} {f.where}: [{f.lo}, {f.hi}]" for f in failures[:50])


def test_small_build_with_bad_rows_survives_the_attack(bad_rows_build):
    _audit(bad_rows_build)


def test_default_build_publication_survives_the_attack(default_build):
    _audit(default_build)


@pytest.mark.parametrize("build_name", ["default_build", "bad_rows_build"])
def test_publication_holds_exactly_the_published_tables(request, build_name):
    build = request.getfixturevalue(build_name)
    with duckdb.connect(str(build.publish / "lea_publication.duckdb"), read_only=True) as con:
        tables = {row[0] for row in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main'").fetchall()}
    assert tables == PUBLISHED_TABLES
    for table in PUBLISHED_TABLES:
        assert (build.publish / f"{table}.parquet").exists() and (build.publish / f"{table}.csv").exists()
