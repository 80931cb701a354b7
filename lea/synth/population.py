"""The synthetic population: households with children, their members and their history.

A chunk of `n` households is drawn as arrays (one element per household, or per person),
never with a Python loop over persons. Each household is designed by its state on the last
day of the history (31 Dec of the last year) plus the events that led to it; the same
arrays then give every person's residence periods and, per statistical year, the family the
generator intends (`lea.synth.residences`, `lea.synth.intended`).

Household kinds at the end: married couple (opposite sex), same-sex couple (registered
partnership, or a marriage formed after 1 Mar 2017), cohabiting couple, lone mother, lone
father. Couples may be blended (the oldest children are the first partner's from an earlier
relationship) and may have formed, or married, during the history; lone parents may have
separated, divorced or been widowed during it, may be married to a partner living
elsewhere, or the other parent lives elsewhere or is unknown. Households may hold adult
children and the first partner's parents (three generations). Moves within and between
municipalities, arrivals from abroad, gaps abroad and departures (out of the study area or
abroad) are drawn per household.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from lea.catalogs import study_municipalities
from lea.synth.arrays import OPEN, add_years, day, uniform_days
from lea.synth.places import Frame, Places, municipality_shares
from lea.synth.reference import municipalities, municipality_assumptions

# Household kinds at the end of the history
MARRIED, SAME_SEX, COHABITING, LONE_MOTHER, LONE_FATHER = range(5)
KIND_SHARES = (0.574, 0.006, 0.200, 0.186, 0.034)  # Statistics Finland, families with children

# How a lone parent came to be one (the second partner slot is the other parent)
SEPARATED, WIDOWED, MARRIED_APART, APART, UNKNOWN_PARENT = range(5)

# Person roles
P1, P2, OTHER_PARENT, CHILD, GRANDMOTHER, GRANDFATHER = range(6)

MAX_CHILDREN = 8
CHILDREN_UNDER_18 = (1, 2, 3, 4, 5, 6)
CHILDREN_UNDER_18_SHARES = (0.44, 0.38, 0.125, 0.038, 0.012, 0.005)
# Age of the youngest child at the end (years 0..17), calibrated to the household bands of
# municipality_calibration.csv (about 27 % with a child under 3, 52 % under 7).
YOUNGEST_AGE_WEIGHTS = np.array(
    [9.4, 9.0, 8.6, 6.6, 6.4, 6.2, 6.0, 5.4, 5.2, 5.0, 4.8, 4.6, 4.4, 4.2, 4.0, 3.8, 3.4, 3.0]
)
TWIN_SHARE = 0.016
ADULT_CHILD_AT_HOME = 0.10
THREE_GENERATIONS = {MARRIED: 0.02, LONE_MOTHER: 0.06, LONE_FATHER: 0.06}
GRANDPARENTS_ELSEWHERE = 0.20
BLENDED_SHARE = 0.13
AGE_GAP_16_SHARE = 0.03  # couples whose ages differ by 16 years or more
DEPARTING_SHARE = 0.05  # extra households that leave the study area during the history
AGING_OUT_SHARE = 0.07  # extra households whose youngest child is 18-20 at the end
ARRIVING_SHARE = 0.02  # households whose history starts with an arrival from abroad
GAP_ABROAD_SHARE = 0.015  # households with a stay abroad (a gap) and a return
MAX_SEGMENTS = 4

FOREIGN_TONGUES = ("ru", "et", "so", "ar", "en", "fa", "ku", "sq", "vi", "th", "zh", "tr")
_FOREIGN_WEIGHTS = np.array([20, 15, 10, 12, 8, 5, 5, 5, 5, 5, 5, 5], dtype=float)
TONGUES = ("fi", "sv", "se") + FOREIGN_TONGUES


def _pick(rng: np.random.Generator, shares, n: int) -> np.ndarray:
    cum = np.cumsum(np.asarray(shares, dtype=float))
    return np.minimum(np.searchsorted(cum / cum[-1], rng.random(n), side="right"), len(cum) - 1)


def _years_days(years: np.ndarray | float) -> np.ndarray:
    return np.round(np.asarray(years) * 365.25).astype(np.int64)


@dataclass
class Households:
    n: int
    departing: np.ndarray
    muni: np.ndarray  # index into study_municipalities() (the household's last study municipality)
    kind: np.ndarray
    lone_how: np.ndarray  # for lone parents
    risk: np.ndarray
    tongue: np.ndarray
    n_children: np.ndarray
    child_birth: np.ndarray  # (n, MAX_CHILDREN), youngest first, OPEN where no child
    n_step: np.ndarray  # oldest children of P1 from an earlier relationship
    union_start: np.ndarray  # P1 and P2 started living together
    p2_in_from: np.ndarray  # P2 lives in the dwelling from (OPEN: never)
    p2_in_to: np.ndarray  # ... to (separation; death)
    partnership: np.ndarray  # 0 none, 1 marriage, 2 registered partnership (P1-P2)
    partnership_start: np.ndarray
    partnership_end: np.ndarray  # OPEN: ongoing
    seg_start: np.ndarray  # (n, MAX_SEGMENTS), OPEN where no segment
    seg_end: np.ndarray
    seg_place: np.ndarray  # place index, -1 where no segment
    three_generations: np.ndarray
    grandparents: np.ndarray  # 0 none, 1 grandmother, 2 both
    p2_adoptive: np.ndarray  # same-sex couples: P2 adopted the children
    p1_female: np.ndarray
    gap16: np.ndarray  # the partners' ages differ by 16 years or more
    blended: np.ndarray


@dataclass
class Persons:
    n: int
    hh: np.ndarray
    role: np.ndarray
    child_no: np.ndarray  # for children: 0 = youngest
    sex: np.ndarray  # 1 male, 2 female
    birth: np.ndarray
    death: np.ndarray  # OPEN: alive
    tongue: np.ndarray
    home_from: np.ndarray  # lives in the household's dwelling(s) from ... (OPEN: never)
    home_to: np.ndarray
    own_before_to: np.ndarray  # own dwelling from the history start to this day (-1: none)
    own_after_from: np.ndarray  # own dwelling from this day on (OPEN: none)
    place_before: np.ndarray
    place_after: np.ndarray
    dwelling_before: np.ndarray  # int key of the own dwelling
    dwelling_after: np.ndarray
    parent_a: np.ndarray  # person index or -1
    parent_b: np.ndarray
    adoptive_b: np.ndarray  # the relation to parent_b is adoptive
    adoptive_a: np.ndarray
    education: np.ndarray = field(default_factory=lambda: np.empty(0))  # filled by registers


@dataclass
class Chunk:
    households: Households
    persons: Persons
    # person index per household slot
    p1: np.ndarray
    p2: np.ndarray  # -1 where none
    children: np.ndarray  # (n, MAX_CHILDREN), -1 where none
    partnerships: dict[str, np.ndarray]  # person_a, person_b, type, start, end


def draw_households(rng: np.random.Generator, n_main: int, frame: Frame, places: Places) -> Households:
    h0, he = frame.start, frame.end
    n_dep = int(round(n_main * DEPARTING_SHARE))
    n_old = int(round(n_main * AGING_OUT_SHARE))
    n = n_main + n_dep + n_old
    departing = (np.arange(n) >= n_main) & (np.arange(n) < n_main + n_dep)
    aging_out = np.arange(n) >= n_main + n_dep
    muni = _pick(rng, municipality_shares(), n)
    kind = _pick(rng, KIND_SHARES, n)
    lone = (kind == LONE_MOTHER) | (kind == LONE_FATHER)
    couple = ~lone

    # Mother tongue of the household
    muni_codes = np.array(study_municipalities())[muni]
    foreign_p = np.array([municipality_assumptions()[c].foreign_share for c in muni_codes])
    swedish_p = np.array([{m.code: m.swedish_speaking_share for m in municipalities()}[c] for c in muni_codes])
    u = rng.random(n)
    tongue = np.zeros(n, dtype=np.int64)
    tongue[u < swedish_p] = 1
    tongue[(u >= swedish_p) & (u < swedish_p + 0.001)] = 2
    foreign = u >= 1 - foreign_p
    tongue[foreign] = 3 + _pick(rng, _FOREIGN_WEIGHTS, int(foreign.sum()))

    risk = (
        rng.standard_normal(n)
        + 0.45 * lone
        + 0.35 * foreign
        + np.array([municipality_assumptions()[c].risk_shift for c in muni_codes])
    )

    # Children: youngest first, spacing about three years, some twins
    n_u18 = np.array(CHILDREN_UNDER_18)[_pick(rng, CHILDREN_UNDER_18_SHARES, n)]
    n_u18 = np.where(lone & (n_u18 > 2) & (rng.random(n) < 0.3), n_u18 - 1, n_u18)
    n_adult = np.where(rng.random(n) < ADULT_CHILD_AT_HOME, 1 + (rng.random(n) < 0.25), 0)
    youngest_age = _pick(rng, YOUNGEST_AGE_WEIGHTS, n) + rng.random(n)
    youngest_age[aging_out] = 18.0 + 2.9 * rng.random(int(aging_out.sum()))
    birth = np.full((n, MAX_CHILDREN), OPEN, dtype=np.int64)
    birth[:, 0] = he - _years_days(youngest_age)
    for j in range(1, MAX_CHILDREN):
        gap = _years_days(0.9 + rng.gamma(2.0, 1.05, n))
        gap[rng.random(n) < TWIN_SHARE] = 0
        birth[:, j] = birth[:, j - 1] - gap
    age_end = (he - birth) / 365.25
    j = np.arange(MAX_CHILDREN)[None, :]  # type: ignore[assignment]
    under18 = (j < n_u18[:, None]) & (age_end < np.where(aging_out, 24, 18)[:, None])
    n_u18 = under18.sum(axis=1)
    adult_slot = (j >= n_u18[:, None]) & (j < (n_u18 + n_adult)[:, None])
    forced = he - _years_days(18.05 + rng.random((n, MAX_CHILDREN)) * 2.5)
    birth = np.where(adult_slot & (age_end < 18), np.minimum(birth, forced), birth)
    birth = np.where(
        adult_slot & ((he - birth) / 365.25 > 26), he - _years_days(24 + rng.random((n, MAX_CHILDREN)) * 2), birth
    )
    n_children = n_u18 + n_adult
    birth[j >= n_children[:, None]] = OPEN
    oldest_birth = birth[np.arange(n), n_children - 1]
    youngest_birth = birth[:, 0]

    # Couples: when they formed, blended families
    union_start = oldest_birth - _years_days(0.3 + rng.gamma(1.5, 1.6, n))
    n_step = np.zeros(n, dtype=np.int64)
    gap16 = couple & (kind != SAME_SEX) & (rng.random(n) < AGE_GAP_16_SHARE)
    blended = couple & (kind != SAME_SEX) & ~gap16 & (rng.random(n) < BLENDED_SHARE)
    k_step = 1 + np.floor(rng.random(n) * n_children).astype(np.int64)
    idx = np.arange(n)
    last_step_birth = birth[idx, np.clip(n_children - k_step, 0, MAX_CHILDREN - 1)]
    first_common = np.where(
        n_children - k_step - 1 >= 0, birth[idx, np.clip(n_children - k_step - 1, 0, MAX_CHILDREN - 1)], he + 400
    )
    lo = last_step_birth + 60
    hi = np.minimum(first_common - 280, he - 120)
    ok = blended & (lo <= hi)
    n_step[ok] = k_step[ok]
    union_start[ok] = uniform_days(rng, lo[ok], hi[ok])

    # Sexes of the two partner slots
    p1_female = np.where(kind == LONE_FATHER, False, np.where(kind == SAME_SEX, rng.random(n) < 0.8, True))

    # Partnerships of the couple
    partnership = np.zeros(n, dtype=np.int64)
    p_start = np.full(n, OPEN, dtype=np.int64)
    p_end = np.full(n, OPEN, dtype=np.int64)
    married = kind == MARRIED
    # the age-gap couples and same-sex couples lived together before the history
    union_start = np.where(
        gap16 | (kind == SAME_SEX) & (rng.random(n) < 0.75),
        np.minimum(union_start, h0 - 100 - rng.integers(0, 2000, n)),
        union_start,
    )
    wed = union_start + _years_days(rng.random(n) * 5)
    wed = np.where(wed > he - 30, union_start, wed)
    wed = np.where(gap16, union_start, wed)
    partnership[married] = 1
    p_start[married] = wed[married]
    ss = kind == SAME_SEX
    registered = ss & (union_start < day("2017-03-01"))
    ss_marriage = ss & ~registered
    union_start = np.where(ss_marriage, np.maximum(union_start, day("2017-03-01")), union_start)
    partnership[registered] = 2
    partnership[ss_marriage] = 1
    p_start[ss] = union_start[ss]
    p2_adoptive = registered & (rng.random(n) < 0.5)

    # Lone parents: how
    lone_how = np.full(n, -1, dtype=np.int64)
    how = _pick(rng, (0.30, 0.03, 0.04, 0.58, 0.05), n)
    how = np.where((kind == LONE_FATHER) & (how == UNKNOWN_PARENT), APART, how)
    lone_how[lone] = how[lone]
    p2_in_from = np.where(couple, np.maximum(union_start, h0), OPEN)
    p2_in_to = np.full(n, OPEN, dtype=np.int64)
    sep_lo = np.maximum(h0 + 30, youngest_birth - 200)
    sep_hi = np.full(n, he - 30)
    event = lone & ((lone_how == SEPARATED) | (lone_how == WIDOWED))
    bad = event & (sep_lo > sep_hi)
    lone_how[bad] = APART
    event &= ~bad
    t_event = uniform_days(rng, np.minimum(sep_lo, sep_hi), sep_hi)
    union_start = np.where(event, np.minimum(union_start, t_event - 60), union_start)
    p2_in_from = np.where(event, np.maximum(union_start, h0), p2_in_from)
    p2_in_to = np.where(event, t_event, p2_in_to)
    lone_married = lone & (
        ((lone_how == SEPARATED) & (rng.random(n) < 0.5))
        | ((lone_how == WIDOWED) & (rng.random(n) < 0.6))
        | (lone_how == MARRIED_APART)
    )
    lone_wed = np.minimum(union_start + _years_days(rng.random(n) * 3), t_event - 30)
    lone_wed = np.where(lone_how == MARRIED_APART, np.minimum(union_start, h0 - 30), lone_wed)
    partnership[lone_married] = 1
    p_start[lone_married] = lone_wed[lone_married]
    divorce = t_event + rng.integers(180, 500, n)
    p_end = np.where(lone_married & (lone_how == SEPARATED) & (divorce <= he), divorce, p_end)
    p_end = np.where(lone_married & (lone_how == WIDOWED), t_event, p_end)

    # Three generations only where no grandparent can be a cohabiting candidate (spec rule c):
    # lone parents, and married couples married before the history.
    three_gen_p = np.select(
        [married & (p_start < h0), lone], [THREE_GENERATIONS[MARRIED], THREE_GENERATIONS[LONE_MOTHER]], 0.0
    )
    three_gen = rng.random(n) < three_gen_p
    grandparents = np.where(
        three_gen,
        1 + (rng.random(n) < 0.35),
        np.where(rng.random(n) < GRANDPARENTS_ELSEWHERE, 1 + (rng.random(n) < 0.6), 0),
    )

    # Residence segments of the household
    seg_start, seg_end, seg_place = _segments(rng, n, departing, muni, risk, frame, places)
    return Households(
        n=n,
        departing=departing,
        muni=muni,
        kind=kind,
        lone_how=lone_how,
        risk=risk,
        tongue=tongue,
        n_children=n_children,
        child_birth=birth,
        n_step=n_step,
        union_start=union_start,
        p2_in_from=p2_in_from,
        p2_in_to=p2_in_to,
        partnership=partnership,
        partnership_start=p_start,
        partnership_end=p_end,
        seg_start=seg_start,
        seg_end=seg_end,
        seg_place=seg_place,
        three_generations=three_gen,
        grandparents=grandparents,
        p2_adoptive=p2_adoptive,
        p1_female=p1_female,
        gap16=gap16,
        blended=n_step > 0,
    )


def _segments(rng, n, departing, muni, risk, frame: Frame, places: Places):
    """Up to MAX_SEGMENTS dwellings per household: moves, arrivals, a gap abroad, departures."""
    h0, he = frame.start, frame.end
    span = he - h0
    lam = 0.42 * np.exp(0.4 * risk)
    k = np.minimum(rng.poisson(lam), MAX_SEGMENTS - 1)
    k[departing] = 0
    draws = h0 + 30 + np.floor(rng.random((n, MAX_SEGMENTS - 1)) * (span - 60)).astype(np.int64)
    draws[np.arange(MAX_SEGMENTS - 1)[None, :] >= k[:, None]] = OPEN  # k moves, uniform in time
    moves = np.sort(draws, axis=1)
    for i in range(1, MAX_SEGMENTS - 1):
        moves[:, i] = np.maximum(moves[:, i], moves[:, i - 1] + 45)
    too_late = moves > he - 20
    k = np.minimum(k, np.where(too_late.any(axis=1), np.argmax(too_late, axis=1), MAX_SEGMENTS - 1))

    start = np.full((n, MAX_SEGMENTS), OPEN, dtype=np.int64)
    end = np.full((n, MAX_SEGMENTS), OPEN, dtype=np.int64)
    place = np.full((n, MAX_SEGMENTS), -1, dtype=np.int64)
    s = np.arange(MAX_SEGMENTS)[None, :]
    exists = s <= k[:, None]
    start[:, 0] = h0
    start[:, 1:] = np.where(exists[:, 1:], moves, OPEN)
    end[:, :-1] = np.where(exists[:, 1:], start[:, 1:] - 1, OPEN)
    arriving = ~departing & (rng.random(n) < ARRIVING_SHARE)
    first_end = np.where(k > 0, start[:, 1] - 1, he)
    start[arriving, 0] = uniform_days(
        rng, np.full(arriving.sum(), h0 + 30), np.maximum(first_end[arriving] - 60, h0 + 30)
    )
    # a stay abroad: the first segment ends early, the second starts after a gap
    gap = ~departing & ~arriving & (k > 0) & (rng.random(n) < GAP_ABROAD_SHARE / 0.35)
    gap_len = rng.integers(45, 500, n)
    gap &= (start[:, 1] - gap_len - 30) > h0
    end[gap, 0] = start[gap, 1] - gap_len[gap]

    # Places: the last segment is in the household's municipality; earlier ones may be
    # elsewhere in the study area or outside it.
    last = k
    seg_muni = np.full((n, MAX_SEGMENTS), -1, dtype=np.int64)
    seg_muni[np.arange(n), last] = muni
    for i in range(MAX_SEGMENTS - 2, -1, -1):
        has = i < last
        u = rng.random(n)
        nxt = seg_muni[:, i + 1]
        other_study = rng.integers(0, len(study_municipalities()), n)
        choice = np.where(u < 0.72, nxt, np.where(u < 0.82, other_study, -2))  # -2 outside
        choice = np.where(nxt < 0, np.where(u < 0.5, muni, -2), choice)  # after an outside segment
        seg_muni[:, i] = np.where(has, choice, seg_muni[:, i])
    for i in range(MAX_SEGMENTS):
        study = seg_muni[:, i] >= 0
        place[study, i] = places.sample_study(rng, seg_muni[study, i])
        outside = seg_muni[:, i] == -2
        place[outside, i] = places.sample_outside(rng, int(outside.sum()))

    # Departing households: leave the study area (a move out) or emigrate (the period ends)
    dep = np.flatnonzero(departing)
    t_dep = uniform_days(rng, np.full(len(dep), h0 + 60), np.full(len(dep), he - 30))
    end[dep, 0] = t_dep - 1
    moving_out = rng.random(len(dep)) < 0.6
    mo = dep[moving_out]
    start[mo, 1] = t_dep[moving_out]
    end[mo, 1] = OPEN
    place[mo, 1] = places.sample_outside(rng, len(mo))
    return start, end, place


def _normal_years(rng, n, mean, sd, lo, hi) -> np.ndarray:
    return np.clip(rng.normal(mean, sd, n), lo, hi)


def build_chunk(rng: np.random.Generator, hh: Households, frame: Frame, places: Places) -> Chunk:
    """Persons of the households: partners, children, other parents, grandparents."""
    h0, he = frame.start, frame.end
    n = hh.n
    idx = np.arange(n)
    lone = (hh.kind == LONE_MOTHER) | (hh.kind == LONE_FATHER)
    oldest = hh.child_birth[idx, hh.n_children - 1]
    kid_exists = np.arange(MAX_CHILDREN)[None, :] < hh.n_children[:, None]
    is_step = (np.arange(MAX_CHILDREN)[None, :] >= (hh.n_children - hh.n_step)[:, None]) & kid_exists
    common = kid_exists & ~is_step
    first_common = np.where(common.any(axis=1), np.where(common, hh.child_birth, OPEN).min(axis=1), OPEN)

    # P1
    p1_age_first = np.where(
        hh.p1_female, _normal_years(rng, n, 28.5, 5.0, 18.3, 43.0), _normal_years(rng, n, 30.5, 5.5, 19.0, 50.0)
    )
    p1_birth = oldest - _years_days(p1_age_first)
    # P2 (partner, or the other parent of a lone parent's children)
    has_p2 = ~(lone & (hh.lone_how == UNKNOWN_PARENT))
    delta = rng.normal(2.0, 3.2, n)
    delta = np.where(hh.blended, np.clip(delta, -5, 5), np.clip(delta, -12, 12))
    delta = np.where(hh.kind == SAME_SEX, np.clip(rng.normal(0, 4, n), -10, 10), delta)
    gap_older = rng.random(n) < 0.85
    delta = np.where(hh.gap16, np.where(gap_older, 16.2 + rng.random(n) * 7, -(16.2 + rng.random(n) * 4)), delta)
    # delta: years P2 is older than P1 (for a lone father, the mother is younger)
    delta = np.where(hh.kind == LONE_FATHER, -delta, delta)
    p2_birth = p1_birth - _years_days(delta)
    latest_ok = np.minimum(np.minimum(hh.union_start, first_common), he) - _years_days(18.3)
    p2_birth = np.where(p2_birth > latest_ok, latest_ok - _years_days(rng.random(n) * 2), p2_birth)
    p2_female = np.where(hh.kind == SAME_SEX, hh.p1_female, ~hh.p1_female)
    # Other parent of step-children (blended couples) or of a same-sex couple's children
    has_other = (hh.blended & (rng.random(n) < 0.9)) | ((hh.kind == SAME_SEX) & (rng.random(n) < 0.5))
    other_birth = p1_birth - _years_days(_normal_years(rng, n, 2.0, 3.0, -8, 12))
    # Grandparents (P1's parents)
    g1_birth = p1_birth - _years_days(_normal_years(rng, n, 28.0, 4.5, 18.5, 42.0))
    g2_birth = g1_birth - _years_days(_normal_years(rng, n, 2.0, 3.0, -6, 10))

    # Person slots -> person indices
    has_g1 = hh.grandparents >= 1
    has_g2 = hh.grandparents == 2
    counts = (1 + has_p2 + has_other + hh.n_children + has_g1 + has_g2).astype(np.int64)
    first = np.cumsum(counts) - counts
    p1 = first
    p2 = np.where(has_p2, first + 1, -1)
    other = np.where(has_other, first + 1 + has_p2, -1)
    kid_base = first + 1 + has_p2 + has_other
    children = np.where(kid_exists, kid_base[:, None] + np.arange(MAX_CHILDREN)[None, :], -1)
    g1 = np.where(has_g1, kid_base + hh.n_children, -1)
    g2 = np.where(has_g2, kid_base + hh.n_children + 1, -1)
    n_persons = int(counts.sum())

    P = {
        name: np.zeros(n_persons, dtype=np.int64)
        for name in (
            "hh",
            "role",
            "child_no",
            "sex",
            "birth",
            "death",
            "tongue",
            "home_from",
            "home_to",
            "own_before_to",
            "own_after_from",
            "place_before",
            "place_after",
            "dwelling_before",
            "dwelling_after",
            "parent_a",
            "parent_b",
        )
    }
    P["adoptive_a"] = np.zeros(n_persons, dtype=bool)
    P["adoptive_b"] = np.zeros(n_persons, dtype=bool)
    P["death"][:] = OPEN
    P["home_from"][:] = OPEN
    P["home_to"][:] = -1
    P["own_before_to"][:] = -1
    P["own_after_from"][:] = OPEN
    P["parent_a"][:] = -1
    P["parent_b"][:] = -1
    P["child_no"][:] = -1

    def put(slot_idx: np.ndarray, mask: np.ndarray, **values) -> None:
        target = slot_idx[mask]
        for key, value in values.items():
            v = np.broadcast_to(value, mask.shape)[mask] if np.ndim(value) else value
            P[key][target] = v

    all_h = np.ones(n, dtype=bool)
    put(
        p1,
        all_h,
        hh=idx,
        role=P1,
        sex=np.where(hh.p1_female, 2, 1),
        birth=p1_birth,
        tongue=hh.tongue,
        home_from=np.full(n, h0),
        home_to=np.full(n, OPEN),
        parent_a=g1,
        parent_b=g2,
    )
    p2_tongue = np.where(rng.random(n) < 0.85, hh.tongue, 0)
    put(p2, has_p2, hh=idx, role=P2, sex=np.where(p2_female, 2, 1), birth=p2_birth, tongue=p2_tongue)
    put(
        other,
        has_other,
        hh=idx,
        role=OTHER_PARENT,
        sex=np.where(hh.p1_female, 1, 2),
        birth=other_birth,
        tongue=p2_tongue,
    )
    put(g1, has_g1, hh=idx, role=GRANDMOTHER, sex=2, birth=g1_birth, tongue=hh.tongue)
    put(g2, has_g2, hh=idx, role=GRANDFATHER, sex=1, birth=g2_birth, tongue=hh.tongue)
    kid_hh = np.broadcast_to(idx[:, None], children.shape)
    kid_no = np.broadcast_to(np.arange(MAX_CHILDREN)[None, :], children.shape)
    kid_sex = 1 + (rng.random(children.shape) < 0.488)
    # twins keep a common birth date; mother tongue of the household
    kid_parent_b = np.where(is_step, other[:, None], p2[:, None])
    kid_parent_b = np.where((hh.kind == SAME_SEX)[:, None], np.where(hh.p2_adoptive, p2, other)[:, None], kid_parent_b)
    adoptive = (hh.kind != SAME_SEX) & (rng.random(n) < 0.005)
    put(
        children,
        kid_exists,
        hh=kid_hh,
        role=CHILD,
        child_no=kid_no,
        sex=kid_sex,
        birth=hh.child_birth,
        tongue=np.broadcast_to(hh.tongue[:, None], children.shape),
        parent_a=np.broadcast_to(p1[:, None], children.shape),
        parent_b=kid_parent_b,
        adoptive_a=np.broadcast_to(adoptive[:, None], children.shape),
        adoptive_b=np.broadcast_to((adoptive | hh.p2_adoptive)[:, None], children.shape),
    )

    # Living in the household's dwelling
    p2_home = has_p2 & (hh.p2_in_from < OPEN)
    put(p2, p2_home, home_from=hh.p2_in_from, home_to=hh.p2_in_to)
    kid_from = np.maximum(hh.child_birth, h0)
    eighteen = add_years(np.minimum(hh.child_birth, he).ravel(), 18).reshape(children.shape)
    leaves = kid_exists & (eighteen < he - 60) & (rng.random(children.shape) < 0.35)
    leave_lo = np.maximum(eighteen, h0 + 30)
    leave_day = uniform_days(rng, np.minimum(leave_lo, he - 30), np.full(children.shape, he - 30))
    leaves &= leave_lo <= he - 30
    kid_to = np.where(leaves, leave_day, OPEN)
    put(children, kid_exists, home_from=kid_from, home_to=kid_to)
    # A P1 under 18 living with a parent would be that parent's child (spec rule 2), not the
    # head of the intended family: three generations only where P1 is adult all along.
    three = hh.three_generations & (add_years(p1_birth, 18) <= h0)
    put(g1, has_g1 & three, home_from=np.full(n, h0), home_to=np.full(n, OPEN))
    put(g2, has_g2 & three, home_from=np.full(n, h0), home_to=np.full(n, OPEN))

    # Deaths: widowed lone parents' partners, some grandparents, a few other parents
    widowed = lone & (hh.lone_how == WIDOWED) & has_p2
    put(p2, widowed, death=hh.p2_in_to)
    g_death = uniform_days(rng, np.full(n, h0 + 30), np.full(n, he - 30))
    put(g1, has_g1 & (rng.random(n) < np.where(three, 0.08, 0.06)), death=g_death)
    g2_dies = has_g2 & (rng.random(n) < 0.07)
    put(g2, g2_dies, death=uniform_days(rng, np.full(n, h0 + 30), np.full(n, he - 30)))
    put(other, has_other & (rng.random(n) < 0.01), death=uniform_days(rng, np.full(n, h0 + 30), np.full(n, he - 30)))

    # Own dwellings (outside the household's): before joining, after leaving, or throughout
    def own_place(mask_count: int, muni: np.ndarray) -> np.ndarray:
        study = rng.random(mask_count) < 0.65
        out = places.sample_outside(rng, mask_count)
        out[study] = places.sample_study(rng, muni[study])
        return out

    person_muni = hh.muni[P["hh"]]
    joins = p2_home & (hh.p2_in_from > h0)
    put(p2, joins, own_before_to=hh.p2_in_from - 1)
    separated = p2_home & lone & (hh.lone_how == SEPARATED)
    put(p2, separated, own_after_from=hh.p2_in_to + 1)
    apart = has_p2 & lone & ((hh.lone_how == APART) | (hh.lone_how == MARRIED_APART))
    put(p2, apart, own_after_from=np.full(n, h0))
    put(other, has_other, own_after_from=np.full(n, h0))
    put(children, leaves, own_after_from=kid_to + 1)
    put(g1, has_g1 & ~three, own_after_from=np.full(n, h0))
    put(g2, has_g2 & ~three, own_after_from=np.full(n, h0))
    P["place_before"] = own_place(n_persons, person_muni)
    P["place_after"] = own_place(n_persons, person_muni)
    P["dwelling_before"] = 2 * np.arange(n_persons)
    P["dwelling_after"] = 2 * np.arange(n_persons) + 1
    together = has_g2 & ~three
    P["place_after"][g2[together]] = P["place_after"][g1[together]]
    P["dwelling_after"][g2[together]] = P["dwelling_after"][g1[together]]

    persons = Persons(n=n_persons, **P)

    # Partnerships: the couple's, and married grandparents
    has_pa = has_p2 & (hh.partnership > 0)
    g_married = has_g2
    g_end = np.minimum(P["death"][np.maximum(g1, 0)], P["death"][np.maximum(g2, 0)])
    partnerships = {
        "person_a": np.concatenate([p1[has_pa], g1[g_married]]),
        "person_b": np.concatenate([p2[has_pa], g2[g_married]]),
        "type": np.concatenate([hh.partnership[has_pa], np.ones(int(g_married.sum()), dtype=np.int64)]),
        "start": np.concatenate(
            [hh.partnership_start[has_pa], (g1_birth + _years_days(_normal_years(rng, n, 24, 3, 18.5, 40)))[g_married]]
        ),
        "end": np.concatenate([hh.partnership_end[has_pa], g_end[g_married]]),
    }
    return Chunk(households=hh, persons=persons, p1=p1, p2=p2, children=children, partnerships=partnerships)
