"""The default publication's provenance and exact shares (issue 25), read from the default
build (`default_build`): `publication_info` is one row, in DuckDB, Parquet and CSV, with
table and column comments, holding settings and checksums only (its columns are pinned, so a
count added to it fails here); it says the build is synthetic with seed 1 and carries every
var of dbt_project.yml that shapes the numbers; every `share_pct` is DECIMAL(4,1) in DuckDB
and in Parquet."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import yaml

PROJECT = Path(__file__).resolve().parents[2]
COLUMNS = [
    "built_at",
    "lea_version",
    "git_commit",
    "git_tree_clean",
    "dbt_version",
    "duckdb_version",
    "data_origin",
    "synthetic_generator",
    "synthetic_seed",
    "landing_files",
    "landing_sha256",
    "vars_json",
    "first_year",
    "last_year",
    "min_cell_size",
    "all_but_a_few",
    "min_area_families",
    "secondary_suppression",
    "share_decimals",
]
# Vars that do not change a published number (publication_info.sql says why).
NOT_NUMBER_VARS = {"disclosure_processes", "study_area_name_fi", "study_area_name_sv", "accounting_range_rows"}


def test_publication_info_is_one_row_of_provenance_in_every_format(default_build) -> None:
    publish = default_build.publish
    with duckdb.connect(str(publish / "lea_publication.duckdb"), read_only=True) as con:
        cursor = con.execute("select * from publication_info")
        names = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
        comment = con.execute("select comment from duckdb_tables() where table_name = 'publication_info'").fetchone()
        column_comments = con.execute(
            "select column_name, comment from duckdb_columns() where table_name = 'publication_info'"
        ).fetchall()
        parquet = con.execute(f"select * from read_parquet('{publish / 'publication_info.parquet'}')").fetchall()
    assert names == COLUMNS and len(rows) == 1
    assert comment and comment[0] and all(text for _, text in column_comments), column_comments
    assert parquet == rows
    with open(publish / "publication_info.csv", encoding="utf-8", newline="") as handle:
        assert [row["landing_sha256"] for row in csv.DictReader(handle)] == [rows[0][COLUMNS.index("landing_sha256")]]
    info = dict(zip(COLUMNS, rows[0], strict=True))
    assert info["data_origin"] == "synthetic" and info["synthetic_seed"] == 1
    assert json.loads(info["synthetic_generator"])["families"] == 80000
    assert len(info["landing_sha256"]) == 64 and info["landing_files"].count(".parquet") == 13
    assert (info["first_year"], info["last_year"]) == (2019, 2021)
    assert (info["min_cell_size"], info["all_but_a_few"], info["min_area_families"]) == (5, 4, 30)
    assert info["secondary_suppression"] is True and info["share_decimals"] == 1
    assert info["git_commit"] is None or len(info["git_commit"]) == 40


def test_publication_info_carries_every_var_that_shapes_the_numbers(default_build) -> None:
    project_vars = yaml.safe_load((PROJECT / "dbt_project.yml").read_text(encoding="utf-8"))["vars"]
    with duckdb.connect(str(default_build.publish / "lea_publication.duckdb"), read_only=True) as con:
        (text,) = con.execute("select vars_json from publication_info").fetchone()
    published = json.loads(text)
    assert set(published) == set(project_vars) - NOT_NUMBER_VARS
    assert {name: published[name] for name in published} == {name: project_vars[name] for name in published}


def test_the_landing_summary_is_sha256sum_of_the_files_in_name_order(default_build) -> None:
    import hashlib

    with duckdb.connect(str(default_build.publish / "lea_publication.duckdb"), read_only=True) as con:
        files, summary = con.execute("select landing_files, landing_sha256 from publication_info").fetchone()
    lines = "".join(
        f"{hashlib.sha256((default_build.landing / name).read_bytes()).hexdigest()}  {name}\n"
        for name in sorted(files.split(", "))
    )
    assert hashlib.sha256(lines.encode()).hexdigest() == summary


def test_every_share_is_an_exact_decimal_in_duckdb_and_parquet(default_build) -> None:
    publish = default_build.publish
    with duckdb.connect(str(publish / "lea_publication.duckdb"), read_only=True) as con:
        tables = [
            table
            for (table,) in con.execute(
                "select table_name from duckdb_columns() where column_name = 'share_pct' and schema_name = 'main'"
            ).fetchall()
        ]
        assert len(tables) == 7
        for table in tables:
            types = {
                con.execute(
                    f"select data_type from duckdb_columns() where table_name = '{table}' and column_name = 'share_pct'"
                ).fetchone()[0],
                dict(
                    (name, kind)
                    for name, kind, *_ in con.execute(
                        f"describe select * from read_parquet('{publish / (table + '.parquet')}')"
                    ).fetchall()
                )["share_pct"],
            }
            assert types == {"DECIMAL(4,1)"}, (table, types)
        # A difference of two shares is exact.
        (difference,) = con.execute(
            "select max(a.share_pct - b.share_pct)::varchar from municipality_indicators as a "
            "join municipality_indicators as b using (municipality_code, indicator_id) where a.year = 2021 "
            "and b.year = 2019"
        ).fetchone()
        assert len(difference.split(".")[1]) == 1, difference
