"""What a publication says, as rows over cells per year, for the population attacker:
every published count, every rounded share and mean, the latest year's ranking of the
situations, the residual areas' known totals, and the cells to attack."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

import duckdb

from lea.audit import THREE_TO_FIVE_DENOMINATOR, AuditError, Key
from lea.audit_population.profiles import FinestArea, ProfileSpace
from lea.audit_releases import SITUATIONS, FamilyType

FEASIBILITY_TOLERANCE = 1e-6
Row = tuple[dict[Key, float], float, float]  # lower <= sum(coefficient x cell) <= upper


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


def add_residuals(y: YearSystem, residuals: dict[tuple[int, str, Key], float], space: ProfileSpace) -> None:
    """The families at no ordinary postcode area, known per municipality (as lea.audit
    takes them: a measure the build does not list is 0)."""
    measures: list[tuple[str, ...]] = [
        ("F",),
        ("E",),
        *(("N", p) for p in space.phenomena),
        *(("G", g) for g in space.groups),
    ]
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
