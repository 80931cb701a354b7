"""Base rates of a mid-size sample (5,000 families) against published Finnish figures."""

from __future__ import annotations

import duckdb
import pytest

from lea.synth import generate
from lea.synth.estimate import child_rates, family_phenomena, summary
from lea.synth.reference import municipalities


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = tmp_path_factory.mktemp("synth_rates")
    generate(5000, seed=11, out_dir=root / "landing", truth_dir=root / "truth")
    flags = family_phenomena(root / "landing", root / "truth")
    return (
        root,
        flags,
        summary(flags).set_index("stat_year"),
        child_rates(root / "landing", root / "truth").set_index("stat_year"),
    )


def test_municipalities_in_proportion(sample):
    _, flags, _, _ = sample
    last = flags[flags["stat_year"] == 2021]
    share = last["municipality_code"].value_counts(normalize=True)
    real = {m.code: m.households_with_children for m in municipalities()}
    total = sum(real.values())
    for code, n in real.items():
        assert share[code] == pytest.approx(n / total, abs=0.015)
    assert set(share.index[:2]) == {"092", "837"} and share.idxmin() == "399"


@pytest.mark.parametrize("year", [2019, 2020, 2021])
def test_base_rates(sample, year):
    _, _, s, c = sample
    r = s.loc[year]
    assert r["low_income_children"] == pytest.approx(0.12, abs=0.025)  # ~12 % of children low-income
    assert r["single_parent"] == pytest.approx(0.21, abs=0.03)  # one in five families
    assert c.loc[year, "notification"] == pytest.approx(0.10, abs=0.025)  # ~10 % of children notified
    assert 0.025 <= c.loc[year, "open_care"] <= 0.045  # 3-4 % open-care clients
    assert r["groups_g01_g03"] == pytest.approx(0.70, abs=0.04)  # seven in ten in G01-G03
    for p in (
        "social_assistance",
        "parental_unemployment",
        "low_parental_education",
        "parental_mental_health",
        "parental_substance_use",
        "child_mental_health",
        "child_welfare",
        "frequent_moves",
        "no_ecec",
    ):
        assert 0.01 <= r[p] <= 0.15, p


def test_phenomena_co_occur(sample):
    _, flags, _, _ = sample
    f = flags[flags["stat_year"] == 2021]
    for a, b in [
        ("low_income", "parental_unemployment"),
        ("low_income", "social_assistance"),
        ("parental_mental_health", "child_welfare"),
        ("low_parental_education", "parental_unemployment"),
    ]:
        with_a = f.loc[f[a], b].mean()
        without_a = f.loc[~f[a], b].mean()
        assert with_a > 2 * without_a, (a, b, with_a, without_a)


def test_children_ages_as_in_the_municipalities(sample):
    root, _, _, _ = sample
    con = duckdb.connect()
    under3, under7 = con.execute(f"""
        select avg(case when young < 3 then 1 else 0 end), avg(case when young < 7 then 1 else 0 end)
        from (select f.family_key, min(2021 - year(p.birth_date)) as young
              from read_parquet('{root / "truth" / "intended_families.parquet"}') as f
              join read_parquet('{root / "landing" / "dvv_persons.parquet"}') as p using (person_id)
              where f.stat_year = 2021 and f.role = 'child' group by 1)""").fetchone()
    assert under3 == pytest.approx(0.27, abs=0.04)  # households_with_small_children / with children
    assert under7 == pytest.approx(0.52, abs=0.05)  # ... with children under school age
