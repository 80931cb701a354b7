"""The search for one year's pattern (`protect_year`), stage by stage.

1. A quick first pattern (partner rounds) and the small areas' transfers.
2. Joint pushes: points that prove many targets at once, per family-type table and per
   block of suppressed cells.
3. The targets one by one (cells in many relations first, then the smallest): a target
   already moved far enough needs nothing; otherwise it is moved only as far as its proof
   still needs, first by a free witness (its table's suppressed cells, then its block's),
   else by the cheapest paid witness (the cells that close a cycle with it, then its
   table, then the whole year), whose published cells are suppressed.
4. The proof: every witness re-checked against every relation and the final pattern.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple, Protocol

import numpy as np

from lea.disclosure.cells import (
    TOLERANCE,
    Cell,
    CellOutcome,
    DisclosureError,
    Moves,
    Relations,
    StageCount,
    Term,
    YearProof,
    as_arrays,
)
from lea.disclosure.free import FreeModel, FreeModels, joint_pushes
from lea.disclosure.paid import LocalModel, PaidModel, Priced
from lea.disclosure.proof import Pattern, Reach, prove
from lea.disclosure.witnesses import area_transfers, partner_round, stretched
from lea.disclosure.year import Year, cycle_neighbourhood


class _Goal(NamedTuple):
    """A target and the moves that would finish its proof (any one of them)."""

    cell: int
    shifts: list[float]


class _Searchable(Protocol):
    def witness(self, cell: int, shift: float) -> Priced | None: ...


class _Free:
    """A free model as a stage's search (a free witness costs nothing)."""

    def __init__(self, model: FreeModel | FreeModels) -> None:
        self.model = model

    def witness(self, cell: int, shift: float) -> Priced | None:
        found = self.model.witness(cell, shift)
        return None if found is None else (found, 0.0)


class _Scopes:
    """The cells of each witness scope (a table; see Cell.witness_scope)."""

    def __init__(self, year: Year) -> None:
        cells: dict[str, list[int]] = {}
        for k, scope in enumerate(year.scope):
            if scope is not None:
                cells.setdefault(scope, []).append(k)
        self.cells = {scope: np.array(members) for scope, members in sorted(cells.items())}
        self.mask = {scope: np.isin(np.arange(len(year.cells)), members) for scope, members in self.cells.items()}


class _YearSearch:
    """The state of one year's search: the pattern so far, how far its witnesses move each
    cell, and the warm models (made when first needed, with the pattern of that moment)."""

    def __init__(self, year: Year, min_cell_size: int) -> None:
        self.year = year
        self.min_cell_size = min_cell_size
        # A virtual cell is never published, so it is free in a witness; but one the attacker
        # knows (a lone-parent type's single_parent complement, 0) is held like a published
        # cell: moving it would let a count move without the number a definition ties it to.
        hidden = year.primary | (year.virtual & ~year.known)
        self.pattern = Pattern(hidden, np.zeros(len(year.cells), dtype=bool))
        self.reach = Reach(year.value, min_cell_size)
        self.proof = YearProof(stat_year=year.cells[0].stat_year if len(year.cells) else 0)
        self.scopes = _Scopes(year)
        self.scope_free: dict[str, FreeModel] = {}
        self.scope_paid: dict[str, PaidModel] = {}
        self.blocks: FreeModels | None = None
        self.whole_year: PaidModel | None = None
        self.municipal: PaidModel | None = None

    @property
    def hidden(self) -> np.ndarray:
        return self.pattern.hidden

    def keep(self, witness: Moves) -> None:
        self.reach.widen(witness)
        self.pattern.witnesses.append(as_arrays(witness))

    def first_pattern(self) -> None:
        """Partner rounds (secondary cells), then the small areas' transfers."""
        self.pattern.secondary |= partner_round(self.year, self.hidden, self.min_cell_size)
        for witness in area_transfers(self.year, self.hidden):
            self.keep(witness)
        self.proof.n_transfer_witnesses = len(self.pattern.witnesses)

    def joint_pushes(self, targets: list[int]) -> None:
        """Points that prove many targets at once: per scope (its suppressed cells), then
        per block of suppressed cells."""
        found: list[Moves] = []
        for scope, members in self.scopes.cells.items():
            self.scope_free[scope] = FreeModel(self.year, members, self.hidden)
            found.extend(self.scope_free[scope].pushes(targets, self.reach))
        found.extend(joint_pushes(self.year, self.hidden, targets, self.reach))
        self.pattern.witnesses.extend(as_arrays(w) for w in found)
        self.proof.n_free_witnesses = len(found)

    def protect(self, target: int) -> None:
        """Move the target as far as its proof still needs: a free witness, else the
        cheapest paid one (its published cells suppressed). When no witness raises it far
        enough (numbers already public cap it, say a previous release's), a lower start
        proves it too: a witness lowering it as far as one can (to 0 if possible), then one
        raising it as far as that still needs."""
        if self.reach.protected(target):
            return
        found = self._move(_Goal(target, self.reach.shifts(target)))
        if not found and self._lowered(target):
            found = self.reach.protected(target) or self._move(_Goal(target, self.reach.shifts(target)))
        if not found:
            raise DisclosureError(
                f"{self.year.cells[target].cell_id} (value {self.year.value[target]:g}) cannot be protected by "
                "suppressing more cells: the numbers known without this publication (fixed by the definitions, "
                "or published by the previous release) already narrow it"
            )

    def _lowered(self, target: int) -> bool:
        """Keep the deepest witness lowering the target by 1 to `min_cell_size` - 1 (at most its
        value), deepest first. Numbers already public can hold a small cell above 0: a 4
        that stays in [1, 6] is protected by a witness down to 1 and one up to 6 (found on
        a release chained to the previous one, 80,000 families: a postcode area's group).
        A shallower start needs a higher rise, so the deepest that exists is the one to
        keep; the rise is then tried once."""
        value = float(self.year.value[target])
        deepest = int(min(value, self.min_cell_size - 1) + TOLERANCE)
        for depth in range(deepest, 0, -1):
            if depth <= self.reach.down[target] + TOLERANCE:
                return False
            if self._move(_Goal(target, [-float(depth)])):
                return True
        return False

    def _move(self, goal: _Goal) -> bool:
        """Keep a witness that moves the goal's cell by one of its shifts, if there is one."""
        free = self._free_witness(goal)
        if free is not None:
            self.keep(stretched(self.year, free))
            self.proof.n_free_witnesses += 1
            return True
        paid = self._paid_witness(goal)
        if paid is None:
            return False
        witness = stretched(self.year, paid)
        moved = np.fromiter(witness, dtype=np.int64, count=len(witness))
        self.pattern.secondary[moved[~self.hidden[moved]]] = True
        self.hidden[moved] = True
        self.keep(witness)
        return True

    def _free_witness(self, goal: _Goal) -> Moves | None:
        """Among the suppressed cells of the target's own table (a small programme), then
        among its whole block of suppressed cells."""
        scope = self.year.scope[goal.cell]
        stages = self.proof.stages
        found = None
        if scope is not None:
            model = self.scope_free[scope]
            found = self._try_shifts(stages.scope_free, goal, lambda: _hidden(model, self.pattern.secondary))
        if found is None:
            found = self._try_shifts(stages.block_free, goal, lambda: self._block_search(goal.cell, scope))
        return found

    def _block_search(self, target: int, scope: str | None) -> _Searchable | None:
        if self.blocks is None:
            self.blocks = FreeModels(self.year, self.hidden)
        self.blocks.hide(np.flatnonzero(self.hidden))
        # The target's table was just searched with every suppressed cell of it free: a
        # block that lies inside that table cannot do more (skip the programme).
        if scope is not None and bool(self.scopes.mask[scope][self.blocks.block(target)].all()):
            return None
        return _Free(self.blocks)

    def _paid_witness(self, goal: _Goal) -> Moves | None:
        """The cheapest witness among the cells that close a cycle with the target (a
        superset of its first neighbourhood, which alone found 2 of 142 such witnesses at
        80,000 families: no longer tried first), then among its table's cells, then the
        whole year's."""
        scope = self.year.scope[goal.cell]
        stages = self.proof.stages
        found = self._try_shifts(stages.local_paid, goal, lambda: self._local_search(goal.cell), cheapest=True)
        if found is None and scope is not None:
            found = self._try_shifts(stages.scope_paid, goal, lambda: self._scope_paid(scope), cheapest=True)
        if found is None and self.year.is_municipal[goal.cell]:
            found = self._try_shifts(stages.municipal_paid, goal, self._municipal, cheapest=True)
        if found is None:
            found = self._try_shifts(stages.whole_paid, goal, self._whole_year, cheapest=True)
        return found

    def _local_search(self, target: int) -> _Searchable:
        return LocalModel(self.year, self.hidden, cycle_neighbourhood(self.year, target))

    def _scope_paid(self, scope: str) -> _Searchable:
        if scope not in self.scope_paid:
            self.scope_paid[scope] = PaidModel(self.year, self.hidden, self.scopes.cells[scope])
        return _hidden(self.scope_paid[scope], self.hidden)

    def _municipal(self) -> _Searchable:
        """The cells of the municipalities and the study area (the postcode areas held): a
        type cell's witness moves situations, the profile and the lone parents' parts, all
        of them there, and a model without the postcode areas is about half the year's."""
        if self.municipal is None:
            self.municipal = PaidModel(self.year, self.hidden, np.flatnonzero(self.year.is_municipal))
        return _hidden(self.municipal, self.hidden)

    def _whole_year(self) -> _Searchable:
        if self.whole_year is None:
            self.whole_year = PaidModel(self.year, self.hidden)
        return _hidden(self.whole_year, self.hidden)

    def _try_shifts(
        self, stage: StageCount, goal: _Goal, prepare: Callable[[], _Searchable | None], cheapest: bool = False
    ) -> Moves | None:
        """One stage: `prepare` the stage's model (None: skip the stage), then try each
        needed shift in turn, keeping the first witness (free) or the cheapest (paid)."""
        clock = time.process_time()
        model = prepare()
        best: Priced | None = None
        if model is not None:
            for shift in goal.shifts:
                found = model.witness(goal.cell, shift)
                stage.programmes += 1
                self.proof.n_programmes += 1
                if found is not None and (best is None or found[1] < best[1] - TOLERANCE):
                    best = found
                    if not cheapest:
                        break
        stage.found += best is not None
        stage.seconds += time.process_time() - clock
        return None if best is None else best[0]

    def debug(self, number: int, targets: int) -> None:
        """LEA_DISCLOSURE_DEBUG=1: progress and each stage's witnesses, programmes and CPU
        seconds on standard error (for docs/benchmarks.md); the pattern is the same either way."""
        print(
            f"{time.process_time():.1f}s target {number}/{targets} witnesses {len(self.pattern.witnesses)} "
            f"LPs {self.proof.n_programmes} hidden {int(self.hidden.sum())} {self.proof.stages.summary()}",
            file=sys.stderr,
            flush=True,
        )


def _hidden(model: FreeModel | PaidModel, hidden: np.ndarray) -> _Searchable:
    """The model with the cells of `hidden` free to move, as a stage's search."""
    model.hide(np.flatnonzero(hidden))
    return _Free(model) if isinstance(model, FreeModel) else model


def ordered_targets(year: Year, only_targets: set[str] | None = None) -> list[int]:
    """The primary cells in the order the search takes them: cells in many relations
    (denominators, totals) first, whose witnesses open the blocks that the numerators'
    witnesses then reuse; then the smallest first; then the cell id."""
    degree = np.diff(year.by_cell.indptr)
    targets = [
        int(k)
        for k in sorted(np.flatnonzero(year.primary), key=lambda k: (-degree[k], year.value[k], year.cells[k].cell_id))
    ]
    if only_targets is not None:
        targets = [k for k in targets if year.cells[k].cell_id in only_targets]
    return targets


def protect_year(
    cells: Sequence[Cell], terms: Iterable[Term] | Relations, min_cell_size: int, only_targets: set[str] | None = None
) -> tuple[dict[str, CellOutcome], YearProof]:
    """The suppression pattern of one year and its proof (the stages: module docstring)."""
    year = Year(cells, terms)
    targets = ordered_targets(year, only_targets)
    search = _YearSearch(year, min_cell_size)
    search.first_pattern()
    search.joint_pushes(targets)
    debug = bool(os.environ.get("LEA_DISCLOSURE_DEBUG"))
    for number, target in enumerate(targets):
        if debug and number % 200 == 0:
            search.debug(number, len(targets))
        search.protect(target)
    outcomes = prove(year, search.pattern, targets, search.proof, min_cell_size)
    return outcomes, search.proof
