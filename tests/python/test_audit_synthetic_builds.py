"""The disclosure audit on the default build (issue 6's "done when").

The publication of the default 80,000-family build of `make build` is attacked with linear
programming over all its published numbers (lea.audit). The build with bad rows (2,000
families, where most cells are small) gets the same attack in test_build_end_to_end.py,
beside its other tests, so that one pytest worker builds it once.
"""

from __future__ import annotations

from lea_test_support import assert_publication_survives_the_attack, assert_publication_tables


def test_default_build_publication_survives_the_attack(default_build):
    assert_publication_survives_the_attack(default_build.publish, default_build.database)


def test_default_publication_holds_exactly_the_published_tables(default_build):
    assert_publication_tables(default_build.publish)
