"""The disclosure audit of publication.md: can an attacker recover or narrow a suppressed cell?

For one statistical year, every published number of every published table becomes a linear
constraint on the unknown non-negative cell counts, together with everything the
definitions imply (the relations below). For each primary-suppressed cell the attacker
solves min and max of the cell over those constraints (HiGHS linear programmes); the cell
fails when the interval [lo, hi] is narrower than `min_cell_size` or hi < `min_cell_size`.

The relations are rebuilt here from the publication alone (and the family type catalogue),
independently of the SQL that chose the suppressions:

- the same quantity in several tables (families with children = every indicator's
  `families` but no_ecec's = profile `all` = summary `families_with_children`; a family
  type's families = its indicators' `families` but no_ecec's);
- numerator <= denominator; a published share bounds its numerator within the rounding;
  a published mean bounds its numerator within the rounding;
- postcode areas + residual = municipality (the residual, families at no ordinary postcode
  area, is known to the attacker when `residuals` are given, as rule 4 says to assume;
  otherwise it is an unknown >= 0); municipalities = study area, for every count;
- groups, family types, each profile breakdown sum to the families with children; family
  types' no_ecec denominators and numerators sum to the area's;
- single_parent = mother + father (profile); family types of a structure sum to the
  profile's structure (a structure without a type goes to T001); the age and children bands
  likewise when every combination has a type; a type's single_parent numerator is its
  families (mother and father types) or 0 (but T001's when a structure has no type: those
  families go to T001), and a type whose youngest child is 7 or older has no child aged
  3-5 when every age band combination has a type;
- children >= 1 x n1 + 2 x n2 + 3 x n3 + 4 x n4+ and >= families; moves of the youngest
  child >= 2 x frequent_moves families. (Types are ranked by the count of their exact
  situation, not by the families assigned to them, so the ranking bounds no published cell.)
- families with a child aged 3-5 <= families with children, per area and per family type;
- the wellbeing-group rules (read from the rules seed, as the public rules) against the
  phenomena, in every area: enumerated here, independently of the engine's enumeration.

The status is one word: the attacker sees only `published` or `suppressed`. Which hidden
cells are primary (the ones to attack) comes from the build database (`--build`), as do
the residuals; never the relations. Without a build every suppressed count is attacked.
Cells of a year without any study family are reported as exempt (the published study-area
total 0 tells them all).

Several releases read together (`--previous`): lea.audit_releases, which merges these year
models per year and refines the family types to situations when the catalogues differ.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

STRUCTURES = ("married_couple", "cohabiting_couple", "mother", "father")
SINGLE_PARENT_STRUCTURES = ("mother", "father")
THREE_TO_FIVE_DENOMINATOR = "no_ecec"
OLDER_AGE_BANDS = ("7-12", "13-17")
CHILDREN_WEIGHTS = {"1": 1, "2": 2, "3": 3, "4+": 4}
TOLERANCE = 1e-6

Key = tuple
RULES_SEED = Path(__file__).resolve().parents[1] / "seeds" / "catalogs" / "wellbeing_group_rules.csv"


class AuditError(ValueError):
    """The publication contradicts itself or the rules; the message says where."""


@dataclass(frozen=True)
class GroupRule:
    """A wellbeing-group rule as the attacker reads it (the rules are public)."""

    priority: int
    group_id: str
    requires_all: frozenset[str]
    requires_any: frozenset[str]
    min_phenomena: int

    def matches(self, phenomena: frozenset[str]) -> bool:
        return (
            self.requires_all <= phenomena
            and (not self.requires_any or bool(self.requires_any & phenomena))
            and len(phenomena) >= self.min_phenomena
        )


def load_group_rules(path: str | Path = RULES_SEED) -> list[GroupRule]:
    """The rules of the seed `wellbeing_group_rules` (CSV), in priority order."""
    import csv

    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return sorted(
        (
            GroupRule(
                int(r["priority"]),
                r["group_id"],
                frozenset((r["requires_all"] or "").split()),
                frozenset((r["requires_any"] or "").split()),
                int(r["min_phenomena"] or 0),
            )
            for r in rows
        ),
        key=lambda rule: rule.priority,
    )


def group_rule_inequalities(rules: list[GroupRule], indicators: list[str]) -> list[dict[Key, float]]:
    """What the rules imply between an area's group counts G and phenomenon counts N, each
    as {("N", p) or ("G", g): coefficient} with sum <= 0, by going through every
    combination of phenomena (publication.md rule 4, "Wellbeing-group rules"):
    N_p <= the groups a family with p can be in; for any minimal set S of phenomena that
    every family of a group has one of, the groups S so covers <= sum of N over S; and the
    phenomena per family each group allows bound the sum of all N."""
    from itertools import combinations

    def group_of(phenomena: frozenset[str]) -> str:
        for rule in rules:
            if rule.matches(phenomena):
                return rule.group_id
        raise AuditError(f"no wellbeing-group rule matches {sorted(phenomena)}")

    every = [frozenset(c) for n in range(len(indicators) + 1) for c in combinations(sorted(indicators), n)]
    members: dict[str, list[frozenset[str]]] = defaultdict(list)
    for phenomena in every:
        members[group_of(phenomena)].append(phenomena)
    groups = sorted(members)
    rows: list[dict[Key, float]] = []
    for p in sorted(indicators):
        reach = sorted({g for g, families in members.items() if any(p in f for f in families)})
        if len(reach) < len(groups):
            rows.append({("N", p): 1.0, **{("G", g): -1.0 for g in reach}})
    covers: set[frozenset[str]] = set()
    for g in groups:
        found: list[frozenset[str]] = []
        for size in range(1, len(indicators) + 1):
            for candidate in map(frozenset, combinations(sorted(indicators), size)):
                if any(cover <= candidate for cover in found):
                    continue
                if all(f & candidate for f in members[g]):
                    found.append(candidate)
        covers.update(found)
    for cover in sorted(covers, key=sorted):
        covered_groups = [g for g in groups if all(f & cover for f in members[g])]
        rows.append({**{("G", g): 1.0 for g in covered_groups}, **{("N", p): -1.0 for p in sorted(cover)}})
    fewest = {g: min(len(f) for f in members[g]) for g in groups}
    most = {g: max(len(f) for f in members[g]) for g in groups}
    rows.append({**{("G", g): float(fewest[g]) for g in groups}, **{("N", p): -1.0 for p in indicators}})
    rows.append({**{("G", g): -float(most[g]) for g in groups}, **{("N", p): 1.0 for p in indicators}})
    return rows


@dataclass(frozen=True)
class CellInterval:
    """What the attacker learns about one primary-suppressed cell."""

    year: int
    cell: Key
    where: str
    lo: float
    hi: float
    exempt: bool

    def fails(self, min_cell_size: int) -> bool:
        return not self.exempt and (self.hi - self.lo < min_cell_size or self.hi < min_cell_size)


@dataclass
class YearModel:
    """Unknowns, published values and linear relations of one year."""

    year: int
    index: dict[Key, int] = field(default_factory=dict)
    fixed: dict[int, float] = field(default_factory=dict)
    lower: dict[int, float] = field(default_factory=dict)
    upper: dict[int, float] = field(default_factory=dict)
    rows: list[tuple[dict[int, float], float, float]] = field(default_factory=list)
    primary: dict[int, str] = field(default_factory=dict)
    hidden: dict[int, str] = field(default_factory=dict)
    exempt: set[int] = field(default_factory=set)
    names: list[Key] = field(default_factory=list)

    def var(self, key: Key) -> int:
        if key not in self.index:
            self.index[key] = len(self.names)
            self.names.append(key)
        return self.index[key]

    def publish(self, key: Key, value: float | None, status: str | None, where: str) -> None:
        """A count as the publication shows it: its value when `published`, else only that
        it is hidden (one word for every hidden cell: the attacker cannot tell why)."""
        j = self.var(key)
        if status == "published" and value is not None:
            if j in self.fixed and abs(self.fixed[j] - value) > TOLERANCE:
                raise AuditError(f"{self.year} {key}: published as {self.fixed[j]} and as {value} ({where})")
            self.fixed[j] = float(value)
        else:
            self.hidden.setdefault(j, where)

    def bound(self, key: Key, lower: float | None = None, upper: float | None = None) -> None:
        j = self.var(key)
        if lower is not None:
            self.lower[j] = max(self.lower.get(j, 0.0), lower)
        if upper is not None:
            self.upper[j] = min(self.upper.get(j, math.inf), upper)

    def relate(self, terms: Iterable[tuple[Key, float]], lower: float, upper: float) -> None:
        """lower <= sum(coefficient x cell) <= upper."""
        row: dict[int, float] = defaultdict(float)
        for key, coefficient in terms:
            row[self.var(key)] += coefficient
        self.rows.append((dict(row), lower, upper))

    def equal(self, left: Iterable[Key], right: Iterable[Key], constant: float = 0.0) -> None:
        """sum(left) = sum(right) + constant."""
        self.relate([(k, 1.0) for k in left] + [(k, -1.0) for k in right], constant, constant)


def _area(municipality_code: str, postcode: str | None = None) -> str:
    if postcode is not None:
        return "P" + postcode
    return "ALL" if municipality_code == "ALL" else "M" + municipality_code


def _share_bounds(
    model: YearModel, numerator: Key, denominator: Key, share: float | None, status: str | None, decimals: int
) -> None:
    if status != "published" or share is None:
        return
    share = float(share)  # DECIMAL in the publication (issue 25); the solver works in floats
    half = 0.5 * 10 ** (-decimals)
    # (share - half)/100 x D <= N <= (share + half)/100 x D
    model.relate([(numerator, 1.0), (denominator, -(share - half) / 100.0)], 0.0, math.inf)
    model.relate([(numerator, 1.0), (denominator, -(share + half) / 100.0)], -math.inf, 0.0)


def _query(connection: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = connection.execute(sql)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def load_residuals(build_database: str | Path) -> dict[tuple[int, str, Key], float]:
    """Families at no ordinary postcode area per municipality (from the build database)."""
    with duckdb.connect(str(build_database), read_only=True) as connection:
        rows = connection.execute(
            "select stat_year, municipality_code, measure_key, value from marts.disclosure_cells "
            "where area_level = 'residual'"
        ).fetchall()
    residuals: dict[tuple[int, str, Key], float] = {}
    for year, municipality, measure_key, value in rows:
        kind, _, detail = measure_key.partition("|")
        key = {"families": ("F",), "families_3_5": ("E",), "families_with": ("N", detail), "group": ("G", detail)}[kind]
        residuals[(int(year), municipality, key)] = float(value)
    return residuals


def load_primary_cells(build_database: str | Path) -> set[Key]:
    """The primary-suppressed cells (rules 1-3) of a build, as the audit's keys: which
    hidden cells to attack. The relations are never read from the build."""
    kinds = {
        "families": "F",
        "families_3_5": "E",
        "children": "C",
        "moves": "M",
        "families_with": "N",
        "group": "G",
        "type": "T",
        "type_families_3_5": "TE",
        "type_families_with": "TN",
        "profile": "P",
    }
    with duckdb.connect(str(build_database), read_only=True) as connection:
        rows = connection.execute(
            "select stat_year, area_id, measure_key from marts.disclosure_suppression "
            "where suppression_reason in ('small_area', 'min_cell', 'all_but_a_few')"
        ).fetchall()
    keys: set[Key] = set()
    for year, area, measure_key in rows:
        kind, *detail = measure_key.split("|")
        if kind in kinds:
            keys.add((kinds[kind], int(year), area, *detail))
    return keys


def build_models(
    connection: duckdb.DuckDBPyConnection,
    schema: str = "main",
    residuals: dict[tuple[int, str, Key], float] | None = None,
    share_decimals: int = 1,
    mean_decimals: int = 2,
    rules: list[GroupRule] | None = None,
    primary: set[Key] | None = None,
) -> dict[int, YearModel]:
    """One YearModel per year from the published tables in `schema`. The cells to attack
    are `primary` (keys as load_primary_cells gives them) or, without it, every hidden count."""
    models: dict[int, YearModel] = {}

    def model(year: int) -> YearModel:
        if year not in models:
            models[year] = YearModel(year)
        return models[year]

    def denominator(year: int, area: str, indicator: str) -> Key:
        return ("E", year, area) if indicator == THREE_TO_FIVE_DENOMINATOR else ("F", year, area)

    areas_of: dict[int, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    municipal_areas: dict[int, set[str]] = defaultdict(set)
    indicators: set[str] = set()
    groups: set[str] = set()

    for table, by_postcode in (("municipality_indicators", False), ("postcode_indicators", True)):
        for row in _query(connection, f"select * from {schema}.{table}"):
            year, indicator = int(row["year"]), row["indicator_id"]
            indicators.add(indicator)
            area = _area(row["municipality_code"], row.get("postcode") if by_postcode else None)
            where = f"{table} {area} {indicator}"
            m = model(year)
            if by_postcode:
                areas_of[year][row["municipality_code"]].add(area)
            else:
                municipal_areas[year].add(area)
            d_key: tuple[Any, ...]
            n_key: tuple[Any, ...]
            d_key, n_key = denominator(year, area, indicator), ("N", year, area, indicator)
            m.publish(d_key, row["families"], row["families_status"], where + " families")
            m.publish(n_key, row["families_with"], row["families_with_status"], where + " families_with")
            m.relate([(n_key, 1.0), (d_key, -1.0)], -math.inf, 0.0)
            _share_bounds(m, n_key, d_key, row["share_pct"], row["share_status"], share_decimals)

    for table, by_postcode in (("municipality_wellbeing_groups", False), ("postcode_wellbeing_groups", True)):
        for row in _query(connection, f"select * from {schema}.{table}"):
            year, group = int(row["year"]), row["group_id"]
            groups.add(group)
            area = _area(row["municipality_code"], row.get("postcode") if by_postcode else None)
            m = model(year)
            key: tuple[Any, ...] = ("G", year, area, group)
            m.publish(key, row["families"], row["families_status"], f"{table} {area} {group}")
            _share_bounds(m, key, ("F", year, area), row["share_pct"], row["share_status"], share_decimals)

    types = _query(connection, f"select * from {schema}.family_type_catalog order by type_rank")
    type_ids = [t["type_id"] for t in types]
    structure_of = {t["type_id"]: t["structure"] for t in types}
    typed_structures = {t["structure"] for t in types}
    every_structure_typed = all(s in typed_structures for s in STRUCTURES)
    every_age_typed = (
        every_structure_typed and len({(t["structure"], t["youngest_child_age_band"]) for t in types}) == 16
    )
    every_children_typed = (
        every_structure_typed
        and len({(t["structure"], t["youngest_child_age_band"], t["children_band"]) for t in types}) == 64
    )

    for row in _query(connection, f"select * from {schema}.municipality_family_types"):
        year, area, type_id = int(row["year"]), _area(row["municipality_code"]), row["type_id"]
        m = model(year)
        key = ("T", year, area, type_id)
        m.publish(key, row["families"], row["families_status"], f"municipality_family_types {area} {type_id}")
        _share_bounds(m, key, ("F", year, area), row["share_pct"], row["share_status"], share_decimals)

    for row in _query(connection, f"select * from {schema}.municipality_family_type_indicators"):
        year, area = int(row["year"]), _area(row["municipality_code"])
        type_id, indicator = row["type_id"], row["indicator_id"]
        m = model(year)
        where = f"municipality_family_type_indicators {area} {type_id} {indicator}"
        d_key = ("TE", year, area, type_id) if indicator == THREE_TO_FIVE_DENOMINATOR else ("T", year, area, type_id)
        n_key = ("TN", year, area, type_id, indicator)
        m.publish(d_key, row["families"], row["families_status"], where + " families")
        m.publish(n_key, row["families_with"], row["families_with_status"], where + " families_with")
        m.relate([(n_key, 1.0), (d_key, -1.0)], -math.inf, 0.0)
        _share_bounds(m, n_key, d_key, row["share_pct"], row["share_status"], share_decimals)
        if indicator == "single_parent" and (every_structure_typed or type_id != type_ids[0]):
            m.exempt.add(m.var(n_key))
            if structure_of[type_id] in SINGLE_PARENT_STRUCTURES:
                m.equal([n_key], [d_key])
            else:
                m.bound(n_key, upper=0.0)
        if indicator == THREE_TO_FIVE_DENOMINATOR and every_age_typed:
            age_band = next(t["youngest_child_age_band"] for t in types if t["type_id"] == type_id)
            if age_band in OLDER_AGE_BANDS:
                m.bound(d_key, upper=0.0)

    profile_categories: dict[str, set[str]] = defaultdict(set)
    for row in _query(connection, f"select * from {schema}.municipality_profile"):
        year, area = int(row["year"]), _area(row["municipality_code"])
        m = model(year)
        where = f"municipality_profile {area} {row['breakdown']} {row['category']}"
        if row["breakdown"] == "all":
            key = ("F", year, area)
        else:
            profile_categories[row["breakdown"]].add(row["category"])
            key = ("P", year, area, row["breakdown"], row["category"])
        m.publish(key, row["families"], row["families_status"], where)
        _share_bounds(m, key, ("F", year, area), row["share_pct"], row["share_status"], share_decimals)

    half_mean = 0.5 * 10 ** (-mean_decimals)
    for row in _query(connection, f"select * from {schema}.municipality_summary"):
        year, area = int(row["year"]), _area(row["municipality_code"])
        m = model(year)
        where = f"municipality_summary {area}"
        f_key, c_key, moves_key = ("F", year, area), ("C", year, area), ("M", year, area)
        m.publish(f_key, row["families_with_children"], row["families_with_children_status"], where)
        m.publish(c_key, row["children"], row["children_status"], where + " children")
        for mean, numerator in (
            (row["mean_children_per_family"], c_key),
            (row["mean_moves_youngest_child"], moves_key),
        ):
            if mean is not None:
                m.relate([(numerator, 1.0), (f_key, -(float(mean) - half_mean))], 0.0, math.inf)
                m.relate([(numerator, 1.0), (f_key, -(float(mean) + half_mean))], -math.inf, 0.0)

    inequalities = group_rule_inequalities(rules if rules is not None else load_group_rules(), sorted(indicators))
    for year, m in models.items():
        m.primary = {j: where for j, where in m.hidden.items() if primary is None or m.names[j] in primary}
        whole = m.index.get(("F", year, "ALL"))
        if whole is not None and m.fixed.get(whole) == 0.0:
            m.exempt.update(m.primary)  # no study family this year: every count is 0, nothing to hide
        munis = sorted(a for a in municipal_areas[year] if a != "ALL")
        municipal = ["ALL", *munis]
        # Postcode areas + residual = municipality.
        for municipality, postcode_areas in areas_of[year].items():
            parent = _area(municipality)
            measures: list[tuple[str, ...]] = list(
                [("F",), ("E",)] + [("N", i) for i in sorted(indicators)] + [("G", g) for g in sorted(groups)]
            )
            for measure in measures:
                parts = [(measure[0], year, a, *measure[1:]) for a in sorted(postcode_areas)]
                total = (measure[0], year, parent, *measure[1:])
                if residuals is not None:
                    m.equal([total], parts, residuals.get((year, municipality, measure), 0.0))
                else:
                    residual = ("R", year, municipality, *measure)
                    m.equal([total], parts + [residual])
        for area in [a for areas in areas_of[year].values() for a in areas] + municipal:
            m.equal([("F", year, area)], [("G", year, area, g) for g in sorted(groups)])
        # Municipalities = study area, every municipal count.
        municipal_measures: list[tuple[str, ...]] = (
            [("F",), ("E",), ("C",), ("M",)]
            + [("N", i) for i in sorted(indicators)]
            + [("G", g) for g in sorted(groups)]
            + [("T", t) for t in type_ids]
            + [("TE", t) for t in type_ids]
            + [("TN", t, i) for t in type_ids for i in sorted(indicators)]
            + [("P", b, c) for b, cs in profile_categories.items() for c in sorted(cs)]
        )
        for measure in municipal_measures:
            m.equal([(measure[0], year, "ALL", *measure[1:])], [(measure[0], year, a, *measure[1:]) for a in munis])
        for area in municipal:
            f_key = ("F", year, area)
            m.equal([f_key], [("T", year, area, t) for t in type_ids])
            m.equal([("E", year, area)], [("TE", year, area, t) for t in type_ids])
            for indicator in sorted(indicators):
                m.equal([("N", year, area, indicator)], [("TN", year, area, t, indicator) for t in type_ids])
            for breakdown, categories in profile_categories.items():
                m.equal([f_key], [("P", year, area, breakdown, c) for c in sorted(categories)])
            m.equal(
                [("N", year, area, "single_parent")],
                [("P", year, area, "structure", s) for s in SINGLE_PARENT_STRUCTURES],
            )
            untyped = [s for s in STRUCTURES if s not in typed_structures]
            for structure in sorted(typed_structures):
                profile = [("P", year, area, "structure", structure)]
                if type_ids and structure == structure_of[type_ids[0]]:
                    profile += [("P", year, area, "structure", s) for s in untyped]
                m.equal(profile, [("T", year, area, t) for t in type_ids if structure_of[t] == structure])
            for attribute, breakdown, exact in (
                ("youngest_child_age_band", "youngest_child_age", every_age_typed),
                ("children_band", "children", every_children_typed),
            ):
                if exact:
                    for category in sorted(profile_categories.get(breakdown, ())):
                        m.equal(
                            [("P", year, area, breakdown, category)],
                            [("T", year, area, t["type_id"]) for t in types if t[attribute] == category],
                        )
            # children >= sum of band x families, >= families; moves >= 2 x frequent movers.
            m.relate(
                [(("C", year, area), 1.0)]
                + [
                    (("P", year, area, "children", c), -w)
                    for c, w in CHILDREN_WEIGHTS.items()
                    if c in profile_categories.get("children", ())
                ],
                0.0,
                math.inf,
            )
            m.relate([(("C", year, area), 1.0), (f_key, -1.0)], 0.0, math.inf)
            if "frequent_moves" in indicators:
                m.relate([(("M", year, area), 1.0), (("N", year, area, "frequent_moves"), -2.0)], 0.0, math.inf)
            # A family type's families with a child aged 3-5 are some of its families.
            for t in type_ids:
                m.relate([(("TE", year, area, t), 1.0), (("T", year, area, t), -1.0)], -math.inf, 0.0)
        for area in [a for areas in areas_of[year].values() for a in areas] + municipal:
            # Families with a child aged 3-5 are some of the families with children.
            m.relate([(("E", year, area), 1.0), (("F", year, area), -1.0)], -math.inf, 0.0)
            # The wellbeing-group rules against the phenomena, in every area.
            for row in inequalities:
                m.relate([((kind, year, area, name), c) for (kind, name), c in row.items()], -math.inf, 0.0)
    return models


@dataclass
class _Assembled:
    lower: np.ndarray
    upper: np.ndarray
    free: np.ndarray
    matrix: sparse.csr_matrix
    row_lower: list[float]
    row_upper: list[float]
    row_origin: list[int]
    labels: np.ndarray


def _assemble(model: YearModel) -> _Assembled:
    """Bounds and rows over the unknowns (published values substituted), with components."""
    n = len(model.names)
    lower = np.zeros(n)
    upper = np.full(n, np.inf)
    for j, value in model.lower.items():
        lower[j] = value
    for j, value in model.upper.items():
        upper[j] = value
    free = np.ones(n, dtype=bool)
    for j, value in model.fixed.items():
        lower[j] = upper[j] = value
        free[j] = False
    data: list[float] = []
    row_index: list[int] = []
    col_index: list[int] = []
    row_lower: list[float] = []
    row_upper: list[float] = []
    row_origin: list[int] = []
    for origin, (terms, lo, hi) in enumerate(model.rows):
        constant = sum(c * model.fixed[j] for j, c in terms.items() if not free[j])
        unknown = {j: c for j, c in terms.items() if free[j] and c != 0.0}
        if not unknown:
            if constant < lo - 1e-6 * max(1.0, abs(lo)) or constant > hi + 1e-6 * max(1.0, abs(hi)):
                raise AuditError(
                    f"year {model.year}: published numbers contradict a relation ({[model.names[j] for j in terms]})"
                )
            continue
        r = len(row_lower)
        for j, c in unknown.items():
            data.append(c)
            row_index.append(r)
            col_index.append(j)
        row_lower.append(lo - constant)
        row_upper.append(hi - constant)
        row_origin.append(origin)
    matrix = sparse.csr_matrix((data, (row_index, col_index)), shape=(len(row_lower), n))
    incidence = matrix.T.tocsr()
    adjacency = incidence @ incidence.T
    _, labels = connected_components(adjacency, directed=False)
    return _Assembled(lower, upper, free, matrix, row_lower, row_upper, row_origin, labels)


def _component_model(assembled: _Assembled, component: int):
    """A HiGHS model of one component; its columns and rows (indices into the assembly)."""
    import highspy

    columns = np.flatnonzero((assembled.labels == component) & assembled.free)
    coo = assembled.matrix[:, columns].tocoo()
    rows = sorted(set(int(r) for r in coo.row))
    sub = assembled.matrix[rows][:, columns].tocsc() if rows else sparse.csc_matrix((0, len(columns)))
    inf = highspy.kHighsInf
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    # One model, many objectives: without presolve the primal simplex restarts from the
    # previous optimal basis (still feasible), a few iterations per objective.
    highs.setOptionValue("presolve", "off")
    highs.setOptionValue("simplex_strategy", 4)
    lp = highspy.HighsLp()
    lp.num_col_ = len(columns)
    lp.num_row_ = len(rows)
    lp.col_cost_ = np.zeros(len(columns))
    lp.col_lower_ = assembled.lower[columns]
    lp.col_upper_ = np.where(np.isinf(assembled.upper[columns]), inf, assembled.upper[columns])
    lp.row_lower_ = np.array([assembled.row_lower[r] if np.isfinite(assembled.row_lower[r]) else -inf for r in rows])
    lp.row_upper_ = np.array([assembled.row_upper[r] if np.isfinite(assembled.row_upper[r]) else inf for r in rows])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = sub.indptr
    lp.a_matrix_.index_ = sub.indices
    lp.a_matrix_.value_ = sub.data
    highs.passModel(lp)
    return highs, columns, rows


class _ComponentModels:
    """The assembly of a year model and its HiGHS component models, built once and reused
    (a warm model re-solves a new objective in a few iterations; a cold one takes seconds)."""

    def __init__(self, model: YearModel) -> None:
        self.assembled = _assemble(model)
        self._built: dict[int, tuple] = {}

    def component(self, label: int) -> tuple:
        if label not in self._built:
            self._built[label] = _component_model(self.assembled, label)
        return self._built[label]


def solve_intervals(
    model: YearModel, min_cell_size: int = 5, components: _ComponentModels | None = None
) -> list[CellInterval]:
    """min and max of every primary-suppressed cell of the model (HiGHS)."""
    components = components or _ComponentModels(model)
    assembled = components.assembled
    targets_by_component: dict[int, list[int]] = defaultdict(list)
    results: list[CellInterval] = []
    for j in sorted(model.primary):
        if not assembled.free[j]:
            # Published elsewhere (another table, or another release of the same year): the
            # attacker reads the hidden cell off exactly.
            value = model.fixed[j]
            where = model.primary[j] + " (published elsewhere)"
            results.append(CellInterval(model.year, model.names[j], where, value, value, j in model.exempt))
            continue
        targets_by_component[int(assembled.labels[j])].append(j)
    for component, component_targets in targets_by_component.items():
        highs, columns, _ = components.component(component)
        position = {int(j): k for k, j in enumerate(columns)}
        results.extend(
            _component_intervals(
                model, highs, [position[j] for j in component_targets], component_targets, min_cell_size
            )
        )
    return results


def _solve(highs, sense, costs: dict[int, float], duals: list | None = None) -> np.ndarray | float:
    """Optimise sum(cost x column); the column values, or +inf / -inf when unbounded.
    With `duals`, appends the row duals of an optimal solution to it."""
    import highspy

    indices = np.array(list(costs), dtype=np.int32)
    sign = -1.0 if sense == highspy.ObjSense.kMaximize else 1.0  # always minimise: keeps the basis
    highs.changeColsCost(len(indices), indices, sign * np.array(list(costs.values()), dtype=np.float64))
    highs.run()
    status = highs.getModelStatus()
    if status == highspy.HighsModelStatus.kOptimal:
        solution = highs.getSolution()
        if duals is not None:
            duals.append(np.asarray(solution.row_dual))
        values = np.asarray(solution.col_value)
        highs.changeColsCost(len(indices), indices, np.zeros(len(indices)))
        return values
    highs.changeColsCost(len(indices), indices, np.zeros(len(indices)))
    if status == highspy.HighsModelStatus.kOptimal:
        return np.asarray(highs.getSolution().col_value)
    if status in (highspy.HighsModelStatus.kUnbounded, highspy.HighsModelStatus.kUnboundedOrInfeasible):
        return math.inf if sense == highspy.ObjSense.kMaximize else -math.inf
    raise AuditError(f"the audit LP is {highs.modelStatusToString(status)}")


def _component_intervals(
    model: YearModel, highs, columns: list[int], cells: list[int], min_cell_size: int = 5
) -> list[CellInterval]:
    """Intervals of the target columns of one connected component.

    Every LP solution is a feasible point, so it widens the interval seen for every target:
    a target whose seen interval already has width >= min_cell_size and a maximum >=
    min_cell_size is protected (its reported interval is then a sub-interval of the exact
    one). Joint LPs (all targets up, all down) settle most targets at once; the rest get
    their own min and max, which are exact.
    """
    import highspy

    maximise, minimise = highspy.ObjSense.kMaximize, highspy.ObjSense.kMinimize
    target = np.array(columns)
    seen_lo = np.full(len(columns), math.inf)
    seen_hi = np.full(len(columns), -math.inf)
    exact_lo: dict[int, float] = {}
    exact_hi: dict[int, float] = {}

    def settled(k: int) -> bool:
        lo = exact_lo.get(k, seen_lo[k])
        hi = exact_hi.get(k, seen_hi[k])
        return (k in exact_lo and k in exact_hi) or (hi - lo >= min_cell_size and hi >= min_cell_size)

    def observe(solution) -> None:
        if isinstance(solution, np.ndarray):
            values = solution[target]
            np.minimum(seen_lo, values, out=seen_lo)
            np.maximum(seen_hi, values, out=seen_hi)

    # Joint LPs first: all targets up, all down, then the open ones with varied weights (a
    # seeded generator: deterministic) while that settles at least 2 % of them.
    generator = np.random.default_rng(0)
    open_targets = list(range(len(columns)))
    for iteration in range(40):
        weights = np.ones(len(open_targets)) if iteration == 0 else generator.uniform(0.1, 1.0, len(open_targets))
        for sense in (maximise, minimise):
            observe(_solve(highs, sense, {columns[k]: w for k, w in zip(open_targets, weights)}))
        still_open = [k for k in open_targets if not settled(k)]
        progress = len(open_targets) - len(still_open)
        open_targets = still_open
        if len(open_targets) <= 1 or progress < 0.02 * (len(open_targets) + progress):
            break
    for k in open_targets:
        if settled(k):
            continue
        for sense in (minimise, maximise):
            if sense == minimise and seen_lo[k] <= TOLERANCE:
                exact_lo[k] = 0.0  # cells are >= 0
                continue
            solution = _solve(highs, sense, {columns[k]: 1.0})
            observe(solution)
            value = solution[columns[k]] if isinstance(solution, np.ndarray) else solution
            (exact_lo if sense == minimise else exact_hi)[k] = value
    intervals = []
    for k, j in enumerate(cells):
        lo = exact_lo.get(k, seen_lo[k])
        hi = exact_hi.get(k, seen_hi[k])
        lo = math.ceil(lo - TOLERANCE) if math.isfinite(lo) else lo
        hi = math.floor(hi + TOLERANCE) if math.isfinite(hi) else hi
        intervals.append(CellInterval(model.year, model.names[j], model.primary[j], lo, hi, j in model.exempt))
    return intervals


def audit(
    publication: str | Path,
    schema: str = "main",
    build_database: str | Path | None = None,
    years: Iterable[int] | None = None,
    areas: Iterable[str] | None = None,
) -> list[CellInterval]:
    """Intervals of every primary-suppressed cell of a publication database (only those
    of `areas`, e.g. `P33100` or `M837`, when given)."""
    residuals = load_residuals(build_database) if build_database is not None else None
    primary = load_primary_cells(build_database) if build_database is not None else None
    if areas is not None and primary is not None:
        wanted_areas = set(areas)
        primary = {key for key in primary if key[2] in wanted_areas}
    with duckdb.connect(str(publication), read_only=True) as connection:
        models = build_models(connection, schema, residuals, primary=primary)
    wanted = set(years) if years is not None else set(models)
    intervals: list[CellInterval] = []
    for year in sorted(wanted & set(models)):
        intervals.extend(solve_intervals(models[year]))
    return intervals


def failing_cells(intervals: Iterable[CellInterval], min_cell_size: int = 5) -> list[CellInterval]:
    return [interval for interval in intervals if interval.fails(min_cell_size)]


@dataclass(frozen=True)
class SuppressionShare:
    """Cells of one published table and value column, and how many are suppressed."""

    table: str
    column: str
    cells: int
    suppressed: int


def suppression_report(connection: duckdb.DuckDBPyConnection, schema: str = "main") -> list[SuppressionShare]:
    """Per published table and status column: cells and suppressed cells."""
    columns = connection.execute(
        "select table_name, column_name from information_schema.columns "
        "where table_schema = ? and column_name like '%status' order by table_name, ordinal_position",
        [schema],
    ).fetchall()
    report = []
    for table, column in columns:
        counts = connection.execute(
            f"select count(*), count(*) filter (where {column} <> 'published') from {schema}.{table}"
        ).fetchall()
        cells, suppressed = counts[0]
        report.append(SuppressionShare(table, column.removesuffix("_status"), cells, suppressed))
    return report


def format_suppression_report(report: list[SuppressionShare]) -> str:
    """A Markdown table for the README."""
    lines = ["| table | value | cells | suppressed % | published % |", "| --- | --- | ---: | ---: | ---: |"]
    for share in report:
        if share.cells:
            p = 100.0 * share.suppressed / share.cells
            lines.append(f"| {share.table} | {share.column} | {share.cells} | {p:.1f} | {100 - p:.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """`python -m lea.audit PUBLICATION.duckdb [--build BUILD.duckdb] [--schema main]
    [--previous OLD.duckdb [--previous-build OLD_BUILD.duckdb]] ... [--allow-revisions]`"""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m lea.audit", description=__doc__.split("\n")[0])
    parser.add_argument("publication")
    parser.add_argument("--schema", default="main")
    parser.add_argument(
        "--build",
        help="build database: which cells are primary (else every suppressed count is "
        "attacked) and the residuals (families at no ordinary postcode, known)",
    )
    parser.add_argument(
        "--previous",
        action="append",
        default=[],
        help="an earlier publication (repeatable): the years it shares with PUBLICATION are attacked "
        "as one model with its numbers and its own family types (lea.audit_releases)",
    )
    parser.add_argument(
        "--previous-build",
        action="append",
        default=[],
        help="the build database of each --previous, in the same order: its primary cells are attacked too",
    )
    parser.add_argument(
        "--allow-revisions",
        action="store_true",
        help="a cell published with different values by two releases: attack each release of that year "
        "alone (else the audit stops, naming the revised cells)",
    )
    parser.add_argument("--year", type=int, action="append", help="attack only this year (repeatable)")
    parser.add_argument(
        "--area", action="append", help="attack only this area's primary cells, e.g. M905, ALL, P65100 (repeatable)"
    )
    parser.add_argument(
        "--population",
        action="store_true",
        help="attack with the population attacker (lea.audit_population: an LP over families per area "
        "and profile) instead of the relations",
    )
    parser.add_argument("--min-cell-size", type=int, default=5)
    parser.add_argument("--report", action="store_true", help="print the over-suppression report (Markdown)")
    args = parser.parse_args(argv)
    if args.previous_build and len(args.previous_build) != len(args.previous):
        parser.error("give --previous-build for every --previous, in the same order, or for none")
    if args.report:
        with duckdb.connect(str(args.publication), read_only=True) as connection:
            print(format_suppression_report(suppression_report(connection, args.schema)))
    intervals: list[CellInterval] | None
    if args.population:
        intervals = _audit_population(args)
    elif args.previous:
        intervals = _audit_with_previous(args)
        if intervals is None:
            return 2
    else:
        intervals = audit(args.publication, args.schema, args.build, args.year, args.area)
    failures = failing_cells(intervals, args.min_cell_size)
    for failure in failures:
        print(f"FAIL {failure.year} {failure.where}: [{failure.lo}, {failure.hi}]")
    what = "primary-suppressed" if args.build else "suppressed (no --build: every hidden count)"
    print(
        f"{len(intervals)} {what} cells audited, "
        f"{sum(i.exempt for i in intervals)} exempt (fixed by definition), {len(failures)} failing"
    )
    return 1 if failures else 0


def _audit_population(args: Any) -> list[CellInterval]:
    """The population attacker of the command line; says what it leaves out."""
    from lea.audit_population import AuditScope, audit_population

    scope = AuditScope(years=args.year, areas=args.area)
    result = audit_population(args.publication, args.build, scope, args.schema, args.min_cell_size)
    for year, stats in sorted(result.stats.items()):
        print(f"population LP {year}: " + ", ".join(f"{name} {value:g}" for name, value in stats.items()))
    for relation in result.left_out:
        print(f"not modelled: {relation}")
    return result.intervals


def _audit_with_previous(args: Any) -> list[CellInterval] | None:
    """The union attack of the command line; None (after saying why) when revisions stop it."""
    from lea.audit_releases import Release, RevisionError, audit_releases

    releases = [Release("new", Path(args.publication), Path(args.build) if args.build else None)]
    for number, previous in enumerate(args.previous, start=1):
        build = Path(args.previous_build[number - 1]) if args.previous_build else None
        releases.append(Release(f"previous{number}", Path(previous), build, attacked=build is not None))
    try:
        result = audit_releases(releases, args.schema, args.year, args.allow_revisions, args.min_cell_size, args.area)
    except RevisionError as error:
        print(f"REVISED {error}")
        return None
    for revision in result.revisions:
        print(f"REVISED {revision.describe()} (each release of {revision.year} attacked alone)")
    print(
        f"years attacked as one model: {result.joint_years or 'none'}"
        f" (with situation unknowns, the family types differing: {result.situation_years or 'none'})"
    )
    for relation in result.left_out:
        print(f"not modelled: {relation}")
    return result.intervals


if __name__ == "__main__":
    raise SystemExit(main())
