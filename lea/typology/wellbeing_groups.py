"""Wellbeing groups: the first rule, in priority order, that a family matches.

The rules are data (seed `wellbeing_group_rules`) so that experts can change the groups
without touching code. A rule matches a family when all of its `requires_all` phenomena
are true, at least one of its `requires_any` phenomena is true (when any are listed),
and the family has at least `min_phenomena` of the eleven phenomena. The rules are
validated before use; a bad rule raises WellbeingGroupRuleError naming the rule.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lea.typology.phenomena import PHENOMENON_IDS, phenomenon_flags

RULE_COLUMNS: tuple[str, ...] = (
    "priority",
    "group_id",
    "requires_all",
    "requires_any",
    "min_phenomena",
)


class WellbeingGroupRuleError(ValueError):
    """The rules of the wellbeing groups cannot be used; the message says why."""


@dataclass(frozen=True)
class WellbeingGroupRule:
    priority: int
    group_id: str
    requires_all: tuple[str, ...] = ()
    requires_any: tuple[str, ...] = ()
    min_phenomena: int = 0

    @property
    def is_catch_all(self) -> bool:
        """True when every family matches the rule."""
        return not self.requires_all and not self.requires_any and self.min_phenomena == 0

    def describe(self) -> str:
        return f"rule with priority {self.priority} (group {self.group_id})"

    def matches(self, flags: Mapping[str, bool]) -> bool:
        """Does one family, given its eleven phenomena, match the rule?"""
        return (
            all(flags[p] for p in self.requires_all)
            and (not self.requires_any or any(flags[p] for p in self.requires_any))
            and sum(bool(flags[p]) for p in PHENOMENON_IDS) >= self.min_phenomena
        )


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _phenomenon_list(value: object) -> tuple[str, ...]:
    """Phenomenon ids separated by spaces; empty or NULL is none."""
    if _is_missing(value):
        return ()
    return tuple(str(value).split())


def _whole_number(value: object) -> int | None:
    """The value as an int when it is a whole number (1, 1.0, "1"), else None."""
    if isinstance(value, bool) or _is_missing(value):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return int(float(value)) if float(value).is_integer() else None
    text = str(value).strip()
    if text.lstrip("+-").isdigit():
        return int(text)
    return None


def parse_wellbeing_group_rules(
    rows: Iterable[Mapping[str, object]] | pd.DataFrame,
    group_ids: Collection[str],
    phenomenon_ids: Collection[str] = PHENOMENON_IDS,
) -> tuple[WellbeingGroupRule, ...]:
    """Validated rules in priority order, from rows with the RULE_COLUMNS.

    Raises WellbeingGroupRuleError listing every problem, each naming its rule: a missing
    or non-integer priority, a duplicate priority, a missing group or one not in
    `group_ids` (the group catalogue), an unknown phenomenon, a missing, non-integer,
    negative or unreachable (over eleven) `min_phenomena`, no catch-all rule (no
    requirements and `min_phenomena` 0), or a catch-all that is not the last rule.
    """
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else list(rows)
    problems: list[str] = []
    rules: list[WellbeingGroupRule] = []
    for position, record in enumerate(records, start=1):
        rule, rule_problems = _parse_rule(position, record, set(group_ids), phenomenon_ids)
        problems += rule_problems
        if rule is not None:
            rules.append(rule)
    ordered = sorted(rules, key=lambda rule: rule.priority)
    problems += _duplicate_priorities(rules)
    problems += _catch_all_problems(ordered, bool(problems))
    if problems:
        raise WellbeingGroupRuleError("wellbeing_group_rules is invalid:\n  - " + "\n  - ".join(problems))
    return tuple(ordered)


def _parse_rule(
    position: int, record: Mapping[str, object], known_groups: set[str], phenomenon_ids: Collection[str]
) -> tuple[WellbeingGroupRule | None, list[str]]:
    """One row as a rule (None when it cannot be one), and its problems."""
    missing_columns = [c for c in RULE_COLUMNS if c not in record]
    if missing_columns:
        raise WellbeingGroupRuleError(f"wellbeing_group_rules: missing column(s) {', '.join(missing_columns)}")
    raw_priority = record["priority"]
    priority = _whole_number(raw_priority)
    group_id = "" if _is_missing(record["group_id"]) else str(record["group_id"]).strip()
    name = (
        f"rule with priority {priority} (group {group_id or 'missing'})"
        if priority is not None
        else f"rule in row {position} (group {group_id or 'missing'})"
    )
    problems: list[str] = []
    if priority is None:
        problems.append(f"{name}: priority {raw_priority!r} is not an integer")
    if not group_id:
        problems.append(f"{name}: group_id is missing")
    elif group_id not in known_groups:
        problems.append(
            f"{name}: unknown group {group_id!r}, not in wellbeing_group_catalog ({', '.join(sorted(known_groups))})"
        )
    requires_all = _phenomenon_list(record["requires_all"])
    requires_any = _phenomenon_list(record["requires_any"])
    problems += [
        f"{name}: unknown phenomenon {phenomenon!r} in {column}; known phenomena: {', '.join(phenomenon_ids)}"
        for column, listed in (("requires_all", requires_all), ("requires_any", requires_any))
        for phenomenon in listed
        if phenomenon not in set(phenomenon_ids)
    ]
    min_phenomena, min_problem = _min_phenomena(name, record["min_phenomena"], len(set(phenomenon_ids)))
    problems += min_problem
    if priority is None or not group_id or min_phenomena is None:
        return None, problems
    return WellbeingGroupRule(priority, group_id, requires_all, requires_any, min_phenomena), problems


def _min_phenomena(name: str, raw: object, n_phenomena: int) -> tuple[int | None, list[str]]:
    """`min_phenomena` as a whole number (None when it is none), and its problems."""
    value = _whole_number(raw)
    if value is None:
        return None, [f"{name}: min_phenomena {raw!r} is not a whole number"]
    if value < 0:
        return value, [f"{name}: min_phenomena {value} is negative"]
    if value > n_phenomena:
        return value, [
            f"{name}: min_phenomena {value} exceeds the {n_phenomena} phenomena, so the rule can never match"
        ]
    return value, []


def _duplicate_priorities(rules: list[WellbeingGroupRule]) -> list[str]:
    by_priority: dict[int, list[str]] = {}
    for rule in rules:
        by_priority.setdefault(rule.priority, []).append(rule.group_id)
    return [
        f"rules with priority {priority} (groups {', '.join(groups)}): duplicate priority; every rule needs its own"
        for priority, groups in sorted(by_priority.items())
        if len(groups) > 1
    ]


def _catch_all_problems(ordered: list[WellbeingGroupRule], has_problems: bool) -> list[str]:
    """A catch-all rule must exist (unless other problems hide why) and be the last."""
    catch_alls = [rule for rule in ordered if rule.is_catch_all]
    problems = []
    if not catch_alls and not has_problems:
        problems.append(
            "no catch-all rule: the rule with the last priority must have no requires_all, "
            "no requires_any and min_phenomena 0, so that every family gets a group"
        )
    problems += [
        f"{rule.describe()}: a catch-all rule (no requirements, min_phenomena 0) that is not the last; "
        "the rules after it could never match"
        for rule in catch_alls
        if rule is not ordered[-1]
    ]
    return problems


def wellbeing_group(flags: Mapping[str, bool], rules: Iterable[WellbeingGroupRule]) -> str:
    """The group of one family: the first matching rule's (rules in priority order)."""
    for rule in rules:
        if rule.matches(flags):
            return rule.group_id
    raise WellbeingGroupRuleError("no rule matches the family; the rules lack a catch-all")


def assign_wellbeing_groups(families: pd.DataFrame, rules: Iterable[WellbeingGroupRule]) -> pd.Series:
    """The group id of every family (same index), vectorised over families.

    `families` has the eleven phenomenon columns (NULL counts as false); `rules` are
    validated and in priority order (parse_wellbeing_group_rules).
    """
    flags = phenomenon_flags(families)
    n_phenomena = flags.sum(axis=1).to_numpy()
    conditions: list[np.ndarray] = []
    choices: list[str] = []
    for rule in rules:
        matched = n_phenomena >= rule.min_phenomena
        for phenomenon in rule.requires_all:
            matched = matched & flags[phenomenon].to_numpy()
        if rule.requires_any:
            matched = matched & flags[list(rule.requires_any)].any(axis=1).to_numpy()
        conditions.append(np.asarray(matched, dtype=bool))
        choices.append(rule.group_id)
    if not conditions:
        raise WellbeingGroupRuleError("no wellbeing group rules")
    groups = np.full(len(families), None, dtype=object)
    # Later rules first, so that the first matching rule's group is written last.
    for condition, group_id in zip(reversed(conditions), reversed(choices), strict=True):
        groups[condition] = group_id
    unmatched = pd.isna(groups)
    if unmatched.any():
        raise WellbeingGroupRuleError(f"{int(unmatched.sum())} families match no rule; the rules lack a catch-all")
    return pd.Series(groups, index=families.index, dtype=object)
