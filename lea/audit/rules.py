"""The wellbeing-group rules as the attacker reads them (the rules are public), and what
they imply between an area's group counts and phenomenon counts: enumerated here,
independently of the engine's enumeration (lea.disclosure.group_rules)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from lea.audit.keys import Kind, Measure
from lea.audit.model import AuditError

RULES_SEED = Path(__file__).resolve().parents[2] / "seeds" / "catalogs" / "wellbeing_group_rules.csv"


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


def group_rule_inequalities(rules: list[GroupRule], indicators: list[str]) -> list[dict[Measure, float]]:
    """What the rules imply between an area's group counts G and phenomenon counts N, each
    as {("N", p) or ("G", g): coefficient} with sum <= 0, by going through every
    combination of phenomena (publication.md rule 4, "Wellbeing-group rules"):
    N_p <= the groups a family with p can be in; for any minimal set S of phenomena that
    every family of a group has one of, the groups S so covers <= sum of N over S; and the
    phenomena per family each group allows bound the sum of all N."""
    members = _group_members(rules, indicators)
    groups = sorted(members)
    rows: list[dict[Measure, float]] = []
    for p in sorted(indicators):
        reach = sorted({g for g, families in members.items() if any(p in f for f in families)})
        if len(reach) < len(groups):
            rows.append({(Kind.NUMERATOR, p): 1.0, **{(Kind.GROUP, g): -1.0 for g in reach}})
    covers: set[frozenset[str]] = set()
    for g in groups:
        covers.update(_minimal_covers(members[g], indicators))
    for cover in sorted(covers, key=sorted):
        covered_groups = [g for g in groups if all(f & cover for f in members[g])]
        rows.append(
            {**{(Kind.GROUP, g): 1.0 for g in covered_groups}, **{(Kind.NUMERATOR, p): -1.0 for p in sorted(cover)}}
        )
    fewest = {g: min(len(f) for f in members[g]) for g in groups}
    most = {g: max(len(f) for f in members[g]) for g in groups}
    rows.append(
        {**{(Kind.GROUP, g): float(fewest[g]) for g in groups}, **{(Kind.NUMERATOR, p): -1.0 for p in indicators}}
    )
    rows.append(
        {**{(Kind.GROUP, g): -float(most[g]) for g in groups}, **{(Kind.NUMERATOR, p): 1.0 for p in indicators}}
    )
    return rows


def _group_members(rules: list[GroupRule], indicators: list[str]) -> dict[str, list[frozenset[str]]]:
    """Every combination of phenomena, under the group whose rule takes it first."""

    def group_of(phenomena: frozenset[str]) -> str:
        for rule in rules:
            if rule.matches(phenomena):
                return rule.group_id
        raise AuditError(f"no wellbeing-group rule matches {sorted(phenomena)}")

    every = [frozenset(c) for n in range(len(indicators) + 1) for c in combinations(sorted(indicators), n)]
    members: dict[str, list[frozenset[str]]] = defaultdict(list)
    for phenomena in every:
        members[group_of(phenomena)].append(phenomena)
    return members


def _minimal_covers(families: list[frozenset[str]], indicators: list[str]) -> list[frozenset[str]]:
    """The minimal sets of phenomena that every one of `families` has one of."""
    found: list[frozenset[str]] = []
    for size in range(1, len(indicators) + 1):
        for candidate in map(frozenset, combinations(sorted(indicators), size)):
            if any(cover <= candidate for cover in found):
                continue
            if all(f & candidate for f in families):
                found.append(candidate)
    return found
