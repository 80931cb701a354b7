"""`lea synth --volume full`: visits and purchases at real rates, the phenomena unchanged."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from lea.contract import TABLES
from lea.synth import generate
from lea.synth.estimate import family_phenomena
from lea.synth.generate import SYNTHETIC_METADATA_KEY
from lea.synth.volume import PURCHASES_PER_PERSON_YEAR, VISITS_PER_PERSON_YEAR

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "codes"
TOPPED_UP = {"thl_avohilmo_visits", "kela_medicine_purchases"}
FAMILIES, SEED = 1500, 7


@pytest.fixture(scope="module")
def landings(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("synth_volume")
    for volume in ("phenomena", "full"):
        generate(
            FAMILIES,
            seed=SEED,
            out_dir=root / volume,
            truth_dir=root / f"truth_{volume}",
            volume=volume,
            chunk_families=700,
        )
    return {"root": root, "phenomena": root / "phenomena", "full": root / "full"}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _read(landing: Path, table: str) -> str:
    return f"read_parquet('{landing / (table + '.parquet')}')"


def _generator_arguments(path: Path) -> dict:
    metadata = pq.read_metadata(path).metadata or {}
    return json.loads(metadata[SYNTHETIC_METADATA_KEY.encode()])


def test_other_tables_are_identical_but_for_the_volume_they_name(landings):
    """The same rows and schema; the files' generator metadata (issue 25) differ only in the
    volume they record, so the bytes do too."""
    for t in TABLES:
        if t.name not in TOPPED_UP:
            full, default = landings["full"] / f"{t.name}.parquet", landings["phenomena"] / f"{t.name}.parquet"
            assert pq.read_table(full).equals(pq.read_table(default)), t.name
            full_arguments, default_arguments = _generator_arguments(full), _generator_arguments(default)
            assert {k for k in full_arguments if full_arguments[k] != default_arguments.get(k)} == {"volume"}, t.name


def test_every_default_row_is_kept_and_more_are_added(landings):
    con = duckdb.connect()
    for table in TOPPED_UP:
        default, full = _read(landings["phenomena"], table), _read(landings["full"], table)
        missing = con.execute(
            f"select count(*) from (select * from {default} except all select * from {full})"
        ).fetchone()[0]
        assert missing == 0, table
        n_default = con.execute(f"select count(*) from {default}").fetchone()[0]
        n_full = con.execute(f"select count(*) from {full}").fetchone()[0]
        assert n_full > 3 * n_default, table


def _person_years(con: duckdb.DuckDBPyConnection, landing: Path) -> float:
    """Days alive and resident in Finland within the history (2017-2021), in years, from the files."""
    return con.execute(f"""
        select sum(datediff('day', greatest(r.start_date, date '2017-01-01'),
                            least(coalesce(r.end_date, date '2021-12-31'), date '2021-12-31',
                                  coalesce(p.death_date, date '2021-12-31'))) + 1) / 365.25
        from {_read(landing, "dvv_residences")} as r
        join {_read(landing, "dvv_persons")} as p using (person_id)
        where greatest(r.start_date, date '2017-01-01')
              <= least(coalesce(r.end_date, date '2021-12-31'), coalesce(p.death_date, date '2021-12-31'))
    """).fetchone()[0]


@pytest.mark.parametrize(
    ("table", "rate"),
    [("thl_avohilmo_visits", VISITS_PER_PERSON_YEAR), ("kela_medicine_purchases", PURCHASES_PER_PERSON_YEAR)],
)
def test_rows_per_person_year_are_the_real_rate(landings, table, rate):
    con = duckdb.connect()
    years = _person_years(con, landings["full"])
    rows = con.execute(f"select count(*) from {_read(landings['full'], table)}").fetchone()[0]
    assert rows / years == pytest.approx(rate, rel=0.05)
    default_rows = con.execute(f"select count(*) from {_read(landings['phenomena'], table)}").fetchone()[0]
    assert default_rows / years < rate / 3


def _seed(name: str) -> list[dict[str, str]]:
    with open(SEEDS / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_added_rows_match_no_phenomenon_rule(landings):
    """Proof by the rules: the seeds that decide which visits and purchases count match no added row."""
    con = duckdb.connect()
    added_visits = (
        f"(select * from {_read(landings['full'], 'thl_avohilmo_visits')} "
        f"except all select * from {_read(landings['phenomena'], 'thl_avohilmo_visits')})"
    )
    categories = con.execute(f"""
        select distinct substring(replace(upper(icd10_code), '.', ''), 1, 3) from {added_visits}
        where icd10_code is not null""").fetchall()
    for (category,) in categories:
        for rule in _seed("phenomenon_diagnosis_ranges.csv"):
            assert not rule["icd10_category_from"] <= category <= rule["icd10_category_to"], category
    areas = {a for (a,) in con.execute(f"select distinct service_area from {added_visits}").fetchall()}
    counted = {r["setting_code"] for r in _seed("phenomenon_care_settings.csv") if r["care_register"] == "avohilmo"}
    assert areas and not areas & counted
    added_purchases = (
        f"(select * from {_read(landings['full'], 'kela_medicine_purchases')} "
        f"except all select * from {_read(landings['phenomena'], 'kela_medicine_purchases')})"
    )
    codes = {c for (c,) in con.execute(f"select distinct upper(atc_code) from {added_purchases}").fetchall()}
    prefixes = [r["atc_prefix"] for r in _seed("phenomenon_medicine_codes.csv")]
    assert codes and not any(c.startswith(p) for c in codes for p in prefixes)
    default_codes = {
        c
        for (c,) in con.execute(
            f"select distinct upper(atc_code) from {_read(landings['phenomena'], 'kela_medicine_purchases')}"
        ).fetchall()
    }
    assert not codes & default_codes  # so no added purchase duplicates a default one


def test_no_exact_duplicates_and_no_bad_dates(landings):
    con = duckdb.connect()
    for table in TOPPED_UP:
        src = _read(landings["full"], table)
        rows, distinct = con.execute(
            f"select count(*), (select count(*) from (select distinct * from {src})) from {src}"
        ).fetchone()
        assert rows == distinct, table
    date_column = {"thl_avohilmo_visits": "visit_date", "kela_medicine_purchases": "purchase_date"}
    for table, column in date_column.items():
        outside = con.execute(f"""
            select count(*) from {_read(landings["full"], table)} as t
            join {_read(landings["full"], "dvv_persons")} as p using (person_id)
            where t.{column} < greatest(p.birth_date, date '2017-01-01') or t.{column} > date '2021-12-31'
                  or t.{column} > coalesce(p.death_date, date '2021-12-31')""").fetchone()[0]
        assert outside == 0, table


def test_phenomena_equal_the_default_volume(landings):
    root = landings["root"]
    default = family_phenomena(landings["phenomena"], root / "truth_phenomena")
    full = family_phenomena(landings["full"], root / "truth_full")
    assert len(default) > FAMILIES
    keys = ["stat_year", "family_key"]
    assert default.sort_values(keys).reset_index(drop=True).equals(full.sort_values(keys).reset_index(drop=True))


def test_full_volume_is_deterministic(tmp_path, landings):
    generate(FAMILIES, seed=SEED, out_dir=tmp_path, volume="full", chunk_families=700)
    for table in TOPPED_UP:
        assert _sha(tmp_path / f"{table}.parquet") == _sha(landings["full"] / f"{table}.parquet")


def test_unknown_volume_is_refused(tmp_path):
    with pytest.raises(ValueError, match="volume"):
        generate(10, out_dir=tmp_path, volume="huge")


def test_command_line_passes_the_volume(tmp_path):
    from lea.cli import main

    for volume in ("phenomena", "full"):
        assert (
            main(
                [
                    "synth",
                    "--families",
                    "30",
                    "--seed",
                    "2",
                    "--out",
                    str(tmp_path / volume),
                    "--volume",
                    volume,
                    "--no-progress",
                ]
            )
            == 0
        )
    con = duckdb.connect()
    default, full = (
        con.execute(f"select count(*) from {_read(tmp_path / v, 'thl_avohilmo_visits')}").fetchall()[0][0]
        for v in ("phenomena", "full")
    )
    assert full > 3 * default
