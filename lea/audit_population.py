"""The population attacker of the disclosure audit (issue 23): a linear programme over families.

lea.audit attacks with relations: its unknowns are the cells, and it lists what the
definitions imply between them. This attacker needs no list. Its unknowns are the counts
of families x[a, p] >= 0 per finest area a and per *profile* p, where a profile is all that
a published number counts about a family:

- its situation (structure, youngest child's age band, children band, youngest parent's
  age band: 4 x 4 x 4 x 4 = 256) and through it its family type (the published catalogue
  and the typology's rule: longest agreeing prefix, lowest rank, T001 when no structure
  agrees: lea.audit_releases.assign_situation);
- its eleven phenomena (single_parent is its structure: true exactly for mother and
  father; no_ecec only with a child aged 3-5);
- whether it has a child aged 3-5 (never when its youngest child is 7 or older);
- its wellbeing group: the first rule of the seed its phenomena match (lea.audit's reading
  of the public rules).

The finest areas are the ordinary postcode areas and, per municipality, its families at
no ordinary postcode area (`R<code>`, the residual: its totals are known from the build,
as rule 4 says to assume and as lea.audit takes them). Every published count is a sum of
x over the profiles and areas it counts; a published share with its denominator bounds the
numerator within the rounding; a published mean bounds its numerator within the rounding;
the summary's children and the moves of the youngest child get a non-negative excess per
municipality (the open band 4+; moves beyond two). In the latest year the types rank the
situations by their families (ties by the attributes), and with fewer types than
`family_type_count` (publication_info) no other situation has a family. Any non-negative
solution is then a population, so every relation the definitions imply holds, written
down or not: this is the strongest linear attacker over these profiles. What it leaves out
(it is then weaker, never wrong) is in LEFT_OUT.

The profiles number 256 x 2^11 x 2 (about 400,000 valid ones) per area, so the programme
is solved by column generation: a restricted master LP (HiGHS) holds the profiles found so
far, and each area's most negative reduced cost is found by enumeration. The reduced cost
of a profile splits into a situation part (families, profile categories, type, children,
ranking) and a phenomena part per type (numerators, group, families with a child aged 3-5,
the type's numerators): per type, the 2^11 x 2 phenomena x (child aged 3-5) combinations are
minimised with numpy, per situation the best is looked up. A first phase with artificial
variables finds a population that reproduces every published number (none: the
publication contradicts the rules, AuditError). Every master solution after that is a
population: a primary cell whose values over those points already span `min_cell_size`
(and reach it) passes; the others get min and max solved to the end of the column
generation (exact LP bounds), rounded inward to whole families as lea.audit does.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise, product
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
from scipy import sparse

from lea.audit import (
    OLDER_AGE_BANDS,
    SINGLE_PARENT_STRUCTURES,
    THREE_TO_FIVE_DENOMINATOR,
    AuditError,
    CellInterval,
    GroupRule,
    Key,
    load_group_rules,
    load_primary_cells,
    load_residuals,
)
from lea.audit_releases import SITUATIONS, FamilyType, assign_situation, load_catalog

# The eleven phenomena of the definitions (families-and-indicators.md), in the spec's order.
PHENOMENA: tuple[str, ...] = (
    "low_income",
    "social_assistance",
    "parental_unemployment",
    "low_parental_education",
    "parental_mental_health",
    "parental_substance_use",
    "child_mental_health",
    "child_welfare",
    "single_parent",
    "frequent_moves",
    "no_ecec",
)
CHILDREN_WEIGHTS = {"1": 1.0, "2": 2.0, "3": 3.0, "4+": 4.0}
FREQUENT_MOVES_AT_LEAST = 2.0  # a frequent mover's youngest child moved at least twice
PROFILE_BREAKDOWNS = ("structure", "youngest_child_age", "children")  # position in a situation
BAND_CODES = (
    ("married_couple", "cohabiting_couple", "mother", "father"),
    ("0-2", "3-6", "7-12", "13-17"),
    ("1", "2", "3", "4+"),
)
LEVELS = 3  # a finest area, its municipality, the study area
REDUCED_COST_TOLERANCE = 1e-7
FEASIBILITY_TOLERANCE = 1e-6
MAX_ROUNDS = 2000
JOINT_OBJECTIVES = 2  # all targets up and down, then once with random weights
JOINT_ROUNDS = 15  # a joint objective needs no proof: its points are what it is for

LEFT_OUT = (
    "a youngest child aged 0-2 with no other child has no child aged 3-5: not used (the "
    "suite's hand-made inputs draw the 3-5 flag without the children band); only a youngest "
    "child of 7 or older rules it out",
    "children beyond four in the open band 4+, and moves beyond two of a frequent mover's "
    "youngest child: one non-negative excess per municipality, also when it has no such family; "
    "a youngest child who is no frequent mover moved at most once: not used",
    "the youngest parent's age against the children's ages (no such rule is published)",
    "integrality: the counts are real numbers >= 0 (an LP attacker, as publication.md asks), "
    "except that a tie in the ranking needs one family more (whole families)",
    "other years: each year is attacked on its own (publication.md, known limit)",
)

Row = tuple[dict[Key, float], float, float]  # lower <= sum(coefficient x cell) <= upper


# --- The profiles --------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileSpace:
    """What a profile counts in: per phenomena combination (2^11) its bits and group, per
    situation (256) its type, whether it is a lone parent's, whether it may have a child
    aged 3-5, and its children band's weight."""

    phenomena: tuple[str, ...]
    groups: tuple[str, ...]
    type_ids: tuple[str, ...]
    combo_bits: np.ndarray  # (combinations, phenomena) of 0.0 / 1.0
    combo_group: np.ndarray  # (combinations,) index into groups
    situation_type: np.ndarray  # (256,) index into type_ids
    situation_lone: np.ndarray  # (256,) bool
    situation_may_3_5: np.ndarray  # (256,) bool
    situation_children: np.ndarray  # (256,) children band weight

    def bit(self, phenomenon: str) -> np.ndarray:
        return self.combo_bits[:, self.phenomena.index(phenomenon)]


def group_of(rules: list[GroupRule], phenomena: frozenset[str]) -> str:
    """The first rule in priority order that the phenomena match."""
    for rule in rules:
        if rule.matches(phenomena):
            return rule.group_id
    raise AuditError(f"no wellbeing-group rule matches {sorted(phenomena)}")


def profile_space(catalog: tuple[FamilyType, ...], rules: list[GroupRule]) -> ProfileSpace:
    bits = np.array(list(product((0.0, 1.0), repeat=len(PHENOMENA))))
    names = [frozenset(p for p, b in zip(PHENOMENA, row, strict=True) if b) for row in bits]
    group_names = [group_of(rules, n) for n in names]
    groups = tuple(sorted(set(group_names) | {rule.group_id for rule in rules}))
    type_ids = tuple(t.type_id for t in sorted(catalog, key=lambda t: t.rank))
    return ProfileSpace(
        phenomena=PHENOMENA,
        groups=groups,
        type_ids=type_ids,
        combo_bits=bits,
        combo_group=np.array([groups.index(g) for g in group_names]),
        situation_type=np.array([type_ids.index(assign_situation(s, catalog)) for s in SITUATIONS]),
        situation_lone=np.array([s[0] in SINGLE_PARENT_STRUCTURES for s in SITUATIONS]),
        situation_may_3_5=np.array([s[1] not in OLDER_AGE_BANDS for s in SITUATIONS]),
        situation_children=np.array([CHILDREN_WEIGHTS[s[2]] for s in SITUATIONS]),
    )


@dataclass(frozen=True)
class FinestArea:
    """A postcode area (`P<postcode>`) or a municipality's residual (`R<code>`)."""

    name: str
    municipality: str  # `M<code>`

    @property
    def chain(self) -> tuple[str, str, str]:
        return (self.name, self.municipality, "ALL")


def profile_cells(space: ProfileSpace, year: int, area: FinestArea, profile: tuple[int, int, int]) -> dict[Key, float]:
    """The cells one family of `profile` (situation, combination, child aged 3-5) at `area`
    counts in, with its weight there (children band weight, 2 moves of a frequent mover)."""
    s, combo, with_3_5 = profile
    situation = SITUATIONS[s]
    present = [p for p, b in zip(space.phenomena, space.combo_bits[combo], strict=True) if b]
    group = space.groups[space.combo_group[combo]]
    type_id = space.type_ids[space.situation_type[s]]
    cells: dict[Key, float] = {("S", year, "ALL", situation): 1.0}
    for level in area.chain:
        cells[("F", year, level)] = 1.0
        cells[("G", year, level, group)] = 1.0
        cells.update({("N", year, level, p): 1.0 for p in present})
        if with_3_5:
            cells[("E", year, level)] = 1.0
        if level == area.name:
            continue  # postcode areas and residuals have no type, profile or summary cells
        cells[("T", year, level, type_id)] = 1.0
        cells.update({("TN", year, level, type_id, p): 1.0 for p in present})
        if with_3_5:
            cells[("TE", year, level, type_id)] = 1.0
        for position, breakdown in enumerate(PROFILE_BREAKDOWNS):
            cells[("P", year, level, breakdown, situation[position])] = 1.0
        cells[("C", year, level)] = CHILDREN_WEIGHTS[situation[2]]
        if "frequent_moves" in present:
            cells[("M", year, level)] = FREQUENT_MOVES_AT_LEAST
    return cells


def excess_cells(year: int, municipality: str, kind: str) -> dict[Key, float]:
    """The cells of a municipality's excess of children (`C`) or of moves (`M`)."""
    return {(kind, year, municipality): 1.0, (kind, year, "ALL"): 1.0}


# --- What the publication says ---------------------------------------------------------------


@dataclass
class YearSystem:
    """The published numbers of one year as rows over cells, the finest areas, the cells
    to attack (cell -> where) and those a definition fixes (exempt)."""

    year: int
    rows: list[Row] = field(default_factory=list)
    published: dict[Key, float] = field(default_factory=dict)
    hidden: dict[Key, str] = field(default_factory=dict)
    areas: list[FinestArea] = field(default_factory=list)
    targets: dict[Key, str] = field(default_factory=dict)
    exempt: set[Key] = field(default_factory=set)

    def publish(self, key: Key, value: object, status: object, where: str) -> None:
        if status == "published" and value is not None:
            value = float(value)  # type: ignore[arg-type]
            if key in self.published and abs(self.published[key] - value) > FEASIBILITY_TOLERANCE:
                raise AuditError(f"{self.year} {key}: published as {self.published[key]} and as {value} ({where})")
            self.published[key] = value
        else:
            self.hidden.setdefault(key, where)

    def within(self, numerator: Key, denominator: Key, value: object, decimals: int, scale: float) -> None:
        """A rounded ratio: (value - half) x denominator <= scale x numerator <= (value + half) x denominator."""
        if value is None:
            return
        half = 0.5 * 10 ** (-decimals)
        low, high = (float(value) - half) / scale, (float(value) + half) / scale  # type: ignore[arg-type]
        self.rows.append(({numerator: 1.0, denominator: -low}, 0.0, math.inf))
        self.rows.append(({numerator: 1.0, denominator: -high}, -math.inf, 0.0))


def _area(municipality_code: str, postcode: str | None = None) -> str:
    if postcode is not None:
        return "P" + postcode
    return "ALL" if municipality_code == "ALL" else "M" + municipality_code


def _rows(connection: duckdb.DuckDBPyConnection, schema: str, table: str) -> list[dict]:
    cursor = connection.execute(f"select * from {schema}.{table}")
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def published_vars(connection: duckdb.DuckDBPyConnection, schema: str) -> dict:
    """The vars publication_info publishes (empty when the table is not there)."""
    try:
        row = connection.execute(f"select vars_json from {schema}.publication_info").fetchone()
    except duckdb.Error:
        return {}
    return json.loads(row[0]) if row and row[0] else {}


def read_publication(
    connection: duckdb.DuckDBPyConnection, schema: str = "main", share_decimals: int = 1, mean_decimals: int = 2
) -> dict[int, YearSystem]:
    """Every published number of every year, as rows over cells (keys as in lea.audit)."""
    systems: dict[int, YearSystem] = {}

    def system(year: object) -> YearSystem:
        return systems.setdefault(int(year), YearSystem(int(year)))  # type: ignore[call-overload]

    postcodes: dict[int, set[tuple[str, str]]] = defaultdict(set)
    municipalities: dict[int, set[str]] = defaultdict(set)
    for table, by_postcode in (("municipality_indicators", False), ("postcode_indicators", True)):
        for row in _rows(connection, schema, table):
            y = system(row["year"])
            area = _area(row["municipality_code"], row["postcode"] if by_postcode else None)
            if by_postcode:
                postcodes[y.year].add((area, "M" + row["municipality_code"]))
            elif area != "ALL":
                municipalities[y.year].add(area)
            indicator, where = row["indicator_id"], f"{table} {area} {row['indicator_id']}"
            denominator = ("E" if indicator == THREE_TO_FIVE_DENOMINATOR else "F", y.year, area)
            numerator = ("N", y.year, area, indicator)
            y.publish(denominator, row["families"], row["families_status"], where + " families")
            y.publish(numerator, row["families_with"], row["families_with_status"], where + " families_with")
            if row["share_status"] == "published":
                y.within(numerator, denominator, row["share_pct"], share_decimals, 100.0)
    for table, by_postcode in (("municipality_wellbeing_groups", False), ("postcode_wellbeing_groups", True)):
        for row in _rows(connection, schema, table):
            y = system(row["year"])
            area = _area(row["municipality_code"], row["postcode"] if by_postcode else None)
            key: Key = ("G", y.year, area, row["group_id"])
            y.publish(key, row["families"], row["families_status"], f"{table} {area} {row['group_id']}")
            if row["share_status"] == "published":
                y.within(key, ("F", y.year, area), row["share_pct"], share_decimals, 100.0)
    _read_municipal_tables(connection, schema, system, share_decimals, mean_decimals)
    for year, y in systems.items():
        # A rounded ratio of two published counts is implied by them.
        y.rows = [row for row in y.rows if not all(key in y.published for key in row[0])]
        y.rows += [({key: 1.0}, value, value) for key, value in sorted(y.published.items(), key=str)]
        y.areas = sorted(
            [FinestArea(name, municipality) for name, municipality in postcodes[year]]
            + [FinestArea("R" + m[1:], m) for m in municipalities[year]],
            key=lambda a: a.name,
        )
    return systems


def _read_municipal_tables(
    connection: duckdb.DuckDBPyConnection, schema: str, system, share_decimals: int, mean_decimals: int
) -> None:
    """The family types, their indicators, the profile and the summary."""
    for row in _rows(connection, schema, "municipality_family_types"):
        y, area = system(row["year"]), _area(row["municipality_code"])
        key: Key = ("T", y.year, area, row["type_id"])
        y.publish(key, row["families"], row["families_status"], f"municipality_family_types {area} {row['type_id']}")
        if row["share_status"] == "published":
            y.within(key, ("F", y.year, area), row["share_pct"], share_decimals, 100.0)
    for row in _rows(connection, schema, "municipality_family_type_indicators"):
        y, area = system(row["year"]), _area(row["municipality_code"])
        type_id, indicator = row["type_id"], row["indicator_id"]
        where = f"municipality_family_type_indicators {area} {type_id} {indicator}"
        denominator: Key = ("TE" if indicator == THREE_TO_FIVE_DENOMINATOR else "T", y.year, area, type_id)
        numerator: Key = ("TN", y.year, area, type_id, indicator)
        y.publish(denominator, row["families"], row["families_status"], where + " families")
        y.publish(numerator, row["families_with"], row["families_with_status"], where + " families_with")
        if row["share_status"] == "published":
            y.within(numerator, denominator, row["share_pct"], share_decimals, 100.0)
    for row in _rows(connection, schema, "municipality_profile"):
        y, area = system(row["year"]), _area(row["municipality_code"])
        breakdown, category = row["breakdown"], row["category"]
        key = ("F", y.year, area) if breakdown == "all" else ("P", y.year, area, breakdown, category)
        y.publish(key, row["families"], row["families_status"], f"municipality_profile {area} {breakdown} {category}")
        if row["share_status"] == "published":
            y.within(key, ("F", y.year, area), row["share_pct"], share_decimals, 100.0)
    for row in _rows(connection, schema, "municipality_summary"):
        y, area = system(row["year"]), _area(row["municipality_code"])
        families: Key = ("F", y.year, area)
        y.publish(families, row["families_with_children"], row["families_with_children_status"], "summary")
        y.publish(("C", y.year, area), row["children"], row["children_status"], f"municipality_summary {area} children")
        y.hidden.setdefault(("M", y.year, area), f"municipality_summary {area} moves")
        y.within(("C", y.year, area), families, row["mean_children_per_family"], mean_decimals, 1.0)
        y.within(("M", y.year, area), families, row["mean_moves_youngest_child"], mean_decimals, 1.0)


def add_ranking(y: YearSystem, catalog: tuple[FamilyType, ...], type_count: int | None) -> None:
    """The types of the latest year are its most frequent situations (ties by the
    attributes: a situation ranked below one that precedes it in the attribute order has
    one family fewer at least); with fewer types than `type_count` every other situation
    has no family."""
    ranked = [t.situation for t in sorted(catalog, key=lambda t: t.rank)]
    if not ranked:
        return
    order = {s: n for n, s in enumerate(SITUATIONS)}

    def at_least(higher: tuple, lower: tuple) -> None:
        gap = 1.0 if order[lower] < order[higher] else 0.0
        y.rows.append(({("S", y.year, "ALL", higher): 1.0, ("S", y.year, "ALL", lower): -1.0}, gap, math.inf))

    for higher, lower in pairwise(ranked):
        at_least(higher, lower)
    others = [s for s in SITUATIONS if s not in set(ranked)]
    for s in others:
        if type_count is not None and len(ranked) < type_count:
            y.rows.append(({("S", y.year, "ALL", s): 1.0}, 0.0, 0.0))
        else:
            at_least(ranked[-1], s)


def add_residuals(y: YearSystem, residuals: dict[tuple[int, str, Key], float], groups: Iterable[str]) -> None:
    """The families at no ordinary postcode area, known per municipality (as lea.audit
    takes them: a measure the build does not list is 0)."""
    measures: list[tuple[str, ...]] = [("F",), ("E",), *(("N", p) for p in PHENOMENA), *(("G", g) for g in groups)]
    for area in y.areas:
        if area.name.startswith("R"):
            for measure in measures:
                value = residuals.get((y.year, area.name[1:], measure), 0.0)
                y.rows.append(({(measure[0], y.year, area.name, *measure[1:]): 1.0}, value, value))


def pool_silent_areas(y: YearSystem) -> None:
    """The areas no row and no target mentions by themselves (small postcode areas, every
    cell hidden) count only through their municipality: one pooled area per municipality
    stands for them all (the same programme, fewer columns)."""
    mentioned = {k[2] for terms, _, _ in y.rows for k in terms} | {k[2] for k in y.targets}
    pooled: dict[str, FinestArea] = {}
    areas = []
    for area in y.areas:
        if area.name in mentioned:
            areas.append(area)
        else:
            pooled.setdefault(area.municipality, FinestArea("pool" + area.municipality, area.municipality))
    y.areas = areas + sorted(pooled.values(), key=lambda a: a.name)


def choose_targets(y: YearSystem, space: ProfileSpace, primary: set[Key] | None) -> None:
    """The hidden cells to attack (the primary ones, or every hidden count), and those a
    definition fixes: a type's single_parent numerator (its families, or 0) and a cell no
    profile counts in (0); every cell of a year without any study family."""
    y.targets = {k: w for k, w in y.hidden.items() if (primary is None or k in primary) and k[0] != "S"}
    nobody = y.published.get(("F", y.year, "ALL")) == 0.0
    for key in y.targets:
        if nobody or _fixed_by_definition(key, space):
            y.exempt.add(key)


def _fixed_by_definition(key: Key, space: ProfileSpace) -> bool:
    if key[0] not in ("TN", "TE") or key[3] not in space.type_ids:
        return False
    situations = space.situation_type == space.type_ids.index(key[3])
    if key[0] == "TE" or key[4] == THREE_TO_FIVE_DENOMINATOR:
        return not space.situation_may_3_5[situations].any()
    if key[4] == "single_parent":
        lone = space.situation_lone[situations]
        return bool(lone.all() or not lone.any())
    return False


# --- Column generation -------------------------------------------------------------------------


class _Cells:
    """A number for every cell that a row or a target mentions."""

    def __init__(self, keys: Iterable[Key]) -> None:
        self.keys: list[Key] = []
        self.index: dict[Key, int] = {}
        for key in keys:
            self.add(key)

    def add(self, key: Key) -> int:
        if key not in self.index:
            self.index[key] = len(self.keys)
            self.keys.append(key)
        return self.index[key]

    def vector(self, cells: dict[Key, float]) -> tuple[np.ndarray, np.ndarray]:
        known = [(self.index[k], c) for k, c in cells.items() if k in self.index]
        return np.array([i for i, _ in known], dtype=np.int64), np.array([c for _, c in known])


class Master:
    """The restricted master LP: rows over cells, columns = profiles at areas (and the
    excesses), two artificial columns per row for the first phase."""

    def __init__(self, rows: list[Row], cells: _Cells) -> None:
        import highspy

        self.highspy = highspy
        data, row_index, col_index = [], [], []
        for r, (terms, _, _) in enumerate(rows):
            for key, coefficient in terms.items():
                data.append(coefficient)
                row_index.append(r)
                col_index.append(cells.index[key])
        self.rows_by_cell = sparse.csr_matrix((data, (row_index, col_index)), shape=(len(rows), len(cells.keys)))
        self.cells = cells
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("presolve", "off")
        inf = highspy.kHighsInf
        lower = np.array([lo if math.isfinite(lo) else -inf for _, lo, _ in rows])
        upper = np.array([hi if math.isfinite(hi) else inf for _, _, hi in rows])
        self.highs.addRows(len(rows), lower, upper, 0, np.array([], dtype=np.int32), np.array([], dtype=np.int32), [])
        n = len(rows)
        starts = np.arange(2 * n, dtype=np.int32)
        indices = np.concatenate([np.arange(n), np.arange(n)]).astype(np.int32)
        values = np.concatenate([np.ones(n), -np.ones(n)])
        self.highs.addCols(2 * n, np.ones(2 * n), np.zeros(2 * n), np.full(2 * n, inf), 2 * n, starts, indices, values)
        self.artificials = 2 * n
        self.columns: list[tuple[np.ndarray, np.ndarray]] = []  # cell indices and weights
        self.labels: list[tuple] = []
        self.objective = np.zeros(len(cells.keys))
        self._phi: sparse.csc_matrix | None = None

    def add(self, labels: list[tuple], cells: list[dict[Key, float]]) -> None:
        """New columns: what each counts in (cells it counts in that no row or target
        mentions are left out)."""
        vectors = [self.cells.vector(c) for c in cells]
        first = len(self.columns)
        self.columns.extend(vectors)
        self.labels.extend(labels)
        self._phi = None
        new = self.phi()[:, first:]
        entries = (self.rows_by_cell @ new).tocsc()
        entries.sort_indices()
        costs = new.T @ self.objective
        inf = self.highspy.kHighsInf
        n = len(vectors)
        self.highs.addCols(
            n,
            costs,
            np.zeros(n),
            np.full(n, inf),
            entries.nnz,
            entries.indptr[:-1].astype(np.int32),
            entries.indices.astype(np.int32),
            entries.data,
        )

    def phi(self) -> sparse.csc_matrix:
        """cells x columns: what each column counts in."""
        if self._phi is None:
            data = np.concatenate([w for _, w in self.columns]) if self.columns else np.array([])
            rows = np.concatenate([i for i, _ in self.columns]) if self.columns else np.array([], dtype=np.int64)
            cols = np.repeat(np.arange(len(self.columns)), [len(i) for i, _ in self.columns])
            self._phi = sparse.csc_matrix((data, (rows, cols)), shape=(len(self.cells.keys), len(self.columns)))
        return self._phi

    def set_objective(self, objective: np.ndarray, first_phase: bool = False) -> None:
        """Minimise objective . cells (first phase: the artificial columns)."""
        self.objective = objective
        costs = np.concatenate([np.full(self.artificials, 1.0 if first_phase else 0.0), self.phi().T @ objective])
        self.highs.changeColsCost(len(costs), np.arange(len(costs), dtype=np.int32), costs)

    def close_artificials(self) -> None:
        n = self.artificials
        self.highs.changeColsBounds(n, np.arange(n, dtype=np.int32), np.zeros(n), np.zeros(n))

    def run(self) -> str:
        """Solve; 'optimal' or 'unbounded' (anything else raises)."""
        self.highs.run()
        status = self.highs.getModelStatus()
        if status == self.highspy.HighsModelStatus.kOptimal:
            return "optimal"
        if status in (self.highspy.HighsModelStatus.kUnbounded, self.highspy.HighsModelStatus.kUnboundedOrInfeasible):
            return "unbounded"
        raise AuditError(f"the population LP is {self.highs.modelStatusToString(status)}")

    def values(self) -> np.ndarray:
        return np.asarray(self.highs.getSolution().col_value)[self.artificials :]

    def cell_values(self) -> np.ndarray:
        return self.phi() @ self.values()

    def objective_value(self) -> float:
        return float(self.highs.getInfo().objective_function_value)

    def net_weights(self) -> np.ndarray:
        """objective - rows' duals, per cell: a column's reduced cost is its cells' sum of these."""
        duals = np.asarray(self.highs.getSolution().row_dual)
        return self.objective - self.rows_by_cell.T @ duals


class Pricer:
    """Finds, per finest area, the profile of least reduced cost (by enumeration)."""

    def __init__(self, space: ProfileSpace, year: int, areas: list[FinestArea], cells: _Cells) -> None:
        self.space, self.year, self.areas = space, year, areas
        self.municipalities = sorted({a.municipality for a in areas})
        sentinel = len(cells.keys)  # a cell no row mentions: weight 0

        def at(*key: object) -> int:
            return cells.index.get(tuple(key), sentinel)

        k, phen, groups = space.type_ids, space.phenomena, space.groups
        self.own: dict[str, dict[str, Any]] = {
            a.name: {
                "F": at("F", year, a.name),
                "E": at("E", year, a.name),
                "N": np.array([at("N", year, a.name, p) for p in phen]),
                "G": np.array([at("G", year, a.name, g) for g in groups]),
            }
            for a in areas
        }
        self.municipal: dict[str, dict[str, Any]] = {}
        for m in self.municipalities:
            levels = (m, "ALL")
            self.municipal[m] = {
                "F": np.array([at("F", year, lv) for lv in levels]),
                "E": np.array([at("E", year, lv) for lv in levels]),
                "N": np.array([[at("N", year, lv, p) for lv in levels] for p in phen]),
                "G": np.array([[at("G", year, lv, g) for lv in levels] for g in groups]),
                "T": np.array([[at("T", year, lv, t) for lv in levels] for t in k]),
                "TE": np.array([[at("TE", year, lv, t) for lv in levels] for t in k]),
                "TN": np.array([[[at("TN", year, lv, t, p) for lv in levels] for p in phen] for t in k]),
                "P": [
                    np.array([[at("P", year, lv, breakdown, c) for lv in levels] for c in BAND_CODES[position]])
                    for position, breakdown in enumerate(PROFILE_BREAKDOWNS)
                ],
                "C": np.array([at("C", year, lv) for lv in levels]),
                "M": np.array([at("M", year, lv) for lv in levels]),
            }
        self.ranking = np.array([at("S", year, "ALL", s) for s in SITUATIONS])
        bits = space.combo_bits
        lone_bit, no_ecec_bit = space.bit("single_parent"), space.bit("no_ecec")
        # Combinations allowed per (lone parent?, child aged 3-5?).
        self.allowed = {
            (lone, with_3_5): np.flatnonzero((lone_bit == lone) & ((no_ecec_bit == 0) | with_3_5))
            for lone in (0, 1)
            for with_3_5 in (0, 1)
        }
        self.frequent = space.bit("frequent_moves") * FREQUENT_MOVES_AT_LEAST
        self.situation_bands = np.array(
            [[BAND_CODES[p].index(s[p]) for p in range(3)] for s in SITUATIONS], dtype=np.int64
        )
        self._bits = bits

    def best(self, net: np.ndarray) -> list[tuple[float, FinestArea, tuple[int, int, int]]]:
        """Per area and per (lone parent?, child aged 3-5?), the profile of least reduced
        cost: (reduced cost, area, profile)."""
        weight = np.append(net, 0.0)
        space, bits = self.space, self._bits
        found = []
        municipal_parts = {m: self._municipal_part(weight, m) for m in self.municipalities}
        for area in self.areas:
            situation_part, combos = municipal_parts[area.municipality]
            own = self.own[area.name]
            base = bits @ weight[own["N"]] + weight[own["G"]][space.combo_group] + weight[own["F"]]
            for (lone, with_3_5), allowed in self.allowed.items():
                values = combos[with_3_5][allowed] + base[allowed, None] + with_3_5 * weight[own["E"]]
                rows = np.argmin(values, axis=0)  # per type
                per_type = values[rows, np.arange(values.shape[1])]
                fits = (space.situation_lone == lone) & (space.situation_may_3_5 >= with_3_5)
                cost = np.where(fits, situation_part + per_type[space.situation_type], math.inf)
                s = int(np.argmin(cost))
                if math.isfinite(cost[s]):
                    profile = (s, int(allowed[rows[space.situation_type[s]]]), with_3_5)
                    found.append((float(cost[s]), area, profile))
        return found

    def _municipal_part(self, weight: np.ndarray, municipality: str) -> tuple[np.ndarray, list[np.ndarray]]:
        """Per situation, what its families count in the municipality and the study area
        apart from the phenomena; per child aged 3-5 (no, yes), per combination and type,
        what the phenomena (and the 3-5 flag) count there."""
        space, ids = self.space, self.municipal[municipality]
        w = {name: weight[index].sum(axis=-1) for name, index in ids.items() if name != "P"}
        bands = [weight[index].sum(axis=-1) for index in ids["P"]]
        situation_part = (
            w["F"]
            + sum(band[self.situation_bands[:, p]] for p, band in enumerate(bands))
            + w["T"][space.situation_type]
            + w["C"] * space.situation_children
            + weight[self.ranking]
        )
        phenomena = self._bits @ (w["N"][None, :] + w["TN"]).T  # (combinations, types)
        phenomena += (w["G"][space.combo_group] + w["M"] * self.frequent)[:, None]
        return situation_part, [phenomena, phenomena + (w["E"] + w["TE"])[None, :]]


@dataclass
class _Solver:
    """Column generation over one year's system."""

    system: YearSystem
    space: ProfileSpace
    rounds: int = 0
    columns_added: int = 0

    def __post_init__(self) -> None:
        y = self.system
        keys = [k for terms, _, _ in y.rows for k in terms]
        self.cells = _Cells(keys + list(y.targets))
        self.master = Master(y.rows, self.cells)
        self.pricer = Pricer(self.space, y.year, y.areas, self.cells)
        self.seen: set[tuple[str, tuple[int, int, int]]] = set()
        excesses = [(kind, m) for m in sorted({a.municipality for a in y.areas}) for kind in ("C", "M")]
        self.master.add(
            [("excess", kind, m) for kind, m in excesses], [excess_cells(y.year, m, kind) for kind, m in excesses]
        )

    def optimise(
        self, objective: np.ndarray, first_phase: bool = False, limit: int = MAX_ROUNDS, observe=None
    ) -> float:
        """Minimise objective . cells over every population (to the end of the column
        generation, or `limit` rounds: then the last value is not proven)."""
        self.master.set_objective(objective, first_phase)
        for _ in range(limit):
            self.rounds += 1
            if self.master.run() == "unbounded":
                return -math.inf
            if observe is not None:
                observe(self.master.cell_values())
            if not self._add_columns():
                return self.master.objective_value()
        if limit == MAX_ROUNDS:
            raise AuditError(f"year {self.system.year}: column generation did not converge in {MAX_ROUNDS} rounds")
        return math.nan

    def _add_columns(self) -> bool:
        net = self.master.net_weights()
        labels, cells = [], []
        for cost, area, profile in self.pricer.best(net):
            if cost < -REDUCED_COST_TOLERANCE and (area.name, profile) not in self.seen:
                self.seen.add((area.name, profile))
                labels.append((area.name, profile))
                cells.append(profile_cells(self.space, self.system.year, area, profile))
        if labels:
            self.master.add(labels, cells)
            self.columns_added += len(labels)
        return bool(labels)

    def find_population(self) -> None:
        """The first phase: a population that reproduces every published number."""
        residue = self.optimise(np.zeros(len(self.cells.keys)), first_phase=True)
        if residue > FEASIBILITY_TOLERANCE * max(1.0, len(self.system.rows)):
            raise AuditError(
                f"year {self.system.year}: no population reproduces the published numbers "
                f"(residue {residue:.3g}): the publication contradicts the rules"
            )
        self.master.close_artificials()
        # From here on every basis stays primal feasible (new costs, new columns at 0): the
        # primal simplex goes on from it.
        self.master.highs.setOptionValue("simplex_strategy", 4)


def solve_population_intervals(
    system: YearSystem, space: ProfileSpace, min_cell_size: int = 5
) -> tuple[list[CellInterval], dict[str, float]]:
    """min and max of every target cell over every population; with the solver's counts."""
    solver = _Solver(system, space)
    solver.find_population()
    attacked = [k for k in system.targets if k not in system.exempt]
    index = np.array([solver.cells.index[k] for k in attacked], dtype=np.int64)
    seen_lo = np.full(len(attacked), math.inf)
    seen_hi = np.full(len(attacked), -math.inf)

    def observe(values: np.ndarray) -> None:
        np.minimum(seen_lo, values[index], out=seen_lo)
        np.maximum(seen_hi, values[index], out=seen_hi)

    def settled(k: int) -> bool:
        return seen_hi[k] - seen_lo[k] >= min_cell_size - FEASIBILITY_TOLERANCE and seen_hi[k] >= min_cell_size

    def objective(targets: Iterable[int], weights: np.ndarray) -> np.ndarray:
        vector = np.zeros(len(solver.cells.keys))
        vector[index[list(targets)]] = weights
        return vector

    observe(solver.master.cell_values())
    generator = np.random.default_rng(0)
    open_targets = [k for k in range(len(attacked)) if not settled(k)]
    for iteration in range(JOINT_OBJECTIVES):  # cheap points that settle most cells
        # (children and moves may have no upper bound: they would make a joint LP unbounded)
        joint = [k for k in open_targets if attacked[k][0] not in ("C", "M")]
        if len(joint) <= 1:
            break
        weights = np.ones(len(joint)) if iteration == 0 else generator.uniform(0.1, 1.0, len(joint))
        for sign in (-1.0, 1.0):
            solver.optimise(sign * objective(joint, weights), limit=JOINT_ROUNDS, observe=observe)
        open_targets = [k for k in open_targets if not settled(k)]
    exact: dict[int, tuple[float, float]] = {}
    for k in open_targets:
        if settled(k):
            continue
        lo = 0.0  # counts are >= 0
        if seen_lo[k] > FEASIBILITY_TOLERANCE:
            lo = solver.optimise(objective([k], np.ones(1)), observe=observe)
        hi = -solver.optimise(objective([k], -np.ones(1)), observe=observe)
        exact[k] = (lo, hi)
    intervals = []
    for k, key in enumerate(attacked):
        lo, hi = exact.get(k, (seen_lo[k], seen_hi[k]))
        lo = math.ceil(lo - FEASIBILITY_TOLERANCE) if math.isfinite(lo) else lo
        hi = math.floor(hi + FEASIBILITY_TOLERANCE) if math.isfinite(hi) else hi
        intervals.append(CellInterval(system.year, key, system.targets[key], lo, hi, False))
    intervals += [CellInterval(system.year, key, system.targets[key], 0, 0, True) for key in system.exempt]
    stats: dict[str, float] = {
        "rounds": solver.rounds,
        "columns": solver.columns_added,
        "exact": len(exact),
        "rows": len(system.rows),
    }
    return intervals, stats


@dataclass
class PopulationAudit:
    intervals: list[CellInterval]
    stats: dict[int, dict[str, float]]
    left_out: tuple[str, ...] = LEFT_OUT


@dataclass(frozen=True)
class AuditScope:
    """What to attack: `years`, the primary cells of `areas` (e.g. `M905`, `ALL`,
    `P65100`); `primary` and `residuals` stand in for the build's when given."""

    years: Iterable[int] | None = None
    areas: Iterable[str] | None = None
    primary: set[Key] | None = None
    residuals: dict[tuple[int, str, Key], float] | None = None


def audit_population(
    publication: str | Path,
    build_database: str | Path | None = None,
    scope: AuditScope | None = None,
    schema: str = "main",
    min_cell_size: int = 5,
) -> PopulationAudit:
    """Intervals of the primary cells of a publication (from the build or the scope;
    without either, every hidden count). The residuals come from the build (or the scope);
    without either they are unknown."""
    scope = scope or AuditScope()
    primary, residuals = scope.primary, scope.residuals
    if build_database is not None:
        primary = set(load_primary_cells(build_database)) if primary is None else primary
        residuals = load_residuals(build_database) if residuals is None else residuals
    areas = set(scope.areas) if scope.areas is not None else None
    if areas is not None and primary is not None:
        primary = {key for key in primary if key[2] in areas}
    with duckdb.connect(str(publication), read_only=True) as connection:
        variables = published_vars(connection, schema)
        systems = read_publication(
            connection, schema, int(variables.get("share_decimals", 1)), int(variables.get("mean_decimals", 2))
        )
        catalog = load_catalog(connection, schema)
    space = profile_space(catalog, load_group_rules())
    wanted = set(scope.years) if scope.years is not None else set(systems)
    result = PopulationAudit([], {})
    type_count = variables.get("family_type_count")
    for year in sorted(wanted & set(systems)):
        y = systems[year]
        if year == max(systems):
            add_ranking(y, catalog, int(type_count) if type_count is not None else None)
        if residuals is not None:
            add_residuals(y, residuals, space.groups)
        choose_targets(y, space, primary)
        if areas is not None and primary is None:
            y.targets = {k: w for k, w in y.targets.items() if k[2] in areas}
            y.exempt &= set(y.targets)
        pool_silent_areas(y)
        intervals, stats = solve_population_intervals(y, space, min_cell_size)
        result.intervals.extend(intervals)
        result.stats[year] = stats
    return result
