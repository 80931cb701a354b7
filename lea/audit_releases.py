"""The audit of several releases read together (issue 22): the attacker holds every publication.

Every earlier publication stays public, so a year that several releases publish is attacked
as ONE linear model: every published number of every release of that year, and every
relation the definitions imply, each release with its own family type catalogue.

The releases' family types partition the same families in two ways (the types are ranked on
each release's latest year), so the model adds unknowns finer than either release's types:
per municipality and per family *situation* (structure x youngest child age band x children
band x youngest parent age band, 4 x 4 x 4 x 4 = 256) the families (`SF`), those with a
child aged 3-5 (`SE`) and the numerator of each indicator (`SN`). Then, per municipality:

- each release's type cells (families, families with a child aged 3-5, numerators) are the
  sums of the situations its catalogue assigns to the type (longest prefix of the
  attributes, lowest rank; a situation sharing not even its structure with a type gets
  T001, the lowest rank);
- the families, families with a child aged 3-5 and numerators are the sums over situations;
  so are the profile categories (structure, youngest child age, children);
- per situation: numerator <= families (no_ecec's <= families with a child aged 3-5),
  families with a child aged 3-5 <= families and none when the youngest child is 7 or
  older, single_parent = families for a lone parent and 0 for a couple;
- in a release's latest year (its types were ranked on it) the situation of a type of rank
  k has at least as many families in the study area as that of rank k + 1, and the last
  type at least as many as any situation that is not a type.

Every relation of the single-release audit (`lea.audit.build_models`) is kept: each
release's model is built as it is alone and the models are merged (the type cells of a
release whose catalogue differs from the new release's are renamed `<label>:<type_id>`).
When the catalogues of a year are all the same the type cells are themselves the common
unknowns and no situation is added: a publication audited with itself as the previous one
is then exactly the single-release audit.

Left out (the attacker could do more; the audit is weaker here, never wrong): see LEFT_OUT.

Revisions: the same cell published with different values by two releases means the two
releases describe different populations for that year. Nothing published says which
families changed, so a hidden cell of one release says nothing certain about the other's:
treating only the revised cells as different would assume every other cell unchanged and can
make the model infeasible or narrow cells on a false premise. The audit therefore refuses
by default (RevisionError, naming every revised cell); with `allow_revisions` it attacks
each release of a revised year on its own (weaker, never wrong) and lists the revisions.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

import duckdb

from lea.audit import (
    OLDER_AGE_BANDS,
    SINGLE_PARENT_STRUCTURES,
    THREE_TO_FIVE_DENOMINATOR,
    TOLERANCE,
    AuditError,
    CellInterval,
    CellKey,
    Key,
    Kind,
    YearModel,
    build_models,
    load_primary_cells,
    load_residuals,
    solve_intervals,
)

STRUCTURES = ("married_couple", "cohabiting_couple", "mother", "father")
AGE_BANDS = ("0-2", "3-6", "7-12", "13-17")
CHILDREN_BANDS = ("1", "2", "3", "4+")
PARENT_BANDS = ("<25", "25-34", "35-44", "45+")
Situation = tuple[str, str, str, str]
SITUATIONS: tuple[Situation, ...] = tuple(product(STRUCTURES, AGE_BANDS, CHILDREN_BANDS, PARENT_BANDS))
# Profile breakdown -> position of its attribute in a situation.
PROFILE_ATTRIBUTES = {"structure": 0, "youngest_child_age": 1, "children": 2}
TYPE_KINDS = (Kind.TYPE, Kind.TYPE_3_5, Kind.TYPE_NUMERATOR)

LEFT_OUT = (
    "postcode areas by situation (no published table crosses postcode and family type): "
    "the postcode cells are linked to the situations only through their municipality",
    "wellbeing groups by situation (no published table crosses group and family type): "
    "the group rules bind the area's counts only",
    "children and moves by situation: only the area's children >= the profile's bands",
    "the ranking's tie-breaks (a tie ranks by the attributes): the ranking is read as >=",
    "the number of types (var family_type_count): a situation that is not a type is bounded by the last type only",
)


@dataclass(frozen=True)
class Release:
    """One publication database; with its build database, which of its cells are primary
    (attacked) and the residuals (families at no ordinary postcode area, known)."""

    label: str
    publication: Path
    build_database: Path | None = None
    attacked: bool = True


@dataclass(frozen=True)
class FamilyType:
    type_id: str
    rank: int
    situation: Situation


@dataclass(frozen=True)
class Revision:
    """A cell that two releases publish with different values."""

    year: int
    cell: Key
    values: tuple[tuple[str, float], ...]  # (release label, value)
    where: str

    def describe(self) -> str:
        values = ", ".join(f"{label} {value:g}" for label, value in self.values)
        return f"{self.year} {self.where}: {values}"


class RevisionError(AuditError):
    """Releases publish the same cell with different values (a revised extract)."""

    def __init__(self, revisions: list[Revision]) -> None:
        self.revisions = revisions
        lines = "\n".join(revision.describe() for revision in revisions)
        super().__init__(
            f"{len(revisions)} revised cells (the same cell published with different values): the releases "
            f"describe different populations there, so they cannot be attacked as one; "
            f"allow_revisions attacks each release of those years alone.\n{lines}"
        )


@dataclass
class ReleasesAudit:
    """Intervals of the attacked releases' primary cells over the union of releases."""

    intervals: list[CellInterval]
    joint_years: list[int] = field(default_factory=list)  # attacked as one model
    situation_years: list[int] = field(default_factory=list)  # ...with situation unknowns
    revisions: list[Revision] = field(default_factory=list)  # (allow_revisions) years alone
    left_out: tuple[str, ...] = LEFT_OUT


def assign_situation(situation: Situation, catalog: Sequence[FamilyType]) -> str:
    """The type of a situation: the longest agreeing prefix of attributes, lowest rank
    (no shared structure: every type agrees on 0 attributes, so T001, the lowest rank)."""
    best: FamilyType | None = None
    best_length = -1
    for family_type in sorted(catalog, key=lambda t: t.rank):
        length = 0
        while length < 4 and family_type.situation[length] == situation[length]:
            length += 1
        if length > best_length:
            best, best_length = family_type, length
    if best is None:
        raise AuditError("the family type catalogue is empty")
    return best.type_id


def load_catalog(connection: duckdb.DuckDBPyConnection, schema: str = "main") -> tuple[FamilyType, ...]:
    rows = connection.execute(
        f"select type_id, type_rank, structure, youngest_child_age_band, children_band, youngest_parent_age_band "
        f"from {schema}.family_type_catalog order by type_rank"
    ).fetchall()
    return tuple(FamilyType(str(t), int(r), (str(s), str(a), str(c), str(p))) for t, r, s, a, c, p in rows)


def renamed(model: YearModel, rename: Callable[[Key], Key], prefix: str) -> YearModel:
    """The same model with its keys renamed and `prefix` before every cell's description."""
    result = YearModel(model.year)
    for name in model.names:
        result.var(rename(name))
    mapping = [result.index[rename(name)] for name in model.names]
    result.fixed = {mapping[j]: v for j, v in model.fixed.items()}
    result.lower = {mapping[j]: v for j, v in model.lower.items()}
    result.upper = {mapping[j]: v for j, v in model.upper.items()}
    result.rows = [({mapping[j]: c for j, c in terms.items()}, lo, hi) for terms, lo, hi in model.rows]
    result.primary = {mapping[j]: prefix + w for j, w in model.primary.items()}
    result.hidden = {mapping[j]: prefix + w for j, w in model.hidden.items()}
    result.exempt = {mapping[j] for j in model.exempt}
    return result


def type_renamer(label: str) -> Callable[[Key], Key]:
    """Keys of a release's own type cells: `<label>:<type_id>` (other keys unchanged)."""

    def rename(key: Key) -> Key:
        if key[0] in TYPE_KINDS:
            return CellKey(key[0], key[1], key[2], f"{label}:{key[3]}", *key[4:])
        return key

    return rename


def merge(models: Sequence[YearModel]) -> tuple[YearModel, list[Revision]]:
    """One model holding every number and relation of the given models of one year (rows
    deduplicated); the cells published with different values are returned as revisions."""
    merged = YearModel(models[0].year)
    seen_rows: set[tuple] = set()
    conflicts: set[int] = set()
    for model in models:
        mapping = [merged.var(name) for name in model.names]
        for j, value in model.fixed.items():
            k = mapping[j]
            if k in merged.fixed and abs(merged.fixed[k] - value) > TOLERANCE:
                conflicts.add(k)
            merged.fixed.setdefault(k, value)
        for j, value in model.lower.items():
            merged.lower[mapping[j]] = max(merged.lower.get(mapping[j], 0.0), value)
        for j, value in model.upper.items():
            merged.upper[mapping[j]] = min(merged.upper.get(mapping[j], math.inf), value)
        for terms, lo, hi in model.rows:
            row = {mapping[j]: c for j, c in terms.items()}
            signature = (tuple(sorted(row.items())), lo, hi)
            if signature not in seen_rows:
                seen_rows.add(signature)
                merged.rows.append((row, lo, hi))
        for j, where in model.primary.items():
            merged.primary.setdefault(mapping[j], where)
        for j, where in model.hidden.items():
            merged.hidden.setdefault(mapping[j], where)
        merged.exempt.update(mapping[j] for j in model.exempt)
    revisions = [Revision(merged.year, merged.names[k], (), _describe(merged.names[k])) for k in sorted(conflicts)]
    return merged, revisions


def refine_by_situation(
    model: YearModel, catalogs: dict[str, tuple[FamilyType, ...]], ranked_here: Iterable[str] = ()
) -> None:
    """Add the situation unknowns and their relations to a merged model (module docstring).

    `catalogs`: the label under which each catalogue's type cells are keyed ("" for
    unrenamed type ids) -> catalogue; `ranked_here`: the labels whose types were ranked on
    this year. A situation unknown that a published 0 forces to 0 (a part of a sum
    published as 0; the parts are >= 0) is left out: the same model, smaller."""
    cells = _MergedCells.of(model)
    sums = _situation_sums(cells, catalogs)
    zero = _forced_to_zero(model, sums, cells.indicators)
    for total, parts in sums:
        model.equal([total], [part for part in parts if part not in zero])
    for area in cells.municipalities:
        for s in SITUATIONS:
            _situation_relations(model, CellKey(Kind.SITUATION, cells.year, area, s), cells.indicators, zero)
    # The ranking: a type's own situation, counted in the study area of the latest year.
    for label in ranked_here:
        _ranking(model, catalogs[label], cells, zero)


@dataclass(frozen=True)
class _MergedCells:
    """What a merged year model names: its year, municipalities, indicators and the
    profile's (breakdown, category) pairs that situations determine."""

    year: int
    municipalities: list[str]
    indicators: list[str]
    profile: list[tuple[str, str]]

    @classmethod
    def of(cls, model: YearModel) -> _MergedCells:
        names = list(model.names)
        return cls(
            model.year,
            sorted({k[2] for k in names if k[0] == Kind.FAMILIES and k[2].startswith("M")}),
            sorted({k[3] for k in names if k[0] == Kind.NUMERATOR}),
            sorted({(k[3], k[4]) for k in names if k[0] == Kind.PROFILE and k[3] in PROFILE_ATTRIBUTES}),
        )


# A published-or-hidden cell and the situation unknowns it is the sum of.
Sum = tuple[Key, list[Key]]


def _situation_sums(cells: _MergedCells, catalogs: dict[str, tuple[FamilyType, ...]]) -> list[Sum]:
    """Per municipality: the families, families with a child aged 3-5, numerators and
    profile categories, and each catalogue's type cells, as sums of situation unknowns."""
    members = {label: _members(catalog) for label, catalog in catalogs.items()}
    sums: list[Sum] = []
    for area in cells.municipalities:
        sums.extend(_area_sums(cells, area))
        for label, catalog in catalogs.items():
            for family_type in catalog:
                sums.extend(
                    _type_sums(cells, area, _type_id(label, family_type.type_id), members[label][family_type.type_id])
                )
    return sums


def _type_id(label: str, type_id: str) -> str:
    """A type's id in the merged model: `<label>:<type_id>`, or the plain id ("" label)."""
    return f"{label}:{type_id}" if label else type_id


def _area_sums(cells: _MergedCells, area: str) -> list[Sum]:
    year, every = cells.year, SITUATIONS
    sums: list[Sum] = [
        (CellKey(Kind.FAMILIES, year, area), [CellKey(Kind.SITUATION, year, area, s) for s in every]),
        (CellKey(Kind.FAMILIES_3_5, year, area), [CellKey(Kind.SITUATION_3_5, year, area, s) for s in every]),
    ]
    sums.extend(
        (CellKey(Kind.NUMERATOR, year, area, i), [CellKey(Kind.SITUATION_NUMERATOR, year, area, s, i) for s in every])
        for i in cells.indicators
    )
    for breakdown, category in cells.profile:
        position = PROFILE_ATTRIBUTES[breakdown]
        parts: list[Key] = [CellKey(Kind.SITUATION, year, area, s) for s in every if s[position] == category]
        sums.append((CellKey(Kind.PROFILE, year, area, breakdown, category), parts))
    return sums


def _type_sums(cells: _MergedCells, area: str, type_id: str, situations: list[Situation]) -> list[Sum]:
    year = cells.year
    sums: list[Sum] = [
        (CellKey(Kind.TYPE, year, area, type_id), [CellKey(Kind.SITUATION, year, area, s) for s in situations]),
        (CellKey(Kind.TYPE_3_5, year, area, type_id), [CellKey(Kind.SITUATION_3_5, year, area, s) for s in situations]),
    ]
    sums.extend(
        (
            CellKey(Kind.TYPE_NUMERATOR, year, area, type_id, i),
            [CellKey(Kind.SITUATION_NUMERATOR, year, area, s, i) for s in situations],
        )
        for i in cells.indicators
    )
    return sums


def _situation_relations(model: YearModel, families: CellKey, indicators: list[str], zero: set[Key]) -> None:
    """Per situation: families with a child aged 3-5 <= families (none when the youngest
    child is 7 or older), and each numerator's relation to its denominator."""
    if families in zero:
        return
    _, year, area, s = families
    with_3_5 = CellKey(Kind.SITUATION_3_5, year, area, s)
    if s[1] in OLDER_AGE_BANDS:
        model.bound(with_3_5, upper=0.0)  # youngest child 7 or older: no child aged 3-5
    elif with_3_5 not in zero:
        model.at_most(with_3_5, families)
    for i in indicators:
        _numerator_relation(model, families, with_3_5, CellKey(Kind.SITUATION_NUMERATOR, year, area, s, i), zero)


def _numerator_relation(
    model: YearModel, families: CellKey, with_3_5: CellKey, numerator: CellKey, zero: set[Key]
) -> None:
    """numerator <= its denominator; single_parent = families for a lone parent, 0 for a
    couple; 0 when its denominator is."""
    s, indicator = numerator.detail
    lone_parent = s[0] in SINGLE_PARENT_STRUCTURES
    if numerator in zero:
        if indicator == "single_parent" and lone_parent:
            model.bound(families, upper=0.0)  # its numerator is its families
        return
    if indicator == "single_parent":
        if lone_parent:
            model.equal([numerator], [families])
        else:
            model.bound(numerator, upper=0.0)
        return
    denominator = with_3_5 if indicator == THREE_TO_FIVE_DENOMINATOR else families
    if denominator in zero:
        model.bound(numerator, upper=0.0)
    else:
        model.at_most(numerator, denominator)


def _ranking(model: YearModel, catalog: tuple[FamilyType, ...], cells: _MergedCells, zero: set[Key]) -> None:
    """In the study area, the situation of a type of rank k has at least as many families
    as that of rank k + 1, and the last type at least as many as any situation that is not
    a type."""
    ranked = sorted(catalog, key=lambda t: t.rank)
    if not ranked:
        return

    def study_area(s: Situation) -> list[Key]:
        keys = (CellKey(Kind.SITUATION, cells.year, area, s) for area in cells.municipalities)
        return [key for key in keys if key not in zero]

    typed = {t.situation for t in ranked}
    bounded = [(higher.situation, lower.situation) for higher, lower in zip(ranked, ranked[1:], strict=False)]
    bounded += [(ranked[-1].situation, s) for s in SITUATIONS if s not in typed]
    for higher_situation, lower_situation in bounded:
        lower_terms = study_area(lower_situation)
        if lower_terms:
            model.relate(
                [(k, 1.0) for k in study_area(higher_situation)] + [(k, -1.0) for k in lower_terms], 0.0, math.inf
            )


def _members(catalog: Sequence[FamilyType]) -> dict[str, list[Situation]]:
    """The situations each type of a catalogue holds."""
    members: dict[str, list[Situation]] = defaultdict(list)
    for s in SITUATIONS:
        members[assign_situation(s, catalog)].append(s)
    return members


def _forced_to_zero(model: YearModel, sums: list[Sum], indicators: list[str]) -> set[Key]:
    """Situation unknowns that are 0 in every solution: parts of a sum published as 0, and
    the numerators and families with a child aged 3-5 of a situation without families."""
    zero: set[Key] = set()
    for total, parts in sums:
        j = model.index.get(total)
        if j is not None and model.fixed.get(j) == 0.0:
            zero.update(parts)
    for key in [k for k in zero if k[0] == Kind.SITUATION]:
        _, year, area, s = key
        zero.add(CellKey(Kind.SITUATION_3_5, year, area, s))
        zero.update(CellKey(Kind.SITUATION_NUMERATOR, year, area, s, i) for i in indicators)
    return zero


@dataclass
class _LoadedRelease:
    release: Release
    catalog: tuple[FamilyType, ...]
    models: dict[int, YearModel]
    latest_year: int


def _load(release: Release, schema: str, type_label: str, areas: set[str] | None) -> _LoadedRelease:
    build = release.build_database
    residuals = load_residuals(build) if build is not None else None
    if not release.attacked:
        primary: AbstractSet[Key] | None = set()
    else:
        primary = load_primary_cells(build) if build is not None else None
    with duckdb.connect(str(release.publication), read_only=True) as connection:
        models = build_models(connection, schema, residuals, primary=primary)
        catalog = load_catalog(connection, schema)
    prefix = f"[{release.label}] "
    rename = type_renamer(type_label) if type_label else (lambda key: key)
    models = {year: renamed(model, rename, prefix) for year, model in models.items()}
    if areas is not None:
        for model in models.values():
            model.primary = {j: w for j, w in model.primary.items() if model.names[j][2] in areas}
    return _LoadedRelease(release, catalog, models, max(models) if models else 0)


def audit_releases(  # noqa: PLR0913 (one argument per option of the command line)
    releases: Sequence[Release],
    schema: str = "main",
    years: Iterable[int] | None = None,
    allow_revisions: bool = False,
    min_cell_size: int = 5,
    areas: Iterable[str] | None = None,
) -> ReleasesAudit:
    """Attack the union of releases (the first is the new one): per year, one model of
    every release that publishes it. Raises RevisionError when releases publish a cell with
    different values, unless `allow_revisions` (then each release of that year alone).
    With `areas` (e.g. `M905`, `ALL`, `P65100`), only the primary cells of those areas are
    attacked (every number still constrains them)."""
    wanted_areas = set(areas) if areas is not None else None
    labels: dict[tuple[FamilyType, ...], str] = {}
    loaded: list[_LoadedRelease] = []
    for release in releases:
        with duckdb.connect(str(release.publication), read_only=True) as connection:
            catalog = load_catalog(connection, schema)
        # The new release's catalogue keeps the plain type ids; a different one is renamed.
        label = labels.setdefault(catalog, "" if not labels else release.label)
        loaded.append(_load(release, schema, label, wanted_areas))
    all_years = sorted({year for item in loaded for year in item.models})
    wanted = set(years) if years is not None else set(all_years)
    merged_years: list[tuple[int, list[_LoadedRelease], YearModel]] = []
    revisions_found: list[Revision] = []
    for year in [y for y in all_years if y in wanted]:
        holders = [item for item in loaded if year in item.models]
        merged, revisions = merge([item.models[year] for item in holders])
        revisions_found.extend(_with_values(revision, holders) for revision in revisions)
        merged_years.append((year, holders, merged))
    if revisions_found and not allow_revisions:
        raise RevisionError(revisions_found)
    revised_years = {revision.year for revision in revisions_found}
    result = ReleasesAudit([], revisions=revisions_found)
    for year, holders, merged in merged_years:
        if year in revised_years:
            for item in holders:
                if item.models[year].primary:
                    result.intervals.extend(solve_intervals(item.models[year], min_cell_size))
            continue
        if len(holders) > 1:
            result.joint_years.append(year)
        catalogs = {labels[item.catalog]: item.catalog for item in holders}
        if len(catalogs) > 1:
            ranked_here = [labels[item.catalog] for item in holders if item.latest_year == year]
            refine_by_situation(merged, catalogs, ranked_here)
            result.situation_years.append(year)
        try:
            result.intervals.extend(solve_intervals(merged, min_cell_size))
        except AuditError as error:
            if len(holders) == 1:
                raise
            raise AuditError(
                f"year {year}: the releases' published numbers cannot describe one population ({error}); "
                "a revision among hidden cells?"
            ) from error
    return result


def _describe(key: Key) -> str:
    """A cell key as a reader would name it: kind, area and detail."""
    return " ".join(str(part) for part in (key[0], *key[2:]))


def _with_values(revision: Revision, holders: list[_LoadedRelease]) -> Revision:
    """The revision with each release's published value (and the cell's description)."""
    values = []
    for item in holders:
        model = item.models[revision.year]
        j = model.index.get(revision.cell)
        if j is not None and j in model.fixed:
            values.append((item.release.label, model.fixed[j]))
    return Revision(revision.year, revision.cell, tuple(values), revision.where)
