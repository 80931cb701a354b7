"""A previous release's family type tables when its catalogue is not this build's (issue 22).

The family types are ranked on the latest year, so a release with one more year usually
has other types, and the previous release's type tables partition the same families in
another way. Every family's *situation* (structure, youngest child's age, children,
youngest parent's age) places it in exactly one type of each catalogue (the typology's
own rule, `lea.typology.family_types.assign_family_types`, applied to all 256 situations).
So:

- a previous type whose situations are exactly those of one type of this build is that
  type under another id: its published numbers are this build's numbers (`renamed`);
- the other types are *linked*: per area and measure, the families of each pair (this
  build's type, the previous type) are a cell the engine cannot see published (virtual),
  this build's type is the sum of its pairs and the previous type the sum of its pairs,
  and each pair obeys what its parts obey (numerator <= denominator; the families with a
  child aged 3-5 <= the families; the municipalities sum to the study area; a profile
  category holds every pair whose situations all fall in it and no family outside the
  pairs that touch it). The previous type's cells are virtual too: known where the
  previous release published them, free where it hid them.

The engine then proves this build's pattern against both catalogues at once. What a
definition fixes for a type (a couple type's single_parent numerator is 0, a lone-parent
type's is its families, a type of school-age children has no child aged 3-5) reaches the
pairs through the sums: a pair is part of its type and no count is negative.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

import numpy as np
import pandas as pd

from lea.typology.family_types import assign_family_types
from lea.typology.situation import ATTRIBUTE_CODES, SITUATION_ATTRIBUTES

PAIR = "type_pair"
PREVIOUS = "type_previous"
EQUAL = "eq"
AT_MOST = "le"
# The profile breakdowns whose categories are a situation attribute's codes.
PROFILE_ATTRIBUTES = {
    "structure": "structure",
    "youngest_child_age": "youngest_child_age_band",
    "children": "children_band",
}
CELL_COLUMNS = [
    "cell_id",
    "stat_year",
    "area_id",
    "area_level",
    "municipality_code",
    "measure",
    "measure_key",
    "value",
    "is_virtual",
    "is_known",
    "primary_reason",
    "same_as_cell_id",
]
RELATION_COLUMNS = ["relation_id", "relation_family", "relation_kind", "sense", "stat_year", "cell_id", "coefficient"]


@dataclass(frozen=True)
class TypeLinks:
    """How a previous catalogue's types relate to this build's.

    `renamed`: previous type id -> this build's type id holding exactly the same
    situations. `situations`: all 256 situations with `type_id` and `previous_type_id`.
    `linked`: the situations whose two types are not one-to-one (their pairs are cells)."""

    renamed: dict[str, str]
    situations: pd.DataFrame
    linked: pd.DataFrame


@dataclass(frozen=True)
class Measure:
    """One count of the type tables: the column of the situation counts it sums, and the
    measure whose count bounds it (None: the families themselves)."""

    name: str
    column: str
    indicator_id: str | None = None
    bound: str | None = None


def every_situation() -> pd.DataFrame:
    """The 256 situations, one row each, attributes in the typology's order."""
    rows = product(*(ATTRIBUTE_CODES[attribute] for attribute in SITUATION_ATTRIBUTES))
    return pd.DataFrame(list(rows), columns=list(SITUATION_ATTRIBUTES), dtype=object)


def ranked(catalog: pd.DataFrame) -> pd.DataFrame:
    """A published catalogue with `type_rank` (the number in the id when not published)."""
    if "type_rank" in catalog.columns:
        return catalog
    return catalog.assign(type_rank=catalog["type_id"].str[1:].astype(int))


def type_links(catalog: pd.DataFrame, previous_catalog: pd.DataFrame) -> TypeLinks:
    """Each situation's type in both catalogues, and which previous types are renamed."""
    situations = every_situation()
    situations["type_id"] = assign_family_types(situations, ranked(catalog))["type_id"]
    situations["previous_type_id"] = assign_family_types(situations, ranked(previous_catalog))["type_id"]
    pairs = situations[["type_id", "previous_type_id"]].drop_duplicates()
    one_to_one = (pairs.groupby("type_id")["previous_type_id"].transform("size") == 1) & (
        pairs.groupby("previous_type_id")["type_id"].transform("size") == 1
    )
    renamed = dict(zip(pairs.loc[one_to_one, "previous_type_id"], pairs.loc[one_to_one, "type_id"], strict=True))
    linked = situations[~situations["previous_type_id"].isin(list(renamed))].reset_index(drop=True)
    return TypeLinks(renamed=renamed, situations=situations, linked=linked)


TYPE_MEASURE_NAMES = ("type", "type_families_3_5", "type_families_with")


def retyped_cell_id(cell_id: str, links: TypeLinks) -> str:
    """A previous release's cell under this build's type id (a renamed type) or as a
    previous-type cell (a linked type); a cell of another table is unchanged. Cell ids are
    `year:area:measure|type[|indicator]`."""
    year, area, key = cell_id.split(":", 2)
    measure, _, rest = key.partition("|")
    if measure not in TYPE_MEASURE_NAMES:
        return cell_id
    type_id, _, indicator = rest.partition("|")
    suffix = f"|{indicator}" if indicator else ""
    if type_id in links.renamed:
        return f"{year}:{area}:{measure}|{links.renamed[type_id]}{suffix}"
    return f"{year}:{area}:{PREVIOUS}{measure[len('type') :]}|{type_id}{suffix}"


def retyped(previous: pd.DataFrame, links: TypeLinks) -> pd.DataFrame:
    """The previous release's cells (column `cell_id`) with their type cells retyped."""
    return previous.assign(cell_id=[retyped_cell_id(str(c), links) for c in previous["cell_id"]])


def type_measures(cells: pd.DataFrame) -> list[Measure]:
    """The counts of the type tables, read from this build's type cells: families,
    families with a child aged 3-5, and each indicator's numerator bounded by its
    denominator (the type's families or its families with a child aged 3-5)."""
    numerators = cells.loc[cells["measure"] == "type_families_with", ["indicator_id", "denominator_cell_id"]]
    numerators = numerators.drop_duplicates("indicator_id").sort_values("indicator_id")
    measures = [Measure("", "families"), Measure("_families_3_5", "families_3_5", bound="")]
    for row in numerators.itertuples(index=False):
        bound = "_families_3_5" if "type_families_3_5|" in str(row.denominator_cell_id) else ""
        measures.append(Measure("_families_with", f"with_{row.indicator_id}", str(row.indicator_id), bound))
    return measures


def situation_counts_sql(indicator_ids: list[str], table: str = "facts") -> str:
    """Per year, municipality and situation: the families, those with a child aged 3-5 and
    the numerator of each indicator (over disclosure_family_facts)."""
    sums = "".join(f", sum({indicator}) as with_{indicator}" for indicator in indicator_ids)
    return (
        "select stat_year, municipality_code, family_structure as structure, youngest_child_age_band, "
        "children_band, youngest_parent_age_band, count(*) as families, "
        f"sum(in_families_3_5) as families_3_5{sums} from {table} "
        "group by stat_year, municipality_code, family_structure, youngest_child_age_band, children_band, "
        "youngest_parent_age_band"
    )


def _pair_values(counts: pd.DataFrame, links: TypeLinks, areas: pd.DataFrame, measures: list[Measure]) -> pd.DataFrame:
    """One row per year, area, pair and measure of the linked types, with its true count
    (0 where no family has it)."""
    columns = [m.column for m in measures]
    placed = counts.merge(links.linked, on=list(SITUATION_ATTRIBUTES), how="inner")
    values = municipalities_and_study_area(placed, ["type_id", "previous_type_id"], columns)
    keys = ["stat_year", "area_id", "type_id", "previous_type_id"]
    pairs = links.linked[["type_id", "previous_type_id"]].drop_duplicates()
    years = pd.DataFrame({"stat_year": sorted(counts["stat_year"].unique())})
    grid = years.merge(areas[["area_id"]], how="cross").merge(pairs, how="cross")
    values = grid.merge(values, on=keys, how="left").fillna({c: 0 for c in columns})
    long = values.melt(id_vars=keys, value_vars=columns, var_name="column", value_name="value")
    by_column = {m.column: m for m in measures}
    long["measure"] = PAIR + long["column"].map(lambda c: by_column[c].name)
    long["indicator_id"] = long["column"].map(lambda c: by_column[c].indicator_id)
    return long.merge(areas, on="area_id")


def _key(measure: pd.Series, *ids: pd.Series) -> pd.Series:
    key = measure.astype(str)
    for part in ids:
        key = key + np.where(part.notna(), "|" + part.astype(str), "")
    return key


def _cells(long: pd.DataFrame, measure_key: pd.Series) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "cell_id": long["stat_year"].astype(str) + ":" + long["area_id"] + ":" + measure_key,
            "stat_year": long["stat_year"].astype(int),
            "area_id": long["area_id"],
            "area_level": long["area_level"],
            "municipality_code": long["municipality_code"],
            "measure": long["measure"],
            "measure_key": measure_key,
            "value": long["value"].astype(float),
            "is_virtual": True,
            "is_known": False,
            "primary_reason": None,
            "same_as_cell_id": None,
        }
    )[CELL_COLUMNS]


def _terms(kind: str, sense: str, relation_id: pd.Series, cell_id: pd.Series, sign: float) -> pd.DataFrame:
    """One term per row: `sign` x cell in the relation (ids begin with the year)."""
    return pd.DataFrame(
        {
            "relation_id": relation_id.to_numpy(),
            "relation_family": "previous_types",
            "relation_kind": kind,
            "sense": sense,
            "stat_year": relation_id.str.split(":", n=1).str[0].astype(int).to_numpy(),
            "cell_id": cell_id.to_numpy(),
            "coefficient": sign,
        }
    )


def linked_type_cells(counts: pd.DataFrame, links: TypeLinks, cells: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The cells of the linked types' pairs and previous types, and their relations to each
    other and to this build's cells (`cells`: disclosure_cells; `counts`: the situation
    counts of `situation_counts_sql`). Empty when every previous type is renamed."""
    if links.linked.empty or counts.empty:
        return pd.DataFrame(columns=CELL_COLUMNS), pd.DataFrame(columns=RELATION_COLUMNS)
    type_cells = cells[cells["measure"] == "type"]
    areas = type_cells[["area_id", "area_level", "municipality_code"]].drop_duplicates().reset_index(drop=True)
    measures = type_measures(cells)
    name = {m.column: m.name for m in measures}
    pairs = _pair_values(counts, links, areas, measures)
    prefix = pairs["stat_year"].astype(str) + ":" + pairs["area_id"] + ":"
    pair_key = _key(pairs["measure"], pairs["type_id"], pairs["previous_type_id"], pairs["indicator_id"])
    pairs["cell_id"] = prefix + pair_key
    pairs["this_cell_id"] = prefix + _key("type" + pairs["column"].map(name), pairs["type_id"], pairs["indicator_id"])
    previous_key = _key(PREVIOUS + pairs["column"].map(name), pairs["previous_type_id"], pairs["indicator_id"])
    pairs["previous_cell_id"] = prefix + previous_key
    previous = pairs.groupby(
        ["previous_cell_id", "stat_year", "area_id", "area_level", "municipality_code"], as_index=False, dropna=False
    )["value"].sum()
    previous["measure"] = previous["previous_cell_id"].str.split(":", n=2).str[2].str.split("|").str[0]
    new_cells = pd.concat(
        [
            _cells(pairs, pair_key),
            _cells(previous, previous["previous_cell_id"].str.split(":", n=2).str[2]),
        ],
        ignore_index=True,
    )
    relations = pd.concat(
        [
            _sum_of_pairs(pairs, "this_cell_id", "pair_sum"),
            _sum_of_pairs(pairs, "previous_cell_id", "previous_sum"),
            _spatial(pairs),
            _bounds(pairs, measures),
            _profile_bounds(links, cells),
        ],
        ignore_index=True,
    )
    return new_cells, relations


def _sum_of_pairs(pairs: pd.DataFrame, total: str, kind: str) -> pd.DataFrame:
    """The cell named in column `total` = the sum of its pairs (one relation per total)."""
    relation = pairs["stat_year"].astype(str) + f":{kind}:" + pairs[total]
    totals = pairs.assign(relation_id=relation).drop_duplicates("relation_id")
    return pd.concat(
        [
            _terms(kind, EQUAL, totals["relation_id"], totals[total], 1.0),
            _terms(kind, EQUAL, relation, pairs["cell_id"], -1.0),
        ],
        ignore_index=True,
    )


def _spatial(pairs: pd.DataFrame) -> pd.DataFrame:
    """A pair's municipalities sum to its study-area cell."""
    return spatial_sums("pair_spatial", pairs, pairs["cell_id"].str.split(":", n=2).str[2])


def municipalities_and_study_area(placed: pd.DataFrame, keys: list[str], columns: list[str]) -> pd.DataFrame:
    """`columns` summed per year, municipality (`M<code>`) and `keys`, and the same over
    the study area (`ALL`): the areas of the type tables."""
    by = ["stat_year", "area_id", *keys]
    municipal = placed.assign(area_id="M" + placed["municipality_code"].astype(str))
    municipal = municipal.groupby(by, as_index=False)[columns].sum()
    study_area = municipal.assign(area_id="ALL").groupby(by, as_index=False)[columns].sum()
    return pd.concat([municipal, study_area], ignore_index=True)


def spatial_sums(kind: str, cells: pd.DataFrame, key: pd.Series) -> pd.DataFrame:
    """Virtual cells of one `key` per year: the municipalities' cells sum to the study area's
    (columns stat_year, area_level, cell_id)."""
    relation = cells["stat_year"].astype(str) + f":{kind}:" + key
    is_all = cells["area_level"] == "all"
    if not is_all.any():
        return pd.DataFrame(columns=RELATION_COLUMNS)
    return pd.concat(
        [
            _terms(kind, EQUAL, relation[is_all], cells["cell_id"][is_all], 1.0),
            _terms(kind, EQUAL, relation[~is_all], cells["cell_id"][~is_all], -1.0),
        ],
        ignore_index=True,
    )


def _bounds(pairs: pd.DataFrame, measures: list[Measure]) -> pd.DataFrame:
    """A pair's numerator <= its denominator, its families with a child aged 3-5 <= its
    families: count - bound <= 0."""
    bound_of = {m.column: m.bound for m in measures}
    bounded = pairs[pairs["column"].map(bound_of).notna()]
    bound_measure = PAIR + bounded["column"].map(bound_of)
    bound_cell = (
        bounded["stat_year"].astype(str)
        + ":"
        + bounded["area_id"]
        + ":"
        + _key(bound_measure, bounded["type_id"], bounded["previous_type_id"])
    )
    relation = bounded["stat_year"].astype(str) + ":pair_bound:" + bounded["cell_id"].str.split(":", n=1).str[1]
    return pd.concat(
        [
            _terms("pair_bound", AT_MOST, relation, bounded["cell_id"], 1.0),
            _terms("pair_bound", AT_MOST, relation, bound_cell, -1.0),
        ],
        ignore_index=True,
    )


def _profile_bounds(links: TypeLinks, cells: pd.DataFrame) -> pd.DataFrame:
    """Per area, profile breakdown and category: the families of the units (this build's
    types that are renamed, and the pairs) whose situations all fall in the category <=
    the profile's count <= the families of the units whose situations touch it."""
    units = links.situations.assign(
        unit=np.where(
            links.situations["previous_type_id"].isin(list(links.renamed)),
            "type|" + links.situations["type_id"],
            PAIR + "|" + links.situations["type_id"] + "|" + links.situations["previous_type_id"],
        )
    )
    profile = cells[(cells["measure"] == "profile") & cells["breakdown"].isin(list(PROFILE_ATTRIBUTES))]
    areas = profile[["stat_year", "area_id", "cell_id", "breakdown", "category"]]
    terms = []
    for breakdown, attribute in PROFILE_ATTRIBUTES.items():
        inside = units.groupby(["unit", attribute]).size().unstack(fill_value=0)
        for category in inside.columns:
            touching = inside.index[inside[category] > 0]
            within = inside.index[(inside[category] > 0) & (inside.drop(columns=category).sum(axis=1) == 0)]
            if len(touching) == len(within):
                continue  # exact: the sum of this build's types already says it
            for row in areas[(areas["breakdown"] == breakdown) & (areas["category"] == category)].itertuples():
                prefix = f"{row.stat_year}:{row.area_id}:"
                lower = f"{row.stat_year}:profile_pairs_within:{row.area_id}:{breakdown}|{category}"
                upper = f"{row.stat_year}:profile_pairs_touching:{row.area_id}:{breakdown}|{category}"
                terms.append((lower, [(prefix + u, 1.0) for u in within] + [(row.cell_id, -1.0)]))
                terms.append((upper, [(row.cell_id, 1.0)] + [(prefix + u, -1.0) for u in touching]))
    rows = [
        (relation, "previous_types", "profile_pairs", AT_MOST, int(relation.split(":")[0]), cell, coefficient)
        for relation, members in terms
        for cell, coefficient in members
    ]
    return pd.DataFrame(rows, columns=RELATION_COLUMNS)
