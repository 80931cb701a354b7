"""The proof: how far witnesses move each cell, when that protects it, the check of a
witness by plain arithmetic (no solver), and the final re-check of a year's pattern."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from lea.disclosure.cells import (
    TOLERANCE,
    CellOutcome,
    Compact,
    DisclosureError,
    Moves,
    Protection,
    YearProof,
    as_arrays,
)
from lea.disclosure.year import Year


def interval(value: float, up: float, down: float) -> tuple[int, int]:
    """The whole counts between the lowest and highest values that witnesses showed: an
    attacker knows that counts are whole numbers and rounds inwards (so does the audit)."""
    return math.ceil(value - down - TOLERANCE), math.floor(value + up + TOLERANCE)


def is_protected(value: float, up: float, down: float, min_cell_size: int) -> bool:
    """The attacker's interval holds [value - down, value + up], rounded inwards to whole
    counts: wide and high enough?"""
    lo, hi = interval(value, up, down)
    return hi - lo >= min_cell_size and hi >= min_cell_size


def needed_shifts(value: float, up: float, down: float, min_cell_size: int) -> list[float]:
    """The moves that would finish a target's proof, given how far earlier witnesses moved
    it already: up to the first whole count that makes the interval `min_cell_size` wide
    and reach `min_cell_size`, or (a cell of at least that size) down to the count that
    makes it wide enough. A witness that lowered a small cell to 0 leaves it needing only
    to reach `min_cell_size`, which its neighbours can more often absorb without a
    secondary suppression."""
    lo, hi = interval(value, up, down)
    shifts = [max(lo + min_cell_size, min_cell_size) - value]
    if value >= min_cell_size:
        shifts.append((hi - min_cell_size) - value)
    return shifts


class Reach:
    """How far the witnesses so far move each cell of a year: the largest rise and fall."""

    def __init__(self, value: np.ndarray, min_cell_size: int) -> None:
        self.value = value
        self.min_cell_size = min_cell_size
        self.up = np.zeros(len(value))
        self.down = np.zeros(len(value))

    def widen(self, witness: Moves | Compact) -> None:
        cells, moves = as_arrays(witness)
        if not len(cells):
            return
        self.up[cells] = np.maximum(self.up[cells], moves)
        self.down[cells] = np.maximum(self.down[cells], -moves)

    def protected(self, cell: int) -> bool:
        return is_protected(self.value[cell], self.up[cell], self.down[cell], self.min_cell_size)

    def open(self, cells: list[int]) -> list[int]:
        """The cells that are not protected yet, in their order."""
        return [cell for cell in cells if not self.protected(cell)]

    def shifts(self, cell: int) -> list[float]:
        return needed_shifts(self.value[cell], float(self.up[cell]), float(self.down[cell]), self.min_cell_size)


def verify(year: Year, hidden: np.ndarray, witness: Moves | Compact) -> str | None:
    """None when the witness keeps every published cell, stays >= 0 and satisfies every
    relation; else what is wrong."""
    cells, moves = as_arrays(witness)
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


@dataclass
class Pattern:
    """A year's suppression pattern as the search leaves it: the hidden cells (primary,
    virtual and secondary), the secondary ones, and every witness found."""

    hidden: np.ndarray
    secondary: np.ndarray
    witnesses: list[Compact] = field(default_factory=list)


def prove(
    year: Year, pattern: Pattern, targets: list[int], proof: YearProof, min_cell_size: int
) -> dict[str, CellOutcome]:
    """Every witness re-checked against every relation and the final pattern, and every
    target moved far enough by verified witnesses (else it is listed in `proof.unproven`);
    each cell's outcome."""
    reach = Reach(year.value, min_cell_size)
    for kept in pattern.witnesses:
        problem = verify(year, pattern.hidden, kept)
        if problem is not None:
            raise DisclosureError(f"{proof.stat_year}: a witness {problem}")
        reach.widen(kept)
    proof.n_witnesses = len(pattern.witnesses)
    proof.n_primary = int(year.primary.sum())
    proof.n_secondary = int(pattern.secondary.sum())
    proof.unproven = [year.cells[k].cell_id for k in reach.open(targets)]
    outcomes = {}
    for k, cell in enumerate(year.cells):
        if year.primary[k]:
            reason = cell.primary_reason
        elif pattern.secondary[k]:
            reason = "secondary"
        else:
            reason = None
        outcomes[cell.cell_id] = CellOutcome(cell.cell_id, reason, float(reach.up[k]), float(reach.down[k]))
    return outcomes


def unproven(protection: Protection) -> list[str]:
    return [cell for proof in protection.proofs for cell in proof.unproven]
