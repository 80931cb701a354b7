"""What the audit takes from a build database: which hidden cells are primary (the ones to
attack) and the residuals (families at no ordinary postcode area, known as rule 4 says to
assume). Never the relations."""

from __future__ import annotations

from pathlib import Path

import duckdb

from lea.audit.keys import CellKey, Kind, Measure

# (year, municipality code, measure) -> the families at no ordinary postcode area.
Residuals = dict[tuple[int, str, Measure], float]

# The kinds of the build's measure keys (disclosure_cells.measure_key: `kind|detail|...`).
MEASURE_KINDS = {
    "families": Kind.FAMILIES,
    "families_3_5": Kind.FAMILIES_3_5,
    "children": Kind.CHILDREN,
    "moves": Kind.MOVES,
    "families_with": Kind.NUMERATOR,
    "group": Kind.GROUP,
    "type": Kind.TYPE,
    "type_families_3_5": Kind.TYPE_3_5,
    "type_families_with": Kind.TYPE_NUMERATOR,
    "profile": Kind.PROFILE,
}


def load_residuals(build_database: str | Path) -> Residuals:
    """Families at no ordinary postcode area per municipality (from the build database)."""
    with duckdb.connect(str(build_database), read_only=True) as connection:
        rows = connection.execute(
            "select stat_year, municipality_code, measure_key, value from marts.disclosure_cells "
            "where area_level = 'residual'"
        ).fetchall()
    residuals: Residuals = {}
    for year, municipality, measure_key, value in rows:
        kind, _, detail = measure_key.partition("|")
        measure = {
            "families": (Kind.FAMILIES,),
            "families_3_5": (Kind.FAMILIES_3_5,),
            "families_with": (Kind.NUMERATOR, detail),
            "group": (Kind.GROUP, detail),
        }[kind]
        residuals[(int(year), municipality, measure)] = float(value)
    return residuals


def load_primary_cells(build_database: str | Path) -> set[CellKey]:
    """The primary-suppressed cells (rules 1-3) of a build, as the audit's keys: which
    hidden cells to attack. The relations are never read from the build."""
    with duckdb.connect(str(build_database), read_only=True) as connection:
        rows = connection.execute(
            "select stat_year, area_id, measure_key from marts.disclosure_suppression "
            "where suppression_reason in ('small_area', 'min_cell', 'all_but_a_few')"
        ).fetchall()
    keys: set[CellKey] = set()
    for year, area, measure_key in rows:
        kind, *detail = measure_key.split("|")
        if kind in MEASURE_KINDS:
            keys.add(CellKey(MEASURE_KINDS[kind], int(year), area, *detail))
    return keys
