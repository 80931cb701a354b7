"""The profiles of the population attacker: what one family counts in.

A profile is a situation (and through it a family type), a combination of the eleven
phenomena (and through it a wellbeing group) and whether the family has a child aged 3-5;
`profile_cells` lists the cells one family of a profile at a finest area counts in.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product

import duckdb
import numpy as np

from lea.audit import OLDER_AGE_BANDS, SINGLE_PARENT_STRUCTURES, AuditError, GroupRule, Key
from lea.audit_releases import SITUATIONS, FamilyType, assign_situation

# The phenomena whose meaning the profiles use (a lone parent's structure; a child aged
# 3-5); the others are read from the publication's indicator_catalog, as any reader can.
STRUCTURAL_PHENOMENA = ("single_parent", "no_ecec")
CHILDREN_WEIGHTS = {"1": 1.0, "2": 2.0, "3": 3.0, "4+": 4.0}
FREQUENT_MOVES_AT_LEAST = 2.0  # a frequent mover's youngest child moved at least twice
PROFILE_BREAKDOWNS = ("structure", "youngest_child_age", "children")  # position in a situation
BAND_CODES = (
    ("married_couple", "cohabiting_couple", "mother", "father"),
    ("0-2", "3-6", "7-12", "13-17"),
    ("1", "2", "3", "4+"),
)


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


def load_phenomena(connection: duckdb.DuckDBPyConnection, schema: str = "main") -> tuple[str, ...]:
    """The published indicators (the phenomena), in the catalogue's order."""
    try:
        rows = connection.execute(f"select indicator_id from {schema}.indicator_catalog order by sort_order").fetchall()
    except duckdb.Error as error:
        raise AuditError(f"the publication has no readable {schema}.indicator_catalog: {error}") from error
    phenomena = tuple(str(row[0]) for row in rows)
    missing = [name for name in STRUCTURAL_PHENOMENA if name not in phenomena]
    if missing:
        raise AuditError(f"{schema}.indicator_catalog lacks {missing}: the population attacker needs their meaning")
    return phenomena


def profile_space(catalog: tuple[FamilyType, ...], rules: list[GroupRule], phenomena: tuple[str, ...]) -> ProfileSpace:
    bits = np.array(list(product((0.0, 1.0), repeat=len(phenomena))))
    names = [frozenset(p for p, b in zip(phenomena, row, strict=True) if b) for row in bits]
    group_names = [group_of(rules, n) for n in names]
    groups = tuple(sorted(set(group_names) | {rule.group_id for rule in rules}))
    type_ids = tuple(t.type_id for t in sorted(catalog, key=lambda t: t.rank))
    return ProfileSpace(
        phenomena=phenomena,
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
