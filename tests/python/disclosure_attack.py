"""Publish another suppression pattern from a built database and attack it (test support).

`republish` writes a pattern as marts.disclosure_suppression into a copy of a build
database and rebuilds the published marts there from their compiled SQL (the build's
target folder), so that the audit (lea.audit) can attack that pattern as an outside
reader would, without another dbt run. Used to show that the engine needs every family of
relations: without one, the audit finds a primary cell it can narrow.
"""

from __future__ import annotations

import shutil
from collections.abc import Collection
from pathlib import Path

import duckdb
import pandas as pd

from lea.audit import CellInterval, audit, failing_cells
from lea.disclosure.frames import Weakened, suppression_frame

# The marts made from disclosure_suppression, in build order (folder, model): the long
# area marts first, then the published tables that select from them.
PUBLISHED_MARTS = (
    ("areas", "area_cells"),
    ("areas", "area_indicators"),
    ("areas", "area_wellbeing_groups"),
    ("publication", "municipality_indicators"),
    ("publication", "postcode_indicators"),
    ("publication", "municipality_wellbeing_groups"),
    ("publication", "postcode_wellbeing_groups"),
    ("publication", "municipality_family_types"),
    ("publication", "municipality_family_type_indicators"),
    ("publication", "municipality_profile"),
    ("publication", "municipality_summary"),
)


def pattern_without(
    database: Path,
    families: Collection[str],
    areas: Collection[str] | None = None,
    year: int | None = None,
    min_cell_size: int = 5,
) -> pd.DataFrame:
    """The engine's pattern when the relation `families` are left out; with `areas`, only
    the primary cells of those areas are protected (the rest stay hidden: a quick run);
    with `year`, only that year."""
    where = "" if year is None else f" where stat_year = {int(year)}"
    with duckdb.connect(str(database), read_only=True) as connection:
        cells = connection.execute("select * from marts.disclosure_cells" + where).df()
        relations = connection.execute("select * from marts.disclosure_relations" + where).df()
    only = None if areas is None else set(cells.loc[cells["area_id"].isin(list(areas)), "cell_id"])
    return suppression_frame(cells, relations, min_cell_size, weakened=Weakened(families, only))


def republish(
    build_dir: Path, work_dir: Path, pattern: pd.DataFrame, database: Path | None = None, target: Path | None = None
) -> Path:
    """A copy of the build database (build_dir/lea.duckdb, or `database`) whose schema
    marts holds the published marts made with `pattern` by the build's compiled SQL
    (build_dir/target, or `target`); returns the copy (attack it with schema 'marts')."""
    database = database or build_dir / "lea.duckdb"
    target = target or build_dir / "target"
    work_dir.mkdir(parents=True, exist_ok=True)
    copy = work_dir / database.name  # same file name: the compiled SQL names the catalog by it
    shutil.copyfile(database, copy)
    compiled = target / "compiled" / "lea" / "models" / "marts"
    with duckdb.connect(str(copy)) as connection:
        connection.register("lea_pattern", pattern)
        # Cells of other years (when the pattern covers one) keep the build's pattern.
        connection.execute(
            "create or replace table marts.disclosure_suppression as "
            "select * from lea_pattern union all by name select * from marts.disclosure_suppression "
            "where stat_year not in (select distinct stat_year from lea_pattern)"
        )
        connection.unregister("lea_pattern")
        for folder, name in PUBLISHED_MARTS:
            sql = (compiled / folder / f"{name}.sql").read_text(encoding="utf-8")
            connection.execute(f"create or replace table marts.{name} as {sql}")
    return copy


def attack(database: Path, areas: Collection[str] | None = None, year: int | None = None) -> list[CellInterval]:
    """The audit's failing primary cells of the publication in `database` (schema marts),
    only those of `areas` (and `year`) when given."""
    years = None if year is None else [year]
    return failing_cells(audit(database, schema="marts", build_database=database, areas=areas, years=years))
