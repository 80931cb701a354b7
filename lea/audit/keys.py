"""The audit's cell keys: what a cell counts (its kind), its year, its area and the rest
of what names it (an indicator, a group, a type, a profile category, a situation)."""

from __future__ import annotations

from typing import Any


class Kind:
    """The kinds of cell the audit has unknowns for (the first item of a CellKey)."""

    FAMILIES = "F"  # families with children
    FAMILIES_3_5 = "E"  # families with a child aged 3-5 (no_ecec's denominator)
    CHILDREN = "C"  # children
    MOVES = "M"  # moves of the youngest child
    NUMERATOR = "N"  # families with a phenomenon (detail: the indicator)
    GROUP = "G"  # families in a wellbeing group (detail: the group)
    TYPE = "T"  # families of a family type (detail: the type)
    TYPE_3_5 = "TE"  # ... with a child aged 3-5 (detail: the type)
    TYPE_NUMERATOR = "TN"  # ... with a phenomenon (detail: the type, the indicator)
    PROFILE = "P"  # families of a profile category (detail: the breakdown, the category)
    RESIDUAL = "R"  # families at no ordinary postcode area (area: the municipality code; detail: the measure)
    SITUATION = "SF"  # families of a situation (lea.audit_releases; detail: the situation)
    SITUATION_3_5 = "SE"  # ... with a child aged 3-5
    SITUATION_NUMERATOR = "SN"  # ... with a phenomenon (detail: the situation, the indicator)


# What a cell counts, without its year and area: its kind and detail, e.g. ("N", "low_income").
Measure = tuple[str, ...]


class CellKey(tuple[Any, ...]):
    """(kind, year, area, *detail): one unknown of the audit. A plain tuple of the same
    items is the same key (equal, same hash), so keys read from elsewhere match."""

    __slots__ = ()

    def __new__(cls, kind: str, year: int, area: str, *detail: Any) -> CellKey:
        return super().__new__(cls, (kind, year, area, *detail))

    def __getnewargs__(self) -> tuple[Any, ...]:
        return tuple(self)

    @classmethod
    def of(cls, measure: Measure, year: int, area: str) -> CellKey:
        """The key of what `measure` counts in one area and year."""
        return cls(measure[0], year, area, *measure[1:])

    @property
    def kind(self) -> str:
        return str(self[0])

    @property
    def year(self) -> int:
        return int(self[1])

    @property
    def area(self) -> str:
        return str(self[2])

    @property
    def detail(self) -> tuple[Any, ...]:
        return tuple(self[3:])


# The keys the model and the releases' audit accept: a CellKey or a plain tuple of its items.
Key = tuple[Any, ...]


def area_id(municipality_code: str, postcode: str | None = None) -> str:
    """The audit's id of an area: `P<postcode>`, `M<municipality code>` or `ALL`."""
    if postcode is not None:
        return "P" + postcode
    return "ALL" if municipality_code == "ALL" else "M" + municipality_code
