"""The attack: min and max of every primary-suppressed cell of a year model over its
constraints (HiGHS linear programmes, one warm model per connected component)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from lea.audit.build import load_primary_cells, load_residuals
from lea.audit.model import TOLERANCE, AuditError, CellInterval, YearModel
from lea.audit.tables import build_models

if TYPE_CHECKING:
    import highspy

# A component's model, its columns and rows (indices into the assembly).
Component = tuple[Any, np.ndarray, list[int]]


@dataclass
class _Assembled:
    lower: np.ndarray
    upper: np.ndarray
    free: np.ndarray
    matrix: sparse.csr_matrix
    row_lower: list[float]
    row_upper: list[float]
    labels: np.ndarray


def _assemble(model: YearModel) -> _Assembled:
    """Bounds and rows over the unknowns (published values substituted), with components."""
    n = len(model.names)
    lower = np.zeros(n)
    upper = np.full(n, np.inf)
    for j, value in model.lower.items():
        lower[j] = value
    for j, value in model.upper.items():
        upper[j] = value
    free = np.ones(n, dtype=bool)
    for j, value in model.fixed.items():
        lower[j] = upper[j] = value
        free[j] = False
    data: list[float] = []
    row_index: list[int] = []
    col_index: list[int] = []
    row_lower: list[float] = []
    row_upper: list[float] = []
    for terms, lo, hi in model.rows:
        constant = sum(c * model.fixed[j] for j, c in terms.items() if not free[j])
        unknown = {j: c for j, c in terms.items() if free[j] and c != 0.0}
        if not unknown:
            if constant < lo - 1e-6 * max(1.0, abs(lo)) or constant > hi + 1e-6 * max(1.0, abs(hi)):
                raise AuditError(
                    f"year {model.year}: published numbers contradict a relation ({[model.names[j] for j in terms]})"
                )
            continue
        r = len(row_lower)
        for j, c in unknown.items():
            data.append(c)
            row_index.append(r)
            col_index.append(j)
        row_lower.append(lo - constant)
        row_upper.append(hi - constant)
    matrix = sparse.csr_matrix((data, (row_index, col_index)), shape=(len(row_lower), n))
    incidence = matrix.T.tocsr()
    adjacency = incidence @ incidence.T
    _, labels = connected_components(adjacency, directed=False)
    return _Assembled(lower, upper, free, matrix, row_lower, row_upper, labels)


def _component_model(assembled: _Assembled, component: int) -> Component:
    """A HiGHS model of one component; its columns and rows (indices into the assembly)."""
    import highspy

    columns = np.flatnonzero((assembled.labels == component) & assembled.free)
    coo = assembled.matrix[:, columns].tocoo()
    rows = sorted(set(int(r) for r in coo.row))
    sub = assembled.matrix[rows][:, columns].tocsc() if rows else sparse.csc_matrix((0, len(columns)))
    inf = highspy.kHighsInf
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    # One model, many objectives: without presolve the primal simplex restarts from the
    # previous optimal basis (still feasible), a few iterations per objective.
    highs.setOptionValue("presolve", "off")
    highs.setOptionValue("simplex_strategy", 4)
    lp = highspy.HighsLp()
    lp.num_col_ = len(columns)
    lp.num_row_ = len(rows)
    lp.col_cost_ = np.zeros(len(columns))
    lp.col_lower_ = assembled.lower[columns]
    lp.col_upper_ = np.where(np.isinf(assembled.upper[columns]), inf, assembled.upper[columns])
    lp.row_lower_ = np.array([assembled.row_lower[r] if np.isfinite(assembled.row_lower[r]) else -inf for r in rows])
    lp.row_upper_ = np.array([assembled.row_upper[r] if np.isfinite(assembled.row_upper[r]) else inf for r in rows])
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = sub.indptr
    lp.a_matrix_.index_ = sub.indices
    lp.a_matrix_.value_ = sub.data
    highs.passModel(lp)
    return highs, columns, rows


class _ComponentModels:
    """The assembly of a year model and its HiGHS component models, built once and reused
    (a warm model re-solves a new objective in a few iterations; a cold one takes seconds)."""

    def __init__(self, model: YearModel) -> None:
        self.assembled = _assemble(model)
        self._built: dict[int, Component] = {}

    def component(self, label: int) -> Component:
        if label not in self._built:
            self._built[label] = _component_model(self.assembled, label)
        return self._built[label]


def solve_intervals(
    model: YearModel, min_cell_size: int = 5, components: _ComponentModels | None = None
) -> list[CellInterval]:
    """min and max of every primary-suppressed cell of the model (HiGHS)."""
    components = components or _ComponentModels(model)
    assembled = components.assembled
    targets_by_component: dict[int, list[int]] = defaultdict(list)
    results: list[CellInterval] = []
    for j in sorted(model.primary):
        if not assembled.free[j]:
            # Published elsewhere (another table, or another release of the same year): the
            # attacker reads the hidden cell off exactly.
            value = model.fixed[j]
            where = model.primary[j] + " (published elsewhere)"
            results.append(CellInterval(model.year, model.names[j], where, value, value, j in model.exempt))
            continue
        targets_by_component[int(assembled.labels[j])].append(j)
    for component, component_targets in targets_by_component.items():
        highs, columns, _ = components.component(component)
        position = {int(j): k for k, j in enumerate(columns)}
        intervals = _Intervals(highs, [position[j] for j in component_targets], min_cell_size)
        intervals.solve()
        results.extend(intervals.of(model, component_targets))
    return results


def _solve(highs: highspy.Highs, maximise: bool, costs: dict[int, float]) -> np.ndarray | float:
    """Optimise sum(cost x column); the column values, or +inf / -inf when unbounded."""
    import highspy

    indices = np.array(list(costs), dtype=np.int32)
    sign = -1.0 if maximise else 1.0  # always minimise: keeps the basis
    highs.changeColsCost(len(indices), indices, sign * np.array(list(costs.values()), dtype=np.float64))
    highs.run()
    status = highs.getModelStatus()
    values = np.asarray(highs.getSolution().col_value) if status == highspy.HighsModelStatus.kOptimal else None
    highs.changeColsCost(len(indices), indices, np.zeros(len(indices)))
    if values is not None:
        return values
    if status in (highspy.HighsModelStatus.kUnbounded, highspy.HighsModelStatus.kUnboundedOrInfeasible):
        return math.inf if maximise else -math.inf
    raise AuditError(f"the audit LP is {highs.modelStatusToString(status)}")


class _Intervals:
    """Intervals of the target columns of one connected component.

    Every LP solution is a feasible point, so it widens the interval seen for every target:
    a target whose seen interval already has width >= min_cell_size and a maximum >=
    min_cell_size is protected (its reported interval is then a sub-interval of the exact
    one). Joint LPs (all targets up, all down) settle most targets at once; the rest get
    their own min and max, which are exact.
    """

    def __init__(self, highs: highspy.Highs, columns: list[int], min_cell_size: int) -> None:
        self.highs = highs
        self.columns = columns
        self.min_cell_size = min_cell_size
        self.target = np.array(columns)
        self.seen_lo = np.full(len(columns), math.inf)
        self.seen_hi = np.full(len(columns), -math.inf)
        self.exact_lo: dict[int, float] = {}
        self.exact_hi: dict[int, float] = {}

    def bounds(self, k: int) -> tuple[float, float]:
        return self.exact_lo.get(k, self.seen_lo[k]), self.exact_hi.get(k, self.seen_hi[k])

    def settled(self, k: int) -> bool:
        lo, hi = self.bounds(k)
        exact = k in self.exact_lo and k in self.exact_hi
        return exact or (hi - lo >= self.min_cell_size and hi >= self.min_cell_size)

    def observe(self, solution: np.ndarray | float) -> None:
        if isinstance(solution, np.ndarray):
            values = solution[self.target]
            np.minimum(self.seen_lo, values, out=self.seen_lo)
            np.maximum(self.seen_hi, values, out=self.seen_hi)

    def solve(self) -> None:
        for k in self._joint():
            if not self.settled(k):
                self._alone(k)

    def _joint(self) -> list[int]:
        """Joint LPs first: all targets up, all down, then the open ones with varied
        weights (a seeded generator: deterministic) while that settles at least 2 % of
        them. The targets left open."""
        generator = np.random.default_rng(0)
        open_targets = list(range(len(self.columns)))
        for iteration in range(40):
            weights = np.ones(len(open_targets)) if iteration == 0 else generator.uniform(0.1, 1.0, len(open_targets))
            for maximise in (True, False):
                costs = {self.columns[k]: w for k, w in zip(open_targets, weights, strict=True)}
                self.observe(_solve(self.highs, maximise, costs))
            still_open = [k for k in open_targets if not self.settled(k)]
            progress = len(open_targets) - len(still_open)
            open_targets = still_open
            if len(open_targets) <= 1 or progress < 0.02 * (len(open_targets) + progress):
                break
        return open_targets

    def _alone(self, k: int) -> None:
        """The target's own min and max (exact)."""
        for maximise in (False, True):
            if not maximise and self.seen_lo[k] <= TOLERANCE:
                self.exact_lo[k] = 0.0  # cells are >= 0
                continue
            solution = _solve(self.highs, maximise, {self.columns[k]: 1.0})
            self.observe(solution)
            value = solution[self.columns[k]] if isinstance(solution, np.ndarray) else solution
            (self.exact_hi if maximise else self.exact_lo)[k] = value

    def of(self, model: YearModel, cells: list[int]) -> list[CellInterval]:
        """The intervals of `cells` (the model's indices of the targets), in whole counts."""
        intervals = []
        for k, j in enumerate(cells):
            lo, hi = self.bounds(k)
            lo = math.ceil(lo - TOLERANCE) if math.isfinite(lo) else lo
            hi = math.floor(hi + TOLERANCE) if math.isfinite(hi) else hi
            intervals.append(CellInterval(model.year, model.names[j], model.primary[j], lo, hi, j in model.exempt))
        return intervals


def audit(
    publication: str | Path,
    schema: str = "main",
    build_database: str | Path | None = None,
    years: Iterable[int] | None = None,
    areas: Iterable[str] | None = None,
) -> list[CellInterval]:
    """Intervals of every primary-suppressed cell of a publication database (only those
    of `areas`, e.g. `P33100` or `M837`, when given)."""
    residuals = load_residuals(build_database) if build_database is not None else None
    primary = load_primary_cells(build_database) if build_database is not None else None
    if areas is not None and primary is not None:
        wanted_areas = set(areas)
        primary = {key for key in primary if key.area in wanted_areas}
    with duckdb.connect(str(publication), read_only=True) as connection:
        models = build_models(connection, schema, residuals, primary=primary)
    wanted = set(years) if years is not None else set(models)
    intervals: list[CellInterval] = []
    for year in sorted(wanted & set(models)):
        intervals.extend(solve_intervals(models[year]))
    return intervals


def failing_cells(intervals: Iterable[CellInterval], min_cell_size: int = 5) -> list[CellInterval]:
    return [interval for interval in intervals if interval.fails(min_cell_size)]
