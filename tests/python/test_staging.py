"""Staging with quarantine, end to end on a tiny hand-made landing directory.

Every landed row below carries the outcome the contract (../shared/spec/registers.md,
"What counts as a bad row" and its "Decisions on edge cases") gives it: None when it must be
staged, else the reason it must be quarantined with. One `dbt build` of the staging layer
(with a limit high enough to let every table through) checks every row's fate, the
normalised values, the accounting, the grain observations and the warnings; a second build
with a lower limit checks that exactly the tables above it stop the build, by name.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from lea_test_support import DbtRun, run_dbt

from lea.contract import TABLES, TABLES_BY_NAME

PROJECT_DIR = Path(__file__).resolve().parents[2]
EXTRACT_DATE = "2024-06-30"
LONG_PSEUDONYM = "x" * 65

# (outcome, values in contract column order). Outcome None = staged.
Row = tuple[str | None, tuple[str, ...]]

HAND_MADE_ROWS: dict[str, list[Row]] = {
    "dvv_persons": [
        (None, ("p1", "1985-03-01", "2", "fi", "")),
        (None, (" p2 ", "1986-04-02", " 1 ", " SV ", "")),
        ("missing_value", ("", "1980-01-01", "1", "fi", "")),
        ("unparsable_date", ("p4", "1980-02-30", "1", "fi", "")),
        ("unparsable_date", ("p5", "1980-2-3", "1", "fi", "")),
        ("unknown_code", ("p6", "1980-01-01", "3", "fi", "")),
        ("malformed_code", ("p7", "1980-01-01", "1", "fin", "")),
        ("malformed_pseudonym", (LONG_PSEUDONYM, "1980-01-01", "1", "fi", "")),
        ("date_out_of_range", ("p9", "1899-12-31", "1", "fi", "")),
        ("date_out_of_range", ("p10", "2024-07-01", "1", "fi", "")),
        ("death_before_birth", ("p11", "1990-01-01", "2", "fi", "1989-12-31")),
        (None, ("p12", "1990-01-01", "2", "fi", "1990-01-01")),
        # Same person, different values: a grain-breaker, staged and observed.
        (None, ("p1", "1985-03-01", "2", "sv", "")),
        ("duplicate_row", ("p12", "1990-01-01", "2", "fi", "1990-01-01")),
        ("duplicate_row", ("p12", "1990-01-01", "2", "fi", "1990-01-01")),
        # Several failures: the first step wins (missing before unparsable before code) ...
        ("missing_value", ("", "bad", "9", "fi", "")),
        # ... even when the later step's column comes first.
        ("unparsable_date", ("p17", "1980-01-01", "9", "fi", "31.12.2020")),
        # Differs from row 2 only in white space as landed: not a duplicate.
        (None, ("p2", "1986-04-02", "1", "sv", "")),
    ],
    "dvv_residences": [
        # Touching periods overlap (both ends inclusive): both are bad.
        ("residence_overlap", ("r1", "d1", "837", "33100", "2018-01-01", "2019-12-31")),
        ("residence_overlap", ("r1", "d2", "837", "33100", "2019-12-31", "")),
        # Adjacent periods do not.
        (None, ("r2", "d1", "837", "33100", "2018-01-01", "2019-12-31")),
        (None, ("r2", "d3", "092", "01300", "2020-01-01", "")),
        # A three-way overlap, and a fourth period of the person that overlaps none.
        ("residence_overlap", ("r3", "d1", "837", "33100", "2015-01-01", "2020-12-31")),
        ("residence_overlap", ("r3", "d2", "837", "33100", "2016-01-01", "2016-06-30")),
        ("residence_overlap", ("r3", "d3", "837", "33100", "2019-01-01", "")),
        (None, ("r3", "d4", "837", "33100", "2010-01-01", "2014-12-31")),
        # An open period contains a later one; 01009 is a corporate postcode of Vantaa.
        ("residence_overlap", ("r4", "d1", "092", "01009", "2010-01-01", "")),
        ("residence_overlap", ("r4", "d2", "092", "01300", "2020-01-01", "2020-06-30")),
        ("postcode_municipality_mismatch", ("r5", "d1", "837", "01300", "2020-01-01", "")),
        ("postcode_municipality_mismatch", ("r6", "d1", "091", "01300", "2020-01-01", "")),
        ("unknown_postcode", ("r7", "d1", "837", "33999", "2020-01-01", "")),
        (None, ("r8", "d1", "091", "00100", "2020-01-01", "")),
        ("malformed_municipality_code", ("r9", "d1", "92", "01300", "2020-01-01", "")),
        ("malformed_postcode", ("r10", "d1", "092", "1300", "2020-01-01", "")),
        ("end_before_start", ("r11", "d1", "837", "33100", "2020-01-01", "2019-12-31")),
        # Two copies of one period: the second is a duplicate, not an overlap.
        (None, ("r12", "d1", "837", "33100", "2018-01-01", "")),
        ("duplicate_row", ("r12", "d1", "837", "33100", "2018-01-01", "")),
        # A bad period does not make a valid one overlap.
        (None, ("r13", "d1", "837", "33100", "2018-01-01", "")),
        ("unknown_postcode", ("r13", "d2", "837", "99999", "2019-01-01", "")),
        ("missing_value", ("r14", "", "837", "33100", "2018-01-01", "")),
        # White space around codes, and an end date of blanks is an open end.
        (None, ("r15", "d1", " 837 ", " 33100 ", "2020-01-01", "   ")),
    ],
    "dvv_parent_child": [
        (None, ("p1", "c1", "biological")),
        (None, ("p1", "c2", " Adoptive ")),
        ("self_relation", ("p1", "p1", "biological")),
        ("unknown_code", ("p1", "c3", "step")),
        ("missing_value", ("p1", "c4", "")),
    ],
    "dvv_partnerships": [
        (None, ("p1", "p2", "marriage", "2010-05-01", "")),
        ("self_relation", ("p3", "p3", "marriage", "2010-05-01", "")),
        ("end_before_start", ("p4", "p4", "REGISTERED_PARTNERSHIP", "2015-01-01", "2014-01-01")),
        ("unknown_code", ("p6", "p7", "cohabitation", "2015-01-01", "")),
        ("date_out_of_range", ("p8", "p9", "marriage", "2015-01-01", "2030-01-01")),
        (None, ("p10", "p11", " Registered_Partnership ", "2015-01-01", "2016-01-01")),
    ],
    "sf_degrees": [
        (None, ("p1", "6", "2010-06-01")),
        ("unknown_code", ("p2", "9", "2010-06-01")),
        ("unparsable_date", ("p3", "7", "2010/06/01")),
        (None, ("p4", " 3 ", "2005-05-31")),
    ],
    "vero_income": [
        (None, ("p1", "2020", "35000.50", "120.00", "9000.25")),
        (None, ("p1", "2020", "1000", "0", "100")),
        ("unparsable_integer", ("p2", "2020.0", "100", "0", "0")),
        ("unparsable_number", ("p3", "2020", "1 000", "0", "0")),
        (None, ("p4", "2020", "1234.567", "0", "0")),
        (None, ("p5", "2021", "-500", "-20.5", "0")),
        ("missing_value", ("p6", "2021", "", "0", "0")),
        ("unparsable_number", ("p7", "2021", "12,5", "0", "0")),
    ],
    "kela_benefits": [
        (None, ("p1", "child_benefit", "2020-01-01", "94.88")),
        (None, ("p1", " Housing_Allowance ", "2020-02-01", "300")),
        ("payment_month_not_first_day", ("p2", "child_benefit", "2020-01-15", "94.88")),
        ("non_positive_amount", ("p3", "child_benefit", "2020-01-01", "0")),
        ("non_positive_amount", ("p4", "child_benefit", "2020-01-01", "-5")),
        ("unknown_code", ("p5", "pension", "2020-01-01", "100")),
        (None, ("p1", "child_benefit", "2020-01-01", "10.001")),
    ],
    "kela_medicine_purchases": [
        (None, ("p1", "2020-03-01", "n06ab10", "30")),
        (None, ("p2", "2020-03-01", "N06A", "0")),
        ("malformed_code", ("p3", "2020-03-01", "N06AB1", "10")),
        (None, ("p4", "2020-03-01", "N", "10")),
        ("negative_value", ("p5", "2020-03-01", "N06AB10", "-1")),
        (None, ("p6", "2020-03-01", "N06 ", " 1.5 ")),
        ("malformed_code", ("p7", "2020-03-01", "N0", "1")),
    ],
    "thl_avohilmo_visits": [
        (None, ("v1", "p1", "2020-05-05", "mental_health", "F321")),
        (None, ("v2", "p1", "2020-05-06", " Mental_Health ", " f32.1 ")),
        (None, ("v3", "p2", "2020-05-06", "general_practice", "")),
        (None, ("v4", "p3", "2020-05-06", "general_practice", "J06")),
        ("malformed_code", ("v5", "p4", "2020-05-06", "general_practice", "32.1")),
        ("unknown_code", ("v6", "p5", "2020-05-06", "dentist", "J06.9")),
        ("missing_value", ("v7", "", "2020-05-06", "other", "J06.9")),
        ("malformed_code", ("v8", "p8", "2020-05-06", "other", "F32.")),
        (None, ("v9", "p9", "2020-05-06", "other", "F10.241")),
    ],
    "thl_hilmo_episodes": [
        (None, ("e1", "p1", "2020-01-01", "2020-01-10", "70", "F32.1", "inpatient")),
        ("missing_value", ("e2", "p2", "2020-01-01", "", "70", "F32.1", "inpatient")),
        ("malformed_code", ("e3", "p3", "2020-01-01", "2020-01-02", "7", "F32.1", "outpatient")),
        ("missing_value", ("e4", "p4", "2020-01-01", "2020-01-02", "75", "", "outpatient")),
        ("end_before_start", ("e5", "p5", "2020-01-10", "2020-01-01", "75", "F32", "Outpatient")),
        (None, ("e6", "p6", "2020-01-01", "2020-01-01", " 74 ", "f4322", "OUTPATIENT")),
    ],
    "thl_child_welfare": [
        (None, ("c1", "notification", "2020-01-01", "")),
        (None, ("c2", "care_order", "2020-01-01", "2021-01-01")),
        ("unknown_code", ("c3", "custody", "2020-01-01", "")),
        ("end_before_start", ("c4", "care_order", "2020-01-01", "2019-01-01")),
        ("date_out_of_range", ("c5", "aftercare", "1899-01-01", "")),
    ],
    "tem_jobseeker_periods": [
        (None, ("p1", "unemployed", "2020-01-01", "2020-03-31")),
        (None, ("p2", "Laid_Off", "2020-01-01", "")),
        ("unknown_code", ("p3", "retired", "2020-01-01", "")),
        ("missing_value", ("p4", "unemployed", "", "")),
        ("end_before_start", ("p5", "unemployed", "2020-04-01", "2020-03-31")),
    ],
    "varda_ecec_decisions": [
        (None, ("c1", "2020-08-01", "", "40", "municipal")),
        (None, ("c2", "2020-08-01", "2021-07-31", "0", "Private")),
        ("negative_value", ("c3", "2020-08-01", "", "-5", "municipal")),
        ("unknown_code", ("c4", "2020-08-01", "", "20", "public")),
        ("unparsable_number", ("c5", "2020-08-01", "", "abc", "municipal")),
    ],
}


@dataclass(frozen=True)
class Period:
    person_id: str
    start: date
    end: date | None


def overlaps(a: Period, b: Period) -> bool:
    """Both ends inclusive; an open end lasts forever."""
    return a.person_id == b.person_id and a.start <= (b.end or date.max) and b.start <= (a.end or date.max)


def random_periods(seed: int, persons: int = 12, periods_per_person: int = 4) -> list[Period]:
    """Valid-looking residence periods, some of which overlap."""
    rng = random.Random(seed)
    periods = []
    for person in range(persons):
        for _ in range(rng.randint(1, periods_per_person)):
            start = date(2015, 1, 1) + timedelta(days=rng.randint(0, 2000))
            end = None if rng.random() < 0.25 else start + timedelta(days=rng.randint(0, 400))
            periods.append(Period(f"q{person}", start, end))
    return periods


def random_residence_rows(seed: int) -> list[Row]:
    """Rows for random_periods, each with its brute-force (pairwise) outcome."""
    periods = random_periods(seed)
    rows: list[Row] = []
    for index, period in enumerate(periods):
        overlapping = any(overlaps(period, other) for j, other in enumerate(periods) if j != index)
        rows.append(
            (
                "residence_overlap" if overlapping else None,
                (
                    period.person_id,
                    f"dw{index}",
                    "837",
                    "33100",
                    period.start.isoformat(),
                    period.end.isoformat() if period.end else "",
                ),
            )
        )
    return rows


def landing_rows() -> dict[str, list[Row]]:
    rows = {table: list(table_rows) for table, table_rows in HAND_MADE_ROWS.items()}
    rows["dvv_residences"] += random_residence_rows(seed=20240630)
    return rows


# Tables landed as Parquet with native types instead of CSV text: staging must read
# them the same way.
PARQUET_TYPES = {"thl_child_welfare": {"start_date": "date", "end_date": "date"}}


def write_landing(directory: Path, rows: dict[str, list[Row]]) -> None:
    """One CSV per contract table (an empty string is an empty field, NULL), or Parquet."""
    directory.mkdir(parents=True)
    for table in TABLES:
        csv_path = directory / f"{table.name}.csv"
        with open(csv_path, "w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file)
            writer.writerow(table.column_names)
            for _, values in rows[table.name]:
                writer.writerow(values)
        if table.name in PARQUET_TYPES:
            types = PARQUET_TYPES[table.name]
            columns = ", ".join(
                f"cast({name} as {types.get(name, 'varchar')}) as {name}" for name in table.column_names
            )
            with duckdb.connect() as connection:
                connection.execute(
                    f"copy (select {columns} from read_csv('{csv_path}', all_varchar = true)) "
                    f"to '{directory / table.name}.parquet' (format parquet)"
                )
            csv_path.unlink()


def dbt_build(work: Path, max_bad_row_share: float, with_tests: bool = True) -> DbtRun:
    variables = {"max_bad_row_share": max_bad_row_share, "extract_date": EXTRACT_DATE}
    return run_dbt(
        ["build", "--select", "+staging", *([] if with_tests else ["--exclude-resource-type", "test"])],
        work / "landing",
        work / "lea.duckdb",
        work / "publish",
        dbt_vars=variables,
        check=False,
    )


@dataclass(frozen=True)
class Build:
    work: Path
    rows: dict[str, list[Row]]
    result: DbtRun

    @property
    def output(self) -> str:
        return self.result.output

    def query(self, sql: str) -> list[tuple]:
        with duckdb.connect(str(self.work / "lea.duckdb"), read_only=True) as connection:
            return connection.execute(sql).fetchall()


def bad_row_share(rows: list[Row]) -> float:
    return sum(outcome is not None for outcome, _ in rows) / len(rows)


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Build]:
    work = tmp_path_factory.mktemp("staging_build")
    rows = landing_rows()
    write_landing(work / "landing", rows)
    yield Build(work, rows, dbt_build(work, max_bad_row_share=1.0))


def test_build_passes_within_the_limit(build: Build) -> None:
    assert build.result.returncode == 0, build.output[-5000:]


def test_every_row_has_its_outcome(build: Build) -> None:
    quarantined = {
        (table, row_number): reason
        for table, row_number, reason in build.query(
            "select source_table, landing_row_number, reason from staging.quarantined_rows"
        )
    }
    for table, rows in build.rows.items():
        for row_number, (outcome, values) in enumerate(rows, start=1):
            assert quarantined.get((table, row_number)) == outcome, (table, row_number, values)


def test_every_landed_row_is_staged_or_quarantined_once(build: Build) -> None:
    for table in TABLES:
        short = table.name.removeprefix(table.source + "_")
        landed = len(build.rows[table.name])
        ((staged,),) = build.query(f"select count(*) from staging.stg_{table.source}__{short}")
        ((quarantined,),) = build.query(
            f"select count(*) from staging.quarantined_rows where source_table = '{table.name}'"
        )
        expected_bad = sum(outcome is not None for outcome, _ in build.rows[table.name])
        assert (staged, quarantined) == (landed - expected_bad, expected_bad), table.name


def test_row_values_are_the_values_as_landed(build: Build) -> None:
    for table, row_number, row_values in build.query(
        "select source_table, landing_row_number, row_values from staging.quarantined_rows"
    ):
        _, values = build.rows[table][row_number - 1]
        landed = {
            name: (value if value != "" else None)
            # a short row has fewer values
            for name, value in zip(TABLES_BY_NAME[table].column_names, values, strict=False)
        }
        assert json.loads(row_values) == landed, (table, row_number)


def test_reason_texts_name_the_column_and_value(build: Build) -> None:
    texts = dict(
        ((table, row_number), text)
        for table, row_number, text in build.query(
            "select source_table, landing_row_number, reason_text from staging.quarantined_rows"
        )
    )
    assert texts[("dvv_persons", 4)] == "birth_date '1980-02-30' is not a date of the form YYYY-MM-DD"
    assert texts[("dvv_persons", 14)] == "exact duplicate of landing row 12"
    assert "postcode '01300' belongs to municipality '092'" in texts[("dvv_residences", 11)]
    assert texts[("kela_benefits", 4)] == "amount_eur '0' is not above zero"
    assert texts[("dvv_persons", 3)] == "person_id is missing"


def test_values_are_trimmed_typed_and_normalised(build: Build) -> None:
    assert build.query(
        "select person_id, sex, mother_tongue, birth_date from staging.stg_dvv__persons where landing_row_number = 2"
    ) == [("p2", "1", "sv", date(1986, 4, 2))]
    assert build.query(
        "select icd10_code, icd10_category, service_area from staging.stg_thl__avohilmo_visits "
        "order by landing_row_number"
    ) == [
        ("F32.1", "F32", "mental_health"),
        ("F32.1", "F32", "mental_health"),
        (None, None, "general_practice"),
        ("J06", "J06", "general_practice"),
        ("F10.241", "F10", "other"),
    ]
    assert build.query(
        "select specialty_code, icd10_code, care_type from staging.stg_thl__hilmo_episodes where landing_row_number = 6"
    ) == [("74", "F43.22", "outpatient")]
    assert build.query(
        "select atc_code, ddd from staging.stg_kela__medicine_purchases order by landing_row_number"
    ) == [("N06AB10", 30.0), ("N06A", 0.0), ("N", 10.0), ("N06", 1.5)]
    assert build.query(
        "select municipality_code, postcode, end_date from staging.stg_dvv__residences where person_id = 'r15'"
    ) == [("837", "33100", None)]
    assert build.query("select benefit_code from staging.stg_kela__benefits where landing_row_number = 2") == [
        ("housing_allowance",)
    ]
    # Landed from Parquet with DATE columns.
    assert build.query(
        "select measure, start_date, end_date from staging.stg_thl__child_welfare order by landing_row_number"
    ) == [("notification", date(2020, 1, 1), None), ("care_order", date(2020, 1, 1), date(2021, 1, 1))]


def test_staged_types_follow_the_interface(build: Build) -> None:
    types = dict(
        build.query(
            "select table_name || '.' || column_name, data_type from information_schema.columns "
            "where table_schema = 'staging' and table_name like 'stg_%'"
        )
    )
    assert types["stg_vero__income.tax_year"] == "INTEGER"
    assert types["stg_vero__income.earned_income_eur"] == "DOUBLE"
    assert types["stg_kela__benefits.payment_month"] == "DATE"
    assert types["stg_varda__ecec_decisions.hours_per_week"] == "DOUBLE"
    assert types["stg_dvv__persons.death_date"] == "DATE"


def test_grain_breakers_are_staged_and_observed(build: Build) -> None:
    observed = {
        (table, observation): (n_keys, n_rows, examples)
        for table, observation, n_keys, n_rows, examples in build.query(
            "select source_table, observation, n_keys, n_rows, example_row_numbers from staging.staging_observations"
        )
    }
    assert observed == {
        ("dvv_persons", "several_rows_per_person"): (2, 4, "1, 2, 13, 18"),
        ("vero_income", "several_rows_per_person_and_year"): (1, 2, "1, 2"),
        ("vero_income", "money_with_more_than_two_decimals"): (1, 1, "5"),
        ("kela_benefits", "several_rows_per_person_benefit_and_month"): (1, 2, "1, 7"),
        ("kela_benefits", "money_with_more_than_two_decimals"): (1, 1, "7"),
    }
    assert "Staging observation: dvv_persons: 2 persons have more than one row" in build.output


def test_a_table_with_bad_rows_within_the_limit_warns_by_name(build: Build) -> None:
    for table, rows in build.rows.items():
        share = bad_row_share(rows)
        assert (f"Quarantine: table {table}:" in build.output) == (share > 0), table


def test_a_table_above_the_limit_fails_the_build_by_name(tmp_path: Path) -> None:
    limit = 0.5
    rows = landing_rows()
    write_landing(tmp_path / "landing", rows)
    result = dbt_build(tmp_path, max_bad_row_share=limit, with_tests=False)
    output = result.output
    assert result.returncode != 0
    over_the_limit = {table for table, table_rows in rows.items() if bad_row_share(table_rows) > limit}
    assert over_the_limit and over_the_limit != set(rows), "the fixture must have tables on both sides"
    for table in rows:
        assert (f"Bad-row share of table {table}:" in output) == (table in over_the_limit), table
    # The quarantine is still built, so the failing table's bad rows can be inspected.
    with duckdb.connect(str(tmp_path / "lea.duckdb"), read_only=True) as connection:
        ((count,),) = connection.execute("select count(*) from staging.quarantined_rows").fetchall()
    assert count == sum(outcome is not None for table_rows in rows.values() for outcome, _ in table_rows)
