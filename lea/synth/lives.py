"""What happens to the persons of a chunk year by year: education, work, income, health,
child welfare and early childhood education, all driven by one latent family risk so that
the phenomena co-occur as they do in life. Health care and child welfare are drawn in
their own modules (lea.synth.health, lea.synth.child_welfare); `live` calls them in the
order that fixes the random stream.

Everything is arrays over persons x years (the history's years); events are expanded from
counts with `expanded_events`, never looped over persons.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from lea.catalogs import study_municipalities
from lea.contract import NON_TAXABLE_BENEFITS, SOCIAL_ASSISTANCE_BENEFIT
from lea.synth.arrays import OPEN, add_years, expand, expand_months, month_of, month_start, uniform_days, year_start
from lea.synth.child_welfare import draw_child_welfare
from lea.synth.draws import sigmoid
from lea.synth.health import draw_health
from lea.synth.places import Frame
from lea.synth.population import (
    CHILD,
    GRANDFATHER,
    GRANDMOTHER,
    MAX_CHILDREN,
    OTHER_PARENT,
    P1,
    P2,
    Chunk,
)
from lea.synth.reference import municipalities

# Education: level shares of parents of average risk (no row = basic education only)
EDUCATION_LEVELS = (0, 3, 4, 5, 6, 7, 8)
EDUCATION_SHARES = (0.11, 0.365, 0.02, 0.06, 0.26, 0.165, 0.02)
_EDU_CUTS = np.array([NormalDist().inv_cdf(c) for c in np.cumsum(EDUCATION_SHARES)[:-1]])
_COMPLETION_AGE = {3: (19.0, 1.5), 4: (29.0, 10.0), 5: (22.0, 4.0), 6: (23.0, 4.0), 7: (25.0, 4.0), 8: (30.0, 6.0)}

# Kela amounts (euros per month)
CHILD_BENEFIT = np.array([0.0, 94.88, 104.84, 133.79, 153.24, 172.69])  # 1st .. 5th+ child
LONE_SUPPLEMENT = {2017: 48.55, 2018: 48.55, 2019: 48.55, 2020: 48.55, 2021: 63.30}
BASIC_DAILY = 33.78

TAXABLE = (
    "home_care_allowance",
    "basic_unemployment_allowance",
    "labour_market_subsidy",
    "sickness_allowance",
    "parental_allowance",
)
BENEFITS = NON_TAXABLE_BENEFITS + TAXABLE


@dataclass
class Lives:
    """Per person x year arrays and the events derived from them (numpy, not yet tables)."""

    risk: np.ndarray  # per person
    education: np.ndarray  # highest level (0 = basic)
    degrees: dict
    jobseeker: dict
    benefits: dict
    income: dict
    purchases: dict
    visits: dict
    episodes: dict
    welfare: dict
    ecec: dict


def _alive_span(chunk: Chunk, frame: Frame, residence: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per person x year: first and last day alive and resident in Finland in the year."""
    P = chunk.persons
    years = frame.years
    ys = year_start(years)
    ye = year_start(years + 1) - 1
    lo = np.full((P.n, len(years)), OPEN, dtype=np.int64)
    hi = np.full((P.n, len(years)), -1, dtype=np.int64)
    end = np.minimum(residence["end"], frame.end)
    for k in range(len(years)):
        s = np.maximum(residence["start"], ys[k])
        e = np.minimum(end, ye[k])
        ok = s <= e
        np.minimum.at(lo[:, k], residence["person"][ok], s[ok])
        np.maximum.at(hi[:, k], residence["person"][ok], e[ok])
    return lo, hi, lo <= hi


def live(rng: np.random.Generator, chunk: Chunk, frame: Frame, residence: dict) -> Lives:
    hh, P = chunk.households, chunk.persons
    years = frame.years
    Y = len(years)
    ys = year_start(years)
    ye = year_start(years + 1) - 1
    lo, hi, active = _alive_span(chunk, frame, residence)
    birth_year = P.birth.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    age = years[None, :] - birth_year[:, None]  # age on 31 Dec
    female = P.sex == 2
    role = P.role
    parentish = (role == P1) | (role == P2) | (role == OTHER_PARENT)
    is_child = role == CHILD
    elderly = (role == GRANDMOTHER) | (role == GRANDFATHER)
    h_risk = hh.risk[P.hh]
    risk = h_risk + 0.45 * rng.standard_normal(P.n)
    muni_code = np.array(study_municipalities())[hh.muni[P.hh]]
    unemp_rate = {m.code: m.unemployment_rate for m in municipalities()}
    muni_unemp = np.array([unemp_rate[c] for c in muni_code])

    # --- Education ---------------------------------------------------------------
    e = -0.55 * risk + 0.85 * rng.standard_normal(P.n) + 0.25 * female - 0.45 * elderly
    level = np.array(EDUCATION_LEVELS)[np.searchsorted(_EDU_CUTS, e)]
    deg_p, deg_level, deg_date = [], [], []
    for lv, (a, spread) in _COMPLETION_AGE.items():
        has = (level == lv) | ((lv == 3) & (level > 3) & (rng.random(P.n) < 0.85))
        who = np.flatnonzero(has)
        when = add_years(P.birth[who], 0) + np.round((a + rng.random(len(who)) * spread) * 365.25).astype(np.int64)
        ok = when <= frame.end
        deg_p.append(who[ok])
        deg_level.append(np.full(ok.sum(), lv))
        deg_date.append(when[ok])
    degrees = {"person": np.concatenate(deg_p), "level": np.concatenate(deg_level), "date": np.concatenate(deg_date)}
    basic = level == 0

    # --- Work: jobseeker periods -------------------------------------------------------
    working_age = (age >= 18) & (age <= 64) & active & ~elderly[:, None]
    u = (0.75 * risk + 0.55 * basic + 0.2 * (level == 3) + 4.0 * (muni_unemp - 0.11) + 0.7 * rng.standard_normal(P.n))[
        :, None
    ] + 0.55 * rng.standard_normal((P.n, Y))
    u = np.where(is_child[:, None], u - 0.8, u)
    long_u = working_age & (u > 2.45)
    short_u = working_age & ~long_u & (u > 1.65)
    services = working_age & ~long_u & ~short_u & (u > 1.45)
    prev_long = np.zeros_like(long_u)
    prev_long[:, 1:] = long_u[:, :-1]
    next_long = np.zeros_like(long_u)
    next_long[:, :-1] = long_u[:, 1:]
    days_long = 183 + np.floor(rng.random((P.n, Y)) * 183).astype(np.int64)
    ysb, yeb = np.broadcast_to(ys, (P.n, Y)), np.broadcast_to(ye, (P.n, Y))
    s_free = ysb + np.floor(rng.random((P.n, Y)) * (365 - days_long)).astype(np.int64)
    s_long = np.where(prev_long, ysb, np.where(next_long, yeb - days_long + 1, s_free))
    e_long = np.where(next_long, yeb, s_long + days_long - 1)
    days_short = 30 + np.floor(rng.random((P.n, Y)) * 120).astype(np.int64)
    s_short = ysb + np.floor(rng.random((P.n, Y)) * (365 - days_short)).astype(np.int64)
    e_short = s_short + days_short - 1
    start = np.where(long_u, s_long, s_short)
    end = np.where(long_u, e_long, e_short)
    start = np.maximum(start, lo)
    end = np.minimum(end, hi)
    spell = (long_u | short_u | services) & (start <= end)
    laid_off_person = rng.random(P.n) < 0.12
    status = np.where(
        services,
        2,
        np.where(
            long_u,
            np.where(laid_off_person[:, None], 1, 0),
            np.where(rng.random((P.n, Y)) < 0.35, 1, np.where(rng.random((P.n, Y)) < 0.15, 3, 0)),
        ),
    )
    unemp_days = np.where(spell & (status <= 1), end - start + 1, 0)
    pp, kk = np.nonzero(spell)
    js = {"person": pp, "status": status[pp, kk], "start": start[pp, kk], "end": end[pp, kk], "long": long_u[pp, kk]}
    jobseeker = _merge_periods(js, frame)

    # --- Kela benefits ------------------------------------------------------------------
    ben: dict[str, list[np.ndarray]] = {"person": [], "code": [], "month": [], "amount": []}

    def add(person, code, month, amount):
        ben["person"].append(np.asarray(person))
        ben["month"].append(np.asarray(month))
        ben["code"].append(np.full(len(person), BENEFITS.index(code)))
        ben["amount"].append(np.asarray(amount, dtype=float))

    # unemployment benefits, per month of unemployment spells paid by Kela
    kela_paid = basic | (rng.random(P.n) < 0.45)
    paid = np.flatnonzero((js["status"] <= 1) & kela_paid[js["person"]])
    own, month, days_in = expand_months(js["start"][paid], js["end"][paid])
    who = js["person"][paid][own]
    lms = js["long"][paid][own] | basic[who]
    add(who[~lms], "basic_unemployment_allowance", month[~lms], BASIC_DAILY * 21.5 * days_in[~lms] / 30.4)
    add(who[lms], "labour_market_subsidy", month[lms], BASIC_DAILY * 21.5 * days_in[lms] / 30.4)

    # wages: full-year potential earnings
    edu_mult = np.select(
        [level == 0, level == 3, level == 4, level == 5, level == 6, level == 7, level == 8],
        [0.72, 0.86, 0.95, 1.0, 1.12, 1.38, 1.55],
    )
    wage = 38000 * edu_mult * np.exp(-0.16 * risk - 0.13 * female + 0.33 * rng.standard_normal(P.n))
    inactive = working_age & (rng.random((P.n, Y)) < sigmoid(-3.6 + 0.9 * risk)[:, None])

    # parental allowance and home care allowance around births
    kids = np.flatnonzero(is_child & (P.birth >= frame.start - 300))
    mother = np.where(female[np.maximum(P.parent_a[kids], 0)], P.parent_a[kids], P.parent_b[kids])
    mother = np.where(mother >= 0, mother, P.parent_a[kids])
    m_birth = month_of(P.birth[kids])
    own, pos = expand(np.full(len(kids), 10))
    add(
        mother[own],
        "parental_allowance",
        m_birth[own] + pos - 1,
        np.maximum(0.7 * wage[mother[own]] / 12, 730.0) * (0.9 + 0.2 * rng.random(len(own))),
    )
    fathers = np.where(mother == P.parent_a[kids], P.parent_b[kids], P.parent_a[kids])
    f_ok = (fathers >= 0) & (rng.random(len(kids)) < 0.55)
    fk = np.flatnonzero(f_ok)
    n_f = 1 + (rng.random(len(fk)) < 0.4)
    own, pos = expand(n_f)
    add(
        fathers[fk][own],
        "parental_allowance",
        m_birth[fk][own] + 10 + pos,
        np.maximum(0.7 * wage[fathers[fk][own]] / 12, 730.0),
    )

    # Early childhood education (decides home care allowance)
    ecec, ecec_start = _ecec(rng, chunk, frame, h_risk)
    under3 = np.flatnonzero(is_child & (P.birth >= frame.start - 3 * 366))
    hca_from = month_of(P.birth[under3]) + 10
    hca_to = np.minimum(
        month_of(np.minimum(ecec_start[under3], add_years(P.birth[under3], 3))) - 1,
        month_of(np.full(len(under3), frame.end)),
    )
    takes = (rng.random(len(under3)) < 0.85) & (hca_to >= hca_from)
    hk = under3[takes]
    own, pos = expand((hca_to - hca_from + 1)[takes])
    hca_month = hca_from[takes][own] + pos
    ok = hca_month >= month_of(np.full(len(hca_month), frame.start))
    recipient = P.parent_a[hk][own]
    add(
        recipient[ok],
        "home_care_allowance",
        hca_month[ok],
        342.95 + np.where(h_risk[hk][own][ok] > 0.5, 120.0, 0.0) + np.round(rng.random(ok.sum()) * 60, 2),
    )
    hca_months = np.zeros((P.n, Y))
    np.add.at(hca_months, (recipient[ok], np.clip(hca_month[ok] // 12 + 1970 - years[0], 0, Y - 1)), 1)

    # sickness allowance
    sick = working_age & (rng.random((P.n, Y)) < 0.03)
    sp, sk = np.nonzero(sick)
    n_months = 1 + rng.integers(0, 3, len(sp))
    own, pos = expand(n_months)
    first_m = month_of(uniform_days(rng, ys[sk], ye[sk] - 95))
    add(
        sp[own], "sickness_allowance", first_m[own] + pos, 0.7 * wage[sp[own]] / 12 * (0.9 + 0.2 * rng.random(len(own)))
    )

    # child benefit, per household and month (paid to the first partner)
    cb = _child_benefit(chunk, frame)
    for key in ("person", "month", "amount"):
        ben[key].append(cb[key])
    ben["code"].append(np.zeros(len(cb["person"]), dtype=np.int64))

    # taxable benefits so far, per person and year
    def per_year(codes: tuple[str, ...]) -> np.ndarray:
        out = np.zeros((P.n, Y))
        for person, code, month, amount in zip(ben["person"], ben["code"], ben["month"], ben["amount"], strict=True):
            sel = np.isin(code, [BENEFITS.index(c) for c in codes])
            yk = month[sel] // 12 + 1970 - years[0]
            ok = (yk >= 0) & (yk < Y)
            np.add.at(out, (person[sel][ok], yk[ok]), amount[sel][ok])
        return out

    # --- Income ---------------------------------------------------------------------------
    work_share = np.clip(1 - unemp_days / 365 - hca_months / 12 - sick * 0.15, 0, 1)
    work_share = np.where(inactive, 0.0, work_share) * np.clip((hi - lo + 1) / 365.0, 0, 1)
    adult = (age >= 18) & active
    earned_work = wage[:, None] * work_share * (0.92 + 0.12 * rng.random((P.n, Y)))
    earned_work = np.where(is_child[:, None] & (age < 25), earned_work * 0.3, earned_work)
    pension = np.where((age >= 65) | (elderly[:, None] & (age >= 63)), 14000 + 12000 * rng.random((P.n, 1)), 0.0)
    earned_work = np.where(pension > 0, pension, earned_work)
    taxable = per_year(TAXABLE)
    earned = np.where(adult, earned_work + taxable, 0.0)
    has_capital = rng.random(P.n) < sigmoid(-0.9 - 0.6 * risk)
    capital = np.where(adult & has_capital[:, None], np.exp(rng.normal(5.5, 1.6, (P.n, Y))), 0.0)
    capital = np.minimum(capital, 200000)
    taxes = earned * (0.04 + 0.42 * (1 - np.exp(-earned / 40000))) + 0.3 * capital

    # Housing allowance and social assistance from the household's income
    child_benefit_y = per_year(("child_benefit",))
    net = np.where(adult, earned + capital - taxes, 0.0) + child_benefit_y
    h_net = np.zeros((hh.n, Y))
    units = np.zeros((hh.n, Y))
    home = P.home_from < OPEN
    for k in range(Y):
        here = home & (P.home_from <= ye[k]) & (P.home_to >= ye[k]) & (P.birth <= ye[k]) & (P.death > ye[k])
        np.add.at(h_net[:, k], P.hh[here], net[here, k])
        w = np.where(age[:, k] >= 14, 0.5, 0.3)
        np.add.at(units[:, k], P.hh[here], w[here])
    units = np.maximum(units + 0.5, 1.0)
    eq = h_net / units
    median = np.median(eq[units > 1])
    h_r = hh.risk[:, None]
    ha = rng.random((hh.n, Y)) < 0.9 * sigmoid((0.78 * median - eq) / (0.08 * median) + 0.3 * h_r)
    sa = rng.random((hh.n, Y)) < 0.8 * sigmoid((0.55 * median - eq) / (0.08 * median) + 1.1 * h_r - 2.5)
    recipient = chunk.p1
    hp, hk_ = np.nonzero(ha & (hh.seg_place >= 0).any(axis=1)[:, None])  # type: ignore[index]
    own, pos = expand(np.full(len(hp), 12))
    add(
        recipient[hp][own],
        "housing_allowance",
        (years[hk_][own] - 1970) * 12 + pos,
        np.round(180 + 70 * units[hp, hk_][own] + 90 * rng.random(len(own)), 2),
    )
    sp_, sk_ = np.nonzero(sa)
    n_m = 1 + rng.binomial(11, sigmoid(0.8 * hh.risk[sp_]))
    months = np.argsort(rng.random((len(sp_), 12)), axis=1)
    own, pos = expand(n_m)
    add(
        recipient[sp_][own],
        SOCIAL_ASSISTANCE_BENEFIT,
        (years[sk_][own] - 1970) * 12 + months[own, pos],
        np.round(120 + 650 * rng.random(len(own)), 2),
    )

    benefits = _aggregate_benefits(ben, chunk, frame, lo, hi)
    # extra non-taxable benefits do not change vero rows
    income = {"earned": earned, "capital": capital, "taxes": taxes, "adult": adult}

    health = draw_health(rng, chunk, frame, risk, age, lo, hi, active, is_child, parentish, female)
    welfare = draw_child_welfare(rng, chunk, frame, h_risk, health["parent_burden"], age, lo, hi, active)
    return Lives(
        risk=risk,
        education=level,
        degrees=degrees,
        jobseeker=jobseeker,
        benefits=benefits,
        income=income,
        purchases=health["purchases"],
        visits=health["visits"],
        episodes=health["episodes"],
        welfare=welfare,
        ecec=ecec,
    )


def _merge_periods(js: dict, frame: Frame) -> dict:
    """Join a person's periods of one status that continue each other; open the last ones."""
    order = np.lexsort((js["start"], js["person"]))
    p, st, s, e = js["person"][order], js["status"][order], js["start"][order], js["end"][order]
    new = np.ones(len(p), dtype=bool)
    new[1:] = (p[1:] != p[:-1]) | (st[1:] != st[:-1]) | (s[1:] != e[:-1] + 1)
    group = np.cumsum(new) - 1
    first = np.flatnonzero(new)
    last_end = np.maximum.reduceat(e, first) if len(first) else e
    out = {"person": p[first], "status": st[first], "start": s[first], "end": last_end}
    ongoing = out["end"] >= frame.end
    out["end"] = np.where(ongoing, OPEN, out["end"])
    del group
    return out


def _child_benefit(chunk: Chunk, frame: Frame) -> dict:
    hh, P = chunk.households, chunk.persons
    m0, m1 = month_of(np.array([frame.start, frame.end]))
    months = np.arange(m0, m1 + 1)
    mid = month_start(months) + 14
    # household in Finland in the month
    in_fi = (
        (hh.seg_start[:, :, None] <= mid[None, None, :])
        & (mid[None, None, :] <= hh.seg_end[:, :, None])
        & (hh.seg_place[:, :, None] >= 0)
    ).any(axis=1)
    count = np.zeros((hh.n, len(months)), dtype=np.int64)
    for j in range(MAX_CHILDREN):
        kid = chunk.children[:, j]
        k = np.maximum(kid, 0)
        bm = month_of(P.birth[k])
        eligible = (
            (kid >= 0)[:, None]
            & (months[None, :] > bm[:, None])
            & (months[None, :] <= bm[:, None] + 204)
            & (P.home_from[k][:, None] <= mid[None, :])
            & (P.home_to[k][:, None] >= mid[None, :])
        )
        count += eligible
    p2 = np.maximum(chunk.p2, 0)
    partner_home = (
        (chunk.p2 >= 0)[:, None]
        & (P.home_from[p2][:, None] <= mid[None, :])
        & (P.home_to[p2][:, None] >= mid[None, :])
        & (P.death[p2][:, None] > mid[None, :])
    )
    cum = np.cumsum(np.concatenate([[0.0], CHILD_BENEFIT[1:], np.full(10, CHILD_BENEFIT[-1])]))
    year = months // 12 + 1970
    supplement = np.array([LONE_SUPPLEMENT.get(int(y), 63.30) for y in year])
    amount = cum[count] + np.where(partner_home, 0.0, supplement[None, :] * count)
    h, m = np.nonzero((count > 0) & in_fi)
    return {"person": chunk.p1[h], "month": months[m], "amount": amount[h, m]}


def _aggregate_benefits(ben: dict, chunk: Chunk, frame: Frame, lo, hi) -> dict:
    person = np.concatenate(ben["person"]).astype(np.int64)
    code = np.concatenate(ben["code"]).astype(np.int64)
    month = np.concatenate(ben["month"]).astype(np.int64)
    amount = np.concatenate(ben["amount"])
    m0, m1 = month_of(np.array([frame.start, frame.end]))
    # only months within the history, while the person is alive
    death_month = month_of(np.minimum(chunk.persons.death[person], frame.end))
    ok = (month >= m0) & (month <= m1) & (month <= death_month) & (amount > 0)
    person, code, month, amount = person[ok], code[ok], month[ok], amount[ok]
    key = (person * len(BENEFITS) + code) * 2000 + (month - m0)
    uniq, inverse = np.unique(key, return_inverse=True)
    total = np.round(np.bincount(inverse, weights=amount), 2)
    keep = total >= 0.01
    uniq, total = uniq[keep], total[keep]
    return {
        "person": uniq // 2000 // len(BENEFITS),
        "code": (uniq // 2000) % len(BENEFITS),
        "month": uniq % 2000 + m0,
        "amount": total,
    }


def _ecec(rng, chunk: Chunk, frame: Frame, h_risk) -> tuple[dict, np.ndarray]:
    """Varda decisions of children aged 1-6: start age, one to three decisions, until school."""
    P = chunk.persons
    kids = np.flatnonzero((P.role == CHILD) & (P.birth >= frame.start - 7 * 366))
    start_age = np.array([0.8, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 99.0])
    shares = np.array([0.20, 0.22, 0.17, 0.13, 0.08, 0.08, 0.05, 0.07])
    r = h_risk[kids]
    u = np.clip(rng.random(len(kids)) + 0.06 * r, 0, 0.999999)
    a = start_age[np.searchsorted(np.cumsum(shares) / shares.sum(), u, side="right")]
    start = P.birth[kids] + np.round((a + 0.1 * rng.random(len(kids))) * 365.25).astype(np.int64)
    by = P.birth[kids].astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    school = year_start(by + 7) + 211  # 31 July of the year the child turns 7
    has = (a < 90) & (start < school)
    start_all = np.full(P.n, OPEN, dtype=np.int64)
    start_all[kids[has]] = start[has]
    k = kids[has]
    s, e = start[has], school[has]
    n_dec = 1 + (rng.random(len(k)) < 0.35) + (rng.random(len(k)) < 0.1)
    own, pos = expand(n_dec)
    cuts = np.sort(rng.random((len(k), 3)), axis=1)
    span = e - s
    seg_s = np.where(
        pos == 0, s[own], s[own] + np.round(cuts[own, np.maximum(pos - 1, 0)] * span[own]).astype(np.int64)
    )
    nxt = np.where(
        pos + 1 < n_dec[own], s[own] + np.round(cuts[own, np.minimum(pos, 2)] * span[own]).astype(np.int64) - 1, e[own]
    )
    seg_e = nxt
    provider = np.searchsorted([0.75, 0.86], rng.random(len(own)), side="right")
    hours = np.array([20.0, 25.0, 30.0, 35.0, 37.5, 40.0, 45.0])[rng.integers(0, 7, len(own))]
    seg_s = np.maximum(seg_s, frame.start)
    ok = (seg_s <= seg_e) & (seg_s <= frame.end) & (seg_e >= frame.start)
    seg_e = np.where(seg_e > frame.end, OPEN, seg_e)
    return (
        {"person": k[own][ok], "start": seg_s[ok], "end": seg_e[ok], "hours": hours[ok], "provider": provider[ok]},
        start_all,
    )
