"""What each page shows, as plain data for the templates (no HTML here): the tables with
their cells formatted in the page's language, and the charts as SVG.

Every table cell that holds a published number carries its address in the publication
(``table/year/area-or-postcode/key/column``), so that a test can read the page back and
compare it with the publication; a suppressed cell holds only the word for suppressed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial

from lea.report import charts
from lea.report.model import STUDY_AREA, Area, Publication, Value
from lea.report.texts import format_number, format_percent, text

TOP_FAMILY_TYPES = 10


@dataclass(frozen=True)
class Cell:
    text: str
    kind: str = "text"  # text | num | suppressed | missing | head
    ref: str = ""


@dataclass
class Table:
    caption: str
    header: list[list[Cell]]
    rows: list[list[Cell]]
    row_header: int = 1  # leading cells of a row that are row headers


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


def area_name(area: Area, language: str) -> str:
    return text("study_area", language) if area.code == STUDY_AREA and language == "en" else area.names[language]


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


def build_page(publication: Publication, area_code: str, language: str) -> Page:
    t: Callable[..., str] = partial(text, language=language)
    area = publication.area(area_code)
    study = publication.area(STUDY_AREA) if any(a.code == STUDY_AREA for a in publication.areas) else area
    name, study_name = area_name(area, language), area_name(study, language)
    is_study = area.code == study.code
    year, years = publication.latest_year, publication.years
    suppressed = t("suppressed")
    # The areas compared in the charts: the area, and the study area beside it.
    compared = [(area, name, charts.AREA_COLOUR)] + (
        [] if is_study else [(study, study_name, charts.STUDY_AREA_COLOUR)]
    )

    sections = [
        _key_figures(publication, compared, language, year),
        _indicators(publication, compared, language, year, suppressed),
        _trends(publication, compared, language, years, suppressed),
        _groups(publication, compared, language, year, suppressed),
        _family_types(publication, compared, language, year, suppressed),
        _postcodes(publication, area, language, year, suppressed),
    ]
    definitions = [
        {
            "name": indicator.names[language],
            "parts": [
                (t(kind), indicator.texts[kind][language])
                for kind in (
                    "definition",
                    "numerator",
                    "denominator",
                    "time_window",
                    "sources",
                    "limitations",
                    "suppression_rule",
                )
                if indicator.texts[kind][language]
            ],
        }
        for indicator in publication.indicators
    ]
    groups = [
        {"id": group.id, "label": group.labels[language], "description": group.descriptions[language]}
        for group in publication.groups
    ]
    return Page(
        language=language,
        area=area,
        area_name=name,
        title=f"{name} — {t('report_title')} {year}",
        year=year,
        all_suppressed=not publication.area_has_published_cell(area.code),
        sections=sections,
        definitions=definitions,
        groups=groups,
        navigation_areas=[(a.code, area_name(a, language)) for a in publication.areas],
        languages=[(other, text("language_name", other)) for other in ("fi", "sv", "en")],
        source_note=t("source_note", file="lea_publication.duckdb", first=years[0], last=years[-1]),
    )


def _key_figures(publication: Publication, compared, language: str, year: int) -> Section:
    t = partial(text, language=language)
    rows = []
    for column, decimals in (
        ("families_with_children", 0),
        ("children", 0),
        ("mean_children_per_family", 2),
        ("mean_moves_youngest_child", 2),
    ):
        row = [head(t(column))]
        for area, _, _ in compared:
            value = getattr(publication.summary(year, area.code), column)
            row.append(
                value_cell(value, language, f"municipality_summary/{year}/{area.code}/-/{column}", decimals=decimals)
            )
        rows.append(row)
    table = Table(f"{t('key_figures')} {year}", [[head("")] + [head(name) for _, name, _ in compared]], rows)
    return Section("key-figures", f"{t('key_figures')} {year}", "", [Chart("key-figures-table", "", "", [table])])


def _indicators(publication: Publication, compared, language: str, year: int, suppressed: str) -> Section:
    t = partial(text, language=language)
    title = t("indicators_title", year=year)
    series = [
        charts.Series(
            name,
            [publication.indicator(year, area.code, indicator.id).share.value for indicator in publication.indicators],
            colour,
        )
        for area, name, colour in compared
    ]
    svg = charts.comparison_bars(
        chart_id="indicators",
        title=title,
        categories=[i.names[language] for i in publication.indicators],
        series=series,
        value_axis=t("share_axis"),
        category_axis=t("indicator"),
        language=language,
        suppressed_label=suppressed,
    )
    area, name, _ = compared[0]
    header = [
        head(t("indicator")),
        head(f"{name}: {t('share')}"),
        head(f"{name}: {t('families_with')}"),
        head(f"{name}: {t('denominator_families')}"),
    ]
    header += [head(f"{other}: {t('share')}") for _, other, _ in compared[1:]]
    rows = []
    for indicator in publication.indicators:
        cell = publication.indicator(year, area.code, indicator.id)
        ref = f"municipality_indicators/{year}/{area.code}/{indicator.id}"
        row = [
            head(indicator.names[language]),
            value_cell(cell.share, language, f"{ref}/share_pct", percent=True, decimals=1),
            value_cell(cell.families_with, language, f"{ref}/families_with"),
            value_cell(cell.families, language, f"{ref}/families"),
        ]
        for other, _, _ in compared[1:]:
            row.append(
                value_cell(
                    publication.indicator(year, other.code, indicator.id).share,
                    language,
                    f"municipality_indicators/{year}/{other.code}/{indicator.id}/share_pct",
                    percent=True,
                    decimals=1,
                )
            )
        rows.append(row)
    return Section(
        "indicators", title, t("indicators_intro"), [Chart("indicators", title, svg, [Table(title, [header], rows)])]
    )


def _trends(publication: Publication, compared, language: str, years: Sequence[int], suppressed: str) -> Section:
    t = partial(text, language=language)
    title = t("trends_title", first=years[0], last=years[-1])
    panels = [
        (
            indicator.names[language],
            [
                charts.Series(
                    name, [publication.indicator(y, area.code, indicator.id).share.value for y in years], colour
                )
                for area, name, colour in compared
            ],
        )
        for indicator in publication.indicators
    ]
    svg = charts.trend_grid(
        chart_id="trends",
        title=title,
        years=years,
        panels=panels,
        value_axis=t("share_axis"),
        year_axis=t("year"),
        language=language,
        suppressed_label=suppressed,
    )
    header = [head(t("indicator"))] + [head(f"{name} {y}") for _, name, _ in compared for y in years]
    rows = [
        [head(indicator.names[language])]
        + [
            value_cell(
                publication.indicator(y, area.code, indicator.id).share,
                language,
                f"municipality_indicators/{y}/{area.code}/{indicator.id}/share_pct",
                percent=True,
                decimals=1,
            )
            for area, _, _ in compared
            for y in years
        ]
        for indicator in publication.indicators
    ]
    return Section(
        "trends",
        title,
        t("trends_intro"),
        [Chart("trends", title, svg, [Table(f"{title} ({t('share')})", [header], rows)])],
    )


def _groups(publication: Publication, compared, language: str, year: int, suppressed: str) -> Section:
    t = partial(text, language=language)
    title = t("groups_title", year=year)
    labels = [f"{group.id} {group.labels[language]}" for group in publication.groups]
    series = [
        charts.Series(
            name, [publication.group(year, area.code, group.id).share.value for group in publication.groups], colour
        )
        for area, name, colour in compared
    ]
    svg = charts.comparison_bars(
        chart_id="groups",
        title=title,
        categories=labels,
        series=series,
        value_axis=t("share_axis"),
        category_axis=t("group"),
        language=language,
        suppressed_label=suppressed,
    )
    area, name, _ = compared[0]
    header = [head(t("group")), head(f"{name}: {t('families')}"), head(f"{name}: {t('share')}")]
    header += [head(f"{other}: {t('share')}") for _, other, _ in compared[1:]]
    rows = []
    for group, label in zip(publication.groups, labels):
        cell = publication.group(year, area.code, group.id)
        ref = f"municipality_wellbeing_groups/{year}/{area.code}/{group.id}"
        row = [
            head(label),
            value_cell(cell.families, language, f"{ref}/families"),
            value_cell(cell.share, language, f"{ref}/share_pct", percent=True, decimals=1),
        ]
        for other, _, _ in compared[1:]:
            row.append(
                value_cell(
                    publication.group(year, other.code, group.id).share,
                    language,
                    f"municipality_wellbeing_groups/{year}/{other.code}/{group.id}/share_pct",
                    percent=True,
                    decimals=1,
                )
            )
        rows.append(row)
    return Section("groups", title, t("groups_intro"), [Chart("groups", title, svg, [Table(title, [header], rows)])])


def _family_types(publication: Publication, compared, language: str, year: int, suppressed: str) -> Section:
    t = partial(text, language=language)
    title = t("family_types_title", year=year)
    area, name, _ = compared[0]
    published = [
        (type_id, publication.family_type(year, area.code, type_id)) for type_id in publication.family_type_labels
    ]
    published = [(type_id, cell) for type_id, cell in published if cell.families.shown]
    top = sorted(published, key=lambda item: (-(item[1].families.value or 0), item[0]))[:TOP_FAMILY_TYPES]
    note = t("family_types_few", count=len(top)) if len(top) < TOP_FAMILY_TYPES else ""
    if not top:
        return Section("family-types", title, t("family_types_intro"), [], note)
    labels = [publication.family_type_labels[type_id][language] for type_id, _ in top]
    series = [
        charts.Series(
            other_name, [publication.family_type(year, other.code, type_id).share.value for type_id, _ in top], colour
        )
        for other, other_name, colour in compared
    ]
    svg = charts.comparison_bars(
        chart_id="family-types",
        title=title,
        categories=labels,
        series=series,
        value_axis=t("share_axis"),
        category_axis=t("family_type"),
        language=language,
        suppressed_label=suppressed,
        wrap=44,
    )
    header = [head(t("rank")), head(t("family_type")), head(f"{name}: {t('families')}"), head(f"{name}: {t('share')}")]
    header += [head(f"{other}: {t('share')}") for _, other, _ in compared[1:]]
    rows = []
    for rank, ((type_id, cell), label) in enumerate(zip(top, labels), start=1):
        ref = f"municipality_family_types/{year}/{area.code}/{type_id}"
        row = [
            Cell(str(rank), "head"),
            head(label),
            value_cell(cell.families, language, f"{ref}/families"),
            value_cell(cell.share, language, f"{ref}/share_pct", percent=True, decimals=1),
        ]
        for other, _, _ in compared[1:]:
            row.append(
                value_cell(
                    publication.family_type(year, other.code, type_id).share,
                    language,
                    f"municipality_family_types/{year}/{other.code}/{type_id}/share_pct",
                    percent=True,
                    decimals=1,
                )
            )
        rows.append(row)
    return Section(
        "family-types",
        title,
        t("family_types_intro"),
        [Chart("family-types", title, svg, [Table(title, [header], rows, row_header=2)])],
        note,
    )


def _postcodes(publication: Publication, area: Area, language: str, year: int, suppressed: str) -> Section:
    t = partial(text, language=language)
    title = t("postcodes_title", year=year)
    postcodes = publication.postcodes_of(area.code)
    if not postcodes:
        return Section("postcodes", title, "", [], t("postcodes_none"))
    whole = area.code == STUDY_AREA
    municipalities = [a for a in publication.areas if a.code != STUDY_AREA]
    colours = {a.code: charts.SERIES_COLOURS[i % len(charts.SERIES_COLOURS)] for i, a in enumerate(municipalities)}
    colour = (lambda code: colours.get(code, charts.AREA_COLOUR)) if whole else (lambda code: charts.AREA_COLOUR)
    legend = (
        [(area_name(a, language), colours[a.code]) for a in municipalities]
        if whole
        else [(area_name(area, language), charts.AREA_COLOUR)]
    )
    names = {a.code: area_name(a, language) for a in publication.areas}

    def lead(postcode) -> list[Cell]:
        cells = [head(postcode.code), head(postcode.names[language])]
        return cells + ([head(names.get(postcode.municipality_code, postcode.municipality_code))] if whole else [])

    lead_header = [head(t("postcode")), head(t("postcode_name"))] + ([head(t("municipality"))] if whole else [])
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
        panels = [
            charts.RankPanel(
                label(item),
                [
                    charts.RankItem(
                        postcode.code,
                        cell_of(year, postcode.code, item.id).share.value,
                        colour(postcode.municipality_code),
                    )
                    for postcode in postcodes
                ],
            )
            for item in items
        ]
        svg = charts.ranking_grid(
            chart_id=f"postcode-{kind}",
            title=f"{chart_title} {year}",
            panels=panels,
            value_axis=t("share_axis"),
            item_axis=t("postcode"),
            language=language,
            suppressed_label=suppressed,
            legend=legend,
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
                [Table(t(f"postcode_{kind}_table"), [header], rows, row_header=len(lead_header))],
            )
        )
    return Section("postcodes", title, t("postcodes_intro"), result)
