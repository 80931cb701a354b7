"""`lea synth` output meets the register landing contract, table by table."""

from __future__ import annotations

import datetime as dt
import hashlib

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from synth_checks import bad_row_numbers, postcode_municipality

from lea.catalogs import study_municipalities
from lea.contract import DATE, DECIMAL, INTEGER, TABLES
from lea.synth import generate

EXPECTED_TYPES = {DATE: pa.date32(), DECIMAL: pa.float64(), INTEGER: pa.int32()}
HISTORY_START, HISTORY_END = dt.date(2017, 1, 1), dt.date(2021, 12, 31)


def _con(landing):
    con = duckdb.connect()
    for t in TABLES:
        con.execute(f"create view {t.name} as select * from read_parquet('{landing / (t.name + '.parquet')}')")
    return con


def test_every_table_and_column_with_real_types(synth_small):
    landing, _ = synth_small
    assert sorted(p.name for p in landing.iterdir()) == sorted(f"{t.name}.parquet" for t in TABLES)
    for t in TABLES:
        schema = pq.read_schema(landing / f"{t.name}.parquet")
        assert schema.names == list(t.column_names), t.name
        for c in t.columns:
            assert schema.field(c.name).type == EXPECTED_TYPES.get(c.type, pa.string()), (t.name, c.name)
        assert pq.read_metadata(landing / f"{t.name}.parquet").num_rows > 0, t.name


def test_no_bad_rows_without_injection(synth_small):
    landing, _ = synth_small
    assert bad_row_numbers(landing) == {t.name: set() for t in TABLES}


def test_identifiers_are_opaque_and_consistent(synth_small):
    con = _con(synth_small[0])
    n, distinct, min_len, max_len, digits = con.execute(
        "select count(*), count(distinct person_id), min(length(person_id)), max(length(person_id)),"
        " count(*) filter (where regexp_matches(person_id, '^[0-9]+$')) from dvv_persons"
    ).fetchone()
    assert n == distinct and 1 <= min_len and max_len <= 64 and digits == 0
    for table, column in [
        ("dvv_residences", "person_id"),
        ("dvv_parent_child", "parent_id"),
        ("dvv_parent_child", "child_id"),
        ("vero_income", "person_id"),
        ("thl_child_welfare", "child_id"),
        ("varda_ecec_decisions", "child_id"),
    ]:
        missing = con.execute(
            f"select count(*) from {table} where {column} not in (select person_id from dvv_persons)"
        ).fetchone()[0]
        assert missing == 0, (table, column)
    for table, column in [("thl_avohilmo_visits", "visit_id"), ("thl_hilmo_episodes", "episode_id")]:
        assert con.execute(f"select count(*) = count(distinct {column}) from {table}").fetchone()[0]


def test_places(synth_small):
    con = _con(synth_small[0])
    muni_of = postcode_municipality()
    rows = con.execute("select distinct municipality_code, postcode from dvv_residences").fetchall()
    study = [(m, p) for m, p in rows if m in study_municipalities()]
    outside = [(m, p) for m, p in rows if m not in study_municipalities()]
    assert all(len(m) == 3 and m.isdigit() and len(p) == 5 and p.isdigit() for m, p in rows)
    assert all(muni_of[p] == m for m, p in study)
    assert outside and all(p not in muni_of for _, p in outside)
    ordinary = {
        r["postcode"]
        for r in __import__("csv").DictReader(open(__import__("synth_checks").REFERENCE, encoding="utf-8"))
        if r["postcode_type_code"] == "1"
    }
    assert all(p in ordinary for _, p in study)
    # every study municipality has residents; postcode areas have uneven sizes
    assert {m for m, _ in study} == set(study_municipalities())
    sizes = con.execute(
        "select count(distinct person_id) as n from dvv_residences group by postcode order by n"
    ).fetchall()
    assert sizes[0][0] < sizes[-1][0] / 20


def test_residence_periods_never_overlap_and_dates_are_in_the_history(synth_small):
    con = _con(synth_small[0])
    overlaps = con.execute("""
        select count(*) from dvv_residences as a join dvv_residences as b
          on a.person_id = b.person_id and a.start_date < b.start_date
         and b.start_date <= coalesce(a.end_date, date '9999-12-31')""").fetchone()[0]
    assert overlaps == 0
    events = {
        "dvv_residences": ["start_date", "end_date"],
        "kela_benefits": ["payment_month"],
        "kela_medicine_purchases": ["purchase_date"],
        "thl_avohilmo_visits": ["visit_date"],
        "thl_hilmo_episodes": ["start_date", "end_date"],
        "thl_child_welfare": ["start_date", "end_date"],
        "tem_jobseeker_periods": ["start_date", "end_date"],
        "varda_ecec_decisions": ["start_date", "end_date"],
        "dvv_persons": ["death_date"],
    }
    for table, cols in events.items():
        for c in cols:
            lo, hi = con.execute(f"select min({c}), max({c}) from {table}").fetchone()
            assert lo >= HISTORY_START and hi <= HISTORY_END, (table, c, lo, hi)
    assert con.execute("select min(tax_year), max(tax_year) from vero_income").fetchone() == (2017, 2021)
    # every statistical year 2019-2021 has its three-year window covered
    assert con.execute("select min(start_date) from dvv_residences").fetchone()[0] == HISTORY_START


def test_money_and_amounts(synth_small):
    con = _con(synth_small[0])
    assert con.execute(
        "select min(amount_eur) > 0, bool_and(day(payment_month) = 1) from kela_benefits"
    ).fetchone() == (True, True)
    for table, col in [
        ("kela_benefits", "amount_eur"),
        ("vero_income", "earned_income_eur"),
        ("vero_income", "taxes_paid_eur"),
        ("vero_income", "capital_income_eur"),
    ]:
        assert con.execute(f"select count(*) from {table} where round({col}, 2) <> {col}").fetchone()[0] == 0
    assert (
        con.execute(
            "select count(*) from (select person_id, tax_year from vero_income group by all having count(*) > 1)"
        ).fetchone()[0]
        == 0
    )


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    def digest(d):
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(d.iterdir())}

    generate(150, seed=5, out_dir=tmp_path / "a", file_format="csv")
    generate(150, seed=5, out_dir=tmp_path / "b", file_format="csv")
    generate(150, seed=6, out_dir=tmp_path / "c", file_format="csv")
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert all(digest(tmp_path / "a")[k] != v for k, v in digest(tmp_path / "c").items())


def test_csv_and_parquet_hold_the_same_data(tmp_path):
    generate(150, seed=8, out_dir=tmp_path / "p", file_format="parquet")
    generate(150, seed=8, out_dir=tmp_path / "c", file_format="csv")
    con = duckdb.connect()
    for t in TABLES:
        assert not (tmp_path / "p" / f"{t.name}.csv").exists()
        cols = ", ".join(f"cast({c} as varchar) as {c}" for c in t.column_names)
        p = con.execute(f"select {cols} from read_parquet('{tmp_path / 'p' / (t.name + '.parquet')}')").fetchall()
        c = con.execute(
            f"select {cols} from read_csv('{tmp_path / 'c' / (t.name + '.csv')}', all_varchar = true)"
        ).fetchall()
        norm = [
            tuple(
                None if v is None else (str(float(v)) if k in {x.name for x in t.columns if x.type == DECIMAL} else v)
                for k, v in zip(t.column_names, row, strict=True)
            )
            for row in p
        ]
        normc = [
            tuple(
                None if v is None else (str(float(v)) if k in {x.name for x in t.columns if x.type == DECIMAL} else v)
                for k, v in zip(t.column_names, row, strict=True)
            )
            for row in c
        ]
        assert norm == normc, t.name


def test_refuses_truth_in_the_landing_directory(tmp_path):
    with pytest.raises(ValueError):
        generate(10, seed=1, out_dir=tmp_path, truth_dir=tmp_path)


def test_command_line_writes_landing_and_truth(tmp_path):
    from lea.cli import main

    assert (
        main(
            [
                "synth",
                "--families",
                "40",
                "--seed",
                "2",
                "--out",
                str(tmp_path / "l"),
                "--format",
                "csv",
                "--years",
                "2017-2021",
                "--truth",
                str(tmp_path / "t"),
                "--no-progress",
            ]
        )
        == 0
    )
    assert sorted(p.name for p in (tmp_path / "l").iterdir()) == sorted(f"{t.name}.csv" for t in TABLES)
    assert (tmp_path / "t" / "intended_families.parquet").exists()


def test_packaged_reference_data_equals_the_seed():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    assert (root / "lea/synth/data/postcode_areas.csv").read_bytes() == (
        root / "seeds/reference/postcode_areas.csv"
    ).read_bytes()
