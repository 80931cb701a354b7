"""Integration: the two Python models run by dbt itself on a tiny int_family_phenomena.

The upstream model is still a stub, so the test writes `intermediate.int_family_phenomena`
into a fresh build database and builds only the catalogue seeds and the typology models
(with their data tests) on top of it, with landing skipped.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest
from lea_test_support import DbtRun, run_dbt
from typology_examples import family

from lea.typology.phenomena import PHENOMENON_IDS

pytestmark = pytest.mark.slow

DBT = str(Path(sys.executable).with_name("dbt"))


def dbt(tmp_path: Path, *args: str) -> DbtRun:
    return run_dbt(
        args,
        tmp_path / "landing",
        tmp_path / "lea.duckdb",
        tmp_path / "publish",
        dbt_vars="{skip_landing: true, family_type_count: 2}",
        check=False,
    )


def write_int_family_phenomena(database: Path, rows: list[dict]) -> None:
    flags = ", ".join(f"{p} boolean" for p in PHENOMENON_IDS)
    with duckdb.connect(str(database)) as con:
        con.execute("create schema intermediate")
        con.execute(
            "create table intermediate.int_family_phenomena (stat_year integer, family_id varchar,"
            " family_structure varchar, youngest_child_age integer,"
            f" n_children_under_age_limit integer, youngest_parent_age integer, {flags},"
            " n_phenomena integer)"
        )
        columns = list(rows[0])
        con.executemany(
            f"insert into intermediate.int_family_phenomena ({', '.join(columns)})"
            f" values ({', '.join('?' for _ in columns)})",
            [[row[c] for c in columns] for row in rows],
        )


def test_dbt_builds_the_typology_and_stops_on_a_bad_rule(tmp_path: Path) -> None:
    married = ("married_couple", "3-6", "2", "35-44")
    rows = [
        family("a", married, 2021),
        family("b", married, 2021, phenomena={"parental_mental_health"}),
        family("c", ("father", "13-17", "1", "45+"), 2021, phenomena={"single_parent"}),
        family("d", ("cohabiting_couple", "0-2", "1", "<25"), 2021, phenomena={"no_ecec"}),
        family("e", ("father", "13-17", "2", "45+"), 2020, phenomena={"single_parent"}),
    ]
    database = tmp_path / "lea.duckdb"
    write_int_family_phenomena(database, rows)

    built = dbt(tmp_path, "build", "--select", "path:seeds/catalogs", "int_family_types", "int_family_typology")
    assert built.returncode == 0, built.output

    with duckdb.connect(str(database), read_only=True) as con:
        types = con.sql(
            "select type_id, structure, families_in_latest_year, label_en"
            " from intermediate.int_family_types order by type_rank"
        ).fetchall()
        typology = con.sql(
            "select family_id, stat_year, type_id, type_match_length, group_id"
            " from intermediate.int_family_typology order by family_id"
        ).fetchall()
    # family_type_count 2 from --vars; ties (c, d: one family each) by structure position
    assert types == [
        ("T001", "married_couple", 2, "Married couple, youngest child 3–6, 2 children, youngest parent 35–44"),
        ("T002", "cohabiting_couple", 1, "Cohabiting couple, youngest child 0–2, 1 child, youngest parent under 25"),
    ]
    assert typology == [
        ("a", 2021, "T001", 4, "G01"),
        ("b", 2021, "T001", 4, "G08"),
        ("c", 2021, "T001", 0, "G03"),
        ("d", 2021, "T002", 4, "G02"),
        ("e", 2020, "T001", 0, "G03"),
    ]

    with duckdb.connect(str(database)) as con:
        con.execute("update reference.wellbeing_group_rules set priority = 3 where priority = 4")
    failed = dbt(tmp_path, "run", "--select", "int_family_typology")
    assert failed.returncode != 0
    assert "rules with priority 3 (groups G09, G08): duplicate priority" in failed.output
