"""Health care of the persons of a chunk year by year: visits with their diagnoses, care
episodes and medicine purchases, driven by the family risk (parents' mental health and
substance use, children's mental health, and ordinary care around them)."""

from __future__ import annotations

import numpy as np

from lea.synth.arrays import OPEN, expand
from lea.synth.draws import active_years, expanded_events, sigmoid
from lea.synth.places import Frame
from lea.synth.population import Chunk

ORDINARY_ADULT = (
    "J06.9",
    "J20.9",
    "J02.9",
    "M54.5",
    "R51",
    "L30.9",
    "A09",
    "N39.0",
    "I10",
    "E11.9",
    "K52.9",
    "Z00.0",
    "Z01.8",
    "M25.5",
    "H10.9",
    "R05",
)
ORDINARY_CHILD = ("J06.9", "H66.9", "J20.9", "Z00.1", "Z00.1", "Z23.8", "L20.9", "R50.9", "B34.9", "A08.4")
PARENT_MH = ("F32.1", "F32.0", "F33.1", "F41.1", "F41.2", "F43.2", "F43.1", "F34.1", "F40.1", "F31.3", "F20.0", "F48.0")
SUBSTANCE = ("F10.2", "F10.1", "F12.2", "F19.2", "F11.2", "F10.0")
CHILD_MH = ("F90.0", "F84.0", "F93.8", "F92.8", "F32.1", "F41.1", "F50.0", "F98.0", "F91.3", "F80.1", "F43.2")
NOISE_F = ("F51.0", "F99", "F52.0")  # F-codes outside every phenomenon range
N06A = ("N06AB10", "N06AB06", "N06AX11", "N06AX16", "N06AB04")
N07B = ("N07BB01", "N07BC51", "N07BB04", "N07BC02")
CHRONIC = ("C09AA02", "A10BA02", "H03AA01", "C10AA05", "R03BA02", "C07AB02")


def diagnosis_codes(rng, table: tuple[str, ...], n: int, undotted_share: float = 0.4) -> np.ndarray:
    codes = np.array(table)[rng.integers(0, len(table), n)]
    undotted = np.char.replace(codes, ".", "")
    return np.where(rng.random(n) < undotted_share, undotted, codes)


def draw_health(rng, chunk: Chunk, frame: Frame, risk, age, lo, hi, active, is_child, parentish, female) -> dict:
    P = chunk.persons
    n, Y = age.shape
    grown = (age >= 18) & active
    visits: dict[str, list[np.ndarray]] = {"person": [], "date": [], "area": [], "icd": []}
    purchases: dict[str, list[np.ndarray]] = {"person": [], "date": [], "atc": [], "ddd": []}
    episodes: dict[str, list[np.ndarray]] = {
        "person": [],
        "start": [],
        "end": [],
        "specialty": [],
        "icd": [],
        "care": [],
    }

    def visit(person, date, area, icd):
        visits["person"].append(person)
        visits["date"].append(date)
        visits["area"].append(np.broadcast_to(np.asarray(area), person.shape).astype(object))
        visits["icd"].append(np.broadcast_to(np.asarray(icd, dtype=object), person.shape))

    def buy(person, date, atc, ddd):
        purchases["person"].append(person)
        purchases["date"].append(date)
        purchases["atc"].append(np.asarray(atc, dtype=object))
        purchases["ddd"].append(np.round(ddd, 2))

    def episode(person, start, length, specialty, icd, care):
        episodes["person"].append(person)
        episodes["start"].append(start)
        episodes["end"].append(start + length)
        episodes["specialty"].append(np.broadcast_to(np.asarray(specialty, dtype=object), person.shape))
        episodes["icd"].append(np.broadcast_to(np.asarray(icd, dtype=object), person.shape))
        episodes["care"].append(np.broadcast_to(np.asarray(care, dtype=object), person.shape))

    in_study_home = (P.home_from < OPEN)[:, None]
    # ordinary visits
    lam = np.select([age < 7, age < 18, age < 65], [2.2, 1.0, 0.9], 1.8) * np.where(in_study_home, 1.0, 0.4)
    counts = np.where(active & (age >= 0), rng.poisson(lam), 0)
    p, k, d = expanded_events(rng, counts, lo, hi)
    a = age[p, k]
    area = np.select([a < 7, a < 18], ["child_health_clinic", "school_health"], "general_practice").astype(object)
    area = np.where(rng.random(len(p)) < 0.25, np.where(a < 18, "general_practice", "other"), area)
    icd = np.where(
        a < 18, diagnosis_codes(rng, ORDINARY_CHILD, len(p)), diagnosis_codes(rng, ORDINARY_ADULT, len(p))
    ).astype(object)
    icd[rng.random(len(p)) < 0.35] = None
    visit(p, d, area, icd)
    # maternity clinic before births
    kids = np.flatnonzero(is_child & (P.birth >= frame.start + 60))
    mothers = P.parent_a[kids]
    own, pos = expand(np.full(len(kids), 4))
    vd = P.birth[kids][own] - 30 - 50 * pos
    ok = vd >= frame.start
    visit(mothers[own][ok], vd[ok], "maternity_clinic", np.where(rng.random(ok.sum()) < 0.5, "Z34.9", None))  # type: ignore[call-overload]
    # birth episodes
    episode(
        mothers,
        P.birth[kids] - rng.integers(0, 2, len(kids)),
        rng.integers(2, 5, len(kids)),
        "30",
        np.where(rng.random(len(kids)) < 0.8, "O80", "O82"),
        "inpatient",
    )

    # parental mental health
    grown_p = grown & (parentish[:, None] | is_child[:, None])
    mh = active_years(rng, sigmoid(-2.75 + 0.6 * risk + 0.35 * female), grown_p & (age < 65), 2.0)
    vis_mh = mh & (rng.random(mh.shape) < 0.7)
    p, k, d = expanded_events(rng, np.where(vis_mh, 1 + rng.poisson(1.5, mh.shape), 0), lo, hi)
    visit(
        p,
        d,
        np.where(rng.random(len(p)) < 0.6, "mental_health", "general_practice"),
        diagnosis_codes(rng, PARENT_MH, len(p)),
    )
    med = mh & (rng.random(mh.shape) < 0.6)
    p, k, d = expanded_events(rng, np.where(med, 2 + rng.poisson(1.5, mh.shape), 0), lo, hi)
    buy(p, d, np.array(N06A)[rng.integers(0, len(N06A), len(p))], 28 + 72 * rng.random(len(p)))
    psych = mh & (rng.random(mh.shape) < 0.1)
    p, k, d = expanded_events(rng, psych.astype(np.int64), lo, hi)
    inpatient = rng.random(len(p)) < 0.25
    episode(
        p,
        d,
        np.where(inpatient, rng.integers(3, 40, len(p)), rng.integers(0, 150, len(p))),
        "70",
        diagnosis_codes(rng, PARENT_MH, len(p), 0.0),
        np.where(inpatient, "inpatient", "outpatient"),
    )
    # single N06A purchases and F-codes outside the ranges (not a phenomenon)
    single = grown & (rng.random(grown.shape) < 0.015)
    p, k, d = expanded_events(rng, single.astype(np.int64), lo, hi)
    buy(p, d, np.full(len(p), "N06AA09"), 10 + 20 * rng.random(len(p)))
    noise = grown & (rng.random(grown.shape) < 0.01)
    p, k, d = expanded_events(rng, noise.astype(np.int64), lo, hi)
    visit(p, d, "general_practice", diagnosis_codes(rng, NOISE_F, len(p)))

    # substance use
    su = active_years(rng, sigmoid(-5.3 + 0.8 * risk + 0.7 * ~female), grown_p & (age < 70), 2.0)
    su |= mh & (rng.random(mh.shape) < 0.02)
    sv = su & (rng.random(su.shape) < 0.75)
    p, k, d = expanded_events(rng, np.where(sv, 1 + rng.poisson(2.0, su.shape), 0), lo, hi)
    sub_area = rng.random(len(p)) < 0.6
    visit(
        p,
        d,
        np.where(sub_area, "substance_abuse", "general_practice"),
        np.where(sub_area & (rng.random(len(p)) < 0.3), None, diagnosis_codes(rng, SUBSTANCE, len(p))),  # type: ignore[call-overload]
    )
    sm = su & (rng.random(su.shape) < 0.3)
    p, k, d = expanded_events(rng, np.where(sm, 2 + rng.poisson(3.0, su.shape), 0), lo, hi)
    buy(p, d, np.array(N07B)[rng.integers(0, len(N07B), len(p))], 10 + 50 * rng.random(len(p)))
    smoke = grown & (rng.random(grown.shape) < 0.004)
    p, k, d = expanded_events(rng, smoke.astype(np.int64), lo, hi)
    buy(p, d, np.full(len(p), "N07BA03"), 11 + 45 * rng.random(len(p)))

    # chronic medicines
    chronic = grown & (rng.random(n) < 0.09)[:, None]
    p, k, d = expanded_events(rng, np.where(chronic, 3 + rng.poisson(1.0, chronic.shape), 0), lo, hi)
    buy(p, d, np.array(CHRONIC)[(p * 7) % len(CHRONIC)], 30 + 70 * rng.random(len(p)))
    asthma = (age >= 2) & (age < 18) & active & (rng.random(n) < 0.05)[:, None]
    p, k, d = expanded_events(rng, np.where(asthma, 1 + rng.poisson(1.0, asthma.shape), 0), lo, hi)
    buy(p, d, np.full(len(p), "R03BA02"), 30 + 60 * rng.random(len(p)))

    # children's mental health
    kid_years = is_child[:, None] & (age >= 3) & (age < 18) & active
    cmh = active_years(rng, sigmoid(-3.0 + 0.45 * risk + 0.3 * ~female), kid_years, 2.5)
    cv = cmh & (rng.random(cmh.shape) < 0.8)
    p, k, d = expanded_events(rng, np.where(cv, 1 + rng.poisson(1.5, cmh.shape), 0), lo, hi)
    visit(
        p,
        d,
        np.where(
            age[p, k] < 13, "general_practice", np.where(rng.random(len(p)) < 0.5, "school_health", "mental_health")
        ),
        diagnosis_codes(rng, CHILD_MH, len(p)),
    )
    ch = cmh & (rng.random(cmh.shape) < 0.3)
    p, k, d = expanded_events(rng, ch.astype(np.int64), lo, hi)
    episode(
        p,
        d,
        rng.integers(0, 200, len(p)),
        np.where(age[p, k] < 13, "75", "74"),
        diagnosis_codes(rng, CHILD_MH, len(p), 0.0),
        "outpatient",
    )
    adhd = cmh & (rng.random(n) < 0.3)[:, None]
    p, k, d = expanded_events(rng, np.where(adhd, 2 + rng.poisson(2.0, adhd.shape), 0), lo, hi)
    buy(p, d, np.full(len(p), "N06BA04"), 30 + 60 * rng.random(len(p)))
    # other specialised care
    other = active & (rng.random((n, Y)) < np.where(age < 18, 0.02, 0.04))
    p, k, d = expanded_events(rng, other.astype(np.int64), lo, hi)
    spec = np.where(age[p, k] < 16, "40", np.array(["10", "20", "50", "55"])[rng.integers(0, 4, len(p))])
    episode(
        p,
        d,
        rng.integers(0, 5, len(p)),
        spec,
        np.where(age[p, k] < 16, "J21.9", np.array(["K35.8", "E11.9", "H25.9", "J35.0"])[rng.integers(0, 4, len(p))]),
        np.where(rng.random(len(p)) < 0.5, "inpatient", "outpatient"),
    )

    def cat(d: dict) -> dict:
        return {k: np.concatenate([np.asarray(x) for x in v]) for k, v in d.items()}

    burden = np.zeros((n, Y), dtype=bool)
    burden |= mh | su
    hh_burden = np.zeros((chunk.households.n, Y), dtype=bool)
    pp, kk = np.nonzero(burden & parentish[:, None])
    hh_burden[P.hh[pp], kk] = True
    eps = cat(episodes)
    eps["end"] = np.minimum(eps["end"], frame.end)
    return {
        "visits": cat(visits),
        "purchases": dedupe_purchases(cat(purchases)),
        "episodes": eps,
        "parent_burden": hh_burden,
    }


def dedupe_purchases(pur: dict) -> dict:
    """Purchases of one person, day, ATC and DDD would be exact duplicates: nudge the DDD."""
    key = np.lexsort((pur["ddd"], pur["date"], pur["person"]))
    for k in pur:
        pur[k] = pur[k][key]
    same = np.zeros(len(key), dtype=bool)
    same[1:] = (
        (pur["person"][1:] == pur["person"][:-1])
        & (pur["date"][1:] == pur["date"][:-1])
        & (pur["atc"][1:] == pur["atc"][:-1])
        & (np.abs(pur["ddd"][1:] - pur["ddd"][:-1]) < 0.005)
    )
    pur["ddd"] = np.round(pur["ddd"] + same * 0.5, 2)
    return pur
