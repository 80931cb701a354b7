"""Free witnesses: points of the attacker's system as it stands (published cells held at
their values, suppressed cells free), which prove targets without suppressing anything."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from lea.disclosure.cells import Moves, nonzero_moves
from lea.disclosure.lp import WarmModel, relation_model, solved
from lea.disclosure.proof import Reach
from lea.disclosure.year import Year

# Blocks of at least this many suppressed cells are searched in the one warm model of the
# whole year (measured: 2,000 families, one year, whose block is nearly every cell: the
# block searches 158 -> 88 s of CPU; at 80,000 families, small blocks, a whole-year
# model for every block was slower).
WHOLE_MODEL_BLOCK = 5000


class FreeModel(WarmModel):
    """A warm HiGHS feasibility model of one connected block of suppressed cells (the
    published cells stay, so only suppressed cells move): can the target move by the
    needed amount? One bound changes per target, so each re-solve starts from the last
    basis; most targets of a small population are proven this way, without suppressing
    anything more."""

    def __init__(self, year: Year, members: np.ndarray, hidden: np.ndarray | None = None) -> None:
        """`members` move when suppressed (all of them when `hidden` is not given); the
        published ones among them are held at 0 until `hide` frees them."""
        import highspy

        super().__init__(year, members)
        self.free = np.ones(len(self.members), dtype=bool) if hidden is None else hidden[self.members].copy()
        self._build(
            year.matrix[self.rows][:, self.members],
            np.zeros(len(self.members)),
            (np.where(self.free, -year.value[self.members], 0.0), np.where(self.free, highspy.kHighsInf, 0.0)),
        )

    def pushes(self, targets: list[int], reach: Reach, max_rounds: int = 30) -> list[Moves]:
        """Points that raise many open targets at once: maximise the sum of their rises,
        each capped at the needed move (so that one target cannot absorb the whole push),
        the first time with equal weights, then with random ones (fixed seed: the same
        input gives the same points). Rounds stop when one proves few more targets. Each
        point is a witness for every target it raises far enough (`reach` is widened by
        it); the model is left as it was."""
        import highspy

        n = len(self.members)
        columns = np.arange(n, dtype=np.int32)
        lower = np.where(self.free, -self.year.value[self.members], 0.0)
        upper = np.where(self.free, highspy.kHighsInf, 0.0)
        generator = np.random.default_rng(0)
        pending = reach.open([t for t in targets if self.position[t] >= 0])
        points: list[Moves] = []
        try:
            for round_number in range(max_rounds):
                if not pending:
                    break
                index = self.position[pending].astype(np.int32)
                weights = np.ones(len(index)) if round_number == 0 else generator.uniform(0.2, 1.0, len(index))
                cost = np.zeros(n)
                cost[index] = -weights
                capped = upper.copy()
                capped[index] = float(reach.min_cell_size)
                self.highs.changeColsBounds(n, columns, lower, capped)
                self.highs.changeColsCost(n, columns, cost)
                x = solved(self.highs)
                if x is None:
                    break
                point = nonzero_moves(self.members, x)
                if not point or self.year.broken_relations(point).size:
                    break  # a loose relation binds: leave these targets to the one-by-one search
                points.append(point)
                reach.widen(point)
                before = len(pending)
                pending = reach.open(pending)
                if before - len(pending) < max(5, 0.01 * before):
                    break
        finally:
            self.highs.changeColsBounds(n, columns, lower, upper)
            self.highs.changeColsCost(n, columns, np.zeros(n))
        return points

    def hide(self, cells: np.ndarray) -> None:
        """Free the suppressed `cells` that are members."""
        import highspy

        columns = self.position[cells]
        columns = columns[columns >= 0].astype(np.int32)
        columns = columns[~self.free[columns]]
        if len(columns):
            self.free[columns] = True
            self.highs.changeColsBounds(
                len(columns),
                columns,
                -self.year.value[self.members[columns]],
                np.full(len(columns), highspy.kHighsInf),
            )

    def witness(self, cell: int, shift: float) -> Moves | None:
        """Moves of the free members that move `cell` by `shift` (+ up, - down), or None."""
        import highspy

        inf = highspy.kHighsInf
        column = int(self.position[cell])
        lower, upper = (shift, inf) if shift > 0 else (-float(self.year.value[cell]), shift)
        try:
            return self._search([(column, lower, upper)])
        finally:
            self.highs.changeColBounds(column, -float(self.year.value[cell]), inf)


class FreeModels:
    """The blocks of suppressed cells (connected through tight relations) and a warm model
    of each, kept while the block is unchanged; suppressing a cell merges blocks. Blocks of
    `whole_model_block` cells or more are searched in one model of the whole year."""

    def __init__(self, year: Year, hidden: np.ndarray, whole_model_block: int = WHOLE_MODEL_BLOCK) -> None:
        self.year = year
        self.hidden = hidden.copy()
        self.whole_model_block = whole_model_block
        columns = np.flatnonzero(hidden)
        incidence = year.tight_matrix[:, columns].T.tocsr()
        _, labels = connected_components(incidence @ incidence.T, directed=False)
        self.parent = np.arange(len(year.cells))
        self.members: dict[int, list[int]] = {}
        roots: dict[int, int] = {}
        for cell, label in zip(columns, labels, strict=True):
            root = roots.setdefault(int(label), int(cell))
            self.parent[cell] = root
            self.members.setdefault(root, []).append(int(cell))
        self.models: dict[int, FreeModel] = {}
        self.whole: FreeModel | None = None

    def find(self, cell: int) -> int:
        root = cell
        while self.parent[root] != root:
            root = int(self.parent[root])
        while self.parent[cell] != root:
            self.parent[cell], cell = root, int(self.parent[cell])
        return root

    def block(self, cell: int) -> np.ndarray:
        """The cells of the block of a suppressed cell."""
        return np.array(self.members[self.find(cell)])

    def hide(self, cells: np.ndarray) -> None:
        if self.whole is not None:
            self.whole.hide(cells[~self.hidden[cells]])
        for cell in cells[~self.hidden[cells]]:
            self._join(int(cell))

    def _join(self, cell: int) -> None:
        """A newly suppressed cell: its own block, merged with its suppressed neighbours'."""
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

    def witness(self, cell: int, shift: float) -> Moves | None:
        root = self.find(cell)
        if len(self.members[root]) >= self.whole_model_block:
            return self._whole_witness(cell, shift, root)
        if root not in self.models:
            self.models[root] = FreeModel(self.year, np.array(self.members[root]))
        return self.models[root].witness(cell, shift)

    def _whole_witness(self, cell: int, shift: float, root: int) -> Moves | None:
        """A block this large changes with nearly every secondary cell, and a new model of
        it starts cold: one model of every cell that can move (published ones held until
        suppressed) stays warm instead; the moves outside the target's block are dropped
        when that breaks no relation."""
        if self.whole is None:
            self.whole = FreeModel(self.year, np.flatnonzero(~self.year.known), self.hidden)
        found = self.whole.witness(cell, shift)
        if found is None:
            return None
        block = set(self.members[root])
        restricted = {k: v for k, v in found.items() if k in block}
        if len(restricted) < len(found) and not self.year.broken_relations(restricted).size:
            return restricted
        return found


@dataclass
class _HiddenSystem:
    """The relations of a year over its suppressed cells (`columns`), the rows that hold
    any of them (`used_rows`), and the connected component of each column (`labels`)."""

    year: Year
    columns: np.ndarray
    matrix: sparse.csr_matrix
    used_rows: np.ndarray
    labels: np.ndarray

    @classmethod
    def of(cls, year: Year, hidden: np.ndarray) -> _HiddenSystem:
        columns = np.flatnonzero(hidden)
        sub = year.matrix[:, columns].tocsr()
        used_rows = np.flatnonzero(np.diff(sub.indptr) > 0)
        sub = sub[used_rows]
        incidence = sub.T.tocsr()
        _, labels = connected_components(incidence @ incidence.T, directed=False)
        return cls(year, columns, sub, used_rows, labels)


def joint_pushes(year: Year, hidden: np.ndarray, targets: list[int], reach: Reach) -> list[Moves]:
    """Points of the attacker's system as it stands (published cells fixed, hidden ones
    free), found by a few joint linear programmes per connected component: push every
    open target up, every large one down, then random weights while that helps. Each
    point is a witness for every target it moves far enough (`reach` is widened by it);
    none suppresses anything."""
    system = _HiddenSystem.of(year, hidden)
    position = {int(c): k for k, c in enumerate(system.columns)}
    by_component: dict[int, list[int]] = {}
    for t in reach.open(targets):
        by_component.setdefault(int(system.labels[position[t]]), []).append(t)
    witnesses: list[Moves] = []
    generator = np.random.default_rng(0)
    for label, component_targets in sorted(by_component.items()):
        witnesses.extend(_push_component(system, label, component_targets, reach, generator))
    return witnesses


def _push_component(
    system: _HiddenSystem, label: int, targets: list[int], reach: Reach, generator: np.random.Generator
) -> list[Moves]:
    """The joint pushes of one component: up to 12 iterations of one push up (every open
    target) and one down (the open targets of at least the minimum cell size), each
    target's move capped at the minimum cell size; stops when an iteration after the
    first leaves 90 % of the targets open."""
    import highspy

    year = system.year
    min_cell_size = reach.min_cell_size
    cols = np.flatnonzero(system.labels == label)
    members = system.columns[cols]
    rows = np.unique(system.matrix[:, cols].tocsc().indices)
    relations = system.used_rows[rows]
    highs = relation_model(
        system.matrix[rows][:, cols].tocsc(),
        np.zeros(len(cols)),
        (-year.value[members], np.full(len(cols), highspy.kHighsInf)),
        year.is_equality[relations],
        year.slack[relations],
    )
    local = {int(c): k for k, c in enumerate(members)}
    all_columns = np.arange(len(cols), dtype=np.int32)
    witnesses: list[Moves] = []
    pending = list(targets)
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
            upper = np.full(len(cols), highspy.kHighsInf)
            lower = -year.value[members]
            if direction > 0:
                upper[index] = min_cell_size
            else:
                lower[index] = np.maximum(lower[index], -min_cell_size)
            highs.changeColsBounds(len(cols), all_columns, lower, upper)
            highs.changeColsCost(len(cols), all_columns, cost)
            x = solved(highs)
            witness = {} if x is None else nonzero_moves(members, x)
            if witness:
                witnesses.append(witness)
                reach.widen(witness)
        before = len(pending)
        pending = reach.open(pending)
        if len(pending) > 0.9 * before and iteration > 0:
            break
    return witnesses
