"""What the engine reads and returns: cells, the terms of the relations between them, and
each cell's outcome with the year's proof (no logic beyond conversions)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

EQUAL = "eq"
AT_MOST = "le"
TOLERANCE = 1e-6

# A witness: {cell index: move from its true count}.
Moves = dict[int, float]
# A witness kept for the final proof: its cells (ascending) and their moves, as arrays. A
# dictionary per witness took about 100 bytes a move; at 2,000 families a year keeps about
# 2,000 witnesses of up to thousands of moves each (measured: the year processes 8 GB in
# all at 2,000 families with dictionaries; as arrays a year process peaks at 1.34 instead
# of 2.36 GB, with the same pattern).
Compact = tuple[np.ndarray, np.ndarray]


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
class StageCount:
    """One stage of the search: the witnesses it found, its programmes and CPU seconds."""

    found: int = 0
    programmes: int = 0
    seconds: float = 0.0


@dataclass
class StageCounts:
    """The stages of the one-by-one search, in the order they are tried (search.py)."""

    scope_free: StageCount = field(default_factory=StageCount)
    block_free: StageCount = field(default_factory=StageCount)
    local_paid: StageCount = field(default_factory=StageCount)
    scope_paid: StageCount = field(default_factory=StageCount)
    municipal_paid: StageCount = field(default_factory=StageCount)
    whole_paid: StageCount = field(default_factory=StageCount)

    def summary(self) -> str:
        """`stage found/programmes seconds`, for the debug output."""
        return " ".join(
            f"{name} {count.found}/{count.programmes} {count.seconds:.1f}s" for name, count in vars(self).items()
        )


@dataclass
class YearProof:
    stat_year: int
    n_primary: int = 0
    n_secondary: int = 0
    n_witnesses: int = 0
    n_programmes: int = 0
    n_free_witnesses: int = 0
    n_transfer_witnesses: int = 0
    # What each stage of the one-by-one search found (for the benchmarks and the debug output).
    stages: StageCounts = field(default_factory=StageCounts)
    unproven: list[str] = field(default_factory=list)


@dataclass
class Protection:
    outcomes: dict[str, CellOutcome]
    proofs: list[YearProof]


def as_arrays(witness: Moves | Compact) -> Compact:
    """A witness's cells (ascending) and their moves, as arrays."""
    if isinstance(witness, tuple):
        return witness
    cells = np.fromiter(witness.keys(), dtype=np.int64, count=len(witness))
    moves = np.fromiter(witness.values(), dtype=float, count=len(witness))
    order = np.argsort(cells, kind="stable")
    return cells[order], moves[order]


def nonzero_moves(members: np.ndarray, moves: np.ndarray) -> Moves:
    """{member: move} of the moves that are not 0 (a solver's columns as a witness)."""
    moved = np.flatnonzero(np.abs(moves) > TOLERANCE)
    return dict(zip(members[moved].tolist(), moves[moved].tolist(), strict=True))
