"""The families of each situation: the link between the family types and the profile.

A type is a set of situations (the typology's rule, applied to all 256), and each profile
category (a structure, a youngest child's age band, a children band) is a set of
situations too. An attacker who knows the catalogue can read the type table and the
profile as sums of the same unknowns, the families of each situation per municipality and
the study area. Where every band combination has a type the sums coincide and the
relations of `disclosure_relations` say so (`type_structure`, ...); where they do not, the
two partitions still bound each other, and the population attacker (lea.audit_population)
found a type of 3 families read off as [0, 4] that way on a hand-made build.

So the engine is given one virtual cell per year, area (municipality or study area) and
situation, and the relations an attacker has: each type = the sum of its situations, each
profile category = the sum of its situations, the municipalities sum to the study area,
and what the catalogue itself says of the latest year: its types are the most frequent
situations there (each type's own situation has at least as many families as the next
type's, and no other situation more than the last type's), and with fewer types than
`family_type_count` no other situation has a family at all.
"""

from __future__ import annotations

import pandas as pd

from lea.disclosure.cells import DisclosureError
from lea.disclosure.previous_types import (
    AT_MOST,
    CELL_COLUMNS,
    EQUAL,
    PROFILE_ATTRIBUTES,
    RELATION_COLUMNS,
    every_situation,
    municipalities_and_study_area,
    ranked,
    spatial_sums,
)
from lea.typology.family_types import assign_family_types
from lea.typology.situation import SITUATION_ATTRIBUTES

MEASURE = "situation"
MEASURE_3_5 = "situation_3_5"
FAMILY = "situations"


def situation_key(row: pd.Series | tuple) -> str:
    return MEASURE + "|" + "|".join(str(part) for part in row)


def situation_table(catalog: pd.DataFrame) -> pd.DataFrame:
    """The 256 situations with their key and type."""
    situations = every_situation()
    situations["type_id"] = assign_family_types(situations, ranked(catalog))["type_id"]
    situations["measure_key"] = [
        situation_key(row) for row in situations[list(SITUATION_ATTRIBUTES)].itertuples(index=False)
    ]
    return situations


def situation_cells(
    counts: pd.DataFrame, catalog: pd.DataFrame, cells: pd.DataFrame, type_count: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The virtual situation cells and their relations (see the module docstring).
    `counts`: families per year, municipality and situation (`situation_counts_sql`)."""
    type_cells = cells[cells["measure"] == "type"]
    if type_cells.empty or catalog.empty:
        return pd.DataFrame(columns=CELL_COLUMNS), pd.DataFrame(columns=RELATION_COLUMNS)
    situations = situation_table(catalog)
    areas = type_cells[["stat_year", "area_id", "area_level", "municipality_code"]].drop_duplicates()
    values = _values(counts, situations, areas)
    latest = int(type_cells["stat_year"].max())
    own = _own_situations(catalog)
    # With fewer types than family_type_count every situation with a family in the latest
    # year is a type: the others are known to be empty there.
    known_zero = (values["stat_year"] == latest) & (len(catalog) < type_count) & ~values["measure_key"].isin(own)
    _check_short_catalogue(values[known_zero], len(catalog), type_count)
    new_cells = [_virtual_cells(values, MEASURE, known_zero)]
    relations = [
        _sums(values, situations, cells),
        _spatial(values),
        _ranking(values[(values["stat_year"] == latest) & (values["area_level"] == "all")], own),
    ]
    if "families_3_5" in counts.columns:
        cells_3_5, relations_3_5 = _with_a_child_aged_3_5(counts, situations, areas, cells)
        new_cells.append(cells_3_5)
        relations.append(relations_3_5)
    return pd.concat(new_cells, ignore_index=True), pd.concat(relations, ignore_index=True)


def _virtual_cells(values: pd.DataFrame, measure: str, known: pd.Series) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "cell_id": values["cell_id"],
            "stat_year": values["stat_year"].astype(int),
            "area_id": values["area_id"],
            "area_level": values["area_level"],
            "municipality_code": values["municipality_code"],
            "measure": measure,
            "measure_key": values["measure_key"],
            "value": values["value"].astype(float),
            "is_virtual": True,
            "is_known": known.to_numpy(),
            "primary_reason": None,
            "same_as_cell_id": None,
        }
    )[CELL_COLUMNS]


def _with_a_child_aged_3_5(
    counts: pd.DataFrame, situations: pd.DataFrame, areas: pd.DataFrame, cells: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The families of each situation with a child aged 3-5: each type's such families are
    their sum, each is at most its situation's families, the municipalities sum to the
    study area, and where the youngest child's band starts above 5 there are none (known
    where the counts agree; the population attacker found a type of 1 family read as
    [0, 4] through these on a hand-made build)."""
    values = _values(counts, situations, areas, "families_3_5", MEASURE_3_5 + "|")
    band = situations.set_index("measure_key")["youngest_child_age_band"]
    youngest_from = band.str.extract(r"^(\d+)", expand=False).astype(int)
    lowest_age = values["measure_key"].str.removeprefix(MEASURE_3_5 + "|").map(youngest_from)
    known = (lowest_age > 5) & (values["value"] == 0)
    type_cell = cells_of(values, cells, "type_families_3_5", ["type_id"])
    present = type_cell.notna()
    bound_relation = values["stat_year"].astype(str) + ":situation_3_5_bound:" + values["cell_id"]
    relations = pd.concat(
        [
            _total_of_parts("situation_type_3_5", values[present], type_cell[present]),
            _terms("situation_3_5_bound", AT_MOST, bound_relation, values["cell_id"], 1.0),
            _terms("situation_3_5_bound", AT_MOST, bound_relation, values["situation_cell_id"], -1.0),
            spatial_sums("situation_3_5_spatial", values, values["measure_key"]),
        ],
        ignore_index=True,
    )
    return _virtual_cells(values, MEASURE_3_5, known), relations


def _check_short_catalogue(known_zero: pd.DataFrame, n_types: int, type_count: int) -> None:
    """A catalogue shorter than `family_type_count` says every other situation is empty in
    the latest year; a family there means the catalogue and the counts disagree (say a
    typology made with another `family_type_count`), and the engine would be told a wrong
    relation."""
    occupied = known_zero[known_zero["value"] > 0]
    if len(occupied):
        examples = ", ".join(occupied["cell_id"].head(3))
        raise DisclosureError(
            f"int_family_types has {n_types} types, fewer than family_type_count = {type_count}, so every "
            f"other situation should be empty in the latest year, but {len(occupied)} are not: {examples}"
        )


def _own_situations(catalog: pd.DataFrame) -> list[str]:
    """The key of each type's own situation, in the order of the types' ranks."""
    own = ranked(catalog).sort_values("type_rank")
    return [situation_key(row) for row in own[list(SITUATION_ATTRIBUTES)].itertuples(index=False)]


def _values(
    counts: pd.DataFrame, situations: pd.DataFrame, areas: pd.DataFrame, column: str = "families", prefix: str = ""
) -> pd.DataFrame:
    """One row per year, area and situation with its count `column` (0 where none); the
    cell ids get `prefix` before the situation's key."""
    attributes = list(SITUATION_ATTRIBUTES)
    placed = counts.merge(situations[[*attributes, "measure_key"]], on=attributes, how="inner")
    known = municipalities_and_study_area(placed, ["measure_key"], [column])
    grid = areas.merge(situations[["measure_key", "type_id"]], how="cross")
    values = grid.merge(known, on=["stat_year", "area_id", "measure_key"], how="left").fillna({column: 0})
    values["value"] = values[column]
    values["situation_cell_id"] = (
        values["stat_year"].astype(str) + ":" + values["area_id"] + ":" + values["measure_key"]
    )
    values["measure_key"] = prefix + values["measure_key"]
    values["cell_id"] = values["stat_year"].astype(str) + ":" + values["area_id"] + ":" + values["measure_key"]
    return values


def _terms(kind: str, sense: str, relation_id: pd.Series, cell_id: pd.Series, sign: float) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "relation_id": relation_id.to_numpy(),
            "relation_family": FAMILY,
            "relation_kind": kind,
            "sense": sense,
            "stat_year": relation_id.str.split(":", n=1).str[0].astype(int).to_numpy(),
            "cell_id": cell_id.to_numpy(),
            "coefficient": sign,
        }
    )


def cells_of(rows: pd.DataFrame, cells: pd.DataFrame, measure: str, columns: list[str]) -> pd.Series:
    """Per row of `rows`: the id of this build's cell of `measure` in the row's year and area
    with the row's `columns` (type_id, breakdown, ...), NaN where the build has none. Found
    by the cells' columns (disclosure_cells), never by a key rebuilt from strings."""
    keys = ["stat_year", "area_id", *columns]
    found = cells.loc[cells["measure"] == measure, [*keys, "cell_id"]]
    placed = rows[keys].merge(found, on=keys, how="left", validate="many_to_one")
    return pd.Series(placed["cell_id"].to_numpy(), index=rows.index)


def _sums(values: pd.DataFrame, situations: pd.DataFrame, cells: pd.DataFrame) -> pd.DataFrame:
    """Each type and each profile category of an area = the sum of its situations."""
    frames = []
    type_cell = cells_of(values, cells, "type", ["type_id"])
    if type_cell.isna().any():
        raise ValueError("a situation's type has no type cell in its year and area")
    frames.append(_total_of_parts("situation_type", values, type_cell))
    by_key = situations.set_index("measure_key")
    for breakdown, attribute in PROFILE_ATTRIBUTES.items():
        category = values.assign(breakdown=breakdown, category=values["measure_key"].map(by_key[attribute]))
        profile_cell = cells_of(category, cells, "profile", ["breakdown", "category"])
        present = profile_cell.notna()
        frames.append(_total_of_parts("situation_profile", values[present], profile_cell[present]))
    return pd.concat(frames, ignore_index=True)


def _total_of_parts(kind: str, parts: pd.DataFrame, total_cell: pd.Series) -> pd.DataFrame:
    """total = the sum of its parts (the rows of `parts`), one relation per total."""
    relation = parts["stat_year"].astype(str) + f":{kind}:" + total_cell
    totals = pd.DataFrame({"relation_id": relation, "cell_id": total_cell}).drop_duplicates("relation_id")
    return pd.concat(
        [
            _terms(kind, EQUAL, totals["relation_id"], totals["cell_id"], 1.0),
            _terms(kind, EQUAL, relation, parts["cell_id"], -1.0),
        ],
        ignore_index=True,
    )


def _spatial(values: pd.DataFrame) -> pd.DataFrame:
    """A situation's municipalities sum to its study-area cell."""
    return spatial_sums("situation_spatial", values, values["measure_key"])


def _ranking(study_area: pd.DataFrame, own: list[str]) -> pd.DataFrame:
    """The latest year's ranking in the study area: each type's own situation has at least
    the families of the next type's, and every other situation at most the last type's
    (counts that tie are ranked by the attributes, so `<=` holds either way)."""
    if study_area.empty:
        return pd.DataFrame(columns=RELATION_COLUMNS)
    cell = dict(zip(study_area["measure_key"], study_area["cell_id"], strict=True))
    year = int(study_area["stat_year"].iloc[0])
    pairs = list(zip(own[1:], own[:-1], strict=True))  # (smaller, larger)
    pairs += [(key, own[-1]) for key in study_area["measure_key"] if key not in set(own)]
    rows = []
    for smaller, larger in pairs:
        relation = f"{year}:situation_rank:{smaller}"
        rows.append((relation, FAMILY, "situation_rank", AT_MOST, year, cell[smaller], 1.0))
        rows.append((relation, FAMILY, "situation_rank", AT_MOST, year, cell[larger], -1.0))
    return pd.DataFrame(rows, columns=RELATION_COLUMNS)
