"""The wellbeing-group rules as relations (lea.disclosure.group_rules), enumerated from the
rules seed, and the audit's own enumeration (lea.audit) of the same rules."""

from __future__ import annotations

import csv

import pandas as pd
import pytest
from lea_test_support import PROJECT_DIR

from lea.audit import GroupRule, group_rule_inequalities, load_group_rules
from lea.disclosure.group_rules import group_rule_relations, reachable_groups
from lea.typology.phenomena import PHENOMENON_IDS
from lea.typology.wellbeing_groups import parse_wellbeing_group_rules

RULES = PROJECT_DIR / "seeds" / "catalogs" / "wellbeing_group_rules.csv"
GROUPS = [f"G{n:02d}" for n in range(1, 11)]


Term = tuple[tuple[str, str], float]


def engine_relations(rows: list[dict[str, str]]) -> set[frozenset[Term]]:
    rules = parse_wellbeing_group_rules(pd.DataFrame(rows), GROUPS, PHENOMENON_IDS)
    return {frozenset(r.terms) for r in group_rule_relations(rules, PHENOMENON_IDS, GROUPS)}


def seed_rows() -> list[dict[str, str]]:
    with open(RULES, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def measure(kind: str, key: str) -> tuple[str, str]:
    """N / G (the audit's kinds) as the measure of disclosure_cells with its phenomenon or group."""
    return ("families_with" if kind == "N" else "group", key)


def terms(**coefficients: float) -> frozenset[Term]:
    """N_<phenomenon> / G_<group> keyword names as measures."""
    out = []
    for name, c in coefficients.items():
        kind, _, key = name.partition("_")
        out.append((measure(kind, key), float(c)))
    return frozenset(out)


def test_the_default_rules_give_the_relations_of_the_spec() -> None:
    relations = engine_relations(seed_rows())
    # Every G09 family has child welfare; every child-welfare family is in G09 or G10.
    assert terms(G_G09=1, N_child_welfare=-1) in relations
    assert terms(N_child_welfare=1, G_G09=-1, G_G10=-1) in relations
    # G06 needs unemployment and low income or social assistance: two covers; every G05
    # family has one of the latter too, so G05 and G06 share that relation.
    assert terms(G_G06=1, N_parental_unemployment=-1) in relations
    assert terms(G_G05=1, G_G06=1, N_low_income=-1, N_social_assistance=-1) in relations
    assert terms(G_G04=1, G_G06=1, N_parental_unemployment=-1, N_low_parental_education=-1) in relations
    # Phenomena per family: G01 has none, G10 up to all eleven, the others at most three
    # (G02 at most two: frequent_moves and no_ecec), at least one outside G01 (two in G06, G10).
    most = {m: c for m, c in next(r for r in relations if (("group", "G10"), -11.0) in r)}
    assert most[("group", "G03")] == -3.0 and most[("group", "G02")] == -2.0 and ("group", "G01") not in most
    assert all(most[("families_with", p)] == 1.0 for p in PHENOMENON_IDS)
    fewest = {m: c for m, c in next(r for r in relations if (("group", "G06"), 2.0) in r)}
    assert fewest[("group", "G05")] == 1.0 and fewest[("group", "G10")] == 2.0 and ("group", "G01") not in fewest
    # No relation mentions the catch-all group's families as bounded by phenomena.
    assert not any((("group", "G01"), 1.0) in r for r in relations)


def test_a_changed_rule_changes_the_relations() -> None:
    rows = seed_rows()
    for row in rows:
        if row["group_id"] == "G09":
            row["requires_all"] = "social_assistance"  # an expert moves G09 to another phenomenon
    relations = engine_relations(rows)
    assert terms(G_G09=1, N_social_assistance=-1) in relations
    assert terms(G_G09=1, N_child_welfare=-1) not in relations


@pytest.mark.parametrize("change", ["default", "g09_on_assistance", "g10_from_three"])
def test_the_audit_enumerates_the_same_relations_independently(change: str) -> None:
    rows = seed_rows()
    if change == "g09_on_assistance":
        next(r for r in rows if r["group_id"] == "G09")["requires_all"] = "social_assistance"
    if change == "g10_from_three":
        next(r for r in rows if r["priority"] == "1")["min_phenomena"] = "3"
    audit_rules = [
        GroupRule(
            int(r["priority"]),
            r["group_id"],
            frozenset(r["requires_all"].split()),
            frozenset(r["requires_any"].split()),
            int(r["min_phenomena"]),
        )
        for r in rows
    ]
    audit_rules.sort(key=lambda rule: rule.priority)
    from_audit = {
        frozenset((measure(kind, name), c) for (kind, name), c in row.items())
        for row in group_rule_inequalities(audit_rules, list(PHENOMENON_IDS))
    }
    # The audit also writes the trivial count bound of the catch-all group with 0 phenomena.
    from_audit = {frozenset((m, c) for m, c in r if c != 0.0) for r in from_audit}
    assert from_audit == engine_relations(rows)


def test_the_audit_reads_the_rules_seed() -> None:
    rules = load_group_rules(RULES)
    assert [r.group_id for r in rules][:3] == ["G10", "G10", "G09"]
    assert rules[-1].group_id == "G01" and not rules[-1].requires_all and rules[-1].min_phenomena == 0


def test_within_one_structure_class_the_rules_reach_fewer_groups() -> None:
    """With single_parent fixed (lea.disclosure.structure_classes): a lone parent is never in
    G01 or G02 (G03 comes first), a couple never in G03; the fixed phenomenon gets no
    relation of its own; and the lone parents' count relation says that every lone parent
    has at least one phenomenon (single_parent itself)."""
    rules = parse_wellbeing_group_rules(pd.DataFrame(seed_rows()), GROUPS, PHENOMENON_IDS)

    def named_groups(relations) -> set[str]:
        return {of for r in relations for (kind, of), _ in r.terms if kind == "group"}

    lone = group_rule_relations(rules, PHENOMENON_IDS, GROUPS, {"single_parent": True})
    couples = group_rule_relations(rules, PHENOMENON_IDS, GROUPS, {"single_parent": False})
    assert reachable_groups(rules, PHENOMENON_IDS, {"single_parent": True}) == GROUPS[2:]
    assert reachable_groups(rules, PHENOMENON_IDS, {"single_parent": False}) == GROUPS[:2] + GROUPS[3:]
    assert named_groups(lone) == set(GROUPS[2:])
    assert named_groups(couples) == set(GROUPS[1:2] + GROUPS[3:])  # G01 is in none: no phenomenon
    assert not [r for r in lone + couples if r.relation_key == "reach|single_parent"]
    fewest = {r.relation_key: dict(r.terms) for r in lone}["count|fewest"]
    assert fewest[("group", "G03")] == 1.0 and fewest[("families_with", "single_parent")] == -1.0
    # A couple with child_mental_health is in G07-G10, never in G01 or G02.
    reach = {r.relation_key: dict(r.terms) for r in couples}["reach|child_mental_health"]
    assert {of for (kind, of) in reach if kind == "group"} == {"G07", "G08", "G09", "G10"}
