"""The disclosure engine: which cells to suppress, and the proof that no primary cell can
be recovered or narrowed (publication.md, rules 4 and 6).

Input, per statistical year: every cell the publication can show (its true value, its
primary rule if any) and every linear relation between cells that anyone can derive from
the definitions (sum(coefficient x cell) = 0 or <= 0). Output: the suppressed set and, for
every primary cell, a *witness*: a second assignment of values to the suppressed cells,
equal to the published values everywhere else, that satisfies every relation and moves
the primary cell by at least `min_cell_size` (up; or down when its value is at least
`min_cell_size`). The true values are a feasible point too, so an attacker's interval for
the cell holds both: its width and its upper end are at least `min_cell_size`. A witness
is checked against every relation by plain arithmetic (`verify`), with no solver.

How the pattern is found (deterministic): primary cells are taken in many relations first,
then smallest first. A cell already moved far enough by earlier witnesses (its interval
read in whole counts) needs nothing more. Otherwise it is moved only as far as its proof
still needs: first among suppressed cells only (its own table, then its block of
suppressed cells), and when that cannot be done, by the cheapest witness of a linear
programme over the cells that close a cycle with it (the rest held at their true values;
widened to its table and then to the whole year when that is not enough): moving a
published cell costs 1 + its value, moving a suppressed one is free. The published cells
the witness moves are suppressed (secondary). Suppressing more never invalidates an
earlier witness, so one pass suffices.
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

EQUAL = "eq"
AT_MOST = "le"
TOLERANCE = 1e-6
SMALL_RELATION = 3
# Inequalities with more room than this at the true counts are left out of a witness search
# until a witness breaks one (then it is added and the search repeated): most of them (say,
# G10 <= the families with any 8 phenomena) never bind, and they would make every
# neighbourhood large.
LOOSE_SLACK = 50.0
# Blocks of at least this many suppressed cells are searched in the one warm model of the
# whole year (measured: 2,000 families, one year, whose block is nearly every cell: the
# block searches 158 -> 88 s of CPU; at 80,000 families, small blocks, a whole-year
# model for every block was slower).
WHOLE_MODEL_BLOCK = 5000


class DisclosureError(RuntimeError):
    """The publication cannot be protected or proven; the message names the cells."""


@dataclass(frozen=True)
class Cell:
    """One number the publication can show (or a virtual one it implies).

    `is_known`: the attacker knows the value from the definitions (residual areas, cells
    fixed by a definition): never suppressed, never a candidate. `is_virtual`: implied but
    never published (a complement): always unknown to the attacker.
    """

    cell_id: str
    stat_year: int
    value: float
    primary_reason: str | None = None
    is_virtual: bool = False
    is_known: bool = False
    # Where the cell sits, for the area-transfer witnesses (optional): its area, the area
    # its area's cells sum to (postcode -> municipality), and what it counts there.
    area_id: str | None = None
    parent_area_id: str | None = None
    measure_key: str | None = None
    # Which table the cell belongs to (optional): a witness is first sought among the
    # suppressed cells of the target's table, the rest held, in a much smaller programme.
    witness_scope: str | None = None


@dataclass(frozen=True)
class Term:
    """One cell of one relation: sum(coefficient x cell) = 0 (EQUAL) or <= 0 (AT_MOST)."""

    relation_id: str
    relation_family: str
    sense: str
    cell_id: str
    coefficient: float


@dataclass(frozen=True)
class Relations:
    """Every term of the relations as parallel arrays, one entry per term (what the frames
    hand over: a million terms as objects take seconds to build and to pickle)."""

    relation_id: np.ndarray
    relation_family: np.ndarray
    sense: np.ndarray
    cell_id: np.ndarray
    coefficient: np.ndarray

    @classmethod
    def of(cls, terms: Iterable[Term] | Relations) -> Relations:
        if isinstance(terms, Relations):
            return terms
        listed = list(terms)
        return cls(
            relation_id=np.array([t.relation_id for t in listed], dtype=object),
            relation_family=np.array([t.relation_family for t in listed], dtype=object),
            sense=np.array([t.sense for t in listed], dtype=object),
            cell_id=np.array([t.cell_id for t in listed], dtype=object),
            coefficient=np.array([t.coefficient for t in listed], dtype=float),
        )

    def subset(self, keep: np.ndarray) -> Relations:
        return Relations(
            self.relation_id[keep],
            self.relation_family[keep],
            self.sense[keep],
            self.cell_id[keep],
            self.coefficient[keep],
        )


@dataclass
class CellOutcome:
    cell_id: str
    suppression_reason: str | None  # primary reason, 'secondary', or None (published)
    proof_up: float = 0.0  # a verified witness raises the cell by this much
    proof_down: float = 0.0  # ... or lowers it by this much


@dataclass
class YearProof:
    stat_year: int
    n_primary: int = 0
    n_secondary: int = 0
    n_witnesses: int = 0
    n_programmes: int = 0
    n_free_witnesses: int = 0
    n_transfer_witnesses: int = 0
    # How many witnesses each stage found (for the benchmarks and the debug output).
    stages: dict[str, float] = field(default_factory=dict)
    unproven: list[str] = field(default_factory=list)


@dataclass
class Protection:
    outcomes: dict[str, CellOutcome]
    proofs: list[YearProof]


# A witness kept for the final proof: its cells (ascending) and their moves, as arrays. A
# dictionary per witness took about 100 bytes a move; at 2,000 families a year keeps about
# 2,000 witnesses of up to thousands of moves each (measured: the year processes 8 GB in
# all at 2,000 families with dictionaries; as arrays a year process peaks at 1.34 instead
# of 2.36 GB, with the same pattern).
Compact = tuple[np.ndarray, np.ndarray]


def _arrays(witness: dict[int, float] | Compact) -> Compact:
    """A witness's cells (ascending) and their moves, as arrays."""
    if isinstance(witness, tuple):
        return witness
    cells = np.fromiter(witness.keys(), dtype=np.int64, count=len(witness))
    moves = np.fromiter(witness.values(), dtype=float, count=len(witness))
    order = np.argsort(cells, kind="stable")
    return cells[order], moves[order]


def _widen(up: np.ndarray, down: np.ndarray, witness: dict[int, float] | Compact) -> None:
    """Record how far a witness moves each cell: the largest rise and fall seen so far."""
    cells, moves = _arrays(witness)
    if not len(cells):
        return
    up[cells] = np.maximum(up[cells], moves)
    down[cells] = np.maximum(down[cells], -moves)


def _needed_shifts(value: float, up: float, down: float, min_cell_size: int) -> list[float]:
    """The moves that would finish a target's proof, given how far earlier witnesses moved
    it already: up to the first whole count that makes the interval `min_cell_size` wide
    and reach `min_cell_size`, or (a cell of at least that size) down to the count that
    makes it wide enough. A witness that lowered a small cell to 0 leaves it needing only
    to reach `min_cell_size`, which its neighbours can more often absorb without a
    secondary suppression."""
    lo, hi = _interval(value, up, down)
    shifts = [max(lo + min_cell_size, min_cell_size) - value]
    if value >= min_cell_size:
        shifts.append((hi - min_cell_size) - value)
    return shifts


def _interval(value: float, up: float, down: float) -> tuple[int, int]:
    """The whole counts between the lowest and highest values that witnesses showed: an
    attacker knows that counts are whole numbers and rounds inwards (so does the audit)."""
    return math.ceil(value - down - TOLERANCE), math.floor(value + up + TOLERANCE)


def is_protected(value: float, up: float, down: float, min_cell_size: int) -> bool:
    """The attacker's interval holds [value - down, value + up], rounded inwards to whole
    counts: wide and high enough?"""
    lo, hi = _interval(value, up, down)
    return hi - lo >= min_cell_size and hi >= min_cell_size


class _Year:
    """The cells and relations of one year as arrays and a sparse matrix."""

    def __init__(self, cells: Sequence[Cell], terms: Iterable[Term] | Relations) -> None:
        import pandas as pd

        relations = Relations.of(terms)
        self.cells = sorted(cells, key=lambda c: c.cell_id)
        self.index = {c.cell_id: k for k, c in enumerate(self.cells)}
        self.value = np.array([c.value for c in self.cells], dtype=float)
        self.known = np.array([c.is_known for c in self.cells], dtype=bool)
        self.virtual = np.array([c.is_virtual for c in self.cells], dtype=bool)
        self.primary = np.array([c.primary_reason is not None and not c.is_known for c in self.cells], dtype=bool)
        self.area = [c.area_id for c in self.cells]
        self.parent_area = [c.parent_area_id for c in self.cells]
        self.measure_key = [c.measure_key for c in self.cells]
        self.scope = [c.witness_scope for c in self.cells]
        cols = pd.Index([c.cell_id for c in self.cells]).get_indexer(relations.cell_id)
        if (cols < 0).any():
            first = int(np.flatnonzero(cols < 0)[0])
            raise DisclosureError(
                f"relation {relations.relation_id[first]} names an unknown cell {relations.cell_id[first]}"
            )
        # Rows in the order of the sorted relation ids; a relation's sense and family are
        # those of its first term (all its terms carry the same).
        rows, relation_ids = pd.factorize(relations.relation_id, sort=True)
        self.relation_ids = [str(r) for r in relation_ids]
        first_term = np.full(len(relation_ids), len(rows), dtype=np.int64)
        np.minimum.at(first_term, rows, np.arange(len(rows)))
        sense = relations.sense[first_term]
        self.is_equality = np.asarray(sense == EQUAL, dtype=bool)
        self.family = [str(f) for f in relations.relation_family[first_term]]
        shape = (len(relation_ids), len(self.cells))
        self.matrix = sparse.csr_matrix((relations.coefficient, (rows, cols)), shape=shape)  # duplicates summed
        self.by_cell = self.matrix.tocsc()
        self.relation_size = np.diff(self.matrix.indptr)
        # Room left in each relation at the true values (0 for an equality).
        activity = self.matrix @ self.value
        self.slack = np.where(self.is_equality, 0.0, -activity)
        scale = 1.0 + np.abs(self.matrix) @ np.abs(self.value)
        self.tight = self.is_equality | (self.slack <= LOOSE_SLACK)
        tight_rows = sparse.diags(self.tight.astype(float))
        self.tight_matrix = (tight_rows @ self.matrix).tocsr()
        self.tight_matrix.eliminate_zeros()
        self.tight_by_cell = self.tight_matrix.tocsc()
        broken = np.flatnonzero(np.where(self.is_equality, np.abs(activity), activity) > TOLERANCE * scale)
        if len(broken):
            examples = ", ".join(self.relation_ids[r] for r in broken[:5])
            raise DisclosureError(
                f"{len(broken)} relation(s) do not hold for the true counts (a wrong relation): {examples}"
            )

    def relations_of(self, cells: np.ndarray, tight_only: bool = False) -> np.ndarray:
        by_cell = self.tight_by_cell if tight_only else self.by_cell
        return _distinct(_gather(by_cell.indptr, by_cell.indices, cells), len(self.relation_ids))

    def broken_relations(self, moves: dict[int, float]) -> np.ndarray:
        """Relations that the moves (from the true counts) break."""
        if not moves:
            return np.zeros(0, dtype=int)
        cells, shifts = _arrays(moves)
        rows = self.relations_of(cells)
        delta = np.zeros(len(self.cells))
        delta[cells] = shifts
        activity = self.matrix[rows] @ delta
        bad = np.where(
            self.is_equality[rows], np.abs(activity) > TOLERANCE * 10, activity > self.slack[rows] + TOLERANCE * 10
        )
        return rows[bad]

    def cells_of(self, relations: np.ndarray) -> np.ndarray:
        return _distinct(_gather(self.matrix.indptr, self.matrix.indices, relations), len(self.cells))


def _gather(indptr: np.ndarray, indices: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """The indices of the given rows of a CSR matrix (columns of a CSC one), concatenated:
    what `matrix[keys].indices` gives, without building the slice."""
    keys = np.asarray(keys, dtype=np.int64)
    starts = indptr[keys]
    lengths = indptr[keys + 1] - starts
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(lengths)
    return indices[np.repeat(starts - (ends - lengths), lengths) + np.arange(total)]


def _distinct(values: np.ndarray, size: int) -> np.ndarray:
    """The sorted distinct values (all in range(size)): np.unique by counting."""
    return np.flatnonzero(np.bincount(values, minlength=size))


def _cycle_neighbourhood(year: _Year, cell: int) -> np.ndarray:
    """The cells of the relations of `cell`, and the cells that close a cycle with two of
    them (in a relation with a member of one and with a member of another: the far corner
    of a rectangle), plus the small relations of all these. Much smaller than the full
    second neighbourhood and usually enough."""
    relations = year.relations_of(np.array([cell]), tight_only=True)
    incidence = year.tight_by_cell  # relations x cells, by column
    reached = np.zeros(len(year.cells), dtype=int)
    first = np.array([cell])
    for r in relations:
        members = year.tight_matrix.indices[year.tight_matrix.indptr[r] : year.tight_matrix.indptr[r + 1]]
        members = members[members != cell]
        first = np.union1d(first, members)
        if not len(members):
            continue
        near_relations = _distinct(_gather(incidence.indptr, incidence.indices, members), len(year.relation_ids))
        near_relations = near_relations[near_relations != r]
        near = _distinct(_gather(year.tight_matrix.indptr, year.tight_matrix.indices, near_relations), len(year.cells))
        reached[near] += 1
    closing = np.flatnonzero(reached >= 2)
    cells = np.union1d(first, closing)
    small = year.relations_of(cells, tight_only=True)
    small = small[year.relation_size[small] <= SMALL_RELATION]
    return np.union1d(cells, year.cells_of(small))


def _cheapest_witness(
    year: _Year, hidden: np.ndarray, cell: int, shift: float, local: np.ndarray
) -> tuple[dict[int, float], float] | None:
    """The cheapest move of `local` cells (the rest fixed) that satisfies every relation,
    keeps published cells outside `local`, and moves `cell` by `shift` (+ up, - down).
    Returns ({cell: move}, cost) or None when there is none."""
    relations = year.relations_of(local, tight_only=True)
    for _ in range(10):
        found = _witness_lp(year, hidden, cell, shift, local, relations)
        if found is None:
            return None
        broken = year.broken_relations(found[0])
        if not len(broken):
            return found
        relations = np.union1d(relations, broken)
    return None


def _witness_lp(
    year: _Year, hidden: np.ndarray, cell: int, shift: float, local: np.ndarray, relations: np.ndarray
) -> tuple[dict[int, float], float] | None:
    """One linear programme of _cheapest_witness over the given relations."""
    import highspy

    sub = year.matrix[relations][:, local].tocsc()
    is_hidden = hidden[local]
    movable_published = ~is_hidden & ~year.known[local]
    # Columns: one move per hidden cell (free), an up and a down move per published cell.
    free_cols = np.flatnonzero(is_hidden)
    paid_cols = np.flatnonzero(movable_published)
    n_free, n_paid = len(free_cols), len(paid_cols)
    a = sparse.hstack([sub[:, free_cols], sub[:, paid_cols], -sub[:, paid_cols]]).tocsr()
    values = year.value[local]
    weights = 1.0 + values[paid_cols]
    cost = np.concatenate([np.zeros(n_free), weights, weights])
    lower = np.concatenate([-values[free_cols], np.zeros(2 * n_paid)])
    upper = np.concatenate([np.full(n_free, np.inf), np.full(n_paid, np.inf), values[paid_cols]])
    target = int(np.searchsorted(local, cell))
    position = int(np.searchsorted(free_cols, target))
    if shift > 0:
        lower[position] = shift
    else:
        upper[position] = shift
    eq = year.is_equality[relations]
    slack = year.slack[relations]
    # Inequalities first, then equalities (the row order of every earlier pattern).
    order = np.concatenate([np.flatnonzero(~eq), np.flatnonzero(eq)])
    highs = _warm_model(a[order].tocsc(), cost, lower, upper, eq[order], slack[order])
    highs.setOptionValue("simplex_strategy", 1)  # dual simplex
    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    x = np.asarray(highs.getSolution().col_value)
    objective = float(highs.getInfo().objective_function_value)
    moves = np.zeros(len(local))
    moves[free_cols] = x[:n_free]
    moves[paid_cols] = x[n_free : n_free + n_paid] - x[n_free + n_paid :]
    moved = np.flatnonzero(np.abs(moves) > TOLERANCE)
    return {int(local[k]): float(moves[k]) for k in moved}, objective


def _stretched(year: _Year, witness: dict[int, float]) -> dict[int, float]:
    """The witness times the largest factor (>= 1) that keeps it valid: counts stay >= 0
    and inequalities within their room (equalities hold at any factor). The moves are all
    from the true counts, so a longer move is as valid as the witness itself and may prove
    more targets than the one it was found for."""
    if not witness:
        return witness
    cells, moves = _arrays(witness)
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
    return dict(zip(cells.tolist(), (moves * factor).tolist()))


def verify(year: _Year, hidden: np.ndarray, witness: dict[int, float] | Compact) -> str | None:
    """None when the witness keeps every published cell, stays >= 0 and satisfies every
    relation; else what is wrong."""
    cells, moves = _arrays(witness)
    if (~hidden[cells]).any():
        return f"moves published cell {year.cells[int(cells[~hidden[cells]][0])].cell_id}"
    if (year.value[cells] + moves < -TOLERANCE).any():
        return "makes a count negative"
    delta = np.zeros(len(year.cells))
    delta[cells] = moves
    activity = year.matrix @ delta
    bad = np.where(year.is_equality, np.abs(activity) > TOLERANCE * 10, activity > year.slack + TOLERANCE * 10)
    if bad.any():
        return f"breaks relation {year.relation_ids[int(np.flatnonzero(bad)[0])]}"
    return None


def _area_transfers(year: _Year, hidden: np.ndarray) -> list[dict[int, float]]:
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
    siblings: dict[tuple[str, frozenset[str]], list[str]] = {}
    for area, members in sorted(areas.items()):
        if not hidden[members].all() or year.known[members].any():
            continue
        keys = [year.measure_key[k] for k in members]
        if None in keys or len(set(keys)) != len(keys):
            continue
        parent = year.parent_area[members[0]]
        siblings.setdefault((str(parent), frozenset(str(k) for k in keys)), []).append(area)
    witnesses = []
    for (_, key_set), group in sorted(siblings.items(), key=lambda item: (item[0][0], sorted(item[0][1]))):
        if len(group) < 2:
            continue
        by_key = {area: {str(year.measure_key[k]): k for k in areas[area]} for area in group}
        totals = {key: sum(year.value[by_key[area][key]] for area in group) for key in key_set}
        for area in group:
            witness: dict[int, float] = {}
            for other in group:
                if other == area:
                    continue
                for k in by_key[other].values():
                    if year.value[k] > 0:
                        witness[k] = -float(year.value[k])
            for key, k in by_key[area].items():
                gain = totals[key] - year.value[k]
                if gain > 0:
                    witness[k] = float(gain)
            if witness and verify(year, hidden, witness) is None:
                witnesses.append(witness)
    return witnesses


def _partner_rounds(year: _Year, hidden: np.ndarray, min_cell_size: int, max_rounds: int = 1) -> np.ndarray:
    """A quick first pattern: no equality relation keeps a single hidden cell (it would be
    its total minus the published rest). Round after round, each such relation hides one
    more of its published cells: one large enough to absorb the move (value >= the minimum
    cell) first, then the smallest, then the cell id. Returns the cells added."""
    added = np.zeros(len(year.cells), dtype=bool)
    candidate = ~year.known & ~year.virtual
    order = np.lexsort((np.arange(len(year.cells)), year.value, year.value < min_cell_size))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    equalities = np.flatnonzero(year.is_equality)
    matrix = year.matrix[equalities].tocsr()
    for _ in range(max_rounds):
        hidden_count = (
            matrix @ hidden.astype(float)
            if False
            else np.asarray((abs(matrix) > 0).astype(float) @ hidden.astype(float)).ravel()
        )
        lonely = np.flatnonzero(np.isclose(hidden_count, 1.0))
        primary_count = np.asarray((abs(matrix) > 0).astype(float) @ year.primary.astype(float)).ravel()
        lonely = lonely[primary_count[lonely] > 0]
        new = set()
        for r in lonely:
            members = matrix.indices[matrix.indptr[r] : matrix.indptr[r + 1]]
            choices = members[~hidden[members] & candidate[members]]
            if len(choices):
                new.add(int(choices[np.argmin(rank[choices])]))
        if not new:
            break
        chosen = np.array(sorted(new))
        hidden[chosen] = True
        added[chosen] = True
    return added


def _warm_model(
    a: sparse.csc_matrix,
    cost: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
    is_equality: np.ndarray,
    slack: np.ndarray,
):
    """A HiGHS model: rows of `a` are = 0 (equalities) or <= their slack; columns bounded.
    Kept and re-solved after small changes, from the last basis."""
    import highspy

    inf = highspy.kHighsInf
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = a.shape[1], a.shape[0]
    lp.col_cost_ = cost
    lp.col_lower_ = lower
    lp.col_upper_ = upper
    lp.row_lower_ = np.where(is_equality, 0.0, -inf)
    lp.row_upper_ = np.where(is_equality, 0.0, slack)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = a.indptr
    lp.a_matrix_.index_ = a.indices
    lp.a_matrix_.value_ = a.data
    highs.passModel(lp)
    return highs


class _YearModel:
    """One warm HiGHS model for the witnesses the neighbourhoods miss: per cell of
    `members` (default: the whole year) an up and a down move (known cells fixed; cells
    outside `members` held), the tight relations (loose ones added when a witness breaks
    them). Re-solving with another target's bound changed starts from the last basis,
    which is much faster than a new model."""

    def __init__(self, year: _Year, hidden: np.ndarray, members: np.ndarray | None = None) -> None:
        import highspy

        self.year = year
        self.highspy = highspy
        self.members = np.arange(len(year.cells)) if members is None else np.sort(members)
        self.position = np.full(len(year.cells), -1)
        self.position[self.members] = np.arange(len(self.members))
        n = len(self.members)
        self.n = n
        self.hidden = hidden.copy()
        value = year.value[self.members]
        self.weights = 1.0 + value
        cost = np.where(hidden[self.members], 0.0, self.weights)
        known = year.known[self.members]
        self.upper_up = np.where(known, 0.0, highspy.kHighsInf)
        self.upper_down = np.where(known, 0.0, value)
        self.rows = year.relations_of(self.members, tight_only=True)
        self.in_model = np.zeros(len(year.relation_ids), dtype=bool)
        self.in_model[self.rows] = True
        matrix = year.matrix[self.rows][:, self.members]
        self.highs = _warm_model(
            sparse.hstack([matrix, -matrix]).tocsc(),
            np.concatenate([cost, cost]),
            np.zeros(2 * n),
            np.concatenate([self.upper_up, self.upper_down]),
            year.is_equality[self.rows],
            year.slack[self.rows],
        )

    def hide(self, cells: np.ndarray) -> None:
        new = cells[~self.hidden[cells]]
        self.hidden[new] = True
        new = self.position[new]
        new = new[new >= 0]
        if len(new):
            index = np.concatenate([new, new + self.n]).astype(np.int32)
            self.highs.changeColsCost(len(index), index, np.zeros(len(index)))

    def _add_rows(self, rows: np.ndarray) -> None:
        inf = self.highspy.kHighsInf
        for r in rows:
            members = self.year.matrix.indices[self.year.matrix.indptr[r] : self.year.matrix.indptr[r + 1]]
            coefficients = self.year.matrix.data[self.year.matrix.indptr[r] : self.year.matrix.indptr[r + 1]]
            inside = self.position[members] >= 0
            members, coefficients = self.position[members[inside]], coefficients[inside]
            index = np.concatenate([members, members + self.n]).astype(np.int32)
            values = np.concatenate([coefficients, -coefficients])
            lower = 0.0 if self.year.is_equality[r] else -inf
            upper = 0.0 if self.year.is_equality[r] else float(self.year.slack[r])
            self.highs.addRow(lower, upper, len(index), index, values)
            self.in_model[r] = True

    def witness(self, cell: int, shift: float) -> tuple[dict[int, float], float] | None:
        highspy = self.highspy
        column = int(self.position[cell])
        up_col, down_col = column, column + self.n
        inf = highspy.kHighsInf
        if shift > 0:
            bounds = ((up_col, shift, inf), (down_col, 0.0, 0.0))
        else:
            bounds = ((up_col, 0.0, 0.0), (down_col, -shift, float(self.upper_down[column])))
        try:
            for _ in range(10):
                for col, lo, hi in bounds:
                    self.highs.changeColBounds(col, lo, hi)
                self.highs.run()
                if self.highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                    return None
                x = np.asarray(self.highs.getSolution().col_value)
                moves = x[: self.n] - x[self.n :]
                moved = np.flatnonzero(np.abs(moves) > TOLERANCE)
                found = {int(self.members[k]): float(moves[k]) for k in moved}
                broken = self.year.broken_relations(found)
                broken = broken[~self.in_model[broken]]
                if not len(broken):
                    return found, float(self.highs.getInfo().objective_function_value)
                self._add_rows(broken)
            return None
        finally:
            self.highs.changeColBounds(up_col, 0.0, float(self.upper_up[column]))
            self.highs.changeColBounds(down_col, 0.0, float(self.upper_down[column]))


class _FreeModel:
    """A warm HiGHS feasibility model of one connected block of suppressed cells (the
    published cells stay, so only suppressed cells move): can the target move by the
    needed amount? One bound changes per target, so each re-solve starts from the last
    basis; most targets of a small population are proven this way, without suppressing
    anything more."""

    def __init__(self, year: _Year, members: np.ndarray, hidden: np.ndarray | None = None) -> None:
        """`members` move when suppressed (all of them when `hidden` is not given); the
        published ones among them are held at 0 until `hide` frees them."""
        import highspy

        self.year = year
        self.highspy = highspy
        self.members = np.sort(members)
        self.position = {int(c): k for k, c in enumerate(self.members)}
        self.free = np.ones(len(self.members), dtype=bool) if hidden is None else hidden[self.members].copy()
        rows = year.relations_of(self.members, tight_only=True)
        self.in_model = np.zeros(len(year.relation_ids), dtype=bool)
        self.in_model[rows] = True
        self.highs = _warm_model(
            year.matrix[rows][:, self.members].tocsc(),
            np.zeros(len(self.members)),
            np.where(self.free, -year.value[self.members], 0.0),
            np.where(self.free, highspy.kHighsInf, 0.0),
            year.is_equality[rows],
            year.slack[rows],
        )

    def pushes(
        self, targets: list[int], up: np.ndarray, down: np.ndarray, min_cell_size: int, max_rounds: int = 30
    ) -> list[dict[int, float]]:
        """Points that raise many open targets at once: maximise the sum of their rises,
        each capped at the needed move (so that one target cannot absorb the whole push),
        the first time with equal weights, then with random ones (fixed seed: the same
        input gives the same points). Rounds stop when one proves few more targets. Each
        point is a witness for every target it raises far enough; the model is left as
        it was."""
        highspy = self.highspy
        n = len(self.members)
        columns = np.arange(n, dtype=np.int32)
        lower = np.where(self.free, -self.year.value[self.members], 0.0)
        upper = np.where(self.free, highspy.kHighsInf, 0.0)
        generator = np.random.default_rng(0)
        pending = [
            t
            for t in targets
            if t in self.position and not is_protected(self.year.value[t], up[t], down[t], min_cell_size)
        ]
        points: list[dict[int, float]] = []
        try:
            for round_number in range(max_rounds):
                if not pending:
                    break
                index = np.array([self.position[t] for t in pending], dtype=np.int32)
                weights = np.ones(len(index)) if round_number == 0 else generator.uniform(0.2, 1.0, len(index))
                cost = np.zeros(n)
                cost[index] = -weights
                capped = upper.copy()
                capped[index] = float(min_cell_size)
                self.highs.changeColsBounds(n, columns, lower, capped)
                self.highs.changeColsCost(n, columns, cost)
                self.highs.run()
                if self.highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                    break
                x = np.asarray(self.highs.getSolution().col_value)
                point = {int(self.members[k]): float(x[k]) for k in np.flatnonzero(np.abs(x) > TOLERANCE)}
                if not point or self.year.broken_relations(point).size:
                    break  # a loose relation binds: leave these targets to the one-by-one search
                points.append(point)
                _widen(up, down, point)
                before = len(pending)
                pending = [t for t in pending if not is_protected(self.year.value[t], up[t], down[t], min_cell_size)]
                if before - len(pending) < max(5, 0.01 * before):
                    break
        finally:
            self.highs.changeColsBounds(n, columns, lower, upper)
            self.highs.changeColsCost(n, columns, np.zeros(n))
        return points

    def hide(self, cells: np.ndarray) -> None:
        columns = np.array([self.position[int(c)] for c in cells if int(c) in self.position], dtype=np.int32)
        columns = columns[~self.free[columns]] if len(columns) else columns
        if len(columns):
            self.free[columns] = True
            self.highs.changeColsBounds(
                len(columns),
                columns,
                -self.year.value[self.members[columns]],
                np.full(len(columns), self.highspy.kHighsInf),
            )

    def witness(self, cell: int, shift: float) -> dict[int, float] | None:
        highspy = self.highspy
        inf = highspy.kHighsInf
        column = self.position[cell]
        lower, upper = (shift, inf) if shift > 0 else (-float(self.year.value[cell]), shift)
        try:
            for _ in range(10):
                self.highs.changeColBounds(column, lower, upper)
                self.highs.run()
                if self.highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                    return None
                moves = np.asarray(self.highs.getSolution().col_value)
                moved = np.flatnonzero(np.abs(moves) > TOLERANCE)
                found = dict(zip(self.members[moved].tolist(), moves[moved].tolist()))
                broken = self.year.broken_relations(found)
                broken = broken[~self.in_model[broken]]
                if not len(broken):
                    return found
                for r in broken:
                    start, end = self.year.matrix.indptr[r], self.year.matrix.indptr[r + 1]
                    cells = self.year.matrix.indices[start:end]
                    keep = np.isin(cells, self.members)
                    index = np.array([self.position[int(c)] for c in cells[keep]], dtype=np.int32)
                    eq = self.year.is_equality[r]
                    self.highs.addRow(
                        0.0 if eq else -inf,
                        0.0 if eq else float(self.year.slack[r]),
                        len(index),
                        index,
                        self.year.matrix.data[start:end][keep],
                    )
                    self.in_model[r] = True
            return None
        finally:
            self.highs.changeColBounds(column, -float(self.year.value[cell]), inf)


class _FreeModels:
    """The blocks of suppressed cells (connected through tight relations) and a warm model
    of each, kept while the block is unchanged; suppressing a cell merges blocks."""

    def __init__(self, year: _Year, hidden: np.ndarray) -> None:
        from scipy.sparse.csgraph import connected_components

        self.year = year
        self.hidden = hidden.copy()
        columns = np.flatnonzero(hidden)
        incidence = year.tight_matrix[:, columns].T.tocsr()
        _, labels = connected_components(incidence @ incidence.T, directed=False)
        self.parent = np.arange(len(year.cells))
        self.members: dict[int, list[int]] = {}
        roots: dict[int, int] = {}
        for cell, label in zip(columns, labels):
            root = roots.setdefault(int(label), int(cell))
            self.parent[cell] = root
            self.members.setdefault(root, []).append(int(cell))
        self.models: dict[int, _FreeModel] = {}
        self.whole: _FreeModel | None = None

    def find(self, cell: int) -> int:
        root = cell
        while self.parent[root] != root:
            root = int(self.parent[root])
        while self.parent[cell] != root:
            self.parent[cell], cell = root, int(self.parent[cell])
        return root

    def hide(self, cells: np.ndarray) -> None:
        if self.whole is not None:
            self.whole.hide(cells[~self.hidden[cells]])
        for cell in cells[~self.hidden[cells]]:
            cell = int(cell)
            self.hidden[cell] = True
            self.members[cell] = [cell]
            relations = self.year.relations_of(np.array([cell]), tight_only=True)
            neighbours = self.year.cells_of(relations) if len(relations) else np.zeros(0, dtype=int)
            for other in neighbours[self.hidden[neighbours]]:
                a, b = self.find(cell), self.find(int(other))
                if a != b:
                    if len(self.members[a]) < len(self.members[b]):
                        a, b = b, a
                    self.parent[b] = a
                    self.members[a].extend(self.members.pop(b))
                    self.models.pop(a, None)
                    self.models.pop(b, None)

    def witness(self, cell: int, shift: float) -> dict[int, float] | None:
        root = self.find(cell)
        if len(self.members[root]) >= WHOLE_MODEL_BLOCK:
            # A block this large changes with nearly every secondary cell, and a new model
            # of it starts cold: one model of every cell that can move (published ones
            # held until suppressed) stays warm instead; the moves outside the target's
            # block are dropped when that breaks no relation.
            if self.whole is None:
                self.whole = _FreeModel(self.year, np.flatnonzero(~self.year.known), self.hidden)
            found = self.whole.witness(cell, shift)
            if found is None:
                return None
            block = set(self.members[root])
            restricted = {k: v for k, v in found.items() if k in block}
            if len(restricted) < len(found) and not self.year.broken_relations(restricted).size:
                return restricted
            return found
        if root not in self.models:
            self.models[root] = _FreeModel(self.year, np.array(self.members[root]))
        return self.models[root].witness(cell, shift)


def _free_witnesses(
    year: _Year, hidden: np.ndarray, targets: list[int], up: np.ndarray, down: np.ndarray, min_cell_size: int
) -> list[dict[int, float]]:
    """Points of the attacker's system as it stands (published cells fixed, hidden ones
    free), found by a few joint linear programmes per connected component: push every
    open target up, every large one down, then random weights while that helps. Each
    point is a witness for every target it moves far enough; none suppresses anything."""
    import highspy
    from scipy.sparse.csgraph import connected_components

    columns = np.flatnonzero(hidden)
    sub = year.matrix[:, columns].tocsr()
    used_rows = np.flatnonzero(np.diff(sub.indptr) > 0)
    sub = sub[used_rows]
    incidence = sub.T.tocsr()
    _, labels = connected_components(incidence @ incidence.T, directed=False)
    position = {int(c): k for k, c in enumerate(columns)}
    open_targets = [t for t in targets if not is_protected(year.value[t], up[t], down[t], min_cell_size)]
    by_component: dict[int, list[int]] = {}
    for t in open_targets:
        by_component.setdefault(int(labels[position[t]]), []).append(t)
    witnesses: list[dict[int, float]] = []
    generator = np.random.default_rng(0)
    inf = highspy.kHighsInf
    for label, component_targets in sorted(by_component.items()):
        cols = np.flatnonzero(labels == label)
        block = sub[:, cols].tocsc()
        rows = np.unique(block.indices)
        block = sub[rows][:, cols].tocsc()
        eq = year.is_equality[used_rows[rows]]
        highs = highspy.Highs()
        highs.setOptionValue("output_flag", False)
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = len(cols), len(rows)
        lp.col_cost_ = np.zeros(len(cols))
        lp.col_lower_ = -year.value[columns[cols]]
        lp.col_upper_ = np.full(len(cols), inf)
        lp.row_lower_ = np.where(eq, 0.0, -inf)
        lp.row_upper_ = np.where(eq, 0.0, year.slack[used_rows[rows]])
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = block.indptr
        lp.a_matrix_.index_ = block.indices
        lp.a_matrix_.value_ = block.data
        highs.passModel(lp)
        local = {int(columns[c]): k for k, c in enumerate(cols)}
        pending = list(component_targets)
        for iteration in range(12):
            if not pending:
                break
            for direction in (1.0, -1.0):
                chosen = [t for t in pending if direction > 0 or year.value[t] >= min_cell_size]
                if not chosen:
                    continue
                weights = np.ones(len(chosen)) if iteration == 0 else generator.uniform(0.1, 1.0, len(chosen))
                cost = np.zeros(len(cols))
                index = np.array([local[t] for t in chosen])
                cost[index] = -direction * weights
                # Capped at the needed move, so that one target cannot absorb the whole push.
                upper = np.full(len(cols), inf)
                lower = -year.value[columns[cols]]
                if direction > 0:
                    upper[index] = min_cell_size
                else:
                    lower[index] = np.maximum(lower[index], -min_cell_size)
                highs.changeColsBounds(len(cols), np.arange(len(cols), dtype=np.int32), lower, upper)
                highs.changeColsCost(len(cols), np.arange(len(cols), dtype=np.int32), cost)
                highs.run()
                if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                    continue
                x = np.asarray(highs.getSolution().col_value)
                moved = np.flatnonzero(np.abs(x) > TOLERANCE)
                witness = {int(columns[cols[k]]): float(x[k]) for k in moved}
                if witness:
                    witnesses.append(witness)
                    _widen(up, down, witness)
            before = len(pending)
            pending = [t for t in pending if not is_protected(year.value[t], up[t], down[t], min_cell_size)]
            if len(pending) > 0.9 * before and iteration > 0:
                break
    return witnesses


def protect_year(
    cells: Sequence[Cell], terms: Iterable[Term] | Relations, min_cell_size: int, only_targets: set[str] | None = None
) -> tuple[dict[str, CellOutcome], YearProof]:
    year = _Year(cells, terms)
    n = len(year.cells)
    # A virtual cell is never published, so it is free in a witness; but one the attacker
    # knows (a lone-parent type's single_parent complement, 0) is held like a published
    # cell: moving it would let a count move without the number a definition ties it to.
    hidden = year.primary | (year.virtual & ~year.known)
    secondary = np.zeros(n, dtype=bool)
    up = np.zeros(n)
    down = np.zeros(n)
    witnesses: list[Compact] = []
    proof = YearProof(stat_year=year.cells[0].stat_year if n else 0)
    # Cells in many relations (denominators, totals) first: their witnesses open the blocks
    # that the numerators' witnesses then reuse; then the smallest first.
    degree = np.diff(year.by_cell.indptr)
    targets = [
        int(k)
        for k in sorted(np.flatnonzero(year.primary), key=lambda k: (-degree[k], year.value[k], year.cells[k].cell_id))
    ]
    if only_targets is not None:
        targets = [k for k in targets if year.cells[k].cell_id in only_targets]
    secondary |= _partner_rounds(year, hidden, min_cell_size)
    for witness in _area_transfers(year, hidden):
        witnesses.append(_arrays(witness))
        _widen(up, down, witness)
    proof.n_transfer_witnesses = len(witnesses)
    scope_cells: dict[str, list[int]] = {}
    for k, scope in enumerate(year.scope):
        if scope is not None:
            scope_cells.setdefault(scope, []).append(k)
    in_scope = {scope: np.isin(np.arange(n), members) for scope, members in scope_cells.items()}
    scope_free: dict[str, _FreeModel] = {}
    for scope, members in sorted(scope_cells.items()):
        scope_free[scope] = _FreeModel(year, np.array(members), hidden)
        witnesses.extend(_arrays(w) for w in scope_free[scope].pushes(targets, up, down, min_cell_size))
    witnesses.extend(_arrays(w) for w in _free_witnesses(year, hidden, targets, up, down, min_cell_size))
    proof.n_free_witnesses = len(witnesses) - proof.n_transfer_witnesses

    whole_year: _YearModel | None = None
    free_models: _FreeModels | None = None
    scope_paid: dict[str, _YearModel] = {}
    # LEA_DISCLOSURE_DEBUG=1: progress and CPU seconds per stage on standard error (for
    # docs/benchmarks.md); the pattern is the same either way.
    debug = bool(os.environ.get("LEA_DISCLOSURE_DEBUG"))

    def search(target: int, shifts: list[float]) -> tuple[dict[int, float], bool] | None:
        """The first witness that moves `target` by one of `shifts`: among suppressed cells
        (free: True), else the cheapest that suppresses more (free: False); None if none."""
        nonlocal free_models, whole_year
        scope = year.scope[target]
        free = None
        clock = time.process_time()
        # First among the suppressed cells of the target's own table (a small programme),
        # then among its whole block of suppressed cells.
        if scope is not None:
            if scope not in scope_free:
                scope_free[scope] = _FreeModel(year, np.array(scope_cells[scope]), hidden)
            scope_free[scope].hide(np.flatnonzero(secondary))
            for shift in shifts:
                free = scope_free[scope].witness(target, shift)
                proof.n_programmes += 1
                if free is not None:
                    proof.stages["scope_free"] = proof.stages.get("scope_free", 0) + 1
                    break
        if debug:
            proof.stages["scope_free_s"] = proof.stages.get("scope_free_s", 0) + time.process_time() - clock
            clock = time.process_time()
        if free is None:
            if free_models is None:
                free_models = _FreeModels(year, hidden)
            free_models.hide(np.flatnonzero(hidden))
            # The target's table was just searched with every suppressed cell of it free:
            # a block that lies inside that table cannot do more (skip the programme).
            block = np.array(free_models.members[free_models.find(target)])
            inside_table = scope is not None and bool(in_scope[scope][block].all())
            for shift in [] if inside_table else shifts:
                free = free_models.witness(target, shift)
                proof.n_programmes += 1
                if free is not None:
                    proof.stages["block_free"] = proof.stages.get("block_free", 0) + 1
                    break
        if debug:
            proof.stages["block_free_s"] = proof.stages.get("block_free_s", 0) + time.process_time() - clock
            clock = time.process_time()
        if free is not None:
            return free, True
        # The cheapest witness among the cells that close a cycle with the target (a
        # superset of its first neighbourhood, which alone found 2 of 142 such witnesses
        # at 80,000 families: no longer tried first).
        best = None
        local = _cycle_neighbourhood(year, target)
        for shift in shifts:
            found = _cheapest_witness(year, hidden, target, shift, local)
            proof.n_programmes += 1
            if found is not None and (best is None or found[1] < best[1] - TOLERANCE):
                best = found
        if best is not None:
            proof.stages["local_paid"] = proof.stages.get("local_paid", 0) + 1
        if debug:
            proof.stages["local_paid_s"] = proof.stages.get("local_paid_s", 0) + time.process_time() - clock
            clock = time.process_time()
        if best is None and scope is not None:
            if scope not in scope_paid:
                scope_paid[scope] = _YearModel(year, hidden, np.array(scope_cells[scope]))
            scope_paid[scope].hide(np.flatnonzero(hidden))
            for shift in shifts:
                found = scope_paid[scope].witness(target, shift)
                proof.n_programmes += 1
                if found is not None and (best is None or found[1] < best[1] - TOLERANCE):
                    best = found
            if best is not None:
                proof.stages["scope_paid"] = proof.stages.get("scope_paid", 0) + 1
        if debug:
            proof.stages["scope_paid_s"] = proof.stages.get("scope_paid_s", 0) + time.process_time() - clock
        if best is None:
            if whole_year is None:
                whole_year = _YearModel(year, hidden)
            whole_year.hide(np.flatnonzero(hidden))
            for shift in shifts:
                found = whole_year.witness(target, shift)
                proof.n_programmes += 1
                if found is not None and (best is None or found[1] < best[1] - TOLERANCE):
                    best = found
        if best is None:
            return None
        return best[0], False

    def keep(witness: dict[int, float], free: bool) -> None:
        """Record a witness: stretched as far as it stays valid; the published cells it
        moves become secondary."""
        witness = _stretched(year, witness)
        if free:
            proof.n_free_witnesses += 1
        for k in witness:
            if not hidden[k]:
                hidden[k] = True
                secondary[k] = True
        _widen(up, down, witness)
        witnesses.append(_arrays(witness))

    for number, target in enumerate(targets):
        if debug and number % 200 == 0:
            stages = {name: round(count, 1) for name, count in proof.stages.items()}
            print(
                f"{time.process_time():.1f}s target {number}/{len(targets)} witnesses {len(witnesses)} "
                f"LPs {proof.n_programmes} hidden {int(hidden.sum())} {stages}",
                file=sys.stderr,
                flush=True,
            )
        value = year.value[target]
        if is_protected(value, up[target], down[target], min_cell_size):
            continue
        found = search(target, _needed_shifts(value, float(up[target]), float(down[target]), min_cell_size))
        if found is None and value - down[target] > TOLERANCE:
            # No witness raises it far enough (the previous release's numbers, say, cap it
            # at min_cell_size): an interval from 0 to min_cell_size proves it too. A
            # witness that lowers it to 0 first, then one that raises it to what is left.
            lowered = search(target, [-float(value)])
            if lowered is not None:
                keep(*lowered)
                shifts = _needed_shifts(value, float(up[target]), float(down[target]), min_cell_size)
                found = search(target, shifts)
        if found is None:
            raise DisclosureError(
                f"{year.cells[target].cell_id} (value {value:g}) cannot be protected by suppressing more cells"
            )
        keep(*found)

    # The proof: every witness re-checked against every relation and the final pattern,
    # and every primary cell moved far enough by verified witnesses.
    up[:] = 0.0
    down[:] = 0.0
    for kept in witnesses:
        problem = verify(year, hidden, kept)
        if problem is not None:
            raise DisclosureError(f"{proof.stat_year}: a witness {problem}")
        _widen(up, down, kept)
    proof.n_witnesses = len(witnesses)
    proof.n_primary = int(year.primary.sum())
    proof.n_secondary = int(secondary.sum())
    proof.unproven = [
        year.cells[k].cell_id for k in targets if not is_protected(year.value[k], up[k], down[k], min_cell_size)
    ]
    outcomes = {}
    for k, cell in enumerate(year.cells):
        if year.primary[k]:
            reason = cell.primary_reason
        elif secondary[k]:
            reason = "secondary"
        else:
            reason = None
        outcomes[cell.cell_id] = CellOutcome(cell.cell_id, reason, float(up[k]), float(down[k]))
    return outcomes, proof


def protect(
    cells: Iterable[Cell],
    terms: Iterable[Term] | Relations,
    min_cell_size: int,
    workers: int = 1,
    only_targets: set[str] | None = None,
) -> Protection:
    """The suppression pattern and its proof, year by year (years never interact; with
    `workers` > 1 they are protected in that many processes at once)."""
    import pandas as pd

    cells_by_year: dict[int, list[Cell]] = {}
    for cell in cells:
        cells_by_year.setdefault(cell.stat_year, []).append(cell)
    relations = Relations.of(terms)
    listed = [c for cs in cells_by_year.values() for c in cs]
    years_of_terms = np.array([c.stat_year for c in listed] + [-1])[
        pd.Index([c.cell_id for c in listed]).get_indexer(relations.cell_id)
    ]
    if (years_of_terms < 0).any():
        first = int(np.flatnonzero(years_of_terms < 0)[0])
        raise DisclosureError(
            f"relation {relations.relation_id[first]} names an unknown cell {relations.cell_id[first]}"
        )
    terms_by_year = {y: relations.subset(years_of_terms == y) for y in cells_by_year}
    years = sorted(cells_by_year)
    jobs = [(cells_by_year[y], terms_by_year[y], min_cell_size, only_targets) for y in years]
    if workers > 1 and len(years) > 1:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(workers, len(years))) as pool:
            results = list(pool.map(_protect_in_subprocess, jobs))
    else:
        results = [_protect_job(job) for job in jobs]
    outcomes: dict[str, CellOutcome] = {}
    proofs = []
    for year_outcomes, proof in results:
        outcomes.update(year_outcomes)
        proofs.append(proof)
    return Protection(outcomes, proofs)


def _protect_in_subprocess(
    job: tuple[list[Cell], Relations, int, set[str] | None],
) -> tuple[dict[str, CellOutcome], YearProof]:
    """One year in a fresh Python process (`python -m lea.disclosure.worker`), so that years
    use several cores; a new interpreter rather than a fork of the (threaded) dbt process."""
    import pickle
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "lea.disclosure.worker"], input=pickle.dumps(job), capture_output=True, check=False
    )
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise DisclosureError(message[-1] if message else f"the engine's process failed ({done.returncode})")
    result: tuple[dict[str, CellOutcome], YearProof] = pickle.loads(done.stdout)
    return result


def _protect_job(job: tuple[list[Cell], Relations, int, set[str] | None]) -> tuple[dict[str, CellOutcome], YearProof]:
    return protect_year(*job)


def unproven(protection: Protection) -> list[str]:
    return [cell for proof in protection.proofs for cell in proof.unproven]


# The spec's defaults (publication.md, "Rules"): a build may be stricter, never weaker.
DISCLOSURE_DEFAULTS = {"min_cell_size": 5, "all_but_a_few": 4, "min_area_families": 30}


def weaker_than_default(settings: dict[str, object]) -> list[str]:
    """What makes these disclosure vars weaker than publication.md allows (rule 6)."""
    problems = []
    for name, default in DISCLOSURE_DEFAULTS.items():
        value = settings.get(name)
        try:
            number = float(str(value))
        except ValueError:
            problems.append(f"{name} = {value!r} is not a number")
            continue
        if number < default:
            problems.append(f"{name} = {value} is below the default {default}")
    if str(settings.get("secondary_suppression")).strip().lower() not in ("true", "1"):
        problems.append(f"secondary_suppression = {settings.get('secondary_suppression')!r}: it cannot be off")
    return problems
