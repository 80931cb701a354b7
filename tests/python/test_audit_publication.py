"""The disclosure audit of any publication: set LEA_AUDIT_PUBLICATION to a publication
database (e.g. data/publish/lea_publication.duckdb of `make build`) and, for the residuals
(families at no ordinary postcode area, assumed known), LEA_AUDIT_BUILD_DATABASE to its
build database. Prints the over-suppression report (shares of cells suppressed per table).

    LEA_AUDIT_PUBLICATION=data/publish/lea_publication.duckdb \
    LEA_AUDIT_BUILD_DATABASE=data/lea.duckdb pytest -s tests/python/test_audit_publication.py
"""

from __future__ import annotations

import os

import duckdb
import pytest

from lea.audit import audit, failing_cells, format_suppression_report, suppression_report

PUBLICATION = os.environ.get("LEA_AUDIT_PUBLICATION")
BUILD_DATABASE = os.environ.get("LEA_AUDIT_BUILD_DATABASE")


@pytest.mark.skipif(not PUBLICATION, reason="LEA_AUDIT_PUBLICATION is not set")
def test_no_primary_cell_can_be_narrowed() -> None:
    intervals = audit(PUBLICATION, build_database=BUILD_DATABASE)
    failures = failing_cells(intervals, int(os.environ.get("LEA_AUDIT_MIN_CELL_SIZE", "5")))
    print(f"{len(intervals)} primary-suppressed cells, {len(failures)} failing")
    assert not failures, "\n".join(f"{f.year} {f.where}: [{f.lo}, {f.hi}]" for f in failures[:100])


@pytest.mark.skipif(not PUBLICATION, reason="LEA_AUDIT_PUBLICATION is not set")
def test_over_suppression_report() -> None:
    with duckdb.connect(PUBLICATION, read_only=True) as connection:
        report = suppression_report(connection)
    print(format_suppression_report(report))
    assert report
