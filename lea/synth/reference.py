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

# Municipalities outside the study area where persons may live, with the first three
# digits of postcodes used there (postcodes are completed with two digits and checked
# against the study postcodes so that none of them is in postcode_areas.csv).
OUTSIDE_MUNICIPALITIES: tuple[tuple[str, str], ...] = (
    ("091", "001"),
    ("091", "005"),
    ("091", "009"),  # Helsinki
    ("049", "021"),
    ("049", "026"),  # Espoo
    ("853", "201"),
    ("853", "205"),  # Turku
    ("564", "901"),
    ("564", "905"),  # Oulu
    ("179", "401"),
    ("179", "406"),  # Jyväskylä
    ("297", "701"),  # Kuopio
    ("398", "151"),  # Lahti
    ("211", "362"),  # Kangasala
    ("536", "371"),  # Nokia
    ("604", "339"),  # Pirkkala (339xx; study codes of that shape are filtered out)
    ("499", "686"),  # Mustasaari
    ("286", "451"),  # Kouvola
)


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


# Swedish-speaking shares (Statistics Finland, rounded): Vaasa is bilingual.
_SWEDISH_SHARE = {"837": 0.005, "980": 0.003, "092": 0.025, "609": 0.006, "905": 0.22, "399": 0.01}


@lru_cache(maxsize=1)
def municipalities() -> tuple[Municipality, ...]:
    text = resources.files("lea.synth").joinpath("data/municipality_calibration.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
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
                swedish_speaking_share=_SWEDISH_SHARE[r["municipality_code"]],
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
    for muni, prefix in OUTSIDE_MUNICIPALITIES:
        for last in range(0, 100, 10):
            code = f"{prefix}{last:02d}"
            if code not in listed:
                munis.append(muni)
                codes.append(code)
    return np.array(munis), np.array(codes)
