"""One statistical year as arrays: its cells, the sparse matrix of its relations, the room
each relation has at the true counts, and the neighbourhoods the searches look in."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from scipy import sparse

from lea.disclosure.cells import EQUAL, TOLERANCE, Cell, DisclosureError, Moves, Relations, Term, as_arrays

SMALL_RELATION = 3
# Inequalities with more room than this at the true counts are left out of a witness search
# until a witness breaks one (then it is added and the search repeated): most of them (say,
# G10 <= the families with any 8 phenomena) never bind, and they would make every
# neighbourhood large.
LOOSE_SLACK = 50.0


class Year:
    """The cells and relations of one year as arrays and a sparse matrix."""

    def __init__(self, cells: Sequence[Cell], terms: Iterable[Term] | Relations) -> None:
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
        # A municipality's or the study area's cell (virtual ones included), not a postcode
        # area's or a residual's.
        self.is_municipal = np.array([c.area_id == "ALL" or str(c.area_id).startswith("M") for c in self.cells])
        self._build_matrix(relations)
        self._check_true_counts()

    def _build_matrix(self, relations: Relations) -> None:
        import pandas as pd

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

    def _check_true_counts(self) -> None:
        """The room left in each relation at the true values (0 for an equality), which
        relations are tight, and a DisclosureError when the true values break one."""
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
        return distinct(gather(by_cell.indptr, by_cell.indices, cells), len(self.relation_ids))

    def cells_of(self, relations: np.ndarray) -> np.ndarray:
        return distinct(gather(self.matrix.indptr, self.matrix.indices, relations), len(self.cells))

    def row(self, relation: int) -> tuple[np.ndarray, np.ndarray]:
        """The cells of one relation and their coefficients."""
        start, end = self.matrix.indptr[relation], self.matrix.indptr[relation + 1]
        return self.matrix.indices[start:end], self.matrix.data[start:end]

    def broken_relations(self, moves: Moves) -> np.ndarray:
        """Relations that the moves (from the true counts) break."""
        if not moves:
            return np.zeros(0, dtype=int)
        cells, shifts = as_arrays(moves)
        rows = self.relations_of(cells)
        delta = np.zeros(len(self.cells))
        delta[cells] = shifts
        activity = self.matrix[rows] @ delta
        bad = np.where(
            self.is_equality[rows], np.abs(activity) > TOLERANCE * 10, activity > self.slack[rows] + TOLERANCE * 10
        )
        return rows[bad]


def gather(indptr: np.ndarray, indices: np.ndarray, keys: np.ndarray) -> np.ndarray:
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


def distinct(values: np.ndarray, size: int) -> np.ndarray:
    """The sorted distinct values (all in range(size)): np.unique by counting."""
    return np.flatnonzero(np.bincount(values, minlength=size))


def cycle_neighbourhood(year: Year, cell: int) -> np.ndarray:
    """The cells of the relations of `cell`, and the cells that close a cycle with two of
    them (in a relation with a member of one and with a member of another: the far corner
    of a rectangle), plus the small relations of all these. Much smaller than the full
    second neighbourhood and usually enough."""
    relations = year.relations_of(np.array([cell]), tight_only=True)
    incidence = year.tight_by_cell  # relations x cells, by column
    tight = year.tight_matrix
    reached = np.zeros(len(year.cells), dtype=int)
    first = np.array([cell])
    for r in relations:
        members = tight.indices[tight.indptr[r] : tight.indptr[r + 1]]
        members = members[members != cell]
        first = np.union1d(first, members)
        if not len(members):
            continue
        near_relations = distinct(gather(incidence.indptr, incidence.indices, members), len(year.relation_ids))
        near_relations = near_relations[near_relations != r]
        near = distinct(gather(tight.indptr, tight.indices, near_relations), len(year.cells))
        reached[near] += 1
    closing = np.flatnonzero(reached >= 2)
    cells = np.union1d(first, closing)
    small = year.relations_of(cells, tight_only=True)
    small = small[year.relation_size[small] <= SMALL_RELATION]
    return np.union1d(cells, year.cells_of(small))
