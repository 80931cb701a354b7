"""Data frames in and out of the engine: what the dbt model `disclosure_suppression` reads
(disclosure_cells, disclosure_relations) and returns, one row per cell."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

import pandas as pd

from lea.disclosure.engine import Cell, DisclosureError, Relations, protect, unproven

# What a cell counts, as columns (disclosure_cells makes them with cell_id and measure_key):
# the marts find a cell by these, never by a key rebuilt from strings.
CELL_KEY_COLUMNS = ["measure", "indicator_id", "group_id", "type_id", "breakdown", "category"]
SUPPRESSION_COLUMNS = [
    "cell_id",
    "stat_year",
    "area_id",
    "measure_key",
    *CELL_KEY_COLUMNS,
    "value",
    "suppression_reason",
    "status",
    "proof_up",
    "proof_down",
]


def parent_area(area_level: str, municipality_code: object) -> str | None:
    """The area whose cells a cell's area sums to: a postcode area's municipality, a
    municipality's study area (the engine moves families only between areas of one parent)."""
    if area_level == "postcode" and isinstance(municipality_code, str):
        return municipality_code
    if area_level == "municipality":
        return "ALL"
    return None


def witness_scope(measure: str) -> str | None:
    """The family-type tables (by municipality and type) are most of a year's cells and
    nearly all of them are primary in a small population: the engine first seeks their
    witnesses among the suppressed cells of those tables alone, a much smaller programme
    (measured: 25 ms against 0.7 s a programme at 2,000 families). The area tables'
    witnesses often need a municipality's type cells, so they are sought in the whole block."""
    return "family_types" if measure.startswith("type") else None


def twins_of(cells_frame: pd.DataFrame) -> dict[str, str]:
    """{cell: the cell a definition makes it equal to} (column `same_as_cell_id`): a
    lone-parent type's single_parent numerator and the type's families are one number.
    Raises DisclosureError when a twin is missing, holds another value or has a twin itself."""
    if "same_as_cell_id" not in cells_frame.columns:
        return {}
    named = cells_frame[cells_frame["same_as_cell_id"].notna()]
    twins = dict(zip(named["cell_id"].astype(str), named["same_as_cell_id"].astype(str), strict=True))
    values = dict(zip(cells_frame["cell_id"].astype(str), cells_frame["value"], strict=True))
    for cell, twin in twins.items():
        if twin not in values or twin in twins:
            raise DisclosureError(f"{cell} is defined as {twin}, which is not a cell of its own")
        if values[cell] != values[twin]:
            raise DisclosureError(f"{cell} is defined as {twin} but counts {values[cell]}, not {values[twin]}")
    return twins


def merged_relations(relations_frame: pd.DataFrame, twins: dict[str, str]) -> pd.DataFrame:
    """The relations with every cell read as its twin: coefficients of one relation and
    cell added up, terms that cancel dropped (numerator + complement = families becomes
    complement = 0)."""
    if not twins:
        return relations_frame
    merged = relations_frame.assign(cell_id=relations_frame["cell_id"].map(lambda c: twins.get(c, c)))
    keys = ["relation_id", "relation_family", "sense", "cell_id"]
    summed = merged.groupby(keys, sort=False, as_index=False)["coefficient"].sum()
    return summed[summed["coefficient"].abs() > 1e-9].reset_index(drop=True)


@dataclass(frozen=True)
class Weakened:
    """Only for the tests that show each relation family is needed (such a pattern is not
    safe): leave the relation families `without_families` out, and protect only the primary
    cells `only_targets`."""

    without_families: Collection[str] = ()
    only_targets: Collection[str] | None = None


NOT_WEAKENED = Weakened()


def suppression_frame(
    cells_frame: pd.DataFrame,
    relations_frame: pd.DataFrame,
    min_cell_size: int,
    workers: int = 1,
    weakened: Weakened = NOT_WEAKENED,
) -> pd.DataFrame:
    """The pattern and its proof per cell (`weakened`: only for tests). A cell with a twin
    (`same_as_cell_id`) is not given to the engine: it takes its twin's outcome.
    Raises DisclosureError naming the cells when a primary cell is not proven safe."""
    twins = twins_of(cells_frame)
    engine_cells = cells_frame[~cells_frame["cell_id"].isin(list(twins))]
    cells = [
        Cell(
            cell_id=row.cell_id,
            stat_year=int(row.stat_year),
            value=float(row.value),
            primary_reason=None if pd.isna(row.primary_reason) else str(row.primary_reason),
            is_virtual=bool(row.is_virtual),
            is_known=bool(row.is_known),
            area_id=str(row.area_id),
            parent_area_id=parent_area(str(row.area_level), row.municipality_code),
            measure_key=str(row.measure_key),
            witness_scope=witness_scope(str(row.measure)),
        )
        for row in engine_cells.itertuples(index=False)
    ]
    kept = merged_relations(
        relations_frame[~relations_frame["relation_family"].isin(list(weakened.without_families))], twins
    )
    terms = Relations(
        relation_id=kept["relation_id"].to_numpy(dtype=object),
        relation_family=kept["relation_family"].to_numpy(dtype=object),
        sense=kept["sense"].to_numpy(dtype=object),
        cell_id=kept["cell_id"].to_numpy(dtype=object),
        coefficient=kept["coefficient"].to_numpy(dtype=float),
    )
    protection = protect(
        cells,
        terms,
        min_cell_size,
        workers=workers,
        only_targets=None if weakened.only_targets is None else set(weakened.only_targets),
    )
    failed = unproven(protection)
    if failed:
        raise DisclosureError(f"not published: {len(failed)} primary cell(s) not proven safe: {', '.join(failed[:20])}")
    outcomes = protection.outcomes
    for cell, twin in twins.items():
        outcomes[cell] = replace(outcomes[twin], cell_id=cell)
    # A cell frame without some key column (the engine's tests) gets it empty.
    final = cells_frame.reindex(
        columns=[
            "cell_id",
            "stat_year",
            "area_id",
            "area_level",
            "measure_key",
            *CELL_KEY_COLUMNS,
            "value",
            "is_virtual",
        ]
    )
    final["suppression_reason"] = [outcomes[c].suppression_reason for c in final["cell_id"]]
    final["proof_up"] = [outcomes[c].proof_up for c in final["cell_id"]]
    final["proof_down"] = [outcomes[c].proof_down for c in final["cell_id"]]
    not_shown = final["is_virtual"].astype(bool) | (final["area_level"] == "residual")
    final["status"] = "published"
    final.loc[final["suppression_reason"].notna(), "status"] = "suppressed"
    final.loc[not_shown, "status"] = "not_published"
    return final[SUPPRESSION_COLUMNS]
