"""Every person's residence periods, read off a built chunk (the population register's
residence history)."""

from __future__ import annotations

import numpy as np

from lea.synth.arrays import OPEN
from lea.synth.places import Frame
from lea.synth.population import MAX_SEGMENTS, Chunk


def residences(chunk: Chunk, frame: Frame) -> dict[str, np.ndarray]:
    """Residence periods of every person: (person, dwelling key, place, start, end).

    Dwelling keys: household segment s of household h is -(h * MAX_SEGMENTS + s) - 1; own
    dwellings use the persons' non-negative keys.
    """
    hh, P = chunk.households, chunk.persons
    in_home = P.home_from < OPEN
    persons = np.flatnonzero(in_home)
    h = P.hh[persons]
    rows = []
    for s in range(MAX_SEGMENTS):
        seg_s, seg_e, seg_p = hh.seg_start[h, s], hh.seg_end[h, s], hh.seg_place[h, s]
        start = np.maximum.reduce([seg_s, P.home_from[persons], P.birth[persons]])
        end = np.minimum.reduce([seg_e, P.home_to[persons], P.death[persons]])
        ok = (seg_p >= 0) & (start <= end) & (seg_s < OPEN)
        rows.append((persons[ok], -(h[ok] * MAX_SEGMENTS + s) - 1, seg_p[ok], start[ok], end[ok]))
    before = np.flatnonzero(P.own_before_to >= 0)
    b_start = np.maximum(P.birth[before], frame.start)
    b_end = np.minimum(P.own_before_to[before], P.death[before])
    ok = b_start <= b_end
    rows.append((before[ok], P.dwelling_before[before][ok], P.place_before[before][ok], b_start[ok], b_end[ok]))
    after = np.flatnonzero(P.own_after_from < OPEN)
    a_start = np.maximum(P.own_after_from[after], P.birth[after])
    a_end = P.death[after]
    ok = a_start <= a_end
    rows.append((after[ok], P.dwelling_after[after][ok], P.place_after[after][ok], a_start[ok], a_end[ok]))
    cols = [np.concatenate([r[i] for r in rows]) for i in range(5)]
    return dict(zip(("person", "dwelling", "place", "start", "end"), cols, strict=True))
