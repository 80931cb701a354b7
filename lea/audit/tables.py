"""The year models from the published tables: one function per published table turns its
rows into published (or hidden) cells, bounds and relations; then the relations between
tables and areas that the definitions imply (lea.audit's docstring lists them)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

import duckdb

from lea.audit.build import Residuals
from lea.audit.keys import CellKey, Key, Kind, Measure, area_id
from lea.audit.model import YearModel
from lea.audit.rules import GroupRule, group_rule_inequalities, load_group_rules

STRUCTURES = ("married_couple", "cohabiting_couple", "mother", "father")
SINGLE_PARENT_STRUCTURES = ("mother", "father")
THREE_TO_FIVE_DENOMINATOR = "no_ecec"
OLDER_AGE_BANDS = ("7-12", "13-17")
CHILDREN_WEIGHTS = {"1": 1, "2": 2, "3": 3, "4+": 4}

# A row of a published table, by column name.
Row = dict[str, Any]


@dataclass(frozen=True)
class Conventions:
    """How many decimals the publication rounds shares and means to, and the wellbeing-group
    rules it follows (None: the rules seed)."""

    share_decimals: int = 1
    mean_decimals: int = 2
    rules: tuple[GroupRule, ...] | None = None


DEFAULT_CONVENTIONS = Conventions()


@dataclass(frozen=True)
class TypeCatalog:
    """The published family type catalogue, and which breakdowns of the profile its types
    cover exactly (then the profile's categories are sums of types)."""

    types: list[Row]
    ids: list[str]
    structure_of: dict[str, str]
    typed_structures: set[str]
    every_structure_typed: bool
    every_age_typed: bool
    every_children_typed: bool

    @classmethod
    def of(cls, types: list[Row]) -> TypeCatalog:
        """From the catalogue's rows in rank order."""
        typed_structures = {t["structure"] for t in types}
        every_structure_typed = all(s in typed_structures for s in STRUCTURES)
        return cls(
            types=types,
            ids=[t["type_id"] for t in types],
            structure_of={t["type_id"]: t["structure"] for t in types},
            typed_structures=typed_structures,
            every_structure_typed=every_structure_typed,
            every_age_typed=every_structure_typed
            and len({(t["structure"], t["youngest_child_age_band"]) for t in types}) == 16,
            every_children_typed=every_structure_typed
            and len({(t["structure"], t["youngest_child_age_band"], t["children_band"]) for t in types}) == 64,
        )

    def age_band(self, type_id: str) -> str:
        return str(next(t["youngest_child_age_band"] for t in self.types if t["type_id"] == type_id))


@dataclass
class _Reading:
    """The year models as the tables are read, and what the tables name: the areas, the
    indicators, the groups and the profile's categories."""

    conventions: Conventions
    models: dict[int, YearModel] = field(default_factory=dict)
    # year -> municipality code -> its postcode areas
    postcode_areas: dict[int, dict[str, set[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set))
    )
    municipal_areas: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    indicators: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    profile_categories: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def model(self, year: int) -> YearModel:
        if year not in self.models:
            self.models[year] = YearModel(year)
        return self.models[year]


def _query(connection: duckdb.DuckDBPyConnection, sql: str) -> list[Row]:
    cursor = connection.execute(sql)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _share_bounds(model: YearModel, numerator: Key, denominator: Key, row: Row, decimals: int) -> None:
    """A published share (`share_pct`) bounds its numerator within the rounding."""
    share, status = row["share_pct"], row["share_status"]
    if status != "published" or share is None:
        return
    share = float(share)  # DECIMAL in the publication (issue 25); the solver works in floats
    half = 0.5 * 10 ** (-decimals)
    # (share - half)/100 x D <= N <= (share + half)/100 x D
    model.relate([(numerator, 1.0), (denominator, -(share - half) / 100.0)], 0.0, math.inf)
    model.relate([(numerator, 1.0), (denominator, -(share + half) / 100.0)], -math.inf, 0.0)


def _indicators(reading: _Reading, table: str, rows: list[Row], by_postcode: bool) -> None:
    """municipality_indicators, postcode_indicators: numerator <= denominator, and the share."""
    for row in rows:
        year, indicator = int(row["year"]), row["indicator_id"]
        reading.indicators.add(indicator)
        area = area_id(row["municipality_code"], row.get("postcode") if by_postcode else None)
        where = f"{table} {area} {indicator}"
        m = reading.model(year)
        if by_postcode:
            reading.postcode_areas[year][row["municipality_code"]].add(area)
        else:
            reading.municipal_areas[year].add(area)
        kind = Kind.FAMILIES_3_5 if indicator == THREE_TO_FIVE_DENOMINATOR else Kind.FAMILIES
        denominator, numerator = CellKey(kind, year, area), CellKey(Kind.NUMERATOR, year, area, indicator)
        m.publish(denominator, row["families"], row["families_status"], where + " families")
        m.publish(numerator, row["families_with"], row["families_with_status"], where + " families_with")
        m.at_most(numerator, denominator)
        _share_bounds(m, numerator, denominator, row, reading.conventions.share_decimals)


def _wellbeing_groups(reading: _Reading, table: str, rows: list[Row], by_postcode: bool) -> None:
    """municipality_wellbeing_groups, postcode_wellbeing_groups: the group's families and share."""
    for row in rows:
        year, group = int(row["year"]), row["group_id"]
        reading.groups.add(group)
        area = area_id(row["municipality_code"], row.get("postcode") if by_postcode else None)
        m = reading.model(year)
        key = CellKey(Kind.GROUP, year, area, group)
        m.publish(key, row["families"], row["families_status"], f"{table} {area} {group}")
        _share_bounds(m, key, CellKey(Kind.FAMILIES, year, area), row, reading.conventions.share_decimals)


def _family_types(reading: _Reading, rows: list[Row]) -> None:
    """municipality_family_types: the type's families and share."""
    for row in rows:
        year, area, type_id = int(row["year"]), area_id(row["municipality_code"]), row["type_id"]
        m = reading.model(year)
        key = CellKey(Kind.TYPE, year, area, type_id)
        m.publish(key, row["families"], row["families_status"], f"municipality_family_types {area} {type_id}")
        _share_bounds(m, key, CellKey(Kind.FAMILIES, year, area), row, reading.conventions.share_decimals)


def _family_type_indicators(reading: _Reading, rows: list[Row], catalog: TypeCatalog) -> None:
    """municipality_family_type_indicators: numerator <= denominator, the share, and what
    the type's definition fixes."""
    for row in rows:
        year, area = int(row["year"]), area_id(row["municipality_code"])
        type_id, indicator = row["type_id"], row["indicator_id"]
        m = reading.model(year)
        where = f"municipality_family_type_indicators {area} {type_id} {indicator}"
        kind = Kind.TYPE_3_5 if indicator == THREE_TO_FIVE_DENOMINATOR else Kind.TYPE
        denominator = CellKey(kind, year, area, type_id)
        numerator = CellKey(Kind.TYPE_NUMERATOR, year, area, type_id, indicator)
        m.publish(denominator, row["families"], row["families_status"], where + " families")
        m.publish(numerator, row["families_with"], row["families_with_status"], where + " families_with")
        m.at_most(numerator, denominator)
        _share_bounds(m, numerator, denominator, row, reading.conventions.share_decimals)
        _type_definition(m, catalog, numerator, denominator)


def _type_definition(m: YearModel, catalog: TypeCatalog, numerator: CellKey, denominator: CellKey) -> None:
    """A type's single_parent numerator is its families (mother and father types) or 0 (but
    T001's when a structure has no type: those families go to T001), exempt from the attack;
    a type whose youngest child is 7 or older has no child aged 3-5 (when every age band
    combination has a type)."""
    type_id, indicator = numerator.detail
    if indicator == "single_parent" and (catalog.every_structure_typed or type_id != catalog.ids[0]):
        m.exempt.add(m.var(numerator))
        if catalog.structure_of[type_id] in SINGLE_PARENT_STRUCTURES:
            m.equal([numerator], [denominator])
        else:
            m.bound(numerator, upper=0.0)
    if indicator == THREE_TO_FIVE_DENOMINATOR and catalog.every_age_typed:
        if catalog.age_band(type_id) in OLDER_AGE_BANDS:
            m.bound(denominator, upper=0.0)


def _profile(reading: _Reading, rows: list[Row]) -> None:
    """municipality_profile: the families of each category (`all`: the families with children)."""
    for row in rows:
        year, area = int(row["year"]), area_id(row["municipality_code"])
        m = reading.model(year)
        where = f"municipality_profile {area} {row['breakdown']} {row['category']}"
        if row["breakdown"] == "all":
            key = CellKey(Kind.FAMILIES, year, area)
        else:
            reading.profile_categories[row["breakdown"]].add(row["category"])
            key = CellKey(Kind.PROFILE, year, area, row["breakdown"], row["category"])
        m.publish(key, row["families"], row["families_status"], where)
        _share_bounds(m, key, CellKey(Kind.FAMILIES, year, area), row, reading.conventions.share_decimals)


def _summary(reading: _Reading, rows: list[Row]) -> None:
    """municipality_summary: the families with children, the children, and the means
    (children per family, moves of the youngest child), which bound their numerators
    within the rounding."""
    half_mean = 0.5 * 10 ** (-reading.conventions.mean_decimals)
    for row in rows:
        year, area = int(row["year"]), area_id(row["municipality_code"])
        m = reading.model(year)
        where = f"municipality_summary {area}"
        families = CellKey(Kind.FAMILIES, year, area)
        children = CellKey(Kind.CHILDREN, year, area)
        m.publish(families, row["families_with_children"], row["families_with_children_status"], where)
        m.publish(children, row["children"], row["children_status"], where + " children")
        for mean, numerator in (
            (row["mean_children_per_family"], children),
            (row["mean_moves_youngest_child"], CellKey(Kind.MOVES, year, area)),
        ):
            if mean is not None:
                m.relate([(numerator, 1.0), (families, -(float(mean) - half_mean))], 0.0, math.inf)
                m.relate([(numerator, 1.0), (families, -(float(mean) + half_mean))], -math.inf, 0.0)


def _area_measures(reading: _Reading) -> list[Measure]:
    """What every area's cells count: families, families with a child aged 3-5, each
    indicator's numerator, each group."""
    measures: list[Measure] = [(Kind.FAMILIES,), (Kind.FAMILIES_3_5,)]
    measures += [(Kind.NUMERATOR, i) for i in sorted(reading.indicators)]
    measures += [(Kind.GROUP, g) for g in sorted(reading.groups)]
    return measures


def _postcode_sums(m: YearModel, reading: _Reading, residuals: Residuals | None) -> None:
    """Postcode areas + residual = municipality, for every area measure (the residual is
    known when `residuals` are given, else an unknown >= 0)."""
    year = m.year
    for municipality, postcode_areas in reading.postcode_areas[year].items():
        parent = area_id(municipality)
        for measure in _area_measures(reading):
            parts: list[Key] = [CellKey.of(measure, year, a) for a in sorted(postcode_areas)]
            total = CellKey.of(measure, year, parent)
            if residuals is not None:
                m.equal([total], parts, residuals.get((year, municipality, measure), 0.0))
            else:
                m.equal([total], parts + [CellKey(Kind.RESIDUAL, year, municipality, *measure)])


def _municipal_sums(m: YearModel, reading: _Reading, catalog: TypeCatalog, municipalities: list[str]) -> None:
    """Municipalities = study area, for every municipal count."""
    indicators = sorted(reading.indicators)
    measures: list[Measure] = [(Kind.FAMILIES,), (Kind.FAMILIES_3_5,), (Kind.CHILDREN,), (Kind.MOVES,)]
    measures += [(Kind.NUMERATOR, i) for i in indicators]
    measures += [(Kind.GROUP, g) for g in sorted(reading.groups)]
    measures += [(Kind.TYPE, t) for t in catalog.ids]
    measures += [(Kind.TYPE_3_5, t) for t in catalog.ids]
    measures += [(Kind.TYPE_NUMERATOR, t, i) for t in catalog.ids for i in indicators]
    measures += [(Kind.PROFILE, b, c) for b, cs in reading.profile_categories.items() for c in sorted(cs)]
    for measure in measures:
        m.equal([CellKey.of(measure, m.year, "ALL")], [CellKey.of(measure, m.year, a) for a in municipalities])


def _type_sums(m: YearModel, reading: _Reading, catalog: TypeCatalog, area: str) -> None:
    """A municipal area's families, families with a child aged 3-5 and numerators are the
    sums of its types'; each profile breakdown sums to its families; single_parent =
    mother + father."""
    year, types = m.year, catalog.ids
    families = CellKey(Kind.FAMILIES, year, area)
    m.equal([families], [CellKey(Kind.TYPE, year, area, t) for t in types])
    m.equal([CellKey(Kind.FAMILIES_3_5, year, area)], [CellKey(Kind.TYPE_3_5, year, area, t) for t in types])
    for indicator in sorted(reading.indicators):
        m.equal(
            [CellKey(Kind.NUMERATOR, year, area, indicator)],
            [CellKey(Kind.TYPE_NUMERATOR, year, area, t, indicator) for t in types],
        )
    for breakdown, categories in reading.profile_categories.items():
        m.equal([families], [CellKey(Kind.PROFILE, year, area, breakdown, c) for c in sorted(categories)])
    m.equal(
        [CellKey(Kind.NUMERATOR, year, area, "single_parent")],
        [CellKey(Kind.PROFILE, year, area, "structure", s) for s in SINGLE_PARENT_STRUCTURES],
    )


def _profile_by_types(m: YearModel, reading: _Reading, catalog: TypeCatalog, area: str) -> None:
    """The family types of a structure sum to the profile's structure (a structure without
    a type goes to T001); the age and children bands likewise when every combination has
    a type."""
    year = m.year
    untyped = [s for s in STRUCTURES if s not in catalog.typed_structures]
    for structure in sorted(catalog.typed_structures):
        profile: list[Key] = [CellKey(Kind.PROFILE, year, area, "structure", structure)]
        if catalog.ids and structure == catalog.structure_of[catalog.ids[0]]:
            profile += [CellKey(Kind.PROFILE, year, area, "structure", s) for s in untyped]
        types = [t for t in catalog.ids if catalog.structure_of[t] == structure]
        m.equal(profile, [CellKey(Kind.TYPE, year, area, t) for t in types])
    for attribute, breakdown, exact in (
        ("youngest_child_age_band", "youngest_child_age", catalog.every_age_typed),
        ("children_band", "children", catalog.every_children_typed),
    ):
        if not exact:
            continue
        for category in sorted(reading.profile_categories.get(breakdown, ())):
            m.equal(
                [CellKey(Kind.PROFILE, year, area, breakdown, category)],
                [CellKey(Kind.TYPE, year, area, t["type_id"]) for t in catalog.types if t[attribute] == category],
            )


def _counting_bounds(m: YearModel, reading: _Reading, catalog: TypeCatalog, area: str) -> None:
    """children >= sum of band x families, >= families; moves >= 2 x frequent movers; a
    family type's families with a child aged 3-5 are some of its families."""
    year = m.year
    children_bands = reading.profile_categories.get("children", ())
    children, families = CellKey(Kind.CHILDREN, year, area), CellKey(Kind.FAMILIES, year, area)
    m.relate(
        [(children, 1.0)]
        + [
            (CellKey(Kind.PROFILE, year, area, "children", c), -w)
            for c, w in CHILDREN_WEIGHTS.items()
            if c in children_bands
        ],
        0.0,
        math.inf,
    )
    m.relate([(children, 1.0), (families, -1.0)], 0.0, math.inf)
    if "frequent_moves" in reading.indicators:
        moves, movers = CellKey(Kind.MOVES, year, area), CellKey(Kind.NUMERATOR, year, area, "frequent_moves")
        m.relate([(moves, 1.0), (movers, -2.0)], 0.0, math.inf)
    for t in catalog.ids:
        m.at_most(CellKey(Kind.TYPE_3_5, year, area, t), CellKey(Kind.TYPE, year, area, t))


def _within_area(m: YearModel, area: str, inequalities: list[dict[Measure, float]]) -> None:
    """Families with a child aged 3-5 are some of the families with children; the
    wellbeing-group rules against the phenomena."""
    year = m.year
    m.at_most(CellKey(Kind.FAMILIES_3_5, year, area), CellKey(Kind.FAMILIES, year, area))
    for row in inequalities:
        m.relate([(CellKey(kind, year, area, name), c) for (kind, name), c in row.items()], -math.inf, 0.0)


def _relations(
    m: YearModel,
    reading: _Reading,
    catalog: TypeCatalog,
    residuals: Residuals | None,
    inequalities: list[dict[Measure, float]],
) -> None:
    """Every relation of one year between tables and areas (`inequalities`: the group rules')."""
    year = m.year
    municipalities = sorted(a for a in reading.municipal_areas[year] if a != "ALL")
    municipal = ["ALL", *municipalities]
    postcode_areas = [a for _, areas in sorted(reading.postcode_areas[year].items()) for a in sorted(areas)]
    _postcode_sums(m, reading, residuals)
    for area in postcode_areas + municipal:
        m.equal(
            [CellKey(Kind.FAMILIES, year, area)], [CellKey(Kind.GROUP, year, area, g) for g in sorted(reading.groups)]
        )
    _municipal_sums(m, reading, catalog, municipalities)
    for area in municipal:
        _type_sums(m, reading, catalog, area)
        _profile_by_types(m, reading, catalog, area)
        _counting_bounds(m, reading, catalog, area)
    for area in postcode_areas + municipal:
        _within_area(m, area, inequalities)


def _attacked(m: YearModel, primary: AbstractSet[Key] | None) -> None:
    """The hidden cells to attack (`primary`, or every hidden count); none in a year without
    any study family (every count is 0: exempt)."""
    m.primary = {j: where for j, where in m.hidden.items() if primary is None or m.names[j] in primary}
    whole = m.index.get(CellKey(Kind.FAMILIES, m.year, "ALL"))
    if whole is not None and m.fixed.get(whole) == 0.0:
        m.exempt.update(m.primary)  # no study family this year: every count is 0, nothing to hide


def build_models(
    connection: duckdb.DuckDBPyConnection,
    schema: str = "main",
    residuals: Residuals | None = None,
    primary: AbstractSet[Key] | None = None,
    conventions: Conventions = DEFAULT_CONVENTIONS,
) -> dict[int, YearModel]:
    """One YearModel per year from the published tables in `schema`. The cells to attack
    are `primary` (keys as load_primary_cells gives them) or, without it, every hidden count."""
    reading = _Reading(conventions)

    def rows(table: str, order: str = "") -> list[Row]:
        return _query(connection, f"select * from {schema}.{table}{order}")

    for table, by_postcode in (("municipality_indicators", False), ("postcode_indicators", True)):
        _indicators(reading, table, rows(table), by_postcode)
    for table, by_postcode in (("municipality_wellbeing_groups", False), ("postcode_wellbeing_groups", True)):
        _wellbeing_groups(reading, table, rows(table), by_postcode)
    catalog = TypeCatalog.of(rows("family_type_catalog", " order by type_rank"))
    _family_types(reading, rows("municipality_family_types"))
    _family_type_indicators(reading, rows("municipality_family_type_indicators"), catalog)
    _profile(reading, rows("municipality_profile"))
    _summary(reading, rows("municipality_summary"))
    inequalities = group_rule_inequalities(
        list(conventions.rules) if conventions.rules is not None else load_group_rules(), sorted(reading.indicators)
    )
    for m in reading.models.values():
        _attacked(m, primary)
        _relations(m, reading, catalog, residuals, inequalities)
    return reading.models
