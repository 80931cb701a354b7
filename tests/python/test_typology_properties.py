"""Properties of the typology (hypothesis): one type and one group per family, the number
of types, determinism and independence of row order, types from the latest year only."""

from __future__ import annotations

import itertools
import random

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typology_examples import (
    CHILD_AGE_OF_BAND,
    CHILDREN_OF_BAND,
    PARENT_AGE_OF_BAND,
    families_frame,
    read_seed,
)

from lea.typology.family_types import assign_family_types, rank_family_types
from lea.typology.models import build_family_types, build_family_typology
from lea.typology.phenomena import PHENOMENON_IDS
from lea.typology.situation import (
    ATTRIBUTE_CODES,
    SITUATION_ATTRIBUTES,
    STRUCTURES,
    situation,
    situations_of,
)
from lea.typology.wellbeing_groups import (
    assign_wellbeing_groups,
    parse_wellbeing_group_rules,
    wellbeing_group,
)

ATTRIBUTE_LABELS = read_seed("situation_attribute_labels")
RULES = read_seed("wellbeing_group_rules")
GROUP_CATALOG = read_seed("wellbeing_group_catalog")
SEED_RULES = parse_wellbeing_group_rules(RULES, set(GROUP_CATALOG["group_id"]))
ALL_SITUATIONS = list(itertools.product(*ATTRIBUTE_CODES.values()))
YEARS = (2019, 2020, 2021)

PROPERTY_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FLAG_MASKS = st.integers(0, 2 ** len(PHENOMENON_IDS) - 1)


@st.composite
def family_rows(draw: st.DrawFn, min_size: int = 0, max_size: int = 40) -> list[dict]:
    """Families of random years, situations (few structures, so fallbacks happen) and
    phenomena (true, false or NULL, drawn as two bit masks), with unique ids."""
    structures = draw(st.lists(st.sampled_from(STRUCTURES), min_size=1, max_size=4, unique=True))
    family = st.tuples(
        st.sampled_from(YEARS),
        st.sampled_from(structures),
        st.integers(0, 17),
        st.integers(1, 6),
        st.integers(17, 60),
        FLAG_MASKS,
        FLAG_MASKS,
    )
    drawn = draw(st.lists(family, min_size=min_size, max_size=max_size))
    return [
        {
            "stat_year": year,
            "family_id": f"f{i:04d}",
            "family_structure": structure,
            "youngest_child_age": child_age,
            "n_children_under_age_limit": children,
            "youngest_parent_age": parent_age,
            **{p: None if nulls >> bit & 1 else bool(true >> bit & 1) for bit, p in enumerate(PHENOMENON_IDS)},
            "n_phenomena": 0,
        }
        for i, (year, structure, child_age, children, parent_age, true, nulls) in enumerate(drawn)
    ]


def typology(rows: list[dict], type_count: int = 100) -> tuple[pd.DataFrame, pd.DataFrame]:
    phenomena = families_frame(rows)
    types = build_family_types(phenomena, ATTRIBUTE_LABELS, type_count)
    return types, build_family_typology(phenomena, types, RULES, GROUP_CATALOG)


def reference_type(family_situation: tuple, types: pd.DataFrame) -> tuple[str, int]:
    """The spec's assignment, one family at a time, by brute force."""
    best: tuple[int, int, str] | None = None  # (-prefix length, rank, type id)
    for row in types.itertuples():
        type_situation = tuple(getattr(row, a) for a in SITUATION_ATTRIBUTES)
        length = 0
        while length < 4 and type_situation[length] == family_situation[length]:
            length += 1
        if length and (best is None or (-length, row.type_rank) < best[:2]):
            best = (-length, row.type_rank, row.type_id)
    if best is None:
        return types.loc[types["type_rank"] == 1, "type_id"].iloc[0], 0
    return best[2], -best[0]


@PROPERTY_SETTINGS
@given(rows=family_rows(min_size=1), type_count=st.integers(1, 30))
def test_every_family_gets_exactly_one_type_and_one_group(rows: list[dict], type_count: int) -> None:
    latest = max(r["stat_year"] for r in rows)
    types, result = typology(rows, type_count)
    assert sorted(result["family_id"]) == sorted(r["family_id"] for r in rows)
    assert result["family_id"].is_unique
    assert result["type_id"].notna().all() and result["type_id"].isin(types["type_id"]).all()
    assert result["group_id"].notna().all()
    assert result["group_id"].isin(GROUP_CATALOG["group_id"]).all()
    # and the type is the spec's, as computed family by family
    for row in result.itertuples():
        family_situation = tuple(getattr(row, a) for a in SITUATION_ATTRIBUTES)
        assert (row.type_id, row.type_match_length) == reference_type(family_situation, types)
    # families of the latest year whose situation is a type have it exactly
    latest_ids = {r["family_id"] for r in rows if r["stat_year"] == latest}
    exact = result[result["family_id"].isin(latest_ids) & (result["type_match_length"] == 4)]
    assert len(exact) == int(types["families_in_latest_year"].sum())


@PROPERTY_SETTINGS
@given(rows=family_rows(min_size=1), type_count=st.integers(1, 30))
def test_types_are_the_min_of_type_count_and_situations_ranked_by_count(rows: list[dict], type_count: int) -> None:
    latest = max(r["stat_year"] for r in rows)
    latest_situations = [
        situation(
            r["family_structure"], r["youngest_child_age"], r["n_children_under_age_limit"], r["youngest_parent_age"]
        )
        for r in rows
        if r["stat_year"] == latest
    ]
    counts = pd.Series(latest_situations).value_counts()
    types, _ = typology(rows, type_count)
    assert len(types) == min(type_count, len(counts))
    assert types["type_id"].tolist() == [f"T{i:03d}" for i in range(1, len(types) + 1)]
    assert types["families_in_latest_year"].is_monotonic_decreasing
    for row in types.itertuples():
        assert counts[tuple(getattr(row, a) for a in SITUATION_ATTRIBUTES)] == row.families_in_latest_year
    # no situation left out is more frequent than a type
    assert (
        counts.drop([tuple(t) for t in types[list(SITUATION_ATTRIBUTES)].itertuples(index=False)])
        .le(types["families_in_latest_year"].min())
        .all()
    )


@settings(max_examples=25, deadline=None)
@given(
    n_situations=st.integers(100, len(ALL_SITUATIONS)),
    order=st.permutations(ALL_SITUATIONS),
    counts=st.lists(st.integers(1, 3), min_size=len(ALL_SITUATIONS), max_size=len(ALL_SITUATIONS)),
)
def test_exactly_100_types_when_there_are_at_least_100_situations(
    n_situations: int, order: list[tuple], counts: list[int]
) -> None:
    rows = [
        {
            "structure": s[0],
            "youngest_child_age_band": s[1],
            "children_band": s[2],
            "youngest_parent_age_band": s[3],
        }
        # counts is longer: one per situation of ALL_SITUATIONS
        for s, count in zip(order[:n_situations], counts, strict=False)
        for _ in range(count)
    ]
    types = rank_family_types(pd.DataFrame(rows))
    assert len(types) == 100
    assert types["type_id"].iloc[-1] == "T100"
    assigned = assign_family_types(pd.DataFrame(rows), types)
    assert assigned["type_id"].notna().all()


@PROPERTY_SETTINGS
@given(rows=family_rows(), seed=st.integers(0, 2**32 - 1), type_count=st.integers(1, 30))
def test_deterministic_and_independent_of_row_order(rows: list[dict], seed: int, type_count: int) -> None:
    shuffled = rows.copy()
    random.Random(seed).shuffle(shuffled)
    types, result = typology(rows, type_count)
    types_again, result_again = typology(shuffled, type_count)
    pd.testing.assert_frame_equal(types, types_again)
    pd.testing.assert_frame_equal(result, result_again)


@PROPERTY_SETTINGS
@given(rows=family_rows(min_size=1), other_years=family_rows(), type_count=st.integers(1, 30))
def test_types_come_only_from_the_latest_year(rows: list[dict], other_years: list[dict], type_count: int) -> None:
    latest = max(YEARS) + 1
    latest_rows = [{**r, "stat_year": latest} for r in rows]
    earlier_rows = [{**r, "family_id": "e" + r["family_id"]} for r in other_years]
    types_latest_only, _ = typology(latest_rows, type_count)
    types_with_earlier, result = typology(earlier_rows + latest_rows, type_count)
    pd.testing.assert_frame_equal(types_latest_only, types_with_earlier)
    assert len(result) == len(latest_rows) + len(earlier_rows)


@PROPERTY_SETTINGS
@given(rows=family_rows(min_size=1))
def test_vectorised_groups_are_the_first_matching_rule_family_by_family(rows: list[dict]) -> None:
    frame = families_frame(rows)
    groups = assign_wellbeing_groups(frame, SEED_RULES)
    for row, group in zip(rows, groups, strict=True):
        flags = {p: bool(row[p]) for p in PHENOMENON_IDS}
        assert group == wellbeing_group(flags, SEED_RULES)


@PROPERTY_SETTINGS
@given(rows=family_rows(min_size=1))
def test_vectorised_situations_are_the_situations_family_by_family(rows: list[dict]) -> None:
    result = situations_of(families_frame(rows))
    expected = [
        situation(
            r["family_structure"], r["youngest_child_age"], r["n_children_under_age_limit"], r["youngest_parent_age"]
        )
        for r in rows
    ]
    assert [tuple(x) for x in result.itertuples(index=False)] == [tuple(s) for s in expected]


def test_band_examples_are_inside_their_bands() -> None:
    """The helper ages of typology_examples really fall in the bands they stand for."""
    for child_band, children, parent_band in itertools.product(CHILD_AGE_OF_BAND, CHILDREN_OF_BAND, PARENT_AGE_OF_BAND):
        result = situation(
            "mother", CHILD_AGE_OF_BAND[child_band], CHILDREN_OF_BAND[children], PARENT_AGE_OF_BAND[parent_band]
        )
        assert tuple(result)[1:] == (child_band, children, parent_band)
