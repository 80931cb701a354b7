"""Wellbeing groups: the seed is the spec's table, every rule hit and just missed, validation."""

from __future__ import annotations

import pandas as pd
import pytest
from typology_examples import families_frame, family, read_seed

from lea.typology.phenomena import PHENOMENON_IDS
from lea.typology.wellbeing_groups import (
    WellbeingGroupRule,
    WellbeingGroupRuleError,
    assign_wellbeing_groups,
    parse_wellbeing_group_rules,
    wellbeing_group,
)

GROUP_IDS = [f"G{n:02d}" for n in range(1, 11)]
SEED_RULES = parse_wellbeing_group_rules(read_seed("wellbeing_group_rules"), GROUP_IDS)

# The table of families-and-indicators.md, "Wellbeing groups", exactly.
SPEC_TABLE = (
    WellbeingGroupRule(1, "G10", (), (), 4),
    WellbeingGroupRule(2, "G10", ("child_welfare",), ("parental_mental_health", "parental_substance_use"), 0),
    WellbeingGroupRule(3, "G09", ("child_welfare",), (), 0),
    WellbeingGroupRule(4, "G08", (), ("parental_mental_health", "parental_substance_use"), 0),
    WellbeingGroupRule(5, "G07", ("child_mental_health",), (), 0),
    WellbeingGroupRule(6, "G06", ("parental_unemployment",), ("low_income", "social_assistance"), 0),
    WellbeingGroupRule(7, "G05", (), ("low_income", "social_assistance"), 0),
    WellbeingGroupRule(8, "G04", (), ("parental_unemployment", "low_parental_education"), 0),
    WellbeingGroupRule(9, "G03", ("single_parent",), (), 0),
    WellbeingGroupRule(10, "G02", (), ("frequent_moves", "no_ecec"), 0),
    WellbeingGroupRule(11, "G01", (), (), 0),
)


def test_the_seed_is_the_table_of_the_spec() -> None:
    assert SEED_RULES == SPEC_TABLE


# (rule priority, true phenomena of a family that hits it, of one that just misses it,
#  the group the missing family gets instead)
HIT_AND_MISS = [
    (
        1,
        {"low_income", "low_parental_education", "single_parent", "frequent_moves"},
        {"low_income", "low_parental_education", "single_parent"},
        "G05",
    ),
    (2, {"child_welfare", "parental_substance_use"}, {"child_welfare", "child_mental_health"}, "G09"),
    (3, {"child_welfare"}, {"child_mental_health"}, "G07"),
    (4, {"parental_mental_health"}, {"child_mental_health", "no_ecec"}, "G07"),
    (5, {"child_mental_health", "single_parent"}, {"single_parent", "parental_unemployment"}, "G04"),
    (6, {"parental_unemployment", "social_assistance"}, {"parental_unemployment", "single_parent"}, "G04"),
    (7, {"low_income"}, {"low_parental_education"}, "G04"),
    (8, {"parental_unemployment"}, {"single_parent"}, "G03"),
    (9, {"single_parent", "no_ecec"}, {"no_ecec"}, "G02"),
    (10, {"frequent_moves"}, set(), "G01"),
]


@pytest.mark.parametrize(("priority", "hit", "miss", "miss_group"), HIT_AND_MISS)
def test_every_rule_with_a_family_that_hits_it_and_one_that_just_misses_it(
    priority: int, hit: set[str], miss: set[str], miss_group: str
) -> None:
    rule = SPEC_TABLE[priority - 1]
    hit_flags = {p: p in hit for p in PHENOMENON_IDS}
    miss_flags = {p: p in miss for p in PHENOMENON_IDS}
    assert rule.matches(hit_flags)
    assert not rule.matches(miss_flags)
    assert wellbeing_group(hit_flags, SEED_RULES) == rule.group_id
    assert wellbeing_group(miss_flags, SEED_RULES) == miss_group
    frame = families_frame([family("hit", phenomena=hit), family("miss", phenomena=miss)])
    assert assign_wellbeing_groups(frame, SEED_RULES).tolist() == [rule.group_id, miss_group]


def test_the_catch_all_takes_families_with_no_phenomenon() -> None:
    frame = families_frame([family("none")])
    assert assign_wellbeing_groups(frame, SEED_RULES).tolist() == ["G01"]


def test_four_phenomena_of_any_kind_make_multiple_challenges() -> None:
    frame = families_frame([family("four", phenomena={"frequent_moves", "no_ecec", "single_parent", "low_income"})])
    assert assign_wellbeing_groups(frame, SEED_RULES).tolist() == ["G10"]


def test_a_null_phenomenon_counts_as_false() -> None:
    frame = families_frame(
        [family("no-child-3-5", phenomena={"frequent_moves", "single_parent", "low_income"}, no_ecec=None)]
    )
    assert assign_wellbeing_groups(frame, SEED_RULES).tolist() == ["G05"]


def test_groups_keep_the_index_of_the_families() -> None:
    frame = families_frame([family("a", phenomena={"child_welfare"}), family("b")]).set_axis([5, 2])
    groups = assign_wellbeing_groups(frame, SEED_RULES)
    assert groups.to_dict() == {5: "G09", 2: "G01"}


def test_a_missing_phenomenon_column_is_an_error() -> None:
    frame = families_frame([family("a")]).drop(columns=["no_ecec"])
    with pytest.raises(ValueError, match="phenomena missing from the families: no_ecec"):
        assign_wellbeing_groups(frame, SEED_RULES)


def rules_with(**changes: dict[str, object]) -> pd.DataFrame:
    """The seed's rules with rows changed, keyed by the priority as text (`p4`)."""
    rules = read_seed("wellbeing_group_rules")
    for key, values in changes.items():
        row = rules.index[rules["priority"] == key.removeprefix("p")][0]
        for column, value in values.items():
            rules.loc[row, column] = value
    return rules


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (
            rules_with(p4={"requires_any": "parental_mental_health parental_drinking"}),
            r"rule with priority 4 \(group G08\): unknown phenomenon 'parental_drinking' in requires_any",
        ),
        (
            rules_with(p5={"requires_all": "child_mental_helth"}),
            r"rule with priority 5 \(group G07\): unknown phenomenon 'child_mental_helth' in requires_all",
        ),
        (rules_with(p3={"priority": "2"}), r"rules with priority 2 \(groups G10, G09\): duplicate priority"),
        (
            rules_with(p9={"group_id": "G11"}),
            r"rule with priority 9 \(group G11\): unknown group 'G11', not in wellbeing_group_catalog",
        ),
        (rules_with(p9={"group_id": ""}), r"rule with priority 9 \(group missing\): group_id is missing"),
        (rules_with(p11={"min_phenomena": "1"}), r"no catch-all rule"),
        (
            rules_with(p10={"requires_any": ""}),
            r"rule with priority 10 \(group G02\): a catch-all rule .* that is not the last",
        ),
        (
            rules_with(p1={"min_phenomena": "1.5"}),
            r"rule with priority 1 \(group G10\): min_phenomena '1.5' is not a whole number",
        ),
        (
            rules_with(p1={"min_phenomena": "four"}),
            r"rule with priority 1 \(group G10\): min_phenomena 'four' is not a whole number",
        ),
        (
            rules_with(p1={"min_phenomena": ""}),
            r"rule with priority 1 \(group G10\): min_phenomena '' is not a whole number",
        ),
        (rules_with(p1={"min_phenomena": "-1"}), r"rule with priority 1 \(group G10\): min_phenomena -1 is negative"),
        (
            rules_with(p1={"min_phenomena": "12"}),
            r"rule with priority 1 \(group G10\): min_phenomena 12 exceeds the 11 phenomena",
        ),
        (rules_with(p7={"priority": "seven"}), r"rule in row 7 \(group G05\): priority 'seven' is not an integer"),
    ],
)
def test_a_bad_rule_is_an_error_naming_the_rule_and_the_problem(rules: pd.DataFrame, message: str) -> None:
    with pytest.raises(WellbeingGroupRuleError, match=message):
        parse_wellbeing_group_rules(rules, GROUP_IDS)


def test_every_problem_is_reported_at_once() -> None:
    rules = rules_with(p4={"requires_any": "x"}, p5={"group_id": "G99"})
    with pytest.raises(WellbeingGroupRuleError) as error:
        parse_wellbeing_group_rules(rules, GROUP_IDS)
    assert "priority 4" in str(error.value) and "priority 5" in str(error.value)


def test_no_rules_at_all_is_an_error() -> None:
    with pytest.raises(WellbeingGroupRuleError, match="no catch-all rule"):
        parse_wellbeing_group_rules(read_seed("wellbeing_group_rules").iloc[0:0], GROUP_IDS)


def test_typed_values_from_the_database_are_accepted() -> None:
    """dbt loads the seed with integer columns and NULL for empty fields."""
    records = [
        {"priority": 2, "group_id": "G01", "requires_all": None, "requires_any": None, "min_phenomena": 0},
        {"priority": 1, "group_id": "G10", "requires_all": float("nan"), "requires_any": None, "min_phenomena": 4.0},
    ]
    assert parse_wellbeing_group_rules(records, GROUP_IDS) == (
        WellbeingGroupRule(1, "G10", (), (), 4),
        WellbeingGroupRule(2, "G01", (), (), 0),
    )


def test_rules_are_used_in_priority_order_whatever_the_row_order() -> None:
    shuffled = read_seed("wellbeing_group_rules").iloc[::-1]
    assert parse_wellbeing_group_rules(shuffled, GROUP_IDS) == SPEC_TABLE
