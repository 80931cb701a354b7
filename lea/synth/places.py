"""Where and when the synthetic history happens: its frame of years (`Frame`) and every
place a residence can be (`Places`: the study area's ordinary postcode areas, weighted
unevenly so that some are small, and places elsewhere)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lea.catalogs import study_municipalities
from lea.synth.arrays import year_start
from lea.synth.reference import municipalities, outside_postcodes, postcode_areas


@dataclass(frozen=True)
class Frame:
    """The history: 1 Jan of the first year to 31 Dec of the last."""

    first_year: int
    last_year: int

    @property
    def start(self) -> int:
        return int(year_start(self.first_year))

    @property
    def end(self) -> int:
        return int(year_start(self.last_year + 1)) - 1

    @property
    def years(self) -> np.ndarray:
        return np.arange(self.first_year, self.last_year + 1)

    @property
    def stat_years(self) -> np.ndarray:
        """Years whose three-year window the history covers (2019-2021 by default)."""
        return np.arange(min(self.first_year + 2, self.last_year), self.last_year + 1)


@dataclass(frozen=True)
class Places:
    """Every place a residence can be: study postcodes (type 1) and places elsewhere."""

    municipality: np.ndarray  # str, per place
    postcode: np.ndarray  # str, per place
    in_study: np.ndarray  # bool
    by_municipality: tuple[np.ndarray, ...]  # place indices per study municipality
    cumulative_weights: tuple[np.ndarray, ...]
    outside: np.ndarray  # place indices outside the study area

    def sample_study(self, rng: np.random.Generator, muni: np.ndarray) -> np.ndarray:
        out = np.empty(len(muni), dtype=np.int64)
        u = rng.random(len(muni))
        for m, (places, cum) in enumerate(zip(self.by_municipality, self.cumulative_weights, strict=True)):
            sel = muni == m
            out[sel] = places[np.minimum(np.searchsorted(cum, u[sel]), len(places) - 1)]
        return out

    def sample_outside(self, rng: np.random.Generator, n: int) -> np.ndarray:
        return self.outside[rng.integers(0, len(self.outside), n)]


def build_places(seed: int) -> Places:
    """Places with uneven postcode-area sizes (a fixed draw per seed): some areas are small."""
    rng = np.random.default_rng([seed, 7])
    areas = postcode_areas()
    muni_codes: list[str] = []
    postcodes: list[str] = []
    in_study: list[bool] = []
    by_muni: list[np.ndarray] = []
    cums: list[np.ndarray] = []
    for m in study_municipalities():
        codes = areas.ordinary[m]
        start = len(postcodes)
        muni_codes += [m] * len(codes)
        postcodes += list(codes)
        in_study += [True] * len(codes)
        weights = rng.lognormal(0.0, 1.1, len(codes))
        weights[rng.random(len(codes)) < 0.15] *= 0.04  # small areas
        by_muni.append(np.arange(start, start + len(codes)))
        cums.append(np.cumsum(weights) / weights.sum())
    out_munis, out_codes = outside_postcodes()
    start = len(postcodes)
    muni_codes += list(out_munis)
    postcodes += list(out_codes)
    in_study += [False] * len(out_codes)
    return Places(
        municipality=np.array(muni_codes),
        postcode=np.array(postcodes),
        in_study=np.array(in_study),
        by_municipality=tuple(by_muni),
        cumulative_weights=tuple(cums),
        outside=np.arange(start, start + len(out_codes)),
    )


def municipality_shares() -> np.ndarray:
    counts = {m.code: m.households_with_children for m in municipalities()}
    w = np.array([counts[c] for c in study_municipalities()], dtype=float)
    return w / w.sum()
