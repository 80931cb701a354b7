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

How the pattern is found (deterministic): primary cells are taken smallest first. A cell
already moved far enough by an earlier witness needs nothing more. Otherwise a small
linear programme over the cell's neighbourhood (the cells within two relations of it,
widened when that is not enough; the rest held at their true values) finds the cheapest
witness: moving a published cell costs 1 + its value, moving a suppressed one is free.
The published cells the witness moves are suppressed (secondary). Suppressing more never
invalidates an earlier witness, so one pass suffices.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

EQUAL = "eq"
AT_MOST = "le"
TOLERANCE = 1e-6
SMALL_RELATION = 3


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


@dataclass(frozen=True)
class Term:
    """One cell of one relation: sum(coefficient x cell) = 0 (EQUAL) or <= 0 (AT_MOST)."""

    relation_id: str
    relation_family: str
    sense: str
    cell_id: str
    coefficient: float


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
    unproven: list[str] = field(default_factory=list)


@dataclass
class Protection:
    outcomes: dict[str, CellOutcome]
    proofs: list[YearProof]


def is_protected(value: float, up: float, down: float, min_cell_size: int) -> bool:
    """The attacker's interval holds [value - down, value + up]: wide and high enough?"""
    return up + down >= min_cell_size - TOLERANCE and value + up >= min_cell_size - TOLERANCE


class _Year:
    """The cells and relations of one year as arrays and a sparse matrix."""

    def __init__(self, cells: Sequence[Cell], terms: Sequence[Term]) -> None:
        self.cells = sorted(cells, key=lambda c: c.cell_id)
        self.index = {c.cell_id: k for k, c in enumerate(self.cells)}
        self.value = np.array([c.value for c in self.cells], dtype=float)
        self.known = np.array([c.is_known for c in self.cells], dtype=bool)
        self.virtual = np.array([c.is_virtual for c in self.cells], dtype=bool)
        self.primary = np.array([c.primary_reason is not None and not c.is_known for c in self.cells], dtype=bool)
        relation_ids = sorted({t.relation_id for t in terms})
        row_of = {r: k for k, r in enumerate(relation_ids)}
        self.relation_ids = relation_ids
        sense = {}
        family = {}
        rows, cols, data = [], [], []
        for t in terms:
            if t.cell_id not in self.index:
                raise DisclosureError(f"relation {t.relation_id} names an unknown cell {t.cell_id}")
            rows.append(row_of[t.relation_id])
            cols.append(self.index[t.cell_id])
            data.append(t.coefficient)
            sense[t.relation_id] = t.sense
            family[t.relation_id] = t.relation_family
        self.is_equality = np.array([sense[r] == EQUAL for r in relation_ids], dtype=bool)
        self.family = [family[r] for r in relation_ids]
        shape = (len(relation_ids), len(self.cells))
        self.matrix = sparse.csr_matrix((data, (rows, cols)), shape=shape)  # duplicates summed
        self.by_cell = self.matrix.tocsc()
        self.relation_size = np.diff(self.matrix.indptr)
        # Room left in each relation at the true values (0 for an equality).
        activity = self.matrix @ self.value
        self.slack = np.where(self.is_equality, 0.0, -activity)
        scale = 1.0 + np.abs(self.matrix) @ np.abs(self.value)
        broken = np.flatnonzero(np.where(self.is_equality, np.abs(activity), activity) > TOLERANCE * scale)
        if len(broken):
            examples = ", ".join(relation_ids[r] for r in broken[:5])
            raise DisclosureError(
                f"{len(broken)} relation(s) do not hold for the true counts (a wrong relation): {examples}")

    def relations_of(self, cells: np.ndarray) -> np.ndarray:
        return np.unique(self.by_cell[:, cells].indices)

    def cells_of(self, relations: np.ndarray) -> np.ndarray:
        return np.unique(self.matrix[relations].indices)


def _neighbourhood(year: _Year, cell: int, radius: int) -> np.ndarray:
    """The cells within `radius` relations of `cell`, plus every cell of a small relation
    (a complement: numerator + complement = denominator) of those: without it a numerator
    at the edge could not move."""
    cells = np.array([cell])
    for _ in range(radius):
        cells = np.union1d(cells, year.cells_of(year.relations_of(cells)))
    small = year.relations_of(cells)
    small = small[year.relation_size[small] <= SMALL_RELATION]
    return np.union1d(cells, year.cells_of(small))


def _cheapest_witness(year: _Year, hidden: np.ndarray, cell: int, shift: float,
                      local: np.ndarray) -> tuple[dict[int, float], float] | None:
    """The cheapest move of `local` cells (the rest fixed) that satisfies every relation,
    keeps published cells outside `local`, and moves `cell` by `shift` (+ up, - down).
    Returns ({cell: move}, cost) or None when there is none."""
    relations = year.relations_of(local)
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
    result = linprog(
        cost, A_ub=a[~eq] if (~eq).any() else None, b_ub=slack[~eq] if (~eq).any() else None,
        A_eq=a[eq] if eq.any() else None, b_eq=np.zeros(int(eq.sum())) if eq.any() else None,
        bounds=np.column_stack([lower, upper]), method="highs")
    if result.status != 0:
        return None
    moves = np.zeros(len(local))
    moves[free_cols] = result.x[:n_free]
    moves[paid_cols] = result.x[n_free:n_free + n_paid] - result.x[n_free + n_paid:]
    moved = np.flatnonzero(np.abs(moves) > TOLERANCE)
    return {int(local[k]): float(moves[k]) for k in moved}, float(result.fun)


def verify(year: _Year, hidden: np.ndarray, witness: dict[int, float]) -> str | None:
    """None when the witness keeps every published cell, stays >= 0 and satisfies every
    relation; else what is wrong."""
    cells = np.array(sorted(witness), dtype=int)
    moves = np.array([witness[int(c)] for c in cells])
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
        hidden_count = matrix @ hidden.astype(float) if False else np.asarray(
            (abs(matrix) > 0).astype(float) @ hidden.astype(float)).ravel()
        lonely = np.flatnonzero(np.isclose(hidden_count, 1.0))
        primary_count = np.asarray((abs(matrix) > 0).astype(float) @ year.primary.astype(float)).ravel()
        lonely = lonely[primary_count[lonely] > 0]
        new = set()
        for r in lonely:
            members = matrix.indices[matrix.indptr[r]:matrix.indptr[r + 1]]
            choices = members[~hidden[members] & candidate[members]]
            if len(choices):
                new.add(int(choices[np.argmin(rank[choices])]))
        if not new:
            break
        chosen = np.array(sorted(new))
        hidden[chosen] = True
        added[chosen] = True
    return added


def _free_witnesses(year: _Year, hidden: np.ndarray, targets: list[int], up: np.ndarray,
                    down: np.ndarray, min_cell_size: int) -> list[dict[int, float]]:
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
                    for k, move in witness.items():
                        up[k] = max(up[k], move)
                        down[k] = max(down[k], -move)
            before = len(pending)
            pending = [t for t in pending if not is_protected(year.value[t], up[t], down[t], min_cell_size)]
            if len(pending) > 0.9 * before and iteration > 0:
                break
    return witnesses


def protect_year(cells: Sequence[Cell], terms: Sequence[Term], min_cell_size: int) -> tuple[dict[str, CellOutcome], YearProof]:
    year = _Year(cells, terms)
    n = len(year.cells)
    hidden = year.primary | year.virtual
    secondary = np.zeros(n, dtype=bool)
    up = np.zeros(n)
    down = np.zeros(n)
    witnesses: list[dict[int, float]] = []
    proof = YearProof(stat_year=year.cells[0].stat_year if n else 0)
    targets = sorted(np.flatnonzero(year.primary), key=lambda k: (year.value[k], year.cells[k].cell_id))
    secondary |= _partner_rounds(year, hidden, min_cell_size)
    witnesses.extend(_free_witnesses(year, hidden, targets, up, down, min_cell_size))
    proof.n_free_witnesses = len(witnesses)

    for target in targets:
        value = year.value[target]
        if is_protected(value, up[target], down[target], min_cell_size):
            continue
        best = None
        shifts = [float(min_cell_size)] + ([-float(min_cell_size)] if value >= min_cell_size else [])
        for radius in (1, 2, 3, 5):
            local = _neighbourhood(year, target, radius)
            for shift in shifts:
                found = _cheapest_witness(year, hidden, target, shift, local)
                proof.n_programmes += 1
                if found is not None and (best is None or found[1] < best[1] - TOLERANCE):
                    best = found
            if best is not None or len(local) == n:
                break
        if best is None:
            raise DisclosureError(
                f"{year.cells[target].cell_id} (value {value:g}) cannot be protected by suppressing more cells")
        witness, _ = best
        for k, move in witness.items():
            if not hidden[k]:
                hidden[k] = True
                secondary[k] = True
            up[k] = max(up[k], move)
            down[k] = max(down[k], -move)
        witnesses.append(witness)

    # The proof: every witness re-checked against every relation and the final pattern,
    # and every primary cell moved far enough by verified witnesses.
    up[:] = 0.0
    down[:] = 0.0
    for witness in witnesses:
        problem = verify(year, hidden, witness)
        if problem is not None:
            raise DisclosureError(f"{proof.stat_year}: a witness {problem}")
        for k, move in witness.items():
            up[k] = max(up[k], move)
            down[k] = max(down[k], -move)
    proof.n_witnesses = len(witnesses)
    proof.n_primary = int(year.primary.sum())
    proof.n_secondary = int(secondary.sum())
    proof.unproven = [year.cells[k].cell_id for k in targets
                      if not is_protected(year.value[k], up[k], down[k], min_cell_size)]
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


def protect(cells: Iterable[Cell], terms: Iterable[Term], min_cell_size: int) -> Protection:
    """The suppression pattern and its proof, year by year (years never interact)."""
    cells_by_year: dict[int, list[Cell]] = {}
    for cell in cells:
        cells_by_year.setdefault(cell.stat_year, []).append(cell)
    year_of = {c.cell_id: y for y, cs in cells_by_year.items() for c in cs}
    terms_by_year: dict[int, list[Term]] = {y: [] for y in cells_by_year}
    for term in terms:
        if term.cell_id not in year_of:
            raise DisclosureError(f"relation {term.relation_id} names an unknown cell {term.cell_id}")
        terms_by_year[year_of[term.cell_id]].append(term)
    outcomes: dict[str, CellOutcome] = {}
    proofs = []
    for stat_year in sorted(cells_by_year):
        year_outcomes, proof = protect_year(cells_by_year[stat_year], terms_by_year[stat_year], min_cell_size)
        outcomes.update(year_outcomes)
        proofs.append(proof)
    return Protection(outcomes, proofs)


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
