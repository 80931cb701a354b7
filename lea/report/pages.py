"""What each page shows: its sections, built from the publication in the page's language
as plain data for the templates (no HTML here). The parts a section is made of (cells,
tables, charts) are in lea.report.page_parts; the postcode areas' section in
lea.report.postcode_sections.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from lea.report import charts
from lea.report.compare import change, summary_sentences
from lea.report.model import STUDY_AREA, Area, Publication, Value
from lea.report.page_parts import (
    Cell,
    Chart,
    Page,
    Section,
    Table,
    area_name,
    change_cell,
    head,
    indicator_axis,
    plain,
    shown_float,
    value_cell,
)
from lea.report.postcode_sections import postcode_section
from lea.report.texts import text

# The definition parts a reader gets (the suppression rule of the catalogue is written for
# analysts, with column names: the page has one section on suppression instead).
DEFINITION_PARTS = ("definition", "numerator", "denominator", "time_window", "sources", "limitations")
# Markers of the six municipalities in the dot plot (with their colours, so that no reader
# depends on colour alone); the study area is a black bar.
DOT_MARKERS = ("o", "s", "^", "D", "v", "P", "X")


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

    sections = [_key_figures(publication, compared, language, year)]
    if is_study:
        sections.append(comparison(publication, language))
    sections += [
        _indicators(publication, compared, language, year, suppressed),
        _trends(publication, compared, language, years, suppressed),
        _profile(publication, compared, language, year, suppressed),
        _groups(publication, compared, language, year, suppressed),
        _family_types(publication, compared, language, year),
        _type_indicators(publication, area, language, year),
        postcode_section(publication, area, language, year, suppressed),
    ]
    definitions = [
        {
            "name": indicator.names[language],
            "parts": [
                (t(kind), plain(indicator.texts[kind][language], language))
                for kind in DEFINITION_PARTS
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
        summary=[] if is_study else summary_sentences(publication, area.code, language),
        banner=banner(publication, language),
        provenance=provenance_lines(publication, language),
    )


def banner(publication: Publication, language: str) -> str:
    """The warning every page of a synthetic build carries; empty for register extracts."""
    info = publication.provenance
    if info is None or not info.synthetic:
        return ""
    seed = str(info.synthetic_seed) if info.synthetic_seed is not None else text("provenance_unknown", language)
    return text("synthetic_banner", language, seed=seed)


def provenance_lines(publication: Publication, language: str) -> list[str]:
    """The footer: when and by which code the publication was built, from which data, with
    which disclosure settings (publication_info)."""
    info = publication.provenance
    if info is None:
        return [text("provenance_missing", language)]
    unknown = text("provenance_unknown", language)
    commit = info.git_commit[:12] if info.git_commit else unknown
    if info.git_commit and info.git_tree_clean is False:
        commit += f" {text('provenance_uncommitted', language)}"
    lines = [
        text("provenance_built", language, built=info.built_at, version=info.lea_version or unknown, commit=commit)
    ]
    if info.data_origin == "synthetic":
        seed = str(info.synthetic_seed) if info.synthetic_seed is not None else unknown
        lines.append(text("provenance_synthetic", language, seed=seed))
    elif info.data_origin == "partly_synthetic":
        lines.append(text("provenance_partly_synthetic", language))
    elif info.data_origin == "landing_files":
        files = len(info.landing_files.split(", ")) if info.landing_files else 0
        lines.append(text("provenance_landing", language, files=files, sha=info.landing_sha256 or unknown))
    else:
        lines.append(text("provenance_not_landed", language))
    lines.append(
        text(
            "provenance_rules",
            language,
            first=info.first_year,
            last=info.last_year,
            min_cell=info.min_cell_size,
            min_area=info.min_area_families,
        )
    )
    return lines


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
            [
                shown_float(publication.indicator(year, area.code, indicator.id).share)
                for indicator in publication.indicators
            ],
            colour,
        )
        for area, name, colour in compared
    ]
    axis = indicator_axis(publication, language)
    svg = charts.comparison_bars(
        charts.ChartText("indicators", title, language, suppressed, value_axis=axis, other_axis=t("indicator")),
        categories=[i.names[language] for i in publication.indicators],
        series=series,
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
                    name, [shown_float(publication.indicator(y, area.code, indicator.id).share) for y in years], colour
                )
                for area, name, colour in compared
            ],
        )
        for indicator in publication.indicators
    ]
    axis = indicator_axis(publication, language)
    svg = charts.trend_grid(
        charts.ChartText("trends", title, language, suppressed, value_axis=axis, other_axis=t("year")),
        years=years,
        panels=panels,
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
            name,
            [shown_float(publication.group(year, area.code, group.id).share) for group in publication.groups],
            colour,
        )
        for area, name, colour in compared
    ]
    svg = charts.comparison_bars(
        charts.ChartText("groups", title, language, suppressed, value_axis=t("share_axis"), other_axis=t("group")),
        categories=labels,
        series=series,
    )
    area, name, _ = compared[0]
    header = [head(t("group")), head(f"{name}: {t('families')}"), head(f"{name}: {t('share')}")]
    header += [head(f"{other}: {t('share')}") for _, other, _ in compared[1:]]
    rows = []
    for group, label in zip(publication.groups, labels, strict=True):
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


STRUCTURES = ("married_couple", "cohabiting_couple", "mother", "father")
PROFILE_BREAKDOWNS = ("structure", "youngest_child_age", "children")
# English labels of the profile's categories (the publication has them in Finnish and Swedish).
PROFILE_LABELS_EN = {
    ("structure", "married_couple"): "Married couple",
    ("structure", "cohabiting_couple"): "Cohabiting couple",
    ("structure", "mother"): "Mother with children",
    ("structure", "father"): "Father with children",
    ("youngest_child_age", "0-2"): "0–2 years",
    ("youngest_child_age", "3-6"): "3–6 years",
    ("youngest_child_age", "7-12"): "7–12 years",
    ("youngest_child_age", "13-17"): "13–17 years",
    ("children", "1"): "1 child",
    ("children", "2"): "2 children",
    ("children", "3"): "3 children",
    ("children", "4+"): "4 or more children",
}


def profile_label(breakdown: str, category: str, labels, language: str) -> str:
    if language == "en":
        return PROFILE_LABELS_EN.get((breakdown, category), labels.get("fi", category))
    return labels.get(language) or category


def _profile(publication: Publication, compared, language: str, year: int, suppressed: str) -> Section:
    """municipality_profile: structure, youngest child's age and number of children."""
    t = partial(text, language=language)
    title = t("profile_title", year=year)
    categories = [c for c in publication.profile_categories if c.breakdown in PROFILE_BREAKDOWNS]
    if not categories:
        return Section("profile", title, "", [], t("not_available"))
    labels = [profile_label(c.breakdown, c.category, c.labels, language) for c in categories]
    series = [
        charts.Series(
            name,
            [shown_float(publication.profile(year, area.code, c.breakdown, c.category).share) for c in categories],
            colour,
        )
        for area, name, colour in compared
    ]
    svg = charts.comparison_bars(
        charts.ChartText("profile", title, language, suppressed, value_axis=t("share_axis"), other_axis=""),
        categories=labels,
        series=series,
    )
    area, name, _ = compared[0]
    header = [head(""), head(f"{name}: {t('families')}"), head(f"{name}: {t('share')}")]
    header += [head(f"{other}: {t('share')}") for _, other, _ in compared[1:]]
    rows = []
    for category, label in zip(categories, labels, strict=True):
        key = f"{category.breakdown}:{category.category}"
        cell = publication.profile(year, area.code, category.breakdown, category.category)
        ref = f"municipality_profile/{year}/{area.code}/{key}"
        row = [
            head(f"{t('breakdown_' + category.breakdown)}: {label}"),
            value_cell(cell.families, language, f"{ref}/families"),
            value_cell(cell.share, language, f"{ref}/share_pct", percent=True, decimals=1),
        ]
        for other, _, _ in compared[1:]:
            row.append(
                value_cell(
                    publication.profile(year, other.code, category.breakdown, category.category).share,
                    language,
                    f"municipality_profile/{year}/{other.code}/{key}/share_pct",
                    percent=True,
                    decimals=1,
                )
            )
        rows.append(row)
    return Section("profile", title, t("profile_intro"), [Chart("profile", title, svg, [Table(title, [header], rows)])])


def _family_types(publication: Publication, compared, language: str, year: int) -> Section:
    """Every family type, grouped by structure (in the catalogue's rank within each group):
    no top ten, so no tie is broken silently."""
    t = partial(text, language=language)
    title = t("all_types_title", year=year)
    area, name, _ = compared[0]
    header = [head(t("family_type")), head(f"{name}: {t('families')}"), head(f"{name}: {t('share')}")]
    header += [head(f"{other}: {t('share')}") for _, other, _ in compared[1:]]
    tables = []
    for structure in STRUCTURES:
        types = [family_type for family_type in publication.family_types if family_type.structure == structure]
        if not types:
            continue
        rows = []
        for family_type in types:
            cell = publication.family_type(year, area.code, family_type.id)
            ref = f"municipality_family_types/{year}/{area.code}/{family_type.id}"
            row = [
                head(family_type.labels[language]),
                value_cell(cell.families, language, f"{ref}/families"),
                value_cell(cell.share, language, f"{ref}/share_pct", percent=True, decimals=1),
            ]
            for other, _, _ in compared[1:]:
                row.append(
                    value_cell(
                        publication.family_type(year, other.code, family_type.id).share,
                        language,
                        f"municipality_family_types/{year}/{other.code}/{family_type.id}/share_pct",
                        percent=True,
                        decimals=1,
                    )
                )
            rows.append(row)
        label = profile_label("structure", structure, _structure_labels(publication, structure), language)
        tables.append(Table(f"{t('breakdown_structure')}: {label}", [header], rows))
    return Section("family-types", title, t("all_types_intro"), [Chart("family-types-tables", "", "", tables)])


def _structure_labels(publication: Publication, structure: str):
    return next(
        (c.labels for c in publication.profile_categories if (c.breakdown, c.category) == ("structure", structure)),
        {},
    )


def heat_style(value: Value, top: float) -> str:
    """The shade of a heat-table cell: darker for a larger share (of the table's largest)."""
    if not value.shown or value.value is None or top <= 0:
        return ""
    strength = min(float(value.value) / top, 1.0)
    ink = "#fff" if strength > 0.6 else "#1a1a1a"
    return f"background: rgba(0, 114, 178, {0.08 + 0.8 * strength:.2f}); color: {ink}"


def _type_indicators(publication: Publication, area: Area, language: str, year: int) -> Section:
    """Family type × indicator as a heat table; a suppressed cell is hatched like every other."""
    t = partial(text, language=language)
    title = t("heat_title", year=year)
    types = [
        family_type
        for structure in STRUCTURES
        for family_type in publication.family_types
        if family_type.structure == structure
        and publication.family_type(year, area.code, family_type.id).families.shown
    ]
    if not types:
        return Section("type-indicators", title, "", [], t("heat_none"))
    cells = {
        (family_type.id, indicator.id): publication.type_indicator(year, area.code, family_type.id, indicator.id).share
        for family_type in types
        for indicator in publication.indicators
    }
    top = max((float(value.value) for value in cells.values() if value.shown and value.value is not None), default=0)
    header = [head(t("family_type"))] + [head(indicator.names[language]) for indicator in publication.indicators]
    rows = []
    for family_type in types:
        row = [head(family_type.labels[language])]
        for indicator in publication.indicators:
            value = cells[(family_type.id, indicator.id)]
            cell = value_cell(
                value,
                language,
                f"municipality_family_type_indicators/{year}/{area.code}/{family_type.id}:{indicator.id}/share_pct",
                percent=True,
                decimals=1,
            )
            row.append(Cell(cell.text, cell.kind, cell.ref, heat_style(value, top)))
        rows.append(row)
    table = Table(f"{title} ({t('share')})", [header], rows, css="compact heat")
    return Section("type-indicators", title, t("heat_intro"), [Chart("type-indicators-table", "", "", [table])])


def comparison(publication: Publication, language: str, chart_id: str = "comparison") -> Section:
    """The six municipalities and the study area on every indicator: the latest share and its
    change since the first year (a difference of two published shares), as a table and a
    dot plot."""
    t = partial(text, language=language)
    first, year = publication.years[0], publication.latest_year
    title = t("comparison_title", year=year)
    areas = publication.areas
    header = [head(t("indicator"))] + [head(area_name(area, language)) for area in areas]
    rows = []
    shares: list[list[float | None]] = [[] for _ in areas]
    changes: list[list[float | None]] = [[] for _ in areas]
    for indicator in publication.indicators:
        row = [head(indicator.names[language])]
        for index, area in enumerate(areas):
            last = publication.indicator(year, area.code, indicator.id).share
            start = publication.indicator(first, area.code, indicator.id).share
            moved = change(start, last)
            ref = f"municipality_indicators/{year}/{area.code}/{indicator.id}/share_pct"
            row.append(value_cell(last, language, ref, percent=True, decimals=1))
            row.append(
                change_cell(
                    moved, language, f"municipality_indicators/{first}/{area.code}/{indicator.id}/share_pct", ref
                )
            )
            shares[index].append(float(last.value) if last.shown and last.value is not None else None)
            changes[index].append(float(moved.value) if moved.shown and moved.value is not None else None)
        rows.append(row)
    header = [head(t("indicator"))]
    for area in areas:
        header += [head(area_name(area, language)), head(t("change_short"))]
    table = Table(t("comparison_table", year=year, first=first), [header], rows, css="compact comparison")
    series = [
        charts.DotSeries(
            area_name(area, language),
            charts.BLACK if area.code == STUDY_AREA else charts.SERIES_COLOURS[index % 6],
            "|" if area.code == STUDY_AREA else DOT_MARKERS[index % len(DOT_MARKERS)],
            [shares[index], changes[index]],
        )
        for index, area in enumerate(areas)
    ]
    svg = charts.dot_plot(
        charts.ChartText(chart_id=chart_id, title=title, language=language, suppressed_label=t("suppressed")),
        rows=[indicator.names[language] for indicator in publication.indicators],
        panels=[t("dots_share", year=year), t("dots_change", first=first, last=year)],
        series=series,
        centred=[False, True],
    )
    return Section("comparison", title, t("comparison_intro", first=first), [Chart(chart_id, title, svg, [table])])
