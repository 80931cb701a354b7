"""A year as the attacker sees it: unknown cell counts, the published values, bounds and
linear relations (YearModel), and what the attacker learns about a cell (CellInterval)."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from lea.audit.keys import Key

TOLERANCE = 1e-6


class AuditError(ValueError):
    """The publication contradicts itself or the rules; the message says where."""


@dataclass(frozen=True)
class CellInterval:
    """What the attacker learns about one primary-suppressed cell."""

    year: int
    cell: Key
    where: str
    lo: float
    hi: float
    exempt: bool

    def fails(self, min_cell_size: int) -> bool:
        return not self.exempt and (self.hi - self.lo < min_cell_size or self.hi < min_cell_size)


@dataclass
class YearModel:
    """Unknowns, published values and linear relations of one year."""

    year: int
    index: dict[Key, int] = field(default_factory=dict)
    fixed: dict[int, float] = field(default_factory=dict)
    lower: dict[int, float] = field(default_factory=dict)
    upper: dict[int, float] = field(default_factory=dict)
    rows: list[tuple[dict[int, float], float, float]] = field(default_factory=list)
    primary: dict[int, str] = field(default_factory=dict)
    hidden: dict[int, str] = field(default_factory=dict)
    exempt: set[int] = field(default_factory=set)
    names: list[Key] = field(default_factory=list)

    def var(self, key: Key) -> int:
        if key not in self.index:
            self.index[key] = len(self.names)
            self.names.append(key)
        return self.index[key]

    def publish(self, key: Key, value: float | None, status: str | None, where: str) -> None:
        """A count as the publication shows it: its value when `published`, else only that
        it is hidden (one word for every hidden cell: the attacker cannot tell why)."""
        j = self.var(key)
        if status == "published" and value is not None:
            if j in self.fixed and abs(self.fixed[j] - value) > TOLERANCE:
                raise AuditError(f"{self.year} {key}: published as {self.fixed[j]} and as {value} ({where})")
            self.fixed[j] = float(value)
        else:
            self.hidden.setdefault(j, where)

    def bound(self, key: Key, lower: float | None = None, upper: float | None = None) -> None:
        j = self.var(key)
        if lower is not None:
            self.lower[j] = max(self.lower.get(j, 0.0), lower)
        if upper is not None:
            self.upper[j] = min(self.upper.get(j, math.inf), upper)

    def relate(self, terms: Iterable[tuple[Key, float]], lower: float, upper: float) -> None:
        """lower <= sum(coefficient x cell) <= upper."""
        row: dict[int, float] = defaultdict(float)
        for key, coefficient in terms:
            row[self.var(key)] += coefficient
        self.rows.append((dict(row), lower, upper))

    def equal(self, left: Iterable[Key], right: Iterable[Key], constant: float = 0.0) -> None:
        """sum(left) = sum(right) + constant."""
        self.relate([(k, 1.0) for k in left] + [(k, -1.0) for k in right], constant, constant)

    def at_most(self, small: Key, large: Key) -> None:
        """small <= large."""
        self.relate([(small, 1.0), (large, -1.0)], -math.inf, 0.0)
