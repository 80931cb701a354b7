"""Column generation over one year's rows: a restricted master LP (HiGHS) over the profiles
found so far, and a pricer that finds each area's profile of least reduced cost by
enumeration (the package docstring says why and how)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse

from lea.audit import AuditError, CellInterval, Key
from lea.audit_population.profiles import (
    BAND_CODES,
    FREQUENT_MOVES_AT_LEAST,
    PROFILE_BREAKDOWNS,
    FinestArea,
    ProfileSpace,
    excess_cells,
    profile_cells,
)
from lea.audit_population.publication import FEASIBILITY_TOLERANCE, Row, YearSystem
from lea.audit_releases import SITUATIONS

REDUCED_COST_TOLERANCE = 1e-7
MAX_ROUNDS = 2000
JOINT_OBJECTIVES = 2  # all targets up and down, then once with random weights
JOINT_ROUNDS = 15  # a joint objective needs no proof: its points are what it is for


class _Cells:
    """A number for every cell that a row or a target mentions."""

    def __init__(self, keys: Iterable[Key]) -> None:
        self.keys: list[Key] = []
        self.index: dict[Key, int] = {}
        for key in keys:
            self.add(key)

    def add(self, key: Key) -> int:
        if key not in self.index:
            self.index[key] = len(self.keys)
            self.keys.append(key)
        return self.index[key]

    def vector(self, cells: dict[Key, float]) -> tuple[np.ndarray, np.ndarray]:
        known = [(self.index[k], c) for k, c in cells.items() if k in self.index]
        return np.array([i for i, _ in known], dtype=np.int64), np.array([c for _, c in known])


class Master:
    """The restricted master LP: rows over cells, columns = profiles at areas (and the
    excesses), two artificial columns per row for the first phase."""

    def __init__(self, rows: list[Row], cells: _Cells) -> None:
        import highspy

        self.highspy = highspy
        data, row_index, col_index = [], [], []
        for r, (terms, _, _) in enumerate(rows):
            for key, coefficient in terms.items():
                data.append(coefficient)
                row_index.append(r)
                col_index.append(cells.index[key])
        self.rows_by_cell = sparse.csr_matrix((data, (row_index, col_index)), shape=(len(rows), len(cells.keys)))
        self.cells = cells
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("presolve", "off")
        inf = highspy.kHighsInf
        lower = np.array([lo if math.isfinite(lo) else -inf for _, lo, _ in rows])
        upper = np.array([hi if math.isfinite(hi) else inf for _, _, hi in rows])
        self.highs.addRows(len(rows), lower, upper, 0, np.array([], dtype=np.int32), np.array([], dtype=np.int32), [])
        n = len(rows)
        starts = np.arange(2 * n, dtype=np.int32)
        indices = np.concatenate([np.arange(n), np.arange(n)]).astype(np.int32)
        values = np.concatenate([np.ones(n), -np.ones(n)])
        self.highs.addCols(2 * n, np.ones(2 * n), np.zeros(2 * n), np.full(2 * n, inf), 2 * n, starts, indices, values)
        self.artificials = 2 * n
        self.columns: list[tuple[np.ndarray, np.ndarray]] = []  # cell indices and weights
        self.labels: list[tuple] = []
        self.objective = np.zeros(len(cells.keys))
        self._phi: sparse.csc_matrix | None = None

    def add(self, labels: list[tuple], cells: list[dict[Key, float]]) -> None:
        """New columns: what each counts in (cells it counts in that no row or target
        mentions are left out)."""
        vectors = [self.cells.vector(c) for c in cells]
        first = len(self.columns)
        self.columns.extend(vectors)
        self.labels.extend(labels)
        self._phi = None
        new = self.phi()[:, first:]
        entries = (self.rows_by_cell @ new).tocsc()
        entries.sort_indices()
        costs = new.T @ self.objective
        inf = self.highspy.kHighsInf
        n = len(vectors)
        self.highs.addCols(
            n,
            costs,
            np.zeros(n),
            np.full(n, inf),
            entries.nnz,
            entries.indptr[:-1].astype(np.int32),
            entries.indices.astype(np.int32),
            entries.data,
        )

    def phi(self) -> sparse.csc_matrix:
        """cells x columns: what each column counts in."""
        if self._phi is None:
            data = np.concatenate([w for _, w in self.columns]) if self.columns else np.array([])
            rows = np.concatenate([i for i, _ in self.columns]) if self.columns else np.array([], dtype=np.int64)
            cols = np.repeat(np.arange(len(self.columns)), [len(i) for i, _ in self.columns])
            self._phi = sparse.csc_matrix((data, (rows, cols)), shape=(len(self.cells.keys), len(self.columns)))
        return self._phi

    def set_objective(self, objective: np.ndarray, first_phase: bool = False) -> None:
        """Minimise objective . cells (first phase: the artificial columns)."""
        self.objective = objective
        costs = np.concatenate([np.full(self.artificials, 1.0 if first_phase else 0.0), self.phi().T @ objective])
        self.highs.changeColsCost(len(costs), np.arange(len(costs), dtype=np.int32), costs)

    def close_artificials(self) -> None:
        n = self.artificials
        self.highs.changeColsBounds(n, np.arange(n, dtype=np.int32), np.zeros(n), np.zeros(n))

    def run(self) -> str:
        """Solve; 'optimal' or 'unbounded' (anything else raises)."""
        self.highs.run()
        status = self.highs.getModelStatus()
        if status == self.highspy.HighsModelStatus.kOptimal:
            return "optimal"
        if status in (self.highspy.HighsModelStatus.kUnbounded, self.highspy.HighsModelStatus.kUnboundedOrInfeasible):
            return "unbounded"
        raise AuditError(f"the population LP is {self.highs.modelStatusToString(status)}")

    def values(self) -> np.ndarray:
        return np.asarray(self.highs.getSolution().col_value)[self.artificials :]

    def cell_values(self) -> np.ndarray:
        return self.phi() @ self.values()

    def objective_value(self) -> float:
        return float(self.highs.getInfo().objective_function_value)

    def net_weights(self) -> np.ndarray:
        """objective - rows' duals, per cell: a column's reduced cost is its cells' sum of these."""
        duals = np.asarray(self.highs.getSolution().row_dual)
        return self.objective - self.rows_by_cell.T @ duals


class Pricer:
    """Finds, per finest area, the profile of least reduced cost (by enumeration)."""

    def __init__(self, space: ProfileSpace, year: int, areas: list[FinestArea], cells: _Cells) -> None:
        self.space, self.year, self.areas = space, year, areas
        self.municipalities = sorted({a.municipality for a in areas})
        sentinel = len(cells.keys)  # a cell no row mentions: weight 0

        def at(*key: object) -> int:
            return cells.index.get(tuple(key), sentinel)

        k, phen, groups = space.type_ids, space.phenomena, space.groups
        self.own: dict[str, dict[str, Any]] = {
            a.name: {
                "F": at("F", year, a.name),
                "E": at("E", year, a.name),
                "N": np.array([at("N", year, a.name, p) for p in phen]),
                "G": np.array([at("G", year, a.name, g) for g in groups]),
            }
            for a in areas
        }
        self.municipal: dict[str, dict[str, Any]] = {}
        for m in self.municipalities:
            levels = (m, "ALL")
            self.municipal[m] = {
                "F": np.array([at("F", year, lv) for lv in levels]),
                "E": np.array([at("E", year, lv) for lv in levels]),
                "N": np.array([[at("N", year, lv, p) for lv in levels] for p in phen]),
                "G": np.array([[at("G", year, lv, g) for lv in levels] for g in groups]),
                "T": np.array([[at("T", year, lv, t) for lv in levels] for t in k]),
                "TE": np.array([[at("TE", year, lv, t) for lv in levels] for t in k]),
                "TN": np.array([[[at("TN", year, lv, t, p) for lv in levels] for p in phen] for t in k]),
                "P": [
                    np.array([[at("P", year, lv, breakdown, c) for lv in levels] for c in BAND_CODES[position]])
                    for position, breakdown in enumerate(PROFILE_BREAKDOWNS)
                ],
                "C": np.array([at("C", year, lv) for lv in levels]),
                "M": np.array([at("M", year, lv) for lv in levels]),
            }
        self.ranking = np.array([at("S", year, "ALL", s) for s in SITUATIONS])
        bits = space.combo_bits
        lone_bit, no_ecec_bit = space.bit("single_parent"), space.bit("no_ecec")
        # Combinations allowed per (lone parent?, child aged 3-5?).
        self.allowed = {
            (lone, with_3_5): np.flatnonzero((lone_bit == lone) & ((no_ecec_bit == 0) | with_3_5))
            for lone in (0, 1)
            for with_3_5 in (0, 1)
        }
        self.frequent = space.bit("frequent_moves") * FREQUENT_MOVES_AT_LEAST
        self.situation_bands = np.array(
            [[BAND_CODES[p].index(s[p]) for p in range(3)] for s in SITUATIONS], dtype=np.int64
        )
        self._bits = bits

    def best(self, net: np.ndarray) -> list[tuple[float, FinestArea, tuple[int, int, int]]]:
        """Per area and per (lone parent?, child aged 3-5?), the profile of least reduced
        cost: (reduced cost, area, profile)."""
        weight = np.append(net, 0.0)
        space, bits = self.space, self._bits
        found = []
        municipal_parts = {m: self._municipal_part(weight, m) for m in self.municipalities}
        for area in self.areas:
            situation_part, combos = municipal_parts[area.municipality]
            own = self.own[area.name]
            base = bits @ weight[own["N"]] + weight[own["G"]][space.combo_group] + weight[own["F"]]
            for (lone, with_3_5), allowed in self.allowed.items():
                values = combos[with_3_5][allowed] + base[allowed, None] + with_3_5 * weight[own["E"]]
                rows = np.argmin(values, axis=0)  # per type
                per_type = values[rows, np.arange(values.shape[1])]
                fits = (space.situation_lone == lone) & (space.situation_may_3_5 >= with_3_5)
                cost = np.where(fits, situation_part + per_type[space.situation_type], math.inf)
                s = int(np.argmin(cost))
                if math.isfinite(cost[s]):
                    profile = (s, int(allowed[rows[space.situation_type[s]]]), with_3_5)
                    found.append((float(cost[s]), area, profile))
        return found

    def _municipal_part(self, weight: np.ndarray, municipality: str) -> tuple[np.ndarray, list[np.ndarray]]:
        """Per situation, what its families count in the municipality and the study area
        apart from the phenomena; per child aged 3-5 (no, yes), per combination and type,
        what the phenomena (and the 3-5 flag) count there."""
        space, ids = self.space, self.municipal[municipality]
        w = {name: weight[index].sum(axis=-1) for name, index in ids.items() if name != "P"}
        bands = [weight[index].sum(axis=-1) for index in ids["P"]]
        situation_part = (
            w["F"]
            + sum(band[self.situation_bands[:, p]] for p, band in enumerate(bands))
            + w["T"][space.situation_type]
            + w["C"] * space.situation_children
            + weight[self.ranking]
        )
        phenomena = self._bits @ (w["N"][None, :] + w["TN"]).T  # (combinations, types)
        phenomena += (w["G"][space.combo_group] + w["M"] * self.frequent)[:, None]
        return situation_part, [phenomena, phenomena + (w["E"] + w["TE"])[None, :]]


@dataclass
class _Solver:
    """Column generation over one year's system."""

    system: YearSystem
    space: ProfileSpace
    rounds: int = 0
    columns_added: int = 0

    def __post_init__(self) -> None:
        y = self.system
        keys = [k for terms, _, _ in y.rows for k in terms]
        self.cells = _Cells(keys + list(y.targets))
        self.master = Master(y.rows, self.cells)
        self.pricer = Pricer(self.space, y.year, y.areas, self.cells)
        self.seen: set[tuple[str, tuple[int, int, int]]] = set()
        excesses = [(kind, m) for m in sorted({a.municipality for a in y.areas}) for kind in ("C", "M")]
        self.master.add(
            [("excess", kind, m) for kind, m in excesses], [excess_cells(y.year, m, kind) for kind, m in excesses]
        )

    def optimise(
        self, objective: np.ndarray, first_phase: bool = False, limit: int = MAX_ROUNDS, observe=None
    ) -> float:
        """Minimise objective . cells over every population (to the end of the column
        generation, or `limit` rounds: then the last value is not proven)."""
        self.master.set_objective(objective, first_phase)
        for _ in range(limit):
            self.rounds += 1
            if self.master.run() == "unbounded":
                return -math.inf
            if observe is not None:
                observe(self.master.cell_values())
            if not self._add_columns():
                return self.master.objective_value()
        if limit == MAX_ROUNDS:
            raise AuditError(f"year {self.system.year}: column generation did not converge in {MAX_ROUNDS} rounds")
        return math.nan

    def _add_columns(self) -> bool:
        net = self.master.net_weights()
        labels, cells = [], []
        for cost, area, profile in self.pricer.best(net):
            if cost < -REDUCED_COST_TOLERANCE and (area.name, profile) not in self.seen:
                self.seen.add((area.name, profile))
                labels.append((area.name, profile))
                cells.append(profile_cells(self.space, self.system.year, area, profile))
        if labels:
            self.master.add(labels, cells)
            self.columns_added += len(labels)
        return bool(labels)

    def find_population(self) -> None:
        """The first phase: a population that reproduces every published number."""
        residue = self.optimise(np.zeros(len(self.cells.keys)), first_phase=True)
        if residue > FEASIBILITY_TOLERANCE * max(1.0, len(self.system.rows)):
            raise AuditError(
                f"year {self.system.year}: no population reproduces the published numbers "
                f"(residue {residue:.3g}): the publication contradicts the rules"
            )
        self.master.close_artificials()
        # From here on every basis stays primal feasible (new costs, new columns at 0): the
        # primal simplex goes on from it.
        self.master.highs.setOptionValue("simplex_strategy", 4)


def solve_population_intervals(
    system: YearSystem, space: ProfileSpace, min_cell_size: int = 5
) -> tuple[list[CellInterval], dict[str, float]]:
    """min and max of every target cell over every population; with the solver's counts."""
    solver = _Solver(system, space)
    solver.find_population()
    attacked = [k for k in system.targets if k not in system.exempt]
    index = np.array([solver.cells.index[k] for k in attacked], dtype=np.int64)
    seen_lo = np.full(len(attacked), math.inf)
    seen_hi = np.full(len(attacked), -math.inf)

    def observe(values: np.ndarray) -> None:
        np.minimum(seen_lo, values[index], out=seen_lo)
        np.maximum(seen_hi, values[index], out=seen_hi)

    def settled(k: int) -> bool:
        return seen_hi[k] - seen_lo[k] >= min_cell_size - FEASIBILITY_TOLERANCE and seen_hi[k] >= min_cell_size

    def objective(targets: Iterable[int], weights: np.ndarray) -> np.ndarray:
        vector = np.zeros(len(solver.cells.keys))
        vector[index[list(targets)]] = weights
        return vector

    observe(solver.master.cell_values())
    generator = np.random.default_rng(0)
    open_targets = [k for k in range(len(attacked)) if not settled(k)]
    for iteration in range(JOINT_OBJECTIVES):  # cheap points that settle most cells
        # (children and moves may have no upper bound: they would make a joint LP unbounded)
        joint = [k for k in open_targets if attacked[k][0] not in ("C", "M")]
        if len(joint) <= 1:
            break
        weights = np.ones(len(joint)) if iteration == 0 else generator.uniform(0.1, 1.0, len(joint))
        for sign in (-1.0, 1.0):
            solver.optimise(sign * objective(joint, weights), limit=JOINT_ROUNDS, observe=observe)
        open_targets = [k for k in open_targets if not settled(k)]
    exact: dict[int, tuple[float, float]] = {}
    for k in open_targets:
        if settled(k):
            continue
        lo = 0.0  # counts are >= 0
        if seen_lo[k] > FEASIBILITY_TOLERANCE:
            lo = solver.optimise(objective([k], np.ones(1)), observe=observe)
        hi = -solver.optimise(objective([k], -np.ones(1)), observe=observe)
        exact[k] = (lo, hi)
    intervals = []
    for k, key in enumerate(attacked):
        lo, hi = exact.get(k, (seen_lo[k], seen_hi[k]))
        lo = math.ceil(lo - FEASIBILITY_TOLERANCE) if math.isfinite(lo) else lo
        hi = math.floor(hi + FEASIBILITY_TOLERANCE) if math.isfinite(hi) else hi
        intervals.append(CellInterval(system.year, key, system.targets[key], lo, hi, False))
    intervals += [CellInterval(system.year, key, system.targets[key], 0, 0, True) for key in system.exempt]
    stats: dict[str, float] = {
        "rounds": solver.rounds,
        "columns": solver.columns_added,
        "exact": len(exact),
        "rows": len(system.rows),
    }
    return intervals, stats
