"""Family types: the most frequent situations of the latest year, and who gets which.

Spec (families-and-indicators.md, "Family types" and "Decisions on edge cases"):

- the types are the `type_count` (default 100) most frequent full situations among the
  families of the latest statistical year, ranked by count descending, ties by the
  attribute values attribute by attribute, each value by its position in the spec's
  list; ids `T001`, `T002`, ... follow the rank; with fewer situations, every situation
  is a type;
- a family whose situation is a type gets it; otherwise the type agreeing with it on
  the longest prefix of the attributes, the lowest rank among those; a family sharing
  not even its structure with any type gets `T001`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from lea.typology.situation import (
    ATTRIBUTE_CODES,
    CODES_PER_ATTRIBUTE,
    LABEL_ATTRIBUTES,
    SITUATION_ATTRIBUTES,
    SITUATION_COUNT,
    situation_numbers,
    situation_of_number,
)

DEFAULT_TYPE_COUNT = 100
LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
FAMILY_TYPE_COLUMNS: tuple[str, ...] = (
    "type_id",
    "type_rank",
    *SITUATION_ATTRIBUTES,
    "families_in_latest_year",
)


def type_id(rank: int) -> str:
    """`T001` for rank 1; at least three digits."""
    return f"T{rank:03d}"


def rank_family_types(latest_year_situations: pd.DataFrame, type_count: int = DEFAULT_TYPE_COUNT) -> pd.DataFrame:
    """The family types from the situations of the latest year's families (one row each).

    Returns one row per type with FAMILY_TYPE_COLUMNS, ordered by rank: exactly
    min(type_count, number of distinct situations) rows.
    """
    if isinstance(type_count, bool) or int(type_count) != type_count or type_count < 1:
        raise ValueError(f"family_type_count must be a positive integer, not {type_count!r}")
    counts = np.bincount(situation_numbers(latest_year_situations), minlength=SITUATION_COUNT)
    present = np.flatnonzero(counts)
    # By count descending, then by the situation number, i.e. attribute by attribute.
    ranked = present[np.lexsort((present, -counts[present]))][: int(type_count)]
    types = pd.DataFrame(
        [situation_of_number(int(number)) for number in ranked],
        columns=list(SITUATION_ATTRIBUTES),
        dtype=object,
    )
    ranks = np.arange(1, len(ranked) + 1, dtype=np.int64)
    types["type_id"] = pd.Series([type_id(int(rank)) for rank in ranks], dtype=object)
    types["type_rank"] = ranks
    types["families_in_latest_year"] = counts[ranked].astype(np.int64)
    return types.loc[:, list(FAMILY_TYPE_COLUMNS)]


def assign_family_types(situations: pd.DataFrame, family_types: pd.DataFrame) -> pd.DataFrame:
    """The type of every family: columns `type_id` and `type_match_length`, same index.

    `type_match_length` is how many leading attributes the family shares with its type:
    4 when its situation is a type, 3, 2 or 1 for the longest-prefix fallback, 0 for
    the `T001` fallback. The type of each of the 256 possible situations is worked out
    once; the families then only look theirs up.
    """
    if len(situations) and family_types.empty:
        raise ValueError(
            "there are families but no family types: the latest statistical year has no "
            "families with children, so no types can be formed"
        )
    type_numbers = situation_numbers(family_types)
    type_ranks = family_types["type_rank"].to_numpy(dtype=np.int64)
    no_type = np.iinfo(np.int64).max
    every_situation = np.arange(SITUATION_COUNT)
    rank_of_situation = np.full(SITUATION_COUNT, no_type, dtype=np.int64)
    match_length = np.zeros(SITUATION_COUNT, dtype=np.int64)
    attribute_count = len(SITUATION_ATTRIBUTES)
    for length in range(attribute_count, 0, -1):
        divisor = CODES_PER_ATTRIBUTE ** (attribute_count - length)
        lowest_rank = np.full(CODES_PER_ATTRIBUTE**length, no_type, dtype=np.int64)
        np.minimum.at(lowest_rank, type_numbers // divisor, type_ranks)
        candidate = lowest_rank[every_situation // divisor]
        found = (rank_of_situation == no_type) & (candidate != no_type)
        rank_of_situation[found] = candidate[found]
        match_length[found] = length
    if len(type_ranks):
        rank_of_situation[rank_of_situation == no_type] = type_ranks.min()
    id_of_rank = dict(zip(type_ranks.tolist(), family_types["type_id"].tolist(), strict=True))
    numbers = situation_numbers(situations)
    ranks = rank_of_situation[numbers]
    return pd.DataFrame(
        {
            "type_id": pd.Series(ranks).map(id_of_rank).to_numpy(dtype=object),
            "type_match_length": match_length[numbers],
        },
        index=situations.index,
    )


def label_family_types(family_types: pd.DataFrame, attribute_labels: pd.DataFrame) -> pd.DataFrame:
    """Labels `label_fi`, `label_sv`, `label_en` of the types, same index.

    `attribute_labels` is the seed `situation_attribute_labels` (attribute, code,
    label_fi, label_sv, label_en); a type's label joins its four attribute labels with
    ", " in the order of importance. A code without a label raises ValueError.
    """
    lookup = _attribute_label_lookup(attribute_labels)
    situations = list(family_types.loc[:, list(SITUATION_ATTRIBUTES)].itertuples(index=False))
    labels = {
        f"label_{language}": [
            ", ".join(
                lookup[(LABEL_ATTRIBUTES[attribute], language)][code]
                for attribute, code in zip(SITUATION_ATTRIBUTES, type_situation, strict=True)
            )
            for type_situation in situations  # one per type, at most family_type_count
        ]
        for language in LANGUAGES
    }
    return pd.DataFrame(labels, index=family_types.index, dtype=object)


def _attribute_label_lookup(
    attribute_labels: pd.DataFrame,
) -> Mapping[tuple[str, str], Mapping[str, str]]:
    """(attribute, language) -> {code: label}, checked to cover every code."""
    lookup: dict[tuple[str, str], dict[str, str]] = {}
    rows = attribute_labels.astype(object)
    problems: list[str] = []
    for attribute, codes in ATTRIBUTE_CODES.items():
        seed_attribute = LABEL_ATTRIBUTES[attribute]
        of_attribute = rows[rows["attribute"] == seed_attribute]
        for language in LANGUAGES:
            column = f"label_{language}"
            mapping = {
                str(code): label
                for code, label in zip(of_attribute["code"], of_attribute[column], strict=True)
                if isinstance(label, str) and label.strip()
            }
            problems.extend(f"{seed_attribute} {code!r} has no {column}" for code in codes if code not in mapping)
            lookup[(seed_attribute, language)] = mapping
    if problems:
        raise ValueError("situation_attribute_labels: " + "; ".join(problems))
    return lookup
