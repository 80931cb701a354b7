"""The one way the engine sets up HiGHS: a model over moves from the true counts whose
rows are relations (= 0, or <= the room the relation has), and a warm model that adds a
relation when a solution breaks one and is re-solved from its last basis."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from lea.disclosure.cells import Moves, nonzero_moves
from lea.disclosure.year import Year

if TYPE_CHECKING:
    import highspy

# How often a neighbourhood's search (paid.LocalModel, a first try) adds the relations its
# solution broke and solves again before the wider models take over.
MAX_REPAIRS = 10


def relation_model(
    a: sparse.csc_matrix,
    cost: np.ndarray,
    bounds: tuple[np.ndarray, np.ndarray],
    is_equality: np.ndarray,
    slack: np.ndarray,
) -> highspy.Highs:
    """A HiGHS model: rows of `a` are = 0 (equalities) or <= their slack; columns within
    `bounds` (lower, upper). Kept and re-solved after small changes, from the last basis."""
    import highspy

    inf = highspy.kHighsInf
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = a.shape[1], a.shape[0]
    lp.col_cost_ = cost
    lp.col_lower_, lp.col_upper_ = bounds
    lp.row_lower_ = np.where(is_equality, 0.0, -inf)
    lp.row_upper_ = np.where(is_equality, 0.0, slack)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = a.indptr
    lp.a_matrix_.index_ = a.indices
    lp.a_matrix_.value_ = a.data
    highs.passModel(lp)
    return highs


def solved(highs: highspy.Highs) -> np.ndarray | None:
    """Run the model: its column values when optimal, else None."""
    import highspy

    highs.run()
    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    return np.asarray(highs.getSolution().col_value)


class WarmModel:
    """A warm HiGHS model of the moves of some cells of a year (`members`, sorted; one or
    more columns each, see `_moves`), over the tight relations of those cells: a relation a
    solution breaks is added and the model solved again."""

    def __init__(self, year: Year, members: np.ndarray) -> None:
        self.year = year
        self.members = np.sort(members)
        self.position = np.full(len(year.cells), -1)
        self.position[self.members] = np.arange(len(self.members))
        self.rows = year.relations_of(self.members, tight_only=True)
        self.in_model = np.zeros(len(year.relation_ids), dtype=bool)
        self.in_model[self.rows] = True

    def _build(self, a: sparse.csr_matrix, cost: np.ndarray, bounds: tuple[np.ndarray, np.ndarray]) -> None:
        """The model of `a` (the tight relations' rows over this model's columns)."""
        rows = self.rows
        self.highs = relation_model(a.tocsc(), cost, bounds, self.year.is_equality[rows], self.year.slack[rows])

    def _moves(self, x: np.ndarray) -> np.ndarray:
        """Each member's move in a solution (one column per member here)."""
        return x

    def _row(self, columns: np.ndarray, coefficients: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The columns and coefficients of a relation over the members' columns."""
        return columns.astype(np.int32), coefficients

    def _add_relation(self, relation: int) -> None:
        import highspy

        cells, coefficients = self.year.row(relation)
        inside = self.position[cells] >= 0
        index, values = self._row(self.position[cells[inside]], coefficients[inside])
        equality = self.year.is_equality[relation]
        lower = 0.0 if equality else -highspy.kHighsInf
        upper = 0.0 if equality else float(self.year.slack[relation])
        self.highs.addRow(lower, upper, len(index), index, values)
        self.in_model[relation] = True

    def _search(self, bounds: list[tuple[int, float, float]]) -> Moves | None:
        """Set the column bounds and solve; add the relations a solution breaks and solve
        again. The valid moves, or None when there are none. Exhaustive: each round adds a
        relation not yet in the model, so it ends; a cap on the rounds made the whole
        year's model miss witnesses where many loose relations (the latest year's ranking of
        the situations) are broken one after another."""
        while True:
            for column, lower, upper in bounds:
                self.highs.changeColBounds(column, lower, upper)
            x = solved(self.highs)
            if x is None:
                return None
            found = nonzero_moves(self.members, self._moves(x))
            broken = self.year.broken_relations(found)
            broken = broken[~self.in_model[broken]]
            if not len(broken):
                return found
            for relation in broken:
                self._add_relation(int(relation))
