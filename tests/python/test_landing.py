"""Landing: the on-run-start hook reads LEA_LANDING_DIR per the register contract."""

from __future__ import annotations

import hashlib
import shutil

import duckdb
from lea_test_support import run_dbt, write_landing

# The cheapest model: running it triggers the landing hook and nothing heavy.
SELECT_CHEAP = ["run", "--select", "int_stat_years"]

PERSONS = [
    {"person_id": "p1", "birth_date": "1980-05-01", "sex": "2", "mother_tongue": "fi"},
    {"person_id": " p2 ", "birth_date": "not a date", "sex": "1", "mother_tongue": "sv"},
]


def _landed(db_path, sql):
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.sql(sql).fetchall()


def test_lands_every_table_as_text_with_file_order_and_lineage(tmp_path):
    landing = write_landing(tmp_path / "landing", {"dvv_persons": PERSONS})
    db = tmp_path / "lea.duckdb"
    run_dbt(SELECT_CHEAP, landing, db)

    # Values land exactly as written (validation is staging's job), in file order.
    assert _landed(
        db,
        "select person_id, birth_date, death_date, landing_row_number, landing_file "
        "from landing.dvv_persons order by landing_row_number",
    ) == [
        ("p1", "1980-05-01", None, 1, "dvv_persons.csv"),
        (" p2 ", "not a date", None, 2, "dvv_persons.csv"),
    ]
    lineage = _landed(
        db,
        "select table_name, file_name, file_format, load_status, row_count, "
        "file_bytes, file_sha256 from landing.landing_files",
    )
    assert len(lineage) == 13
    persons = [row for row in lineage if row[0] == "dvv_persons"][0]
    content = (landing / "dvv_persons.csv").read_bytes()
    assert persons == (
        "dvv_persons",
        "dvv_persons.csv",
        "csv",
        "loaded",
        2,
        len(content),
        hashlib.sha256(content).hexdigest(),
    )

    # Every build appends its own lineage rows.
    run_dbt(SELECT_CHEAP, landing, db)
    assert _landed(db, "select count(distinct invocation_id), count(*) from landing.landing_files") == [(2, 26)]


def test_parquet_lands_as_contract_text_and_unknown_files_are_reported(tmp_path):
    landing = write_landing(tmp_path / "landing", skip=["dvv_persons"])
    with duckdb.connect() as con:
        con.sql(
            "copy (select 'p1' as person_id, date '1980-05-01' as birth_date, '2' as sex, "
            "'fi' as mother_tongue, cast(null as date) as death_date, 42 as extra_column) "
            f"to '{landing / 'dvv_persons.parquet'}' (format parquet)"
        )
    (landing / "notes.txt").write_text("hello")
    db = tmp_path / "lea.duckdb"
    run = run_dbt(SELECT_CHEAP, landing, db)

    # Typed Parquet values land as the contract's text (dates ISO), extra columns are ignored.
    assert _landed(db, "select person_id, birth_date, death_date from landing.dvv_persons") == [
        ("p1", "1980-05-01", None)
    ]
    assert "columns outside the contract, ignored: extra_column" in run.output
    assert _landed(db, "select extra_columns from landing.landing_files where table_name = 'dvv_persons'") == [
        ("extra_column",)
    ]
    # A file that is no table of the contract is reported and recorded, not read.
    assert "unknown file" in run.output and "notes.txt" in run.output
    assert _landed(db, "select load_status from landing.landing_files where file_name = 'notes.txt'") == [
        ("ignored_unknown_file",)
    ]


def test_contract_violations_stop_the_build_naming_each(tmp_path):
    landing = write_landing(tmp_path / "landing", skip=["sf_degrees", "tem_jobseeker_periods"])
    shutil.copy(landing / "vero_income.csv", landing / "vero_income.parquet")
    (landing / "thl_child_welfare.csv").write_text("child_id,measure,start_date\n")
    run = run_dbt(SELECT_CHEAP, landing, tmp_path / "lea.duckdb", check=False)
    assert run.returncode != 0
    # Every problem is named at once, table and column.
    for message in (
        "table sf_degrees: missing file",
        "table tem_jobseeker_periods: missing file",
        "table vero_income: both vero_income.csv and vero_income.parquet",
        "table thl_child_welfare: column end_date is missing from thl_child_welfare.csv",
    ):
        assert message in run.output
    assert not (tmp_path / "lea.duckdb").exists() or _landed(
        tmp_path / "lea.duckdb",
        "select count(*) from information_schema.tables where table_schema = 'landing' and table_name = 'dvv_persons'",
    ) == [(0,)], "nothing is landed when the contract is broken"
