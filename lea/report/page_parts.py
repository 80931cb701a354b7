"""The parts of a page, as plain data for the templates (no HTML here): cells, tables,
charts, sections and the page itself, and the small functions that make a cell of a
published number in the page's language.

Every table cell that holds a published number carries its address in the publication
(``table/year/area-or-postcode/key/column``), so that a test can read the page back and
compare it with the publication; a suppressed cell holds only the word for suppressed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lea import catalogs
from lea.report.compare import as_decimal
from lea.report.model import STUDY_AREA, Area, Publication, Value
from lea.report.texts import format_number, format_percent, format_points, text

# The indicators whose denominator is the families with a child aged 3-5 (the seeds').
OF_FAMILIES_3_5 = frozenset(
    i for i, measure in catalogs.indicator_denominators().items() if measure == catalogs.FAMILIES_WITH_CHILD_AGED_3_5
)
# A parenthesis naming a code (``(laid_off)``, ``(unemployed)``, a var's name) in a catalogue
# text: dropped from the reader's definitions in Finnish and Swedish.
CODE_IN_PARENTHESES = re.compile(r"\s*\((?:[a-z]+|[^()]*\b[a-z]+_[a-z_]+\b[^()]*)\)")


def plain(body: str, language: str) -> str:
    """A catalogue text for a reader: without the codes an analyst needs, and in Swedish with
    the report's one word for the study area (the catalogue says "studieområde" in places)."""
    if language == "en":
        return body
    body = CODE_IN_PARENTHESES.sub("", body)
    return body.replace("studieområde", "undersökningsområde") if language == "sv" else body


@dataclass(frozen=True)
class Cell:
    text: str
    kind: str = "text"  # text | num | suppressed | missing | head | change
    ref: str = ""
    style: str = ""  # inline CSS (the heat table's shade)
    change: str = ""  # a change's two share addresses, "first-ref last-ref"
    note: str = ""  # a mark after a row header (an uncertain postcode area's "*")


@dataclass
class Table:
    caption: str
    header: list[list[Cell]]
    rows: list[list[Cell]]
    row_header: int = 1  # leading cells of a row that are row headers
    css: str = ""  # the table's class (compact: many narrow number columns)


@dataclass
class Chart:
    id: str
    title: str
    svg: str
    tables: list[Table] = field(default_factory=list)
    note: str = ""


@dataclass
class Section:
    id: str
    title: str
    intro: str
    charts: list[Chart] = field(default_factory=list)
    note: str = ""


@dataclass
class Page:
    language: str
    area: Area
    area_name: str
    title: str
    year: int
    all_suppressed: bool
    sections: list[Section]
    definitions: list[dict]
    groups: list[dict]
    navigation_areas: list[tuple[str, str]]  # (code, name) in this language
    languages: list[tuple[str, str]]  # (language, its name)
    source_note: str
    summary: list[str] = field(default_factory=list)
    banner: str = ""
    provenance: list[str] = field(default_factory=list)

    @property
    def contents(self) -> list[tuple[str, str]]:
        """The table of contents: (section id, title)."""
        found = [("summary", text("summary_title", self.language))] if self.summary else []
        found += [(section.id, section.title) for section in self.sections]
        found += [
            ("definitions", text("definitions_title", self.language)),
            ("suppression", text("suppression_title", self.language)),
            ("provenance", text("provenance_title", self.language)),
        ]
        return found


def area_name(area: Area, language: str) -> str:
    return text("study_area", language) if area.code == STUDY_AREA and language == "en" else area.names[language]


def indicator_axis(publication: Publication, language: str) -> str:
    """The value axis of a chart of the indicators: the share of families with children,
    naming the one indicator whose denominator is families with a child aged 3–5."""
    other = next((indicator for indicator in publication.indicators if indicator.id in OF_FAMILIES_3_5), None)
    if other is None:
        return text("share_axis", language)
    return text("indicator_axis", language, name=other.names[language])


def value_cell(value: Value, language: str, ref: str, *, percent: bool = False, decimals: int = 0) -> Cell:
    if not value.published:
        return Cell(text("suppressed", language), "suppressed", ref)
    if value.value is None:
        return Cell(text("not_available", language), "missing", ref)
    shown = (
        format_percent(value.value, language, decimals) if percent else format_number(value.value, language, decimals)
    )
    return Cell(shown, "num", ref)


def head(label: str) -> Cell:
    return Cell(label, "head")


def change_cell(value: Value, language: str, first_ref: str, last_ref: str) -> Cell:
    """A change in points, carrying the two shares it is the difference of (tests check it)."""
    addresses = f"{first_ref} {last_ref}"
    if not value.published or value.value is None:
        return Cell(text("suppressed", language), "suppressed", change=addresses)
    # The unit is in the table's caption: the cell stays narrow.
    return Cell(format_points(as_decimal(value.value), language, unit=False), "change", change=addresses)


def shown_float(value: Value) -> float | None:
    return float(value.value) if value.shown and value.value is not None else None
