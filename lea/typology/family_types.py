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

import pandas as pd

from lea.typology.situation import (
    ATTRIBUTE_CODES,
    LABEL_ATTRIBUTES,
    SITUATION_ATTRIBUTES,
    attribute_positions,
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


def rank_family_types(
    latest_year_situations: pd.DataFrame, type_count: int = DEFAULT_TYPE_COUNT
) -> pd.DataFrame:
    """The family types from the situations of the latest year's families (one row each).

    Returns one row per type with FAMILY_TYPE_COLUMNS, ordered by rank: exactly
    min(type_count, number of distinct situations) rows.
    """
    if isinstance(type_count, bool) or int(type_count) != type_count or type_count < 1:
        raise ValueError(f"family_type_count must be a positive integer, not {type_count!r}")
    situations = latest_year_situations.loc[:, list(SITUATION_ATTRIBUTES)].astype(object)
    counts = (
        situations.groupby(list(SITUATION_ATTRIBUTES), sort=False, dropna=False)
        .size()
        .rename("families_in_latest_year")
        .reset_index()
    )
    positions = attribute_positions(counts).add_prefix("position_of_")
    ranked = (
        pd.concat([counts, positions], axis=1)
        .assign(minus_families=lambda frame: -frame["families_in_latest_year"])
        .sort_values(["minus_families", *positions.columns], kind="mergesort")
        .head(int(type_count))
        .reset_index(drop=True)
    )
    ranks = pd.Series(range(1, len(ranked) + 1), index=ranked.index, dtype="int64")
    result = ranked.assign(
        type_rank=ranks,
        type_id=ranks.map(type_id).astype(object),
        families_in_latest_year=ranked["families_in_latest_year"].astype("int64"),
    )
    return result.loc[:, list(FAMILY_TYPE_COLUMNS)]


def assign_family_types(situations: pd.DataFrame, family_types: pd.DataFrame) -> pd.DataFrame:
    """The type of every family: columns `type_id` and `type_match_length`, same index.

    `type_match_length` is how many leading attributes the family shares with its type:
    4 when its situation is a type, 3, 2 or 1 for the longest-prefix fallback, 0 for
    the `T001` fallback.
    """
    if len(situations) and family_types.empty:
        raise ValueError(
            "there are families but no family types: the latest statistical year has no "
            "families with children, so no types can be formed"
        )
    by_rank = family_types.sort_values("type_rank", kind="mergesort")
    keys = situations.loc[:, list(SITUATION_ATTRIBUTES)].astype(object).reset_index(drop=True)
    type_ids = pd.Series(None, index=keys.index, dtype=object)
    match_length = pd.Series(0, index=keys.index, dtype="int64")
    for length in range(len(SITUATION_ATTRIBUTES), 0, -1):
        prefix = list(SITUATION_ATTRIBUTES[:length])
        # The lowest-rank type of each prefix value; a left merge keeps the left order.
        best = by_rank.drop_duplicates(prefix, keep="first").loc[:, [*prefix, "type_id"]]
        found = keys.loc[:, prefix].merge(
            best.astype(object), how="left", on=prefix, validate="many_to_one"
        )["type_id"]
        newly = type_ids.isna() & found.notna()
        type_ids = type_ids.where(~newly, found)
        match_length = match_length.where(~newly, length)
    if len(by_rank):
        type_ids = type_ids.fillna(by_rank["type_id"].iloc[0])
    return pd.DataFrame(
        {"type_id": type_ids.to_numpy(dtype=object), "type_match_length": match_length.to_numpy()},
        index=situations.index,
    )


def label_family_types(
    family_types: pd.DataFrame, attribute_labels: pd.DataFrame
) -> pd.DataFrame:
    """Labels `label_fi`, `label_sv`, `label_en` of the types, same index.

    `attribute_labels` is the seed `situation_attribute_labels` (attribute, code,
    label_fi, label_sv, label_en); a type's label joins its four attribute labels with
    ", " in the order of importance. A code without a label raises ValueError.
    """
    labels: dict[str, pd.Series] = {}
    lookup = _attribute_label_lookup(attribute_labels)
    for language in LANGUAGES:
        parts = [
            family_types[attribute].map(lookup[(LABEL_ATTRIBUTES[attribute], language)])
            for attribute in SITUATION_ATTRIBUTES
        ]
        joined = parts[0].astype(object)
        for part in parts[1:]:
            joined = joined + ", " + part.astype(object)
        labels[f"label_{language}"] = joined.astype(object)
    return pd.DataFrame(labels, index=family_types.index)


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
                for code, label in zip(of_attribute["code"], of_attribute[column])
                if isinstance(label, str) and label.strip()
            }
            problems.extend(
                f"{seed_attribute} {code!r} has no {column}" for code in codes if code not in mapping
            )
            lookup[(seed_attribute, language)] = mapping
    if problems:
        raise ValueError("situation_attribute_labels: " + "; ".join(problems))
    return lookup
