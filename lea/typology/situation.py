"""The situation of a family: four attributes, each a band code, in order of importance.

A family's situation (spec: families-and-indicators.md, "Family types") is its structure,
the age band of its youngest child, the number of its children under the age limit and
the age band of its youngest parent. The order of the attributes and the order of the
codes within each attribute are part of the definition: they break ties between equally
frequent situations and decide which type a family without a type of its own falls back
to. Both orders are the list orders of the spec, never alphabetical.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

STRUCTURES: tuple[str, ...] = ("married_couple", "cohabiting_couple", "mother", "father")
YOUNGEST_CHILD_AGE_BANDS: tuple[str, ...] = ("0-2", "3-6", "7-12", "13-17")
CHILDREN_BANDS: tuple[str, ...] = ("1", "2", "3", "4+")
YOUNGEST_PARENT_AGE_BANDS: tuple[str, ...] = ("<25", "25-34", "35-44", "45+")

# The four attributes in order of importance, as (column of a situation frame, codes).
SITUATION_ATTRIBUTES: tuple[str, ...] = (
    "structure",
    "youngest_child_age_band",
    "children_band",
    "youngest_parent_age_band",
)
ATTRIBUTE_CODES: dict[str, tuple[str, ...]] = {
    "structure": STRUCTURES,
    "youngest_child_age_band": YOUNGEST_CHILD_AGE_BANDS,
    "children_band": CHILDREN_BANDS,
    "youngest_parent_age_band": YOUNGEST_PARENT_AGE_BANDS,
}
# The attribute names of the seed `situation_attribute_labels` (no `_band` suffix).
LABEL_ATTRIBUTES: dict[str, str] = {
    "structure": "structure",
    "youngest_child_age_band": "youngest_child_age",
    "children_band": "children",
    "youngest_parent_age_band": "youngest_parent_age",
}

# Lower bounds of the bands; the top band of each is open (a youngest child aged 18 or
# over exists only when the var child_age_limit is raised and then falls in `13-17`).
_YOUNGEST_CHILD_AGE_LOWER: tuple[int, ...] = (0, 3, 7, 13)
_CHILDREN_LOWER: tuple[int, ...] = (1, 2, 3, 4)
_YOUNGEST_PARENT_AGE_LOWER: tuple[int, ...] = (0, 25, 35, 45)

# Inputs of int_family_phenomena that the situation is built from.
SITUATION_INPUTS: tuple[str, ...] = (
    "family_structure",
    "youngest_child_age",
    "n_children_under_age_limit",
    "youngest_parent_age",
)


class Situation(NamedTuple):
    """One family's situation as band codes, in the order of importance."""

    structure: str
    youngest_child_age_band: str
    children_band: str
    youngest_parent_age_band: str


def _band(value: int, lower_bounds: tuple[int, ...], codes: tuple[str, ...], what: str) -> str:
    if value < lower_bounds[0]:
        raise ValueError(f"{what} {value} is below the lowest band ({codes[0]})")
    position = int(np.searchsorted(lower_bounds, value, side="right")) - 1
    return codes[position]


def youngest_child_age_band(age: int) -> str:
    """`0-2`, `3-6`, `7-12` or `13-17` for the youngest child's age in whole years."""
    return _band(age, _YOUNGEST_CHILD_AGE_LOWER, YOUNGEST_CHILD_AGE_BANDS, "youngest_child_age")


def children_band(n_children: int) -> str:
    """`1`, `2`, `3` or `4+` for the number of children under the age limit."""
    return _band(n_children, _CHILDREN_LOWER, CHILDREN_BANDS, "n_children_under_age_limit")


def youngest_parent_age_band(age: int) -> str:
    """`<25`, `25-34`, `35-44` or `45+` for the youngest parent's age in whole years."""
    return _band(age, _YOUNGEST_PARENT_AGE_LOWER, YOUNGEST_PARENT_AGE_BANDS, "youngest_parent_age")


def situation(structure: str, youngest_child_age: int, n_children: int, youngest_parent_age: int) -> Situation:
    """The situation of one family."""
    if structure not in STRUCTURES:
        raise ValueError(f"unknown family structure {structure!r}; known: {', '.join(STRUCTURES)}")
    return Situation(
        structure,
        youngest_child_age_band(youngest_child_age),
        children_band(n_children),
        youngest_parent_age_band(youngest_parent_age),
    )


def _band_column(values: pd.Series, lower_bounds: tuple[int, ...], codes: tuple[str, ...], what: str) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce")
    bad = numbers.isna() | (numbers < lower_bounds[0])
    if bad.any():
        examples = ", ".join(repr(v) for v in values[bad].drop_duplicates().head(5).tolist())
        raise ValueError(
            f"{int(bad.sum())} families have no valid {what} (values {examples}); "
            f"every family with children needs one of at least {lower_bounds[0]}"
        )
    positions = np.searchsorted(np.asarray(lower_bounds), numbers.to_numpy(), side="right") - 1
    return pd.Series(np.asarray(codes, dtype=object)[positions], index=values.index, dtype=object)


def situations_of(families: pd.DataFrame) -> pd.DataFrame:
    """The situation of every family, vectorised.

    `families` has the columns of SITUATION_INPUTS (as in int_family_phenomena); the result
    has the four SITUATION_ATTRIBUTES columns as band codes, on the same index. A missing
    or impossible input (unknown structure, no age, no child) raises ValueError: every
    family with children must get exactly one situation.
    """
    missing = [c for c in SITUATION_INPUTS if c not in families.columns]
    if missing:
        raise ValueError(f"situation inputs missing from the families: {', '.join(missing)}")
    structure = families["family_structure"].astype(object)
    unknown = ~structure.isin(STRUCTURES)
    if unknown.any():
        examples = ", ".join(repr(v) for v in structure[unknown].drop_duplicates().head(5).tolist())
        raise ValueError(
            f"{int(unknown.sum())} families have an unknown family_structure ({examples}); "
            f"known: {', '.join(STRUCTURES)}"
        )
    return pd.DataFrame(
        {
            "structure": structure,
            "youngest_child_age_band": _band_column(
                families["youngest_child_age"],
                _YOUNGEST_CHILD_AGE_LOWER,
                YOUNGEST_CHILD_AGE_BANDS,
                "youngest_child_age",
            ),
            "children_band": _band_column(
                families["n_children_under_age_limit"],
                _CHILDREN_LOWER,
                CHILDREN_BANDS,
                "n_children_under_age_limit",
            ),
            "youngest_parent_age_band": _band_column(
                families["youngest_parent_age"],
                _YOUNGEST_PARENT_AGE_LOWER,
                YOUNGEST_PARENT_AGE_BANDS,
                "youngest_parent_age",
            ),
        },
        index=families.index,
    )


def attribute_positions(situations: pd.DataFrame) -> pd.DataFrame:
    """Each attribute's code as its position in the spec's list (0 = first, -1 = unknown)."""
    return pd.DataFrame(
        {
            attribute: pd.Index(codes).get_indexer(situations[attribute].astype(object))
            for attribute, codes in ATTRIBUTE_CODES.items()
        },
        index=situations.index,
    )


# Every attribute has four codes, so a situation is a number 0..255 in base 4, its digits
# the attributes' positions in order of importance. Sorting by this number is comparing
# attribute by attribute, each by its position in the spec's list; the first k digits
# (number // 4 ** (4 - k)) are the prefix of the first k attributes.
CODES_PER_ATTRIBUTE = 4
SITUATION_COUNT = CODES_PER_ATTRIBUTE ** len(SITUATION_ATTRIBUTES)


def situation_numbers(situations: pd.DataFrame) -> np.ndarray:
    """Each situation as its number 0..255 (see above); unknown codes raise ValueError."""
    positions = attribute_positions(situations)
    unknown = (positions < 0).any(axis=1)
    if unknown.any():
        example = situations[unknown].iloc[0].to_dict()
        raise ValueError(f"{int(unknown.sum())} situations have unknown codes, e.g. {example}")
    numbers = np.zeros(len(situations), dtype=np.int64)
    for attribute in SITUATION_ATTRIBUTES:
        numbers = numbers * CODES_PER_ATTRIBUTE + positions[attribute].to_numpy()
    return numbers


def situation_of_number(number: int) -> Situation:
    """The situation whose number is `number` (inverse of situation_numbers)."""
    digits = []
    for _ in SITUATION_ATTRIBUTES:
        number, digit = divmod(number, CODES_PER_ATTRIBUTE)
        digits.append(digit)
    codes = [ATTRIBUTE_CODES[a][d] for a, d in zip(SITUATION_ATTRIBUTES, reversed(digits), strict=True)]
    return Situation(*codes)
