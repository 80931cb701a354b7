"""The situation of a family: band codes at every boundary, vectorised = one by one."""

from __future__ import annotations

import pandas as pd
import pytest

from lea.typology.situation import (
    Situation,
    attribute_positions,
    children_band,
    situation,
    situations_of,
    youngest_child_age_band,
    youngest_parent_age_band,
)


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (0, "0-2"),
        (2, "0-2"),
        (3, "3-6"),
        (6, "3-6"),
        (7, "7-12"),
        (12, "7-12"),
        (13, "13-17"),
        (17, "13-17"),
        (18, "13-17"),
    ],
)
def test_youngest_child_age_band(age: int, band: str) -> None:
    assert youngest_child_age_band(age) == band


@pytest.mark.parametrize(("n", "band"), [(1, "1"), (2, "2"), (3, "3"), (4, "4+"), (11, "4+")])
def test_children_band(n: int, band: str) -> None:
    assert children_band(n) == band


@pytest.mark.parametrize(
    ("age", "band"),
    [(16, "<25"), (24, "<25"), (25, "25-34"), (34, "25-34"), (35, "35-44"), (44, "35-44"), (45, "45+"), (70, "45+")],
)
def test_youngest_parent_age_band(age: int, band: str) -> None:
    assert youngest_parent_age_band(age) == band


def test_situation_of_one_family() -> None:
    assert situation("mother", 4, 2, 29) == Situation("mother", "3-6", "2", "25-34")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("grandparent", 4, 2, 29), "unknown family structure 'grandparent'"),
        (("mother", -1, 2, 29), "youngest_child_age -1"),
        (("mother", 4, 0, 29), "n_children_under_age_limit 0"),
    ],
)
def test_impossible_situation_is_an_error(args: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        situation(*args)


def test_situations_of_a_frame_keeps_the_index_and_bands_every_column() -> None:
    families = pd.DataFrame(
        {
            "family_structure": ["father", "cohabiting_couple"],
            "youngest_child_age": [17, 0],
            "n_children_under_age_limit": [4, 1],
            "youngest_parent_age": [45, 24],
        },
        index=[10, 20],
    )
    result = situations_of(families)
    assert result.index.tolist() == [10, 20]
    assert result.to_dict("records") == [
        {
            "structure": "father",
            "youngest_child_age_band": "13-17",
            "children_band": "4+",
            "youngest_parent_age_band": "45+",
        },
        {
            "structure": "cohabiting_couple",
            "youngest_child_age_band": "0-2",
            "children_band": "1",
            "youngest_parent_age_band": "<25",
        },
    ]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("family_structure", "aunt", "unknown family_structure"),
        ("youngest_child_age", None, "no valid youngest_child_age"),
        ("n_children_under_age_limit", 0, "no valid n_children_under_age_limit"),
        ("youngest_parent_age", None, "no valid youngest_parent_age"),
    ],
)
def test_situations_of_stops_on_a_family_without_a_situation(column: str, value: object, message: str) -> None:
    families = pd.DataFrame(
        {
            "family_structure": ["mother"],
            "youngest_child_age": [3],
            "n_children_under_age_limit": [1],
            "youngest_parent_age": [30],
        }
    )
    families[column] = pd.Series([value], dtype=object)
    with pytest.raises(ValueError, match=message):
        situations_of(families)


def test_attribute_positions_follow_the_spec_lists_not_the_alphabet() -> None:
    frame = pd.DataFrame(
        {
            "structure": ["married_couple", "cohabiting_couple", "father"],
            "youngest_child_age_band": ["3-6", "13-17", "0-2"],
            "children_band": ["4+", "1", "2"],
            "youngest_parent_age_band": ["<25", "25-34", "45+"],
        }
    )
    positions = attribute_positions(frame)
    assert positions["structure"].tolist() == [0, 1, 3]
    assert positions["youngest_child_age_band"].tolist() == [1, 3, 0]
    assert positions["children_band"].tolist() == [3, 0, 1]
    assert positions["youngest_parent_age_band"].tolist() == [0, 1, 3]
