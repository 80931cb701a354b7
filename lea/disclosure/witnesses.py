"""What the engine finds without a linear programme: a quick first pattern (partner
rounds), witnesses that move families between small areas, and a witness stretched as far
as it stays valid."""

from __future__ import annotations

import numpy as np

from lea.disclosure.cells import TOLERANCE, Moves, as_arrays
from lea.disclosure.proof import verify
from lea.disclosure.year import Year

# The small areas of one parent area that count the same measures: (parent, measure keys).
SiblingKey = tuple[str, frozenset[str]]


def partner_round(year: Year, hidden: np.ndarray, min_cell_size: int) -> np.ndarray:
    """A quick first pattern: no equality relation with a primary cell keeps a single
    hidden cell (it would be its total minus the published rest). Each such relation hides
    one more of its published cells: one large enough to absorb the move (value >= the
    minimum cell) first, then the smallest, then the cell id. One round; `hidden` is
    updated and the cells added are returned."""
    added = np.zeros(len(year.cells), dtype=bool)
    candidate = ~year.known & ~year.virtual
    order = np.lexsort((np.arange(len(year.cells)), year.value, year.value < min_cell_size))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    matrix = year.matrix[np.flatnonzero(year.is_equality)].tocsr()
    incidence = (abs(matrix) > 0).astype(float)
    hidden_count = np.asarray(incidence @ hidden.astype(float)).ravel()
    primary_count = np.asarray(incidence @ year.primary.astype(float)).ravel()
    lonely = np.flatnonzero(np.isclose(hidden_count, 1.0))
    lonely = lonely[primary_count[lonely] > 0]
    new = set()
    for r in lonely:
        members = matrix.indices[matrix.indptr[r] : matrix.indptr[r + 1]]
        choices = members[~hidden[members] & candidate[members]]
        if len(choices):
            new.add(int(choices[np.argmin(rank[choices])]))
    if new:
        chosen = np.array(sorted(new))
        hidden[chosen] = True
        added[chosen] = True
    return added


def area_transfers(year: Year, hidden: np.ndarray) -> list[Moves]:
    """Witnesses without a programme, for areas whose every cell is hidden (small areas):
    move all the families of the other such areas of the same parent into one of them.
    Every relation is a sum of an area's parts into its parent (kept: the parent total does
    not change) or holds within one area and is homogeneous (= 0 or <= 0 in the area's own
    cells), so the area's counts plus another area's counts satisfy it, and an emptied area
    (all 0) does too. One witness per area raises each of its cells by the other areas'
    total of that cell and empties the others (lowering cells of 5 or more). Each is still
    verified against every relation (`verify`) and dropped if it breaks one."""
    areas: dict[str, list[int]] = {}
    for k, area in enumerate(year.area):
        if area is not None and year.parent_area[k] is not None:
            areas.setdefault(area, []).append(k)
    witnesses = []
    for (_, key_set), group in sorted(
        _small_area_siblings(year, hidden, areas).items(), key=lambda item: (item[0][0], sorted(item[0][1]))
    ):
        if len(group) < 2:
            continue
        by_key = {area: {str(year.measure_key[k]): k for k in areas[area]} for area in group}
        totals = {key: sum(year.value[by_key[area][key]] for area in group) for key in key_set}
        for area in group:
            witness = _transfer_into(year, area, by_key, totals)
            if witness and verify(year, hidden, witness) is None:
                witnesses.append(witness)
    return witnesses


def _small_area_siblings(year: Year, hidden: np.ndarray, areas: dict[str, list[int]]) -> dict[SiblingKey, list[str]]:
    """The areas whose every cell is hidden and none known, each measure once, grouped by
    their parent area and the measures they count."""
    siblings: dict[SiblingKey, list[str]] = {}
    for area, members in sorted(areas.items()):
        if not hidden[members].all() or year.known[members].any():
            continue
        keys = [year.measure_key[k] for k in members]
        if None in keys or len(set(keys)) != len(keys):
            continue
        parent = year.parent_area[members[0]]
        siblings.setdefault((str(parent), frozenset(str(k) for k in keys)), []).append(area)
    return siblings


def _transfer_into(year: Year, area: str, by_key: dict[str, dict[str, int]], totals: dict[str, float]) -> Moves:
    """The other areas of the group emptied into `area` (by_key: each area's cell per measure)."""
    witness: Moves = {}
    for other, cells in by_key.items():
        if other == area:
            continue
        for k in cells.values():
            if year.value[k] > 0:
                witness[k] = -float(year.value[k])
    for key, k in by_key[area].items():
        gain = totals[key] - year.value[k]
        if gain > 0:
            witness[k] = float(gain)
    return witness


def stretched(year: Year, witness: Moves) -> Moves:
    """The witness times the largest factor (>= 1) that keeps it valid: counts stay >= 0
    and inequalities within their room (equalities hold at any factor). The moves are all
    from the true counts, so a longer move is as valid as the witness itself and may prove
    more targets than the one it was found for."""
    if not witness:
        return witness
    cells, moves = as_arrays(witness)
    factor = 1e6 / max(1.0, float(np.abs(moves).max()))
    negative = moves < -TOLERANCE
    if negative.any():
        factor = min(factor, float(np.min(year.value[cells[negative]] / -moves[negative])))
    rows = year.relations_of(cells)
    rows = rows[~year.is_equality[rows]]
    if len(rows):
        delta = np.zeros(len(year.cells))
        delta[cells] = moves
        activity = year.matrix[rows] @ delta
        rising = activity > TOLERANCE
        if rising.any():
            factor = min(factor, float(np.min(year.slack[rows][rising] / activity[rising])))
    factor = max(1.0, factor * (1.0 - 1e-9))
    return dict(zip(cells.tolist(), (moves * factor).tolist(), strict=True))
