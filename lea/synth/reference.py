"""Reference data for the generator: real municipality figures and postcode areas.

`data/municipality_calibration.csv` and `data/postcode_areas.csv` are copies of the shared
reference data (`../shared/data/`); a test checks that the postcode copy equals the dbt seed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np


def _data_rows(name: str) -> list[dict[str, str]]:
    """The rows of the generator's data file `data/<name>`."""
    text = resources.files("lea.synth").joinpath(f"data/{name}").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


@dataclass(frozen=True)
class MunicipalityAssumptions:
    """What the generator assumes of a study municipality beyond the calibration figures
    (`data/municipality_assumptions.csv`): a shift of the families' latent risk, the share
    of foreign-language families and the Swedish-speaking share (Statistics Finland,
    rounded; Vaasa is bilingual)."""

    risk_shift: float
    foreign_share: float
    swedish_speaking_share: float


@lru_cache(maxsize=1)
def municipality_assumptions() -> dict[str, MunicipalityAssumptions]:
    return {
        r["municipality_code"]: MunicipalityAssumptions(
            float(r["risk_shift"]), float(r["foreign_share"]), float(r["swedish_speaking_share"])
        )
        for r in _data_rows("municipality_assumptions.csv")
    }


@lru_cache(maxsize=1)
def outside_municipalities() -> tuple[tuple[str, str], ...]:
    """Municipalities outside the study area where persons may live, with the first three
    digits of postcodes used there (`data/outside_municipalities.csv`; postcodes are
    completed with two digits and checked against the study postcodes so that none of them
    is in postcode_areas.csv; Pirkkala's 339xx study codes of that shape are filtered out)."""
    return tuple((r["municipality_code"], r["postcode_prefix"]) for r in _data_rows("outside_municipalities.csv"))


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    households_with_children: int
    age_0_2: int
    age_3_6: int
    age_7_12: int
    age_13_17: int
    adults: int
    adults_basic_only: int
    unemployment_rate: float
    low_income_household_share: float
    swedish_speaking_share: float


@lru_cache(maxsize=1)
def municipalities() -> tuple[Municipality, ...]:
    rows = _data_rows("municipality_calibration.csv")
    out = []
    for r in rows:
        employed, unemployed = int(r["employed_2017"]), int(r["unemployed_2017"])
        out.append(
            Municipality(
                code=r["municipality_code"],
                name=r["municipality_name_fi"],
                households_with_children=int(r["households_with_children_2018"]),
                age_0_2=int(r["age_0_2_2018"]),
                age_3_6=int(r["age_3_6_2018"]),
                age_7_12=int(r["age_7_12_2018"]),
                age_13_17=int(r["age_13_15_2018"]) + int(r["age_16_17_2018"]),
                adults=int(r["adults_18plus_2018"]),
                adults_basic_only=int(r["adults_basic_education_only_2018"]),
                unemployment_rate=unemployed / (employed + unemployed),
                low_income_household_share=int(r["households_lowest_income_category_2017"]) / int(r["households_2018"]),
                swedish_speaking_share=municipality_assumptions()[r["municipality_code"]].swedish_speaking_share,
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class PostcodeAreas:
    """Type 1 (ordinary) postcodes of each study municipality, and every listed postcode."""

    ordinary: dict[str, np.ndarray]  # municipality code -> postcodes (str array)
    municipality_of: dict[str, str]  # every postcode of the file -> its municipality


@lru_cache(maxsize=1)
def postcode_areas() -> PostcodeAreas:
    text = resources.files("lea.synth").joinpath("data/postcode_areas.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    ordinary: dict[str, list[str]] = {}
    for r in rows:
        if r["postcode_type_code"] == "1":
            ordinary.setdefault(r["municipality_code"], []).append(r["postcode"])
    return PostcodeAreas(
        ordinary={k: np.array(sorted(v)) for k, v in ordinary.items()},
        municipality_of={r["postcode"]: r["municipality_code"] for r in rows},
    )


@lru_cache(maxsize=1)
def outside_postcodes() -> tuple[np.ndarray, np.ndarray]:
    """(municipality codes, postcodes) of places outside the study area, none in the file."""
    listed = postcode_areas().municipality_of
    munis, codes = [], []
    for muni, prefix in outside_municipalities():
        for last in range(0, 100, 10):
            code = f"{prefix}{last:02d}"
            if code not in listed:
                munis.append(muni)
                codes.append(code)
    return np.array(munis), np.array(codes)
