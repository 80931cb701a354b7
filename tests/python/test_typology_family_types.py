"""Family types on hand-made families: ranking, tie-break, fallback, labels."""

from __future__ import annotations

import pandas as pd
import pytest
from typology_examples import families_frame, read_seed, situation_families

from lea.typology.family_types import (
    assign_family_types,
    label_family_types,
    rank_family_types,
)
from lea.typology.models import build_family_types
from lea.typology.situation import SITUATION_ATTRIBUTES, situations_of

MARRIED = ("married_couple", "0-2", "1", "25-34")


def situations(*rows: tuple[str, str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(SITUATION_ATTRIBUTES))


def ranked(counts: dict[tuple[str, str, str, str], int], type_count: int = 100) -> list[tuple]:
    rows = [s for s, n in counts.items() for _ in range(n)]
    types = rank_family_types(situations(*rows), type_count)
    return [
        (row.type_id, row.type_rank, tuple(getattr(row, a) for a in SITUATION_ATTRIBUTES), row.families_in_latest_year)
        for row in types.itertuples()
    ]


def test_types_are_ranked_by_count_descending() -> None:
    a = ("mother", "3-6", "1", "25-34")
    b = ("father", "7-12", "2", "35-44")
    c = ("married_couple", "0-2", "1", "25-34")
    assert ranked({a: 2, b: 5, c: 1}) == [
        ("T001", 1, b, 5),
        ("T002", 2, a, 2),
        ("T003", 3, c, 1),
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # structure: married_couple is listed before cohabiting_couple (alphabet: after)
        (("married_couple", "0-2", "1", "<25"), ("cohabiting_couple", "0-2", "1", "<25")),
        (("mother", "0-2", "1", "<25"), ("father", "0-2", "1", "<25")),
        # youngest child: 3-6 before 13-17 (alphabet: "13-17" < "3-6")
        (("mother", "3-6", "1", "<25"), ("mother", "13-17", "1", "<25")),
        # children: 3 before 4+
        (("father", "0-2", "3", "<25"), ("father", "0-2", "4+", "<25")),
        # youngest parent: <25 before 25-34 (alphabet: "25-34" < "<25")
        (("father", "0-2", "1", "<25"), ("father", "0-2", "1", "25-34")),
        # attribute by attribute: the structure decides before the later attributes
        (("married_couple", "13-17", "4+", "45+"), ("cohabiting_couple", "0-2", "1", "<25")),
        (("mother", "7-12", "4+", "45+"), ("mother", "13-17", "1", "<25")),
    ],
)
def test_ties_are_broken_by_position_in_the_spec_lists(first: tuple, second: tuple) -> None:
    for counts in ({second: 3, first: 3}, {first: 3, second: 3}):
        assert [t[2] for t in ranked(counts)] == [first, second]


def test_fewer_situations_than_the_type_count_are_all_types() -> None:
    counts = {MARRIED: 4, ("mother", "0-2", "1", "<25"): 1}
    assert [t[0] for t in ranked(counts)] == ["T001", "T002"]


def test_only_the_type_count_most_frequent_situations_are_types() -> None:
    counts = {
        ("mother", "0-2", "1", "<25"): 1,
        ("mother", "0-2", "2", "<25"): 2,
        ("mother", "0-2", "3", "<25"): 3,
        ("mother", "0-2", "4+", "<25"): 4,
    }
    assert [t[2][2] for t in ranked(counts, type_count=2)] == ["4+", "3"]


def test_type_count_must_be_a_positive_integer() -> None:
    with pytest.raises(ValueError, match="family_type_count must be a positive integer"):
        rank_family_types(situations(MARRIED), 0)


def test_no_situations_give_no_types_with_the_right_columns() -> None:
    types = rank_family_types(situations(), 100)
    assert types.empty
    assert list(types.columns) == ["type_id", "type_rank", *SITUATION_ATTRIBUTES, "families_in_latest_year"]


# Types for the assignment tests, by rank:
TYPES = rank_family_types(
    situations(
        *[("married_couple", "0-2", "1", "25-34")] * 9,  # T001
        *[("married_couple", "3-6", "2", "35-44")] * 8,  # T002
        *[("mother", "7-12", "1", "35-44")] * 7,  # T003
        *[("married_couple", "3-6", "2", "45+")] * 6,  # T004
        *[("married_couple", "3-6", "1", "<25")] * 5,  # T005
        *[("mother", "7-12", "2", "<25")] * 4,  # T006
        *[("mother", "0-2", "1", "<25")] * 3,  # T007
    )
)


@pytest.mark.parametrize(
    ("family_situation", "type_id", "match_length"),
    [
        # its situation is a type
        (("married_couple", "3-6", "2", "45+"), "T004", 4),
        # shares structure, child and children with T002 and T004: the lowest rank, T002
        (("married_couple", "3-6", "2", "<25"), "T002", 3),
        # shares structure and child with T002, T004, T005: T002
        (("married_couple", "3-6", "3", "<25"), "T002", 2),
        # a longer prefix beats a better rank: T005 (3 attributes) before T001/T002
        (("married_couple", "3-6", "1", "45+"), "T005", 3),
        # shares the structure only: the lowest-rank mother type, T003
        (("mother", "13-17", "1", "<25"), "T003", 1),
        # shares structure and child with T003 and T006: T003, though T006 also has its parent band
        (("mother", "7-12", "3", "<25"), "T003", 2),
        # no type has the structure: T001
        (("father", "0-2", "1", "25-34"), "T001", 0),
        (("cohabiting_couple", "3-6", "2", "45+"), "T001", 0),
    ],
)
def test_assignment_by_longest_prefix_then_lowest_rank(
    family_situation: tuple, type_id: str, match_length: int
) -> None:
    result = assign_family_types(situations(family_situation), TYPES)
    assert result.iloc[0].to_dict() == {"type_id": type_id, "type_match_length": match_length}


def test_assignment_keeps_the_index_and_order_of_the_families() -> None:
    frame = situations(
        ("father", "0-2", "1", "25-34"),
        ("mother", "0-2", "1", "<25"),
        ("married_couple", "0-2", "1", "25-34"),
    ).set_axis([7, 3, 5])
    result = assign_family_types(frame, TYPES)
    assert result.index.tolist() == [7, 3, 5]
    assert result["type_id"].tolist() == ["T001", "T007", "T001"]
    assert result["type_match_length"].tolist() == [0, 4, 4]


def test_families_without_any_type_are_an_error() -> None:
    with pytest.raises(ValueError, match="no family types"):
        assign_family_types(situations(MARRIED), TYPES.iloc[0:0])


def test_types_come_from_the_latest_year_only() -> None:
    latest = situation_families({("mother", "0-2", "1", "<25"): 2, MARRIED: 1}, 2021)
    earlier = situation_families({("father", "13-17", "4+", "45+"): 50}, 2020)
    types = build_family_types(families_frame(earlier + latest), read_seed("situation_attribute_labels"))
    assert types["structure"].tolist() == ["mother", "married_couple"]
    assert types["families_in_latest_year"].tolist() == [2, 1]


def test_labels_in_three_languages() -> None:
    types = situations(
        ("married_couple", "0-2", "2", "25-34"),
        ("father", "13-17", "4+", "<25"),
        ("cohabiting_couple", "3-6", "1", "45+"),
    )
    labels = label_family_types(types, read_seed("situation_attribute_labels"))
    assert labels.to_dict("records") == [
        {
            "label_fi": "Aviopari, nuorin lapsi 0–2-vuotias, 2 lasta, nuorin vanhempi 25–34-vuotias",
            "label_sv": "Gift par, yngsta barnet 0–2 år, 2 barn, yngsta föräldern 25–34 år",
            "label_en": "Married couple, youngest child 0–2, 2 children, youngest parent 25–34",
        },
        {
            "label_fi": "Isä ja lapset, nuorin lapsi 13–17-vuotias, 4 lasta tai enemmän, "
            "nuorin vanhempi alle 25-vuotias",
            "label_sv": "Far och barn, yngsta barnet 13–17 år, 4 barn eller fler, yngsta föräldern under 25 år",
            "label_en": "Father with children, youngest child 13–17, 4 or more children, youngest parent under 25",
        },
        {
            "label_fi": "Avopari, nuorin lapsi 3–6-vuotias, 1 lapsi, nuorin vanhempi vähintään 45-vuotias",
            "label_sv": "Sambopar, yngsta barnet 3–6 år, 1 barn, yngsta föräldern 45 år eller äldre",
            "label_en": "Cohabiting couple, youngest child 3–6, 1 child, youngest parent 45 or over",
        },
    ]


def test_a_code_without_a_label_is_an_error() -> None:
    labels = read_seed("situation_attribute_labels")
    labels = labels[labels["code"] != "35-44"]
    with pytest.raises(ValueError, match="youngest_parent_age '35-44' has no label_fi"):
        label_family_types(situations(MARRIED), labels)


def test_situations_of_the_example_families_match_their_bands() -> None:
    rows = situation_families({("father", "13-17", "4+", "45+"): 1})
    result = situations_of(families_frame(rows))
    assert tuple(result.iloc[0]) == ("father", "13-17", "4+", "45+")
