"""The population attacker (lea.audit_population, issue 23): an LP over families per area and profile.

1. A tiny hand-made publication whose interval is worked out by hand: in one postcode area
   of 20 families, 15 are in G01, 3 in G08, 2 in G10 (none in the others), one family has
   parental_substance_use and none child_welfare; parental_mental_health is hidden.
   A G08 family has parental mental health or substance use, so at least 3 - 1 = 2 have
   mental health; a family with it is in G08 or G10 (G09 needs child_welfare, which
   with it gives G10), so at most 3 + 2 = 5: [2, 5]. (G10 can be reached without it:
   four of the other phenomena, which are hidden.)
2. The attacker on the suite's builds: the lone-parent build (test_lone_parent_numerator.py,
   where its numerator published beside its hidden count is found) and the publication
   build (test_publication_build.py, Laihia) are attacked in those files, by their own builds.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from lea.audit import main
from lea.audit_population import AuditScope, audit_population
from lea.catalogs import phenomenon_ids

YEAR = 2021
POSTCODE = "65100"
GROUPS = {"G01": 15, "G08": 3, "G10": 2, **{f"G0{n}": 0 for n in range(2, 8)}, "G09": 0}
KNOWN = {"parental_substance_use": 1, "child_welfare": 0, "single_parent": 0}
TARGET = ("N", YEAR, "P" + POSTCODE, "parental_mental_health")


def tiny_publication(path: Path) -> Path:
    """The published tables of case 1 (one municipality, one postcode area, one type)."""
    with duckdb.connect(str(path)) as connection:
        connection.execute(
            "create table indicator_catalog (indicator_id varchar, sort_order integer)",
        )
        connection.executemany(
            "insert into indicator_catalog values (?, ?)",
            [(indicator, order) for order, indicator in enumerate(phenomenon_ids(), start=1)],
        )
        connection.execute(
            "create table family_type_catalog as select 'T001' as type_id, 1 as type_rank, "
            "'married_couple' as structure, '7-12' as youngest_child_age_band, '2' as children_band, "
            "'35-44' as youngest_parent_age_band"
        )
        indicator_rows, group_rows = [], []
        for code, postcode in (("905", POSTCODE), ("905", None), ("ALL", None)):
            for indicator in phenomenon_ids():
                value = KNOWN.get(indicator)
                families = None if indicator == "no_ecec" else 20
                indicator_rows.append((code, postcode, indicator, families, value))
            group_rows.extend((code, postcode, group, value) for group, value in GROUPS.items())
        for table, by_postcode in (("indicators", True), ("indicators", False)):
            name = ("postcode_" if by_postcode else "municipality_") + table
            rows = [r for r in indicator_rows if (r[1] is not None) == by_postcode]
            connection.execute(
                f"create table {name} (year integer, municipality_code varchar, postcode varchar, "
                "indicator_id varchar, families integer, families_status varchar, families_with integer, "
                "families_with_status varchar, share_pct decimal(4, 1), share_status varchar)"
            )
            connection.executemany(
                f"insert into {name} values ({YEAR}, ?, ?, ?, ?, ?, ?, ?, null, 'suppressed')",
                [(c, p, i, f, _status(f), v, _status(v)) for c, p, i, f, v in rows],
            )
        for name, by_postcode in (("postcode_wellbeing_groups", True), ("municipality_wellbeing_groups", False)):
            connection.execute(
                f"create table {name} (year integer, municipality_code varchar, postcode varchar, group_id varchar, "
                "families integer, families_status varchar, share_pct decimal(4, 1), share_status varchar)"
            )
            connection.executemany(
                f"insert into {name} values ({YEAR}, ?, ?, ?, ?, 'published', null, 'suppressed')",
                [r for r in group_rows if (r[1] is not None) == by_postcode],
            )
        connection.execute(
            "create table municipality_family_types (year integer, municipality_code varchar, type_id varchar, "
            "families integer, families_status varchar, share_pct decimal(4, 1), share_status varchar)"
        )
        connection.execute(
            "create table municipality_family_type_indicators (year integer, municipality_code varchar, "
            "type_id varchar, indicator_id varchar, families integer, families_status varchar, "
            "families_with integer, families_with_status varchar, share_pct decimal(4, 1), share_status varchar)"
        )
        connection.execute(
            "create table municipality_profile (year integer, municipality_code varchar, breakdown varchar, "
            "category varchar, families integer, families_status varchar, share_pct decimal(4, 1), "
            "share_status varchar)"
        )
        connection.execute(
            "create table municipality_summary (year integer, municipality_code varchar, "
            "families_with_children integer, families_with_children_status varchar, children integer, "
            "children_status varchar, mean_children_per_family decimal(5, 2), "
            "mean_moves_youngest_child decimal(5, 2))"
        )
    return path


def _status(value: int | None) -> str:
    return "suppressed" if value is None else "published"


def test_a_hand_made_interval(tmp_path: Path) -> None:
    publication = tiny_publication(tmp_path / "tiny.duckdb")
    # The residual (families at no ordinary postcode area) is known: none.
    result = audit_population(publication, scope=AuditScope(primary={TARGET}, residuals={}))
    (interval,) = result.intervals
    assert (interval.lo, interval.hi) == (2, 5)
    assert interval.fails(5)


def test_the_command_line_runs_the_population_attacker(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    publication = tiny_publication(tmp_path / "tiny.duckdb")
    # No build: every hidden count is attacked, the residual unknown; nothing is narrower
    # than the hidden mental-health numerator here.
    assert main([str(publication), "--population", "--area", "P" + POSTCODE]) == 1
    output = capsys.readouterr().out
    assert "not modelled:" in output
    assert "FAIL 2021 postcode_indicators P65100 parental_mental_health families_with" in output
