"""lea.landing: the landing hook's file work on hand-made landing directories, no dbt."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb

from lea.landing import (
    ContractTable,
    choose_files,
    column_problems,
    landing_plan_json,
    plan_landing,
    unknown_files,
)

PERSONS = ContractTable("dvv_persons", ("person_id", "birth_date"))
DEGREES = ContractTable("sf_degrees", ("person_id", "degree_level"))


def test_each_table_takes_its_one_file_and_every_other_case_is_named() -> None:
    chosen, problems = choose_files(
        "land",
        ["dvv_persons.csv", "sf_degrees.csv", "sf_degrees.parquet"],
        [PERSONS, DEGREES, ContractTable("vero_income", ("person_id",))],
    )
    assert chosen == [(PERSONS, "dvv_persons.csv", "csv")]
    assert problems == [
        "table sf_degrees: both sf_degrees.csv and sf_degrees.parquet are in land; keep exactly one",
        "table vero_income: missing file land/vero_income.parquet (or .csv)",
    ]


def test_missing_columns_are_problems_and_extra_ones_are_listed_in_lower_case() -> None:
    problems, extra = column_problems(PERSONS, "dvv_persons.csv", ["PERSON_ID", "Extra"])
    assert problems == ["table dvv_persons: column birth_date is missing from dvv_persons.csv"]
    assert extra == ["extra"]


def test_unknown_files_are_those_of_no_table() -> None:
    assert unknown_files(["notes.txt", "dvv_persons.parquet", "a.csv"], [PERSONS]) == ["a.csv", "notes.txt"]


def test_plan_reads_sizes_hashes_readers_and_the_generator_metadata(tmp_path: Path) -> None:
    (tmp_path / "dvv_persons.csv").write_text("person_id,birth_date,more\np1,1980-01-01,x\n")
    with duckdb.connect() as con:
        con.execute(
            "copy (select 'p1' as person_id, 'x' as degree_level) to ? (format parquet, kv_metadata {lea_synthetic: '{\"seed\": 3}'})",
            [str(tmp_path / "sf_degrees.parquet")],
        )
    (tmp_path / "notes.txt").write_text("hello")
    plan = plan_landing(str(tmp_path) + "/", [PERSONS, DEGREES])
    assert plan.problems == ()
    csv, parquet = plan.files
    content = (tmp_path / "dvv_persons.csv").read_bytes()
    assert (csv.table, csv.file, csv.format, csv.as_view, csv.extra_columns) == (
        "dvv_persons",
        "dvv_persons.csv",
        "csv",
        False,
        ("more",),
    )
    assert (csv.file_bytes, csv.file_sha256) == (len(content), hashlib.sha256(content).hexdigest())
    assert csv.synthetic_generator is None
    assert csv.reader.startswith(f"read_csv('{tmp_path}/dvv_persons.csv', ")
    assert (parquet.as_view, parquet.synthetic_generator) == (True, '{"seed": 3}')
    assert parquet.reader == f"read_parquet('{tmp_path}/sf_degrees.parquet', file_row_number = true)"
    (unknown,) = plan.unknown
    assert (unknown.file, unknown.file_bytes, unknown.file_sha256) == (
        "notes.txt",
        5,
        hashlib.sha256(b"hello").hexdigest(),
    )


def test_a_parquet_file_with_its_own_file_row_number_is_copied_not_viewed(tmp_path: Path) -> None:
    with duckdb.connect() as con:
        con.execute(
            "copy (select 'p1' as person_id, '1980-01-01' as birth_date, 7 as file_row_number) to ? (format parquet)",
            [str(tmp_path / "dvv_persons.parquet")],
        )
    (landed,) = plan_landing(str(tmp_path), [PERSONS]).files
    assert landed.as_view is False and "file_row_number" not in landed.reader


def test_the_reader_reads_the_contract_csv_as_text_with_short_rows_padded(tmp_path: Path) -> None:
    (tmp_path / "dvv_persons.csv").write_text("person_id,birth_date\n007,\np2\n")
    (landed,) = plan_landing(str(tmp_path), [PERSONS]).files
    with duckdb.connect() as con:
        assert con.execute(f"select * from {landed.reader}").fetchall() == [("007", None), ("p2", None)]


def test_a_missing_directory_misses_every_table_and_the_hook_gets_json(tmp_path: Path) -> None:
    contract = json.dumps([{"name": "dvv_persons", "columns": ["person_id", "birth_date"]}])
    plan = json.loads(landing_plan_json(str(tmp_path / "nowhere"), contract))
    assert plan == {
        "problems": [f"table dvv_persons: missing file {tmp_path}/nowhere/dvv_persons.parquet (or .csv)"],
        "files": [],
        "unknown": [],
    }
