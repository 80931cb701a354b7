"""Paid witnesses: the cheapest move that also moves published cells (each costs 1 + its
value); the published cells it moves are then suppressed (secondary)."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from lea.disclosure.cells import Moves, nonzero_moves
from lea.disclosure.lp import MAX_REPAIRS, WarmModel, relation_model, solved
from lea.disclosure.year import Year

# A paid witness and its cost.
Priced = tuple[Moves, float]


class LocalModel:
    """The cheapest witness among `local` cells (the rest held at their true values): a new
    linear programme per search, over the tight relations of those cells and the ones its
    solutions broke."""

    def __init__(self, year: Year, hidden: np.ndarray, local: np.ndarray) -> None:
        self.year = year
        self.hidden = hidden
        self.local = local
        self.relations = year.relations_of(local, tight_only=True)

    def witness(self, cell: int, shift: float) -> Priced | None:
        """The cheapest move of the local cells that satisfies every relation, keeps the
        published cells outside them, and moves `cell` by `shift` (+ up, - down); None
        when there is none."""
        relations = self.relations
        for _ in range(MAX_REPAIRS):
            found = self._cheapest(cell, shift, relations)
            if found is None:
                return None
            broken = self.year.broken_relations(found[0])
            if not len(broken):
                return found
            relations = np.union1d(relations, broken)
        return None

    def _cheapest(self, cell: int, shift: float, relations: np.ndarray) -> Priced | None:
        """One linear programme over the given relations."""
        year, local = self.year, self.local
        sub = year.matrix[relations][:, local].tocsc()
        is_hidden = self.hidden[local]
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
        position = int(np.searchsorted(free_cols, int(np.searchsorted(local, cell))))
        if shift > 0:
            lower[position] = shift
        else:
            upper[position] = shift
        eq = year.is_equality[relations]
        slack = year.slack[relations]
        # Inequalities first, then equalities (the row order of every earlier pattern).
        order = np.concatenate([np.flatnonzero(~eq), np.flatnonzero(eq)])
        highs = relation_model(a[order].tocsc(), cost, (lower, upper), eq[order], slack[order])
        highs.setOptionValue("simplex_strategy", 1)  # dual simplex
        x = solved(highs)
        if x is None:
            return None
        objective = float(highs.getInfo().objective_function_value)
        moves = np.zeros(len(local))
        moves[free_cols] = x[:n_free]
        moves[paid_cols] = x[n_free : n_free + n_paid] - x[n_free + n_paid :]
        return nonzero_moves(local, moves), objective


class PaidModel(WarmModel):
    """One warm HiGHS model for the witnesses the neighbourhoods miss: per cell of
    `members` (default: the whole year) an up and a down move (known cells fixed; cells
    outside `members` held), the tight relations (loose ones added when a witness breaks
    them). A suppressed cell moves free, a published one costs 1 + its value. Re-solving
    with another target's bound changed starts from the last basis, which is much faster
    than a new model."""

    def __init__(self, year: Year, hidden: np.ndarray, members: np.ndarray | None = None) -> None:
        import highspy

        super().__init__(year, np.arange(len(year.cells)) if members is None else members)
        n = self.n = len(self.members)
        self.hidden = hidden.copy()
        value = year.value[self.members]
        cost = np.where(hidden[self.members], 0.0, 1.0 + value)
        known = year.known[self.members]
        self.upper_up = np.where(known, 0.0, highspy.kHighsInf)
        self.upper_down = np.where(known, 0.0, value)
        matrix = year.matrix[self.rows][:, self.members]
        self._build(
            sparse.hstack([matrix, -matrix]),
            np.concatenate([cost, cost]),
            (np.zeros(2 * n), np.concatenate([self.upper_up, self.upper_down])),
        )

    def _moves(self, x: np.ndarray) -> np.ndarray:
        return x[: self.n] - x[self.n :]

    def _row(self, columns: np.ndarray, coefficients: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return np.concatenate([columns, columns + self.n]).astype(np.int32), np.concatenate(
            [coefficients, -coefficients]
        )

    def hide(self, cells: np.ndarray) -> None:
        """Make the newly suppressed `cells` free to move."""
        new = cells[~self.hidden[cells]]
        self.hidden[new] = True
        new = self.position[new]
        new = new[new >= 0]
        if len(new):
            index = np.concatenate([new, new + self.n]).astype(np.int32)
            self.highs.changeColsCost(len(index), index, np.zeros(len(index)))

    def witness(self, cell: int, shift: float) -> Priced | None:
        """The cheapest moves that move `cell` by `shift` (+ up, - down), or None."""
        import highspy

        column = int(self.position[cell])
        up_col, down_col = column, column + self.n
        if shift > 0:
            bounds = [(up_col, shift, highspy.kHighsInf), (down_col, 0.0, 0.0)]
        else:
            bounds = [(up_col, 0.0, 0.0), (down_col, -shift, float(self.upper_down[column]))]
        try:
            found = self._search(bounds)
            return None if found is None else (found, float(self.highs.getInfo().objective_function_value))
        finally:
            self.highs.changeColBounds(up_col, 0.0, float(self.upper_up[column]))
            self.highs.changeColBounds(down_col, 0.0, float(self.upper_down[column]))
