"""Linear relations between the wellbeing groups and the phenomena, derived from the rules.

Every family has one of the 2^11 combinations of the eleven phenomena, and the rules of
the seed `wellbeing_group_rules` put each combination in exactly one group. Enumerating
the combinations against the rules (never a hand-written list, so that a change of the
rules changes the relations) gives what anyone who knows the rules can infer from the
published counts of an area (publication.md, rule 4, "Wellbeing-group rules"):

- `phenomenon_reach`: for each phenomenon p, families with p <= the families of the groups
  that a combination with p falls into;
- `group_cover`: for each minimal set S of phenomena that every combination of some group
  has one of, the families of all the groups S covers so <= the sum over S of the families
  with each (the spec's per-group relations, each group's own, follow from it: it is
  stronger, e.g. G05 + G06 <= low_income + social_assistance);
- `phenomenon_count`: sum over g of (fewest phenomena in g) x g's families <= the sum over
  the eleven phenomena of the families with each <= sum over g of (most phenomena in g) x
  g's families.

Each relation is returned as a `GroupRuleRelation`: sum(coefficient x measure) <= 0 over
the measures of one area: the families with a phenomenon, `("families_with", phenomenon)`,
and the families of a group, `("group", group_id)` (disclosure_cells' columns measure and
indicator_id or group_id: disclosure_relations finds the cells by them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from lea.typology.wellbeing_groups import WellbeingGroupRule, wellbeing_group

# A measure of an area: (disclosure_cells.measure, the phenomenon or group it counts).
CellMeasure = tuple[str, str]
PHENOMENON_MEASURE = "families_with"
GROUP_MEASURE = "group"


@dataclass(frozen=True)
class GroupRuleRelation:
    """sum(coefficient x measure) <= 0 for one area; `terms` sorted by measure."""

    relation_key: str
    kind: str
    terms: tuple[tuple[CellMeasure, float], ...]


def phenomenon_measure(phenomenon: str) -> CellMeasure:
    return (PHENOMENON_MEASURE, phenomenon)


def group_measure(group_id: str) -> CellMeasure:
    return (GROUP_MEASURE, group_id)


def combination_groups(rules: Sequence[WellbeingGroupRule], phenomena: Sequence[str]) -> list[str]:
    """The group of each combination; combination k has phenomenon i when bit i of k is set."""
    groups = []
    for k in range(2 ** len(phenomena)):
        flags = {p: bool(k >> i & 1) for i, p in enumerate(phenomena)}
        groups.append(wellbeing_group(flags, rules))
    return groups


def _minimal_covers(members: np.ndarray, n_phenomena: int) -> list[int]:
    """Minimal sets S (bit masks) such that every combination in `members` meets S."""
    masks = np.arange(2**n_phenomena)
    covers = np.array([bool(np.all(members & s)) for s in masks]) if len(members) else np.zeros(0, bool)
    if not covers.any():
        return []
    minimal = []
    for found in np.flatnonzero(covers):
        s = int(found)
        if all(not covers[s & ~(1 << i)] for i in range(n_phenomena) if s >> i & 1):
            minimal.append(s)
    return minimal


def _agreeing(phenomena: Sequence[str], n_combinations: int, fixed: Mapping[str, bool]) -> np.ndarray:
    """Which combinations agree with the fixed phenomena (phenomenon -> present?)."""
    combinations = np.arange(n_combinations)
    agrees = np.ones(n_combinations, dtype=bool)
    for i, phenomenon in enumerate(phenomena):
        if phenomenon in fixed:
            agrees &= (combinations >> i & 1) == int(fixed[phenomenon])
    return agrees


def reachable_groups(
    rules: Sequence[WellbeingGroupRule], phenomena: Sequence[str], fixed: Mapping[str, bool]
) -> list[str]:
    """The groups that a combination agreeing with `fixed` falls into."""
    groups = np.array(combination_groups(rules, phenomena), dtype=object)
    return sorted(set(groups[_agreeing(phenomena, len(groups), fixed)]))


def group_rule_relations(
    rules: Sequence[WellbeingGroupRule],
    phenomena: Sequence[str],
    group_ids: Sequence[str],
    fixed: Mapping[str, bool] | None = None,
) -> list[GroupRuleRelation]:
    """Every relation of the three kinds above, in a fixed order, without trivial ones.
    With `fixed` (phenomenon -> present?), among the families whose combinations agree with
    it only (say the lone parents: single_parent always, lea.disclosure.structure_classes);
    a fixed phenomenon gets no relation of its own."""
    fixed = fixed or {}
    groups = np.array(combination_groups(rules, phenomena), dtype=object)
    agrees = _agreeing(phenomena, len(groups), fixed)
    groups, combinations = groups[agrees], np.arange(len(agrees))[agrees]
    counts = np.array([int(k).bit_count() for k in combinations])
    relations: list[GroupRuleRelation] = []

    for i, phenomenon in enumerate(phenomena):
        if phenomenon in fixed:
            continue
        reach = sorted(set(groups[(combinations >> i & 1) == 1]))
        if len(reach) < len(set(groups)):  # reaching every group says only N_p <= families
            terms = [(phenomenon_measure(phenomenon), 1.0)] + [(group_measure(g), -1.0) for g in reach]
            relations.append(GroupRuleRelation(f"reach|{phenomenon}", "phenomenon_reach", tuple(sorted(terms))))

    covers_of = {g: set(_minimal_covers(combinations[groups == g], len(phenomena))) for g in group_ids}
    for cover in sorted(set().union(*covers_of.values())):
        covered_groups = [
            g for g in group_ids if (groups == g).any() and bool(np.all(combinations[groups == g] & cover))
        ]
        covered = [p for i, p in enumerate(phenomena) if cover >> i & 1]
        terms = [(group_measure(g), 1.0) for g in covered_groups] + [(phenomenon_measure(p), -1.0) for p in covered]
        relations.append(GroupRuleRelation(f"cover|{'+'.join(covered)}", "group_cover", tuple(sorted(terms))))

    fewest = {g: int(counts[groups == g].min()) for g in group_ids if (groups == g).any()}
    most = {g: int(counts[groups == g].max()) for g in group_ids if (groups == g).any()}
    every_phenomenon = [(phenomenon_measure(p), 1.0) for p in phenomena]
    lower = [(group_measure(g), float(n)) for g, n in fewest.items() if n > 0]
    if lower:  # sum_g fewest_g x G_g - sum_p N_p <= 0
        relations.append(
            GroupRuleRelation(
                "count|fewest", "phenomenon_count", tuple(sorted(lower + [(m, -c) for m, c in every_phenomenon]))
            )
        )
    upper = [(group_measure(g), -float(n)) for g, n in most.items()]
    relations.append(
        GroupRuleRelation(  # sum_p N_p - sum_g most_g x G_g <= 0
            "count|most", "phenomenon_count", tuple(sorted(every_phenomenon + [(m, c) for m, c in upper if c != 0]))
        )
    )
    return relations
