"""The publication a build replaces is public (issue 22): lea.disclosure.releases on hand-made
cells with known answers, and on the publication of a small build (test_publication_build's
population is not rebuilt here: that module's copies do the dbt runs)."""

from __future__ import annotations

import pandas as pd
import pytest

from lea.disclosure.engine import DisclosureError
from lea.disclosure.frames import suppression_frame
from lea.disclosure.releases import apply_previous_release, known_from_previous, revisions

MIN_CELL = 5
# A 2 x 2 table with margins; a11 = 2 is primary. Alone, the cheapest protection is the
# rectangle a11, a12, a21, a22 (no margin hidden).
TABLE = {"a11": 2, "a12": 40, "a21": 30, "a22": 50, "r1": 42, "r2": 80, "c1": 32, "c2": 90, "t": 122}
SUMS = {"row1": ("r1", ["a11", "a12"]), "row2": ("r2", ["a21", "a22"]), "col1": ("c1", ["a11", "a21"])}
SUMS |= {"col2": ("c2", ["a12", "a22"]), "all": ("t", ["r1", "r2"])}


def cells() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "cell_id": list(TABLE),
            "stat_year": 2021,
            "area_id": "M837",
            "area_level": "municipality",
            "municipality_code": "837",
            "measure": "families",
            "measure_key": list(TABLE),
            "value": list(TABLE.values()),
            "primary_reason": ["min_cell" if c == "a11" else None for c in TABLE],
            "is_virtual": False,
            "is_known": False,
            "same_as_cell_id": None,
        }
    )


def relations() -> pd.DataFrame:
    rows = []
    for relation, (whole, parts) in SUMS.items():
        rows.append((relation, "sums", "eq", whole, 1.0))
        rows.extend((relation, "sums", "eq", part, -1.0) for part in parts)
    return pd.DataFrame(rows, columns=["relation_id", "relation_family", "sense", "cell_id", "coefficient"])


def previous(published: dict[str, int], suppressed: tuple[str, ...] = ()) -> pd.DataFrame:
    rows = [(c, float(v), "published") for c, v in published.items()]
    rows += [(c, None, "suppressed") for c in suppressed]
    return pd.DataFrame(rows, columns=["cell_id", "previous_value", "previous_status"])


def hidden(pattern: pd.DataFrame) -> set[str]:
    return set(pattern.loc[pattern["status"] == "suppressed", "cell_id"])


def test_alone_the_rectangle_hides_the_small_cell() -> None:
    assert hidden(suppression_frame(cells(), relations(), MIN_CELL)) == {"a11", "a12", "a21", "a22"}


def test_a_number_the_previous_release_published_stays_known_and_another_route_is_hidden() -> None:
    """The previous release published a12 = 40 (say its pattern hid the margins instead).
    The attacker knows it: a11 = r1 - 40 if r1 were published too, so the new pattern may not
    rely on hiding a12; it hides r1 (and what r1 needs) instead."""
    with_previous = apply_previous_release(cells(), previous({"a12": 40, "t": 122}, ("r1",)), allow_revisions=False)
    assert set(with_previous.loc[with_previous["is_known"], "cell_id"]) == {"a12", "t"}
    pattern = suppression_frame(with_previous, relations(), MIN_CELL)
    assert "a12" not in hidden(pattern)
    assert {"a11", "r1"} <= hidden(pattern)
    # The witness that proves a11 keeps a12 and t at the values everyone knows.
    proof = pattern.set_index("cell_id")
    assert proof.loc["a11", "proof_up"] >= MIN_CELL


def test_a_revised_number_fails_the_build_naming_it() -> None:
    with pytest.raises(DisclosureError, match=r"allow_revisions.*a12 \(was 41, now 40\)"):
        apply_previous_release(cells(), previous({"a12": 41}), allow_revisions=False)


def test_an_allowed_revision_is_not_known_at_either_value() -> None:
    revised = apply_previous_release(cells(), previous({"a12": 41, "a22": 50}), allow_revisions=True)
    assert set(revised.loc[revised["is_known"], "cell_id"]) == {"a22"}
    assert list(revisions(cells(), previous({"a12": 41, "a22": 50}))["cell_id"]) == ["a12"]


def test_a_primary_cell_the_previous_release_published_cannot_be_protected() -> None:
    """Stricter vars now (or a revision): a11 was published; nothing hidden today helps."""
    with pytest.raises(DisclosureError, match="were published by the previous release.*a11"):
        apply_previous_release(cells(), previous({"a11": 2}), allow_revisions=False)


def test_a_published_twin_makes_its_count_known() -> None:
    """A lone-parent type's numerator published before (by a release from before issue 21,
    beside a hidden count) tells the count: both are known."""
    frame = pd.concat(
        [
            cells(),
            cells().iloc[[1]].assign(cell_id="n12", measure_key="n12", same_as_cell_id="a12"),
        ],
        ignore_index=True,
    )
    known = apply_previous_release(frame, previous({"n12": 40}), allow_revisions=False)
    assert set(known.loc[known["is_known"], "cell_id"]) == {"n12", "a12"}


def test_only_equal_published_values_are_known() -> None:
    known = known_from_previous(cells(), previous({"a12": 40, "a21": 31}, ("a22",)))
    assert list(cells().loc[known, "cell_id"]) == ["a12"]


def test_a_primary_count_whose_twin_was_published_cannot_be_protected() -> None:
    """A release from before issue 21 published a lone-parent numerator beside its hidden,
    primary count: the count is out, and the build says so instead of treating it as known."""
    frame = pd.concat(
        [
            cells(),
            cells().iloc[[0]].assign(cell_id="n11", measure_key="n11", primary_reason=None, same_as_cell_id="a11"),
        ],
        ignore_index=True,
    )
    with pytest.raises(DisclosureError, match="were published by the previous release.*a11"):
        apply_previous_release(frame, previous({"n11": 2}), allow_revisions=False)
