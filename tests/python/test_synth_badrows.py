"""`--bad-row-share`: every kind of bad row, a truth file that matches, good data unchanged."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from synth_checks import bad_row_numbers, read_text

from lea.contract import TABLES
from lea.synth import generate
from lea.synth.badrows import KINDS, kinds_for


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    root = tmp_path_factory.mktemp("synth_bad")
    generate(300, seed=4, out_dir=root / "landing", file_format="csv", bad_row_share=0.02, truth_dir=root / "truth")
    generate(300, seed=4, out_dir=root / "clean", file_format="csv", truth_dir=root / "clean_truth")
    return root


def test_every_kind_in_every_table(injected):
    truth = pq.read_table(injected / "truth" / "bad_rows.parquet").to_pandas()
    for t in TABLES:
        kinds = set(truth.loc[truth["table"] == t.name, "kind"])
        assert kinds == set(kinds_for(t.name)), t.name
    assert set(truth["kind"]) == set(KINDS)


def test_truth_names_exactly_the_bad_rows(injected):
    truth = pq.read_table(injected / "truth" / "bad_rows.parquet").to_pandas()
    found = bad_row_numbers(injected / "landing")
    for t in TABLES:
        expected = set(truth.loc[(truth["table"] == t.name) & truth["is_bad"], "landing_row_number"])
        assert found[t.name] == expected, t.name


def test_share_is_about_right_and_files_are_text(injected):
    truth = pq.read_table(injected / "truth" / "bad_rows.parquet").to_pandas()
    for t in TABLES:
        n = len(read_text(injected / "landing", t.name))
        bad = int((truth.loc[truth["table"] == t.name, "is_bad"]).sum())
        assert bad >= 1
        if n > 2000:
            assert 0.01 < bad / n < 0.04, t.name


def test_grain_breakers_are_kept_and_keep_totals(injected):
    truth = pq.read_table(injected / "truth" / "bad_rows.parquet").to_pandas()
    grain = truth[~truth["is_bad"]]
    assert set(grain["kind"]) == {"second_person_row", "second_income_row", "money_three_decimals"}
    # the good rows of the injected files sum to the clean files' totals (to the cent per row)
    for table, money in [("vero_income", "earned_income_eur"), ("kela_benefits", "amount_eur")]:
        bad = set(truth.loc[(truth["table"] == table) & truth["is_bad"], "landing_row_number"])
        frame = read_text(injected / "landing", table)
        good = frame[~frame.index.to_series().add(1).isin(bad)]
        clean = read_text(injected / "clean", table)
        assert len(good) == len(clean) + int(
            (grain["kind"] == "second_income_row").sum() / 2 if table == "vero_income" else 0
        )
        assert abs(good[money].astype(float).sum() - clean[money].astype(float).sum()) < 0.01 * len(grain)
    # a person with a second, different dvv_persons row: the first row is the clean one
    persons = read_text(injected / "landing", "dvv_persons")
    rows = sorted(grain.loc[(grain["table"] == "dvv_persons"), "landing_row_number"])
    for pid in persons.iloc[[r - 1 for r in rows]]["person_id"]:
        assert (persons["person_id"] == pid).sum() >= 2


def test_intended_families_do_not_change(injected):
    a = pq.read_table(injected / "truth" / "intended_families.parquet").to_pandas()
    b = pq.read_table(injected / "clean_truth" / "intended_families.parquet").to_pandas()
    assert a.equals(b)
