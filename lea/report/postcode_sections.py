"""The postcode areas' section of a page: per municipality a table of its areas' shares,
and strip charts of every area against its municipality."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from lea.report import charts
from lea.report.model import STUDY_AREA, Area, Publication, Value
from lea.report.page_parts import (
    OF_FAMILIES_3_5,
    Cell,
    Chart,
    Section,
    Table,
    area_name,
    head,
    indicator_axis,
    shown_float,
    value_cell,
)
from lea.report.texts import text

# A postcode area with fewer published families with children than this has its shares
# marked uncertain: one family moves a share of 60 families by 1.7 points.
UNCERTAIN_FAMILIES = 100


def postcode_section(publication: Publication, area: Area, language: str, year: int, suppressed: str) -> Section:
    t = partial(text, language=language)
    title = t("postcodes_title", year=year)
    postcodes = publication.postcodes_of(area.code)
    if not postcodes:
        return Section("postcodes", title, "", [], t("postcodes_none"))
    whole = area.code == STUDY_AREA
    municipalities = [a for a in publication.areas if a.code != STUDY_AREA]
    names = {a.code: area_name(a, language) for a in publication.areas}

    # The families each share rests on: families with children of the area (the denominator
    # of every indicator but no_ecec), and a mark where they are few.
    base_indicator = next((item.id for item in publication.indicators if item.id not in OF_FAMILIES_3_5), "")

    def families_of(postcode) -> Value:
        return publication.postcode_indicator(year, postcode.code, base_indicator).families

    def uncertain(postcode) -> bool:
        value = families_of(postcode)
        return value.shown and value.value is not None and value.value < UNCERTAIN_FAMILIES

    def lead(postcode) -> list[Cell]:
        mark = "*" if uncertain(postcode) else ""
        cells = [head(postcode.code), Cell(postcode.names[language] + mark, "head")]
        cells += [head(names.get(postcode.municipality_code, postcode.municipality_code))] if whole else []
        return cells + [
            value_cell(
                families_of(postcode), language, f"postcode_indicators/{year}/{postcode.code}/{base_indicator}/families"
            )
        ]

    lead_header = [head(t("postcode")), head(t("postcode_name"))] + ([head(t("municipality"))] if whole else [])
    lead_header.append(head(t("postcode_families")))
    result = []
    for kind, items, cell_of, table_name in (
        ("indicators", publication.indicators, publication.postcode_indicator, "postcode_indicators"),
        ("groups", publication.groups, publication.postcode_group, "postcode_wellbeing_groups"),
    ):
        label = (
            (lambda item: item.names[language])
            if kind == "indicators"
            else (lambda item: f"{item.id} {item.labels[language]}")
        )
        chart_title = t(f"postcode_{kind}_chart")
        level = (
            (lambda code, item: publication.indicator(year, code, item.id).share)
            if kind == "indicators"
            else (lambda code, item: publication.group(year, code, item.id).share)
        )
        if whole:
            svg = _postcode_strips(
                publication,
                municipalities,
                _Measured(kind, items, label, level, cell_of),
                f"{chart_title} {year}",
                language,
            )
        else:
            svg = charts.ranking_grid(
                charts.ChartText(
                    f"postcode-{kind}",
                    f"{chart_title} {year}",
                    language,
                    suppressed,
                    value_axis=indicator_axis(publication, language) if kind == "indicators" else t("share_axis"),
                    other_axis=t("postcode"),
                    reference_label=t("postcode_reference", name=area_name(area, language)),
                ),
                panels=[
                    charts.RankPanel(
                        label(item),
                        [
                            charts.RankItem(postcode.code, shown_float(cell_of(year, postcode.code, item.id).share))
                            for postcode in postcodes
                        ],
                        shown_float(level(area.code, item)),
                    )
                    for item in items
                ],
                legend=[(area_name(area, language), charts.AREA_COLOUR)],
            )
        header = lead_header + [head(label(item)) for item in items]
        rows = [
            lead(postcode)
            + [
                value_cell(
                    cell_of(year, postcode.code, item.id).share,
                    language,
                    f"{table_name}/{year}/{postcode.code}/{item.id}/share_pct",
                    percent=True,
                    decimals=1,
                )
                for item in items
            ]
            for postcode in postcodes
        ]
        result.append(
            Chart(
                f"postcode-{kind}",
                chart_title,
                svg,
                [
                    Table(
                        t(f"postcode_{kind}_table"),
                        [header],
                        rows,
                        row_header=len(lead_header) - 1,
                        css="compact postcodes",
                    )
                ],
            )
        )
    note = t("postcode_uncertain", count=UNCERTAIN_FAMILIES) if any(uncertain(p) for p in postcodes) else ""
    return Section("postcodes", title, t("postcodes_strip_intro" if whole else "postcodes_intro"), result, note)


@dataclass(frozen=True)
class _Measured:
    """What the postcode charts show: `kind` (indicators or groups), its items, and for an
    item its label, a municipality's level and a postcode area's cell."""

    kind: str
    items: Sequence
    label: Callable
    level: Callable
    cell_of: Callable


def _postcode_strips(
    publication: Publication, municipalities: Sequence[Area], measured: _Measured, title: str, language: str
) -> str:
    """The study area's postcode areas: one labelled panel per municipality, a row per
    indicator (or group), a dot per published postcode area and the municipality's level."""
    kind, items, label, level, cell_of = (
        measured.kind,
        measured.items,
        measured.label,
        measured.level,
        measured.cell_of,
    )
    year = publication.latest_year
    panels = [
        charts.StripPanel(
            area_name(municipality, language),
            [
                charts.StripRow(
                    [
                        shown_float(cell_of(year, postcode.code, item.id).share)
                        for postcode in publication.postcodes_of(municipality.code)
                    ],
                    shown_float(level(municipality.code, item)),
                )
                for item in items
            ],
        )
        for municipality in municipalities
    ]
    return charts.strip_grid(
        charts.ChartText(
            f"postcode-{kind}",
            title,
            language,
            text("suppressed", language),
            value_axis=indicator_axis(publication, language) if kind == "indicators" else text("share_axis", language),
            reference_label=text("strip_level", language),
        ),
        rows=[label(item) for item in items],
        panels=panels,
        point_label=text("strip_point", language),
    )
