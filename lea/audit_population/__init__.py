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

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from lea.audit import CellInterval, Key, load_group_rules, load_primary_cells, load_residuals
from lea.audit_population.column_generation import solve_population_intervals
from lea.audit_population.profiles import load_phenomena, profile_space
from lea.audit_population.publication import (
    add_ranking,
    add_residuals,
    choose_targets,
    pool_silent_areas,
    published_vars,
    read_publication,
)
from lea.audit_releases import load_catalog

__all__ = ["LEFT_OUT", "AuditScope", "PopulationAudit", "audit_population", "load_phenomena"]

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
        phenomena = load_phenomena(connection, schema)
    space = profile_space(catalog, load_group_rules(), phenomena)
    wanted = set(scope.years) if scope.years is not None else set(systems)
    result = PopulationAudit([], {})
    type_count = variables.get("family_type_count")
    for year in sorted(wanted & set(systems)):
        y = systems[year]
        if year == max(systems):
            add_ranking(y, catalog, int(type_count) if type_count is not None else None)
        if residuals is not None:
            add_residuals(y, residuals, space)
        choose_targets(y, space, primary)
        if areas is not None and primary is None:
            y.targets = {k: w for k, w in y.targets.items() if k[2] in areas}
            y.exempt &= set(y.targets)
        pool_silent_areas(y)
        intervals, stats = solve_population_intervals(y, space, min_cell_size)
        result.intervals.extend(intervals)
        result.stats[year] = stats
    return result
