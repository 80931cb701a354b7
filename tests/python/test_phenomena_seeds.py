"""The phenomena's code seeds (seeds/codes/) against the register contract and the spec.

The SQL of the phenomena reads its code groupings from these seeds, so a seed that drifts
from the contract (a benefit code renamed, a status missing) would silently change an
indicator. These tests pin the seeds to lea.contract and to the spec's defaults.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from lea import contract

PROJECT = Path(__file__).resolve().parents[2]
CODES = PROJECT / "seeds" / "codes"


def read_seed(name: str) -> list[dict[str, str]]:
    with (CODES / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def is_true(value: str) -> bool:
    assert value in ("true", "false"), f"boolean seed value {value!r}"
    return value == "true"


def test_benefit_types_cover_the_contract_and_add_only_non_taxable_benefits() -> None:
    rows = read_seed("benefit_types")
    assert sorted(r["benefit_code"] for r in rows) == sorted(contract.BENEFIT_CODES)
    counted = {r["benefit_code"] for r in rows if is_true(r["counts_in_disposable_income"])}
    non_taxable = {r["benefit_code"] for r in rows if not is_true(r["is_taxable"])}
    assert counted == non_taxable == set(contract.NON_TAXABLE_BENEFITS)
    assert [r["benefit_code"] for r in rows if is_true(r["is_basic_social_assistance"])] == ["social_assistance"]


def test_unemployment_counts_unemployed_and_laid_off_only() -> None:
    rows = read_seed("jobseeker_statuses")
    assert sorted(r["status"] for r in rows) == sorted(contract.JOBSEEKER_STATUSES)
    assert {r["status"] for r in rows if is_true(r["counts_as_unemployment"])} == {
        "unemployed",
        "laid_off",
    }


def test_every_child_welfare_measure_but_a_notification_counts() -> None:
    rows = read_seed("child_welfare_measures")
    assert sorted(r["measure"] for r in rows) == sorted(contract.CHILD_WELFARE_MEASURES)
    assert {r["measure"] for r in rows if not is_true(r["counts_for_child_welfare"])} == {"notification"}


def test_every_degree_level_of_the_contract_is_level_3_or_higher() -> None:
    rows = read_seed("education_levels")
    assert sorted(r["degree_level"] for r in rows) == sorted(contract.DEGREE_LEVELS)
    assert all(is_true(r["counts_as_parental_education"]) == (int(r["degree_level"]) >= 3) for r in rows)


def test_diagnosis_ranges_are_the_specified_categories() -> None:
    ranges = {
        (r["phenomenon"], r["member_role"]): (r["icd10_category_from"], r["icd10_category_to"], r["time_window"])
        for r in read_seed("phenomenon_diagnosis_ranges")
    }
    assert ranges == {
        ("parental_mental_health", "parent"): ("F20", "F48", "two_year"),
        ("parental_substance_use", "parent"): ("F10", "F19", "two_year"),
        ("child_mental_health", "child"): ("F30", "F98", "two_year"),
    }


@pytest.mark.parametrize(
    ("category", "phenomena"),
    [
        ("F09", set()),
        ("F10", {"parental_substance_use"}),
        ("F19", {"parental_substance_use"}),
        ("F20", {"parental_mental_health"}),
        ("F29", {"parental_mental_health"}),
        ("F30", {"parental_mental_health", "child_mental_health"}),
        ("F48", {"parental_mental_health", "child_mental_health"}),
        ("F49", {"child_mental_health"}),
        ("F98", {"child_mental_health"}),
        ("F99", set()),
    ],
)
def test_category_text_comparison_puts_boundaries_on_the_right_side(category: str, phenomena: set[str]) -> None:
    """The SQL compares three-character categories as text, as this does."""
    matched = {
        r["phenomenon"]
        for r in read_seed("phenomenon_diagnosis_ranges")
        if r["icd10_category_from"] <= category <= r["icd10_category_to"]
    }
    assert matched == phenomena


def test_medicine_codes_and_care_settings_use_contract_codes() -> None:
    medicines = {
        r["atc_prefix"]: (r["phenomenon"], r["time_window"], r["counting_rule"])
        for r in read_seed("phenomenon_medicine_codes")
    }
    assert medicines == {
        "N06A": ("parental_mental_health", "year", "purchases_threshold"),
        "N07B": ("parental_substance_use", "two_year", "any_purchase"),
    }
    settings = read_seed("phenomenon_care_settings")
    for row in settings:
        if row["care_register"] == "avohilmo":
            assert row["setting_code"] in contract.SERVICE_AREAS
        else:
            assert row["care_register"] == "hilmo"
            assert len(row["setting_code"]) == 2 and row["setting_code"].isdigit()
    assert {(r["phenomenon"], r["setting_code"]) for r in settings} == {
        ("parental_substance_use", "substance_abuse"),
        ("child_mental_health", "74"),
        ("child_mental_health", "75"),
    }


def test_phenomenon_parameters_default_to_the_spec() -> None:
    project = yaml.safe_load((PROJECT / "dbt_project.yml").read_text(encoding="utf-8"))
    variables = project["vars"]
    assert variables["low_income_threshold_eur"] == {}
    assert variables["low_income_median_share"] == 0.6
    assert variables["unemployment_days_threshold"] == 183
    assert variables["n06a_purchases_threshold"] == 2
    assert variables["frequent_moves_threshold"] == 2
    assert (variables["ecec_age_min"], variables["ecec_age_max"]) == (3, 5)
    assert (
        variables["oecd_weight_first_adult"],
        variables["oecd_weight_other_adult"],
        variables["oecd_weight_child"],
        variables["oecd_adult_age"],
    ) == (1.0, 0.5, 0.3, 14)
