"""The disclosure audit on the default build (issue 6's "done when").

The publication of the default 80,000-family build of `make build` is attacked with linear
programming over all its published numbers (lea.audit). The build with bad rows (2,000
families, where most cells are small) gets the same attack in test_build_end_to_end.py,
beside its other tests, so that one pytest worker builds it once.
"""

from __future__ import annotations

import pytest
from disclosure_attack import attack, pattern_without, republish
from lea_test_support import (
    assert_publication_survives_the_attack,
    assert_publication_tables,
    lone_parent_numerators_apart_from_their_counts,
)


def test_default_build_publication_survives_the_attack(default_build):
    assert_publication_survives_the_attack(default_build.publish, default_build.database)


def test_no_lone_parent_numerator_is_published_beside_its_hidden_count(default_build):
    """Issue 21: before, 2020 Vaasa and Ylöjärvi each had a `mother` type whose count was
    hidden (secondary) and whose single_parent numerator, the same number, was published."""
    assert lone_parent_numerators_apart_from_their_counts(default_build.publish) == []


def test_default_publication_holds_exactly_the_published_tables(default_build):
    assert_publication_tables(default_build.publish)


# Relation families whose case is in the default build (the publication build of
# test_publication_build.py has the others): the area and year where, without the family,
# the audit narrows a primary cell. The engine protects that year (the pattern of one area
# alone would differ: protecting the neighbours is what opens the leak); the pattern is
# published from the build's compiled marts and the area attacked.
DEFAULT_BUILD_DROP_CASES = {
    "group_rules": ("P66420", 2020),  # children's mental health: G07 <= N_cmh <= G07 + G08 + G09 + G10
    # Laihia 2021: without "families with a child aged 3-5 <= families" per type, the
    # engine's pattern lets the audit narrow type T095's count to [2, 3] and twelve cells of
    # T095 and T080 with it. (Issue 11's example, Laihia 2019's T085, no longer leaks without
    # the family since issue 21 merged each lone-parent numerator into its type's count:
    # the engine takes its targets in another order.)
    "subsets": ("M399", 2021),
}


@pytest.mark.parametrize("family", sorted(DEFAULT_BUILD_DROP_CASES))
def test_the_engine_needs_every_family_of_relations(default_build, tmp_path, family: str) -> None:
    area, year = DEFAULT_BUILD_DROP_CASES[family]

    def failures(without: set[str]) -> list:
        pattern = pattern_without(default_build.database, without, None, year)
        copy = republish(
            default_build.database.parent,
            tmp_path / (family if without else "all"),
            pattern,
            database=default_build.database,
            target=default_build.target,
        )
        return attack(copy, [area], year)

    assert not failures(set())
    assert failures({family}), f"without the {family} relations the audit still finds {area} {year} safe"
