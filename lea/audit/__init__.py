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

The package: `keys` (CellKey, Kind), `model` (YearModel, CellInterval), `rules` (the group
rules' enumeration), `build` (what is read from a build database), `tables` (one function
per published table and the relations between them: build_models), `solve` (the linear
programmes: solve_intervals, audit), `report` (the over-suppression report), `cli`
(`python -m lea.audit`).
"""

from lea.audit.build import MEASURE_KINDS, Residuals, load_primary_cells, load_residuals
from lea.audit.cli import main
from lea.audit.keys import CellKey, Key, Kind, Measure, area_id
from lea.audit.model import TOLERANCE, AuditError, CellInterval, YearModel
from lea.audit.report import SuppressionShare, format_suppression_report, suppression_report
from lea.audit.rules import RULES_SEED, GroupRule, group_rule_inequalities, load_group_rules
from lea.audit.solve import audit, failing_cells, solve_intervals
from lea.audit.tables import (
    CHILDREN_WEIGHTS,
    OLDER_AGE_BANDS,
    SINGLE_PARENT_STRUCTURES,
    STRUCTURES,
    THREE_TO_FIVE_DENOMINATOR,
    Conventions,
    TypeCatalog,
    build_models,
)

__all__ = [
    "CHILDREN_WEIGHTS",
    "MEASURE_KINDS",
    "OLDER_AGE_BANDS",
    "RULES_SEED",
    "SINGLE_PARENT_STRUCTURES",
    "STRUCTURES",
    "THREE_TO_FIVE_DENOMINATOR",
    "TOLERANCE",
    "AuditError",
    "CellInterval",
    "CellKey",
    "GroupRule",
    "Key",
    "Kind",
    "Measure",
    "Residuals",
    "Conventions",
    "SuppressionShare",
    "TypeCatalog",
    "YearModel",
    "area_id",
    "audit",
    "build_models",
    "failing_cells",
    "format_suppression_report",
    "group_rule_inequalities",
    "load_group_rules",
    "load_primary_cells",
    "load_residuals",
    "main",
    "solve_intervals",
    "suppression_report",
]
