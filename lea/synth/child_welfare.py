"""Child welfare measures of the children of a chunk year by year, driven by the family
risk and the parents' burden of ill health."""

from __future__ import annotations

import numpy as np

from lea.synth.arrays import OPEN, add_years, uniform_days
from lea.synth.draws import expanded_events, sigmoid
from lea.synth.places import Frame
from lea.synth.population import CHILD, Chunk

WELFARE = ("notification", "open_care_support", "open_care_placement", "urgent_placement", "care_order", "aftercare")


def draw_child_welfare(rng, chunk: Chunk, frame: Frame, h_risk, parent_burden, age, lo, hi, active) -> dict:
    P = chunk.persons
    n, Y = age.shape
    is_child = P.role == CHILD
    kid_years = is_child[:, None] & (age < 18) & active
    burden = parent_burden[P.hh]
    # notifications
    p_note = sigmoid(-2.9 + 0.75 * h_risk[:, None] + 1.1 * burden)
    notes = kid_years & (rng.random((n, Y)) < p_note)
    eighteen = add_years(P.birth, 18) - 1
    hi_kid = np.minimum(hi, eighteen[:, None])
    ok_span = lo <= hi_kid
    p, k, d = expanded_events(rng, np.where(notes & ok_span, 1 + rng.poisson(0.6, (n, Y)), 0), lo, hi_kid)
    rows = {"person": [p], "measure": [np.zeros(len(p), dtype=np.int64)], "start": [d], "end": [np.full(len(p), OPEN)]}

    def add(person, measure, start, end):
        rows["person"].append(person)
        rows["measure"].append(np.full(len(person), measure))
        rows["start"].append(start)
        rows["end"].append(end)

    # open care support: episodes starting in a year (or ongoing at the start of the history)
    w = 1.15 * h_risk[:, None] + 1.2 * burden + 0.6 * rng.standard_normal((n, 1))
    starts = kid_years & ok_span & (rng.random((n, Y)) < sigmoid(-5.25 + 1.0 * w))
    first = np.argmax(starts, axis=1)
    any_start = starts.any(axis=1)
    kids = np.flatnonzero(any_start)
    k = first[kids]
    s = uniform_days(rng, lo[kids, k], hi_kid[kids, k])
    ongoing_at_start = (k == 0) & (rng.random(len(kids)) < 0.4)
    s = np.where(ongoing_at_start, np.maximum(frame.start, P.birth[kids]), s)
    length = np.round(rng.exponential(480, len(kids))).astype(np.int64) + 30
    e = np.minimum(s + length, eighteen[kids])
    e_out = np.where(e > frame.end, OPEN, e)
    add(kids, 1, s, e_out)
    note_day = s - rng.integers(5, 60, len(kids))
    nk = note_day >= np.maximum(frame.start, P.birth[kids])
    add(kids[nk], 0, note_day[nk], np.full(nk.sum(), OPEN))
    # placements within the episode
    pl = rng.random(len(kids)) < 0.12
    ps = s + np.round(rng.random(len(kids)) * np.maximum(e - s - 120, 0)).astype(np.int64)
    pe = np.minimum(ps + rng.integers(30, 120, len(kids)), e)
    add(kids[pl], 2, ps[pl], np.where(pe[pl] > frame.end, OPEN, pe[pl]))
    urgent = rng.random(len(kids)) < 0.05
    ue = np.minimum(s + rng.integers(3, 30, len(kids)), e)
    add(kids[urgent], 3, s[urgent], np.where(ue[urgent] > frame.end, OPEN, ue[urgent]))
    care = urgent & (rng.random(len(kids)) < 0.5) & (ue + 1 <= np.minimum(eighteen[kids], frame.end))
    ce = eighteen[kids]
    add(kids[care], 4, ue[care] + 1, np.where(ce[care] > frame.end, OPEN, ce[care]))
    # aftercare of those whose care order ended at 18
    ended_at_18 = (e == eighteen[kids]) & (rng.random(len(kids)) < 0.5)
    after = (care | ended_at_18) & (ce + 1 <= frame.end)
    ae = add_years(P.birth[kids], 21) - 1
    add(kids[after], 5, ce[after] + 1, np.where(ae[after] > frame.end, OPEN, ae[after]))
    out = {k: np.concatenate(v) for k, v in rows.items()}
    # one notification per child and day
    key = out["person"] * 10**7 + out["measure"] * 10**6 + (out["start"] - frame.start + 10**5)
    _, first_idx = np.unique(key, return_index=True)
    return {k: v[np.sort(first_idx)] for k, v in out.items()}
