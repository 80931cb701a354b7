"""The landing-accounting test (tests/staging/assert_every_landed_row_is_staged_or_quarantined.sql)
forced into its per-range path: ranges of 3 row numbers on the tiny hand-made landing of
test_staging.py, so that every table has several ranges and a broken range is compared
row by row. A lost row, a doubled row, both in one range (equal counts: only the hash sums
differ) and a row landed twice and accounted twice are each caught, naming the table and
the row numbers; an untouched build passes.

The staging layer is built once (without tests); the test runs on a copy of its database
as built, and on a copy with every breakage (one table each).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from lea_test_support import DbtRun, run_dbt
from test_staging import EXTRACT_DATE, dbt_build, landing_rows, write_landing

TEST = "assert_every_landed_row_is_staged_or_quarantined"
RANGE_ROWS = 3
VARS = {"max_bad_row_share": 1.0, "extract_date": EXTRACT_DATE, "accounting_range_rows": RANGE_ROWS}
COLUMNS = (
    "source_table",
    "n_landed",
    "n_accounted",
    "n_differing_ranges",
    "n_landed_not_accounted",
    "first_landed_not_accounted",
    "last_landed_not_accounted",
    "n_accounted_not_landed",
    "first_accounted_not_landed",
    "last_accounted_not_landed",
    "n_landed_more_than_once",
    "first_landed_more_than_once",
    "last_landed_more_than_once",
    "n_accounted_more_than_once",
    "first_accounted_more_than_once",
    "last_accounted_more_than_once",
)


@pytest.fixture(scope="module")
def staged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The staging layer of the hand-made landing; the path of its database."""
    work = tmp_path_factory.mktemp("accounting_build")
    write_landing(work / "landing", landing_rows())
    run = dbt_build(work, max_bad_row_share=1.0, with_tests=False)
    assert run.returncode == 0, run.output[-5000:]
    yield work / "lea.duckdb"


def accounting(database: Path, landing: Path, *breakage: str) -> tuple[DbtRun, list[dict]]:
    """Break the database with the statements, run the test; its dbt run and failing rows."""
    with duckdb.connect(str(database)) as connection:
        for statement in breakage:
            connection.execute(statement)
    run = run_dbt(["test", "--select", TEST], landing, database, dbt_vars=VARS, check=False)
    compiled = next((database.parent / "target" / "compiled").rglob(f"{TEST}.sql"))
    with duckdb.connect(str(database), read_only=True) as connection:
        rows = connection.execute(compiled.read_text()).fetchall()
    return run, [dict(zip(COLUMNS, row, strict=True)) for row in rows]


# Each breakage is in a table of its own, so that one run of the test shows them all.
BREAKAGE = (
    # Row 2 of dvv_persons is staged (test_staging.HAND_MADE_ROWS): the validation loses it.
    "delete from staging.base_dvv__persons_validated where landing_row_number = 2",
    # Row 1 of sf_degrees is staged; a second copy of its validated row stages it twice.
    "insert into staging.base_sf__degrees_validated "
    "select * from staging.base_sf__degrees_validated where landing_row_number = 1",
    # Rows 4 and 5 of vero_income are in one range (4..6): a quarantined row doubled and a
    # staged one lost leave the counts equal, so only the hash sums tell the range apart.
    "delete from staging.base_vero__income_validated where landing_row_number = 5",
    "insert into staging.quarantined_rows "
    "select * from staging.quarantined_rows where source_table = 'vero_income' and landing_row_number = 4",
    # A CSV landing is a table: its row 3 landed a second time, and quarantined twice.
    "insert into landing.dvv_partnerships select * from landing.dvv_partnerships where landing_row_number = 3",
    "insert into staging.quarantined_rows "
    "select * from staging.quarantined_rows where source_table = 'dvv_partnerships' and landing_row_number = 3",
)


def test_an_untouched_build_passes_range_by_range(staged: Path, tmp_path: Path) -> None:
    assert max(len(table_rows) for table_rows in landing_rows().values()) > 3 * RANGE_ROWS
    run, failing = accounting(copy_of(staged, tmp_path), staged.parent / "landing")
    assert run.returncode == 0, run.output[-5000:]
    assert failing == []


@pytest.fixture(scope="module")
def broken(staged: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[DbtRun, dict[str, dict]]:
    """The test's run on a copy of the build with every breakage; its failing rows by table."""
    database = copy_of(staged, tmp_path_factory.mktemp("accounting_broken"))
    run, failing = accounting(database, staged.parent / "landing", *BREAKAGE)
    return run, {row["source_table"]: row for row in failing}


def copy_of(database: Path, folder: Path) -> Path:
    copy = folder / database.name
    shutil.copyfile(database, copy)
    return copy


def test_the_broken_build_fails_on_exactly_the_broken_tables(broken: tuple[DbtRun, dict[str, dict]]) -> None:
    run, failing = broken
    assert run.returncode != 0 and TEST in run.output
    assert set(failing) == {"dvv_persons", "sf_degrees", "vero_income", "dvv_partnerships"}


def test_a_lost_row_is_caught_by_table_and_row_number(broken: tuple[DbtRun, dict[str, dict]]) -> None:
    row = broken[1]["dvv_persons"]
    assert (row["n_landed"] - row["n_accounted"], row["n_differing_ranges"]) == (1, 1)
    assert (row["n_landed_not_accounted"], row["first_landed_not_accounted"], row["last_landed_not_accounted"]) == (
        1,
        2,
        2,
    )
    assert row["n_accounted_more_than_once"] == row["n_accounted_not_landed"] == 0


def test_a_doubled_row_is_caught_by_table_and_row_number(broken: tuple[DbtRun, dict[str, dict]]) -> None:
    row = broken[1]["sf_degrees"]
    assert (row["n_accounted"] - row["n_landed"], row["n_differing_ranges"]) == (1, 1)
    assert (row["n_accounted_more_than_once"], row["first_accounted_more_than_once"]) == (1, 1)
    assert row["n_landed_not_accounted"] == row["n_landed_more_than_once"] == 0


def test_a_lost_and_a_doubled_row_in_one_range_are_both_caught(broken: tuple[DbtRun, dict[str, dict]]) -> None:
    row = broken[1]["vero_income"]
    assert (row["n_landed"] - row["n_accounted"], row["n_differing_ranges"]) == (0, 1)
    assert (row["n_landed_not_accounted"], row["first_landed_not_accounted"]) == (1, 5)
    assert (row["n_accounted_more_than_once"], row["first_accounted_more_than_once"]) == (1, 4)


def test_a_row_landed_twice_is_caught_even_when_it_is_accounted_twice(
    broken: tuple[DbtRun, dict[str, dict]],
) -> None:
    row = broken[1]["dvv_partnerships"]
    assert row["n_landed"] == row["n_accounted"]
    assert (row["n_landed_more_than_once"], row["first_landed_more_than_once"]) == (1, 3)
    assert row["n_landed_not_accounted"] == row["n_accounted_not_landed"] == 0
