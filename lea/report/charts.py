"""Charts of the report as inline SVG, drawn with matplotlib (no pyplot state, text kept as
text so that it is searchable and scales with the page).

Colours are Okabe-Ito (safe for the common colour-vision deficiencies). A suppressed value
is never drawn as a bar or a point: its place is a grey hatched, dashed band across the
row (or the year) with the word for "suppressed", and every chart's legend has that
entry. Data marks carry ids ``<chart>-mark-value-<n>`` and suppressed markers
``<chart>-mark-suppressed-<n>`` (the tests look for them).
"""

from __future__ import annotations

import io
import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from lea.report.texts import format_percent, format_tick

# Okabe-Ito
BLUE, ORANGE, GREEN, PINK, SKY, VERMILION, YELLOW, BLACK = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)
AREA_COLOUR = BLUE
STUDY_AREA_COLOUR = ORANGE
SERIES_COLOURS = (BLUE, ORANGE, GREEN, PINK, SKY, VERMILION, BLACK)
SUPPRESSED_EDGE = "#6b6b6b"
HATCH = "////"
# An axis title longer than this (characters) goes on two lines (the indicators' axis names no_ecec).
AXIS_WIDTH = 64

matplotlib.rcParams.update(
    {
        "svg.fonttype": "none",  # text stays <text>, drawn in the page's font
        "svg.hashsalt": "lea-report",  # stable ids: the same data gives the same file
        "font.family": ["DejaVu Sans", "sans-serif"],
        "font.size": 9,
        "axes.titlesize": 9.5,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "hatch.linewidth": 0.7,
        "hatch.color": SUPPRESSED_EDGE,
    }
)


@dataclass(frozen=True)
class ChartText:
    """What every chart says besides its data: its id on the page, its title, its language,
    the word for a suppressed value, the value axis, the other axis (categories, years,
    items) and the label of a reference level."""

    chart_id: str
    title: str
    language: str
    suppressed_label: str
    value_axis: str = ""
    other_axis: str = ""
    reference_label: str = ""


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]
    colour: str


@dataclass(frozen=True)
class RankItem:
    label: str
    value: float | None
    colour: str = AREA_COLOUR


@dataclass(frozen=True)
class RankPanel:
    title: str
    items: Sequence[RankItem]
    reference: float | None = None  # the municipality's own level, drawn as a dashed line


@dataclass(frozen=True)
class DotSeries:
    """One area of a dot plot: its values per row in each panel (None: suppressed)."""

    name: str
    colour: str
    marker: str
    values: Sequence[Sequence[float | None]]  # panel -> row -> value


class _Marks:
    """Numbers the data marks of one chart."""

    def __init__(self) -> None:
        self.count = 0

    def gid(self, kind: str) -> str:
        self.count += 1
        return f"mark-{kind}-{self.count}"


def _wrap(label: str, width: int) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def _legend_name(name: str, width: int = 18) -> str:
    """A name on lines of about `width` characters, never cut inside a word."""
    return "\n".join(textwrap.wrap(name, width, break_long_words=False)) or name


def _suppressed_patch(label: str) -> Patch:
    return Patch(facecolor="white", edgecolor=SUPPRESSED_EDGE, hatch=HATCH, linestyle="--", label=label)


def _suppressed_band(ax, marks: _Marks, **kwargs) -> None:
    ax.barh(
        **kwargs,
        facecolor="white",
        edgecolor=SUPPRESSED_EDGE,
        hatch=HATCH,
        linewidth=0.7,
        linestyle="--",
        gid=marks.gid("suppressed"),
    )


def _rectangle(left: float, y: float, width: float, height: float = 0.8) -> list[tuple[float, float]]:
    top, bottom = y - height / 2, y + height / 2
    return [(left, top), (left + width, top), (left + width, bottom), (left, bottom)]


def _axis_limit(values: Sequence[float | None]) -> float:
    shown = [value for value in values if value is not None]
    top = max(shown, default=0.0)
    return max(top * 1.18, 1.0)


def to_svg(fig: Figure, chart_id: str, title: str) -> str:
    """The figure as an SVG element for inline use: no XML prologue, ids prefixed by the
    chart's id (several charts share one page), role img with the title as its name."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{chart_id}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{chart_id}-\1)", svg)
    svg = re.sub(r'href="#([^"]+)"', rf'href="#{chart_id}-\1"', svg)
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    svg = svg.replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{chart_id}-title" class="chart" ',
        1,
    )
    escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    svg = re.sub(r"(<svg\b[^>]*>)", rf'\1<title id="{chart_id}-title">{escaped}</title>', svg, count=1)
    return svg


def comparison_bars(
    text: ChartText,
    *,
    categories: Sequence[str],
    series: Sequence[Series],
    wrap: int = 34,
) -> str:
    """Horizontal grouped bars: one group per category, one bar per series, value labels."""
    chart_id, title, language, suppressed_label = text.chart_id, text.title, text.language, text.suppressed_label
    value_axis, category_axis = text.value_axis, text.other_axis
    marks = _Marks()
    count, per = len(categories), max(len(series), 1)
    height = 0.8 / per
    fig = Figure(figsize=(8.0, 0.9 + 0.24 * count * per + 0.1 * count), layout="constrained")
    ax = fig.add_subplot()
    limit = _axis_limit([value for one in series for value in one.values])
    for j, one in enumerate(series):
        for i, value in enumerate(one.values):
            y = i - 0.4 + height * (j + 0.5)
            if value is None:
                _suppressed_band(ax, marks, y=y, width=limit, height=height * 0.86, left=0)
                ax.text(
                    limit * 0.01,
                    y,
                    f" {suppressed_label}",
                    va="center",
                    ha="left",
                    fontsize=8,
                    style="italic",
                    color="#333333",
                )
            else:
                ax.barh(y, value, height=height * 0.86, color=one.colour, gid=marks.gid("value"))
                ax.text(value + limit * 0.008, y, format_percent(value, language), va="center", ha="left", fontsize=7.5)
    ax.set_yticks(range(count), [_wrap(category, wrap) for category in categories])
    ax.set_ylim(count - 0.5, -0.5)
    ax.set_xlim(0, limit)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: format_tick(x, language)))
    ax.set_xlabel(_legend_name(value_axis, AXIS_WIDTH))
    ax.set_ylabel(category_axis)
    ax.set_title(title, loc="left", fontweight="bold")
    handles = [Patch(color=one.colour, label=one.name) for one in series] + [_suppressed_patch(suppressed_label)]
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False)
    return to_svg(fig, chart_id, title)


def trend_grid(
    text: ChartText,
    *,
    years: Sequence[int],
    panels: Sequence[tuple[str, Sequence[Series]]],
    columns: int = 4,
) -> str:
    """Small multiples: one line chart per panel (an indicator), a line per series; a
    suppressed year is a gap in the line with a hatched band."""
    chart_id, title, language, suppressed_label = text.chart_id, text.title, text.language, text.suppressed_label
    value_axis, year_axis = text.value_axis, text.other_axis
    marks = _Marks()
    rows = math.ceil((len(panels) + 1) / columns)
    height = 1.0 + 2.05 * rows
    # Fixed margins (inches): automatic layout of the twelve panels costs more than the drawing.
    fig = Figure(figsize=(8.6, height))
    axes = fig.subplots(
        rows,
        columns,
        squeeze=False,
        gridspec_kw={
            "left": 0.75 / 8.6,
            "right": 1 - 0.15 / 8.6,
            "top": 1 - 0.75 / height,
            "bottom": 0.6 / height,
            "wspace": 0.35,
            "hspace": 0.75,
        },
    ).ravel()
    for ax, (panel_title, series) in zip(axes, panels, strict=False):  # the grid may have spare axes
        limit = _axis_limit([value for one in series for value in one.values])
        suppressed_years = sorted(
            {year for one in series for year, value in zip(years, one.values, strict=True) if value is None}
        )
        for year in suppressed_years:
            ax.bar(
                year,
                limit,
                width=0.5,
                bottom=0,
                facecolor="white",
                edgecolor=SUPPRESSED_EDGE,
                hatch=HATCH,
                linewidth=0.7,
                linestyle="--",
                gid=marks.gid("suppressed"),
            )
        for one, marker in zip(series, ("o", "s", "^", "D"), strict=False):  # fewer series than markers
            ys = [math.nan if value is None else value for value in one.values]
            ax.plot(
                years,
                ys,
                color=one.colour,
                marker=marker,
                markersize=4,
                linewidth=1.6,
                linestyle="-" if marker == "o" else "--",
                gid=marks.gid("value"),
            )
        ax.set_title(_wrap(panel_title, 26), fontsize=8.5)
        ax.set_xticks(list(years), [str(year) for year in years])
        ax.set_xlim(years[0] - 0.45, years[-1] + 0.45)
        ax.set_ylim(0, limit)
        ax.yaxis.set_major_locator(MaxNLocator(4))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: format_tick(y, language)))
        ax.tick_params(labelsize=7.5)
    for ax in axes[len(panels) :]:
        ax.set_axis_off()
    styles = ("-", "--", "--", "--")
    handles: list[Line2D | Patch] = (
        [
            Line2D([], [], color=one.colour, marker=m, linestyle=s, label=_legend_name(one.name))  # type: ignore[arg-type]
            for one, m, s in zip(panels[0][1], ("o", "s", "^", "D"), styles, strict=False)  # fewer series than markers
        ]
        if panels
        else []
    )
    handles.append(_suppressed_patch(suppressed_label))
    legend_ax = axes[len(panels)] if len(panels) < len(axes) else None
    if legend_ax is not None:
        # From the cell's left edge, names wrapped: a long name ("Hela undersökningsområdet")
        # stays inside the figure.
        legend_ax.legend(handles=handles, loc="center left", bbox_to_anchor=(-0.1, 0.5), frameon=False, fontsize=8.5)
    else:
        fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False)
    fig.text(0.5, 0.1 / height, year_axis, ha="center", va="bottom", fontsize=8.5)
    fig.text(0.1 / 8.6, 0.5, _legend_name(value_axis, AXIS_WIDTH), rotation=90, ha="left", va="center", fontsize=8.5)
    fig.text(0.1 / 8.6, 1 - 0.12 / height, title, ha="left", va="top", fontweight="bold", fontsize=9.5)
    return to_svg(fig, chart_id, title)


def ranking_grid(
    text: ChartText,
    *,
    panels: Sequence[RankPanel],
    legend: Sequence[tuple[str, str]] = (),
    columns: int = 3,
) -> str:
    """Small multiples: per panel the items ranked by value, largest on top, the suppressed
    ones after them as hatched bands. Item labels (and the word for suppressed) are written
    where there are at most 40 items; otherwise the table under the chart names them.

    Laid out by hand (fixed margins in inches, labels as plain text rather than ticks):
    matplotlib's automatic layout of hundreds of tick labels costs seconds per chart."""
    chart_id, title, language, suppressed_label = text.chart_id, text.title, text.language, text.suppressed_label
    value_axis, item_axis, reference_label = text.value_axis, text.other_axis, text.reference_label
    marks = _Marks()
    count = max((len(panel.items) for panel in panels), default=0)
    labelled = count <= 40
    step = 0.15 if labelled else 0.035
    rows = max(math.ceil(len(panels) / columns), 1)
    top, bottom, panel_title, x_axis, left, gap = 0.45, 0.75, 0.42, 0.35, 0.75, 0.25
    label_width = 0.5 if labelled else 0.05
    panel_height = max(step * max(count, 1), 0.6)
    width = 8.6
    height = top + bottom + rows * (panel_title + panel_height + x_axis)
    panel_width = (width - left - 0.15 - columns * label_width - (columns - 1) * gap) / columns
    fig = Figure(figsize=(width, height))
    for index, panel in enumerate(panels):
        row, column = divmod(index, columns)
        x0 = left + column * (label_width + panel_width + gap) + label_width
        y0 = height - top - row * (panel_title + panel_height + x_axis) - panel_title - panel_height
        ax = fig.add_axes((x0 / width, y0 / height, panel_width / width, panel_height / height))
        published = sorted(
            (item for item in panel.items if item.value is not None), key=lambda item: (-(item.value or 0), item.label)
        )
        hidden = sorted((item for item in panel.items if item.value is None), key=lambda item: item.label)
        ranked = published + hidden
        limit = _axis_limit([item.value for item in published])
        # One collection of rectangles per panel and kind (far cheaper than a patch per bar).
        if published:
            ax.add_collection(
                PolyCollection(
                    [_rectangle(0, i, item.value or 0) for i, item in enumerate(published)],
                    facecolors=[item.colour for item in published],
                    edgecolors="none",
                    gid=marks.gid("value"),
                ),
                autolim=False,
            )
        if hidden:
            ax.add_collection(
                PolyCollection(
                    [_rectangle(0, i, limit) for i in range(len(published), len(ranked))],
                    facecolors="white",
                    edgecolors=SUPPRESSED_EDGE,
                    hatch=HATCH,
                    linewidths=0.7,
                    linestyles="--",
                    gid=marks.gid("suppressed"),
                ),
                autolim=False,
            )
        if labelled:
            for i, item in enumerate(ranked):
                ax.text(-0.02, i, item.label, transform=ax.get_yaxis_transform(), ha="right", va="center", fontsize=6.5)
                if item.value is None:
                    ax.text(
                        limit * 0.01,
                        i,
                        f" {suppressed_label}",
                        va="center",
                        ha="left",
                        fontsize=6,
                        style="italic",
                        color="#333333",
                    )
        if panel.reference is not None:
            limit = max(limit, panel.reference * 1.1)
            ax.axvline(panel.reference, color=BLACK, linestyle="--", linewidth=1.0, gid=marks.gid("reference"))
        ax.set_yticks([])
        ax.set_ylim(max(len(ranked), 1) - 0.5, -0.5)
        ax.set_xlim(0, limit)
        ax.xaxis.set_major_locator(MaxNLocator(4))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: format_tick(x, language)))
        ax.tick_params(axis="x", labelsize=7)
        ax.set_title(_wrap(panel.title, 40), fontsize=8)
    handles: list[Patch | Line2D] = [Patch(color=colour, label=name) for name, colour in legend]
    if reference_label:
        handles.append(Line2D([], [], color=BLACK, linestyle="--", label=reference_label))
    handles.append(_suppressed_patch(suppressed_label))
    fig.legend(
        handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncols=min(len(handles), 4), frameon=False
    )
    fig.text(0.5, (bottom - 0.25) / height, _legend_name(value_axis, 100), ha="center", va="bottom", fontsize=8.5)
    fig.text(0.1 / width, 0.5, item_axis, rotation=90, ha="left", va="center", fontsize=8.5)
    fig.text(0.1 / width, 1 - 0.12 / height, title, ha="left", va="top", fontweight="bold", fontsize=9.5)
    return to_svg(fig, chart_id, title)


def dot_plot(
    text: ChartText,
    *,
    rows: Sequence[str],
    panels: Sequence[str],
    series: Sequence[DotSeries],
    centred: Sequence[bool] = (),
) -> str:
    """One row per category (an indicator), one dot per area, in side-by-side panels that
    share the rows (the share, and its change in points). A centred panel is symmetric
    around a zero line. A suppressed value is a grey hatched square at the panel's left
    edge, never a position on the scale."""
    chart_id, title, language, suppressed_label = text.chart_id, text.title, text.language, text.suppressed_label
    marks = _Marks()
    count = len(rows)
    height = 1.3 + 0.34 * count
    fig = Figure(figsize=(8.0, height), layout="constrained")
    axes = fig.subplots(1, len(panels), sharey=True, squeeze=False)[0]
    for index, (ax, panel_title) in enumerate(zip(axes, panels, strict=True)):
        values = [value for one in series for value in one.values[index] if value is not None]
        is_centred = index < len(centred) and centred[index]
        if is_centred:
            reach = max((abs(value) for value in values), default=1.0) * 1.15 or 1.0
            low, high = -reach, reach
            ax.axvline(0, color="#888888", linewidth=0.8)
        else:
            low, high = 0.0, _axis_limit(values)
        for row in range(count):
            ax.axhline(row, color="#e6e6e6", linewidth=0.6, zorder=0)
        for one in series:
            shown = [(value, row) for row, value in enumerate(one.values[index]) if value is not None]
            hidden = [row for row, value in enumerate(one.values[index]) if value is None]
            if shown:
                ax.scatter(
                    [value for value, _ in shown],
                    [row for _, row in shown],
                    s=46 if one.marker != "|" else 160,
                    marker=one.marker,
                    color=one.colour,
                    edgecolors="white" if one.marker != "|" else None,
                    linewidths=0.6 if one.marker != "|" else 2.2,
                    zorder=3,
                    gid=marks.gid("value"),
                )
            if hidden:
                ax.scatter(
                    [low + (high - low) * 0.02] * len(hidden),
                    hidden,
                    s=40,
                    marker="s",
                    facecolors="white",
                    edgecolors=SUPPRESSED_EDGE,
                    hatch=HATCH,
                    zorder=2,
                    gid=marks.gid("suppressed"),
                )
        ax.set_xlim(low, high)
        ax.xaxis.set_major_locator(MaxNLocator(5))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: format_tick(x, language)))
        ax.set_title(panel_title, fontsize=9)
        ax.tick_params(labelsize=8)
    axes[0].set_yticks(range(count), [_wrap(row, 30) for row in rows])
    axes[0].set_ylim(count - 0.5, -0.5)
    handles: list[Line2D | Patch] = [
        Line2D([], [], color=one.colour, marker=one.marker, linestyle="none", markersize=7, label=one.name)
        for one in series
    ]
    handles.append(_suppressed_patch(suppressed_label))
    fig.legend(handles=handles, loc="outside lower center", ncols=4, frameon=False)
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=9.5)
    return to_svg(fig, chart_id, title)


@dataclass(frozen=True)
class StripRow:
    """One row of a strip panel: the shares of the panel's postcode areas (None: suppressed)
    and the panel's own level (None: suppressed or not drawn)."""

    values: Sequence[float | None]
    reference: float | None = None


@dataclass(frozen=True)
class StripPanel:
    title: str
    rows: Sequence[StripRow]


def strip_grid(
    text: ChartText,
    *,
    rows: Sequence[str],
    panels: Sequence[StripPanel],
    point_label: str,
    columns: int = 3,
) -> str:
    """Small multiples, one labelled panel per area (a municipality): a row per category (an
    indicator), a dot per published postcode area at its share, the area's own level as a
    black bar. The suppressed areas of a row are counted, never placed: a grey hatched square
    right of the panel with their number beside it. All panels share one scale."""
    chart_id, title, language, suppressed_label = text.chart_id, text.title, text.language, text.suppressed_label
    value_axis, reference_label = text.value_axis, text.reference_label
    marks = _Marks()
    count = len(rows)
    grid_rows = max(math.ceil(len(panels) / columns), 1)
    height = 1.3 + grid_rows * (0.5 + 0.28 * count)
    fig = Figure(figsize=(8.6, height), layout="constrained")
    axes = fig.subplots(grid_rows, columns, sharex=True, sharey=True, squeeze=False).ravel()
    limit = _axis_limit([value for panel in panels for row in panel.rows for value in (*row.values, row.reference)])
    for ax, panel in zip(axes, panels, strict=False):  # the grid may have spare axes
        for index in range(count):
            ax.axhline(index, color="#e6e6e6", linewidth=0.6, zorder=0)
        shown = [(value, index) for index, row in enumerate(panel.rows) for value in row.values if value is not None]
        if shown:
            ax.scatter(
                [value for value, _ in shown],
                [index for _, index in shown],
                s=14,
                color=AREA_COLOUR,
                alpha=0.55,
                linewidths=0,
                zorder=3,
                gid=marks.gid("value"),
            )
        levels = [(row.reference, index) for index, row in enumerate(panel.rows) if row.reference is not None]
        if levels:
            ax.scatter(
                [value for value, _ in levels],
                [index for _, index in levels],
                s=110,
                marker="|",
                color=BLACK,
                linewidths=2.0,
                zorder=4,
                gid=marks.gid("reference"),
            )
        hidden = [(index, sum(value is None for value in row.values)) for index, row in enumerate(panel.rows)]
        hidden = [(index, number) for index, number in hidden if number]
        if hidden:
            # Beside the panel, right of its scale: no share is ever near them.
            beside = ax.get_yaxis_transform()
            ax.scatter(
                [1.04] * len(hidden),
                [index for index, _ in hidden],
                s=30,
                marker="s",
                facecolors="white",
                edgecolors=SUPPRESSED_EDGE,
                hatch=HATCH,
                transform=beside,
                clip_on=False,
                zorder=2,
                gid=marks.gid("suppressed"),
            )
            for index, number in hidden:
                ax.text(1.08, index, str(number), transform=beside, va="center", ha="left", fontsize=6.5)
        ax.set_title(panel.title, fontsize=9, fontweight="bold")
        ax.tick_params(labelsize=7)
    for ax in axes[len(panels) :]:
        ax.set_axis_off()
    axes[0].set_xlim(0, limit)
    axes[0].xaxis.set_major_locator(MaxNLocator(4))
    axes[0].xaxis.set_major_formatter(FuncFormatter(lambda x, _: format_tick(x, language)))
    axes[0].set_yticks(range(count), [_wrap(row, 22) for row in rows])
    axes[0].set_ylim(count - 0.5, -0.5)
    for ax in axes[: len(panels)]:
        ax.tick_params(axis="y", labelsize=6.5)
    handles: list[Line2D | Patch] = [
        Line2D([], [], color=AREA_COLOUR, marker="o", alpha=0.55, linestyle="none", markersize=5, label=point_label),
        Line2D(
            [], [], color=BLACK, marker="|", linestyle="none", markersize=10, markeredgewidth=2, label=reference_label
        ),
        _suppressed_patch(suppressed_label),
    ]
    # The title and the legend above the panels, in a band the layout leaves free.
    band = 0.62 / height
    fig.get_layout_engine().set(rect=(0, 0, 1, 1 - band))  # type: ignore[call-arg, union-attr]
    fig.text(0.1 / 8.6, 1 - 0.1 / height, title, ha="left", va="top", fontweight="bold", fontsize=9.5)
    fig.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 1 - 0.3 / height), ncols=3, frameon=False)
    fig.supxlabel(_legend_name(value_axis, 100), fontsize=8.5)
    return to_svg(fig, chart_id, title)
