"""Comparisons made from published numbers only (issue 25): the change of a share between
two years in percentage points, and the short summary at the top of a municipality's page.

A change is the difference of two *published* shares, never a number worked out from a
suppressed one: when either share is suppressed the change is suppressed too. Shares are
exact decimals in the publication, so a difference prints as people expect (0.4, not
0.40000000000000036)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from lea.report.model import Indicator, Number, Publication, Value
from lea.report.texts import format_number, format_percent, format_points, text

# How many indicators the summary names for each of its two sentences.
SUMMARY_ITEMS = 3


def as_decimal(value: Number) -> Decimal:
    """A share as an exact decimal: a float of an older publication is read by its one-decimal text."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(f"{value:.1f}")
    return Decimal(value)


def lower_first(name: str) -> str:
    """An indicator's name inside a sentence."""
    return name[:1].lower() + name[1:]


def change(first: Value, last: Value) -> Value:
    """The change from ``first`` to ``last`` (percentage points): published only when both are."""
    if not (first.shown and last.shown) or first.value is None or last.value is None:
        return Value(None, False)
    return Value(as_decimal(last.value) - as_decimal(first.value), True)


@dataclass(frozen=True)
class Difference:
    indicator: Indicator
    area_share: Decimal
    other_share: Decimal  # the study area's share, or the area's share in the first year

    @property
    def points(self) -> Decimal:
        return self.area_share - self.other_share


def _share(publication: Publication, year: int, area: str, indicator_id: str) -> Decimal | None:
    value = publication.indicator(year, area, indicator_id).share
    return as_decimal(value.value) if value.shown and value.value is not None else None


def largest_differences(
    publication: Publication, area: str, other_area: str, year: int, other_year: int
) -> list[Difference]:
    """The indicators whose published shares differ most (by absolute points) between the area
    in ``year`` and ``other_area`` in ``other_year``; ties by the catalogue's order. An
    indicator with either share suppressed is left out."""
    found = []
    for indicator in publication.indicators:
        mine = _share(publication, year, area, indicator.id)
        theirs = _share(publication, other_year, other_area, indicator.id)
        if mine is not None and theirs is not None and mine != theirs:
            found.append(Difference(indicator, mine, theirs))
    # sorted() is stable: equal differences keep the catalogue's order.
    return sorted(found, key=lambda item: -abs(item.points))[:SUMMARY_ITEMS]


def _listed(items: Sequence[str], language: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {text('and', language)} " + items[-1]


def summary_sentences(publication: Publication, area: str, language: str) -> list[str]:
    """What a municipality's page says first: its families and children, where it differs most
    from the study area, and how it changed since the first year, from published numbers only."""
    from lea.report.model import STUDY_AREA

    first, last = publication.years[0], publication.latest_year
    name = publication.area(area).names[language]
    sentences = []
    summary = publication.summary(last, area)
    if summary.families_with_children.shown and summary.children.shown:
        sentences.append(
            text(
                "summary_families",
                language,
                name=name,
                year=last,
                families=format_number(summary.families_with_children.value or 0, language),
                children=format_number(summary.children.value or 0, language),
            )
        )
    versus_study = largest_differences(publication, area, STUDY_AREA, last, last)
    if versus_study:
        items = [
            text(
                "summary_item_versus",
                language,
                indicator=lower_first(item.indicator.names[language]),
                share=format_percent(item.area_share, language),
                other=format_percent(item.other_share, language),
                points=format_points(item.points, language),
            )
            for item in versus_study
        ]
        sentences.append(text("summary_versus_study", language, year=last, items=_listed(items, language)))
    if first != last:
        over_time = largest_differences(publication, area, area, last, first)
        if over_time:
            items = [
                text(
                    "summary_item_change",
                    language,
                    indicator=lower_first(item.indicator.names[language]),
                    first=format_percent(item.other_share, language),
                    last=format_percent(item.area_share, language),
                    points=format_points(item.points, language),
                )
                for item in over_time
            ]
            sentences.append(text("summary_change", language, first=first, last=last, items=_listed(items, language)))
    if not sentences:
        sentences.append(text("summary_none", language))
    return sentences
