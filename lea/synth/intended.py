"""The families with children that a built chunk intends per statistical year: the
generator's truth, which the tests compare the build with."""

from __future__ import annotations

import numpy as np

from lea.synth.arrays import year_start
from lea.synth.places import Frame, Places
from lea.synth.population import Chunk

STRUCTURES = ("married_couple", "cohabiting_couple", "mother", "father")


def intended_families(chunk: Chunk, frame: Frame, places: Places, stat_year: int) -> dict[str, np.ndarray]:
    """The families with children in the study area on 31 Dec of `stat_year`, as designed.

    Returns one row per member: household index, person index, role (0 parent, 1 child),
    structure index into STRUCTURES, place index.
    """
    hh, P = chunk.households, chunk.persons
    D = int(year_start(stat_year + 1)) - 1
    covers = (hh.seg_start <= D) & (D <= hh.seg_end) & (hh.seg_place >= 0)
    in_finland = covers.any(axis=1)
    place = np.where(in_finland, hh.seg_place[np.arange(hh.n), np.argmax(covers, axis=1)], -1)
    in_study = in_finland & places.in_study[np.maximum(place, 0)]

    def present(person: np.ndarray) -> np.ndarray:
        p = np.maximum(person, 0)
        return (
            (person >= 0)
            & (P.home_from[p] <= D)
            & (D <= P.home_to[p])
            & (P.birth[p] <= D)
            & (P.death[p] > D)
            & in_finland[P.hh[p]]  # type: ignore[index]
        )

    p1_here = present(chunk.p1)
    p2_here = present(chunk.p2)
    kids_here = present(chunk.children)
    p2 = np.maximum(chunk.p2, 0)
    married = (hh.partnership > 0) & (hh.partnership_start <= D) & (D <= hh.partnership_end)
    common_here = (kids_here & (P.parent_b[np.maximum(chunk.children, 0)] == chunk.p2[:, None])).any(axis=1)
    age1 = stat_year - 1970 - P.birth[chunk.p1].astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64)
    age2 = stat_year - 1970 - P.birth[p2].astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64)
    opposite = P.sex[chunk.p1] != P.sex[p2]
    rule_c = opposite & (age1 >= 18) & (age2 >= 18) & (np.abs(age1 - age2) < 16)
    couple = p1_here & p2_here & (married | common_here | rule_c)
    kid_age = (
        stat_year
        - 1970
        - P.birth[np.maximum(chunk.children, 0)].astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64)
    )
    with_children = p1_here & in_study & (kids_here & (kid_age < 18)).any(axis=1)
    structure = np.where(couple, np.where(married, 0, 1), np.where(P.sex[chunk.p1] == 2, 2, 3))

    fam = np.flatnonzero(with_children)
    parts = [(fam, chunk.p1[fam], np.zeros(len(fam), dtype=np.int64))]
    c = fam[couple[fam]]
    parts.append((c, chunk.p2[c], np.zeros(len(c), dtype=np.int64)))
    kh, kj = np.nonzero(kids_here[fam])
    parts.append((fam[kh], chunk.children[fam[kh], kj], np.ones(len(kh), dtype=np.int64)))
    h_idx = np.concatenate([p[0] for p in parts])
    return {
        "hh": h_idx,
        "person": np.concatenate([p[1] for p in parts]),
        "role": np.concatenate([p[2] for p in parts]),
        "structure": structure[h_idx],
        "place": place[h_idx],
    }
