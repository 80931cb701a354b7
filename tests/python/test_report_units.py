"""The report's pure parts: number formats per language, the SVG of a chart with a
suppressed value, and how statuses are read (anything but `published` is suppressed)."""

from __future__ import annotations

import re
from decimal import Decimal

from lea.report import charts
from lea.report.compare import change, largest_differences, summary_sentences
from lea.report.model import STUDY_AREA, Area, Indicator, IndicatorCell, Publication, Value
from lea.report.pages import indicator_axis, plain
from lea.report.texts import NBSP, TEXTS, format_number, format_percent, format_points, parse_number


def test_number_formats_per_language() -> None:
    assert format_number(31017, "fi") == f"31{NBSP}017"
    assert format_number(31017, "sv") == f"31{NBSP}017"
    assert format_number(31017, "en") == "31,017"
    assert format_percent(10.25, "fi") in (f"10,2{NBSP}%", f"10,3{NBSP}%")
    assert format_percent(7.0, "en") == "7.0%"
    assert format_number(1.68, "sv", 2) == "1,68"
    for language in ("fi", "sv", "en"):
        assert parse_number(format_percent(1234.5, language), language) == 1234.5


def test_any_status_but_published_is_suppressed_and_hides_the_value() -> None:
    assert Value.of(12, "published") == Value(12, True)
    for status in ("suppressed", "suppressed_primary", "suppressed_secondary", None, "Published"):
        assert Value.of(12, status) == Value(None, False)


def test_a_suppressed_value_is_a_marked_gap_never_a_bar() -> None:
    svg = charts.comparison_bars(
        charts.ChartText("t", "Test", "fi", "salattu", value_axis="%", other_axis="x"),
        categories=["a", "b"],
        series=[charts.Series("area", [3.5, None], charts.AREA_COLOUR)],
    )
    assert svg.startswith("<svg ") and '<title id="t-title">Test</title>' in svg
    assert len(re.findall(r'id="t-mark-value-\d+"', svg)) == 1
    assert len(re.findall(r'id="t-mark-suppressed-\d+"', svg)) == 1
    assert "3,5" in svg and " salattu</text>" in svg
    # Every id is the chart's own (several charts share a page).
    assert all(identifier.startswith("t-") for identifier in re.findall(r'\bid="([^"]+)"', svg))


def _publication_with_shares(shares: dict[tuple[int, str, str], Decimal | None]) -> Publication:
    """A hand-made publication: two indicators, a municipality 'M' and the study area."""
    indicators = [
        Indicator(code, {"fi": name, "sv": name, "en": name}, {})
        for code, name in (("a", "Alpha"), ("b", "Beta"), ("c", "Gamma"))
    ]
    areas = [
        Area("M", {"fi": "Kunta", "sv": "Kommun", "en": "Kunta"}),
        Area(STUDY_AREA, {"fi": "Koko", "sv": "Hela", "en": "Koko"}),
    ]
    publication = Publication([2019, 2021], areas, [], indicators, [], {})
    for key, share in shares.items():
        value = Value(share, True) if share is not None else Value(None, False)
        publication.indicator_cells[key] = IndicatorCell(Value(100, True), Value(None, False), value)
    return publication


def test_a_change_is_the_exact_difference_of_two_published_shares_or_suppressed() -> None:
    assert change(Value(Decimal("10.2"), True), Value(Decimal("10.6"), True)) == Value(Decimal("0.4"), True)
    assert str(change(Value(Decimal("10.2"), True), Value(Decimal("10.6"), True)).value) == "0.4"
    # An older publication's float is read by its one-decimal text, so no 0.40000000000000036.
    assert change(Value(10.2, True), Value(10.6, True)).value == Decimal("0.4")
    assert change(Value(None, False), Value(Decimal("3.0"), True)) == Value(None, False)
    assert change(Value(Decimal("3.0"), True), Value(None, False)) == Value(None, False)
    assert format_points(Decimal("-0.4"), "fi") == f"−0,4{NBSP}%-yks."
    assert format_points(Decimal("1.0"), "en") == f"+1.0{NBSP}percentage points"


def test_the_summary_names_the_largest_published_differences_in_catalogue_order_on_ties() -> None:
    publication = _publication_with_shares(
        {
            (2021, "M", "a"): Decimal("5.0"),
            (2021, STUDY_AREA, "a"): Decimal("7.0"),  # -2.0
            (2021, "M", "b"): Decimal("9.0"),
            (2021, STUDY_AREA, "b"): Decimal("7.0"),  # +2.0: a tie with a, after it
            (2021, "M", "c"): None,  # suppressed: never named
            (2021, STUDY_AREA, "c"): Decimal("1.0"),
            (2019, "M", "a"): Decimal("4.5"),
            (2019, "M", "b"): Decimal("9.0"),  # no change: not named
        }
    )
    found = largest_differences(publication, "M", STUDY_AREA, 2021, 2021)
    assert [(d.indicator.id, d.points) for d in found] == [("a", Decimal("-2.0")), ("b", Decimal("2.0"))]
    sentences = summary_sentences(publication, "M", "en")
    assert sentences == [
        f"Most different from the study area in 2021: alpha (5.0%, study area 7.0%, −2.0{NBSP}percentage points) "
        f"and beta (9.0%, study area 7.0%, +2.0{NBSP}percentage points).",
        f"Largest changes from 2019 to 2021: alpha (4.5% → 5.0%, +0.5{NBSP}percentage points).",
    ]
    empty = _publication_with_shares({})
    assert summary_sentences(empty, "M", "fi") == [TEXTS["summary_none"]["fi"]]


def test_plain_definitions_drop_codes_in_parentheses_in_finnish_and_swedish_only() -> None:
    text = "työtön (unemployed) tai lomautettu (laid_off), raja (jos muuttujassa low_income_threshold_eur annetaan) ja (ICD-10 F10)"
    assert plain(text, "fi") == "työtön tai lomautettu, raja ja (ICD-10 F10)"
    assert plain(text, "en") == text
    assert plain("i hela studieområdet och studieområdets familjer", "sv") == (
        "i hela undersökningsområdet och undersökningsområdets familjer"
    )


def test_the_study_areas_postcode_strips_are_one_labelled_panel_per_municipality() -> None:
    """A hand-made case: municipality A has one published postcode share and two suppressed,
    B's only area is suppressed; the suppressed are counted beside the panel, never placed."""
    svg = charts.strip_grid(
        charts.ChartText(
            "s", "Postcode areas", "en", "suppressed", value_axis="Share, %", reference_label="municipality's level"
        ),
        rows=["Low income"],
        panels=[
            charts.StripPanel("Alpha town", [charts.StripRow([2.0, None, None], 5.0)]),
            charts.StripPanel("Beta town", [charts.StripRow([None], None)]),
        ],
        point_label="postcode area",
    )
    assert ">Alpha town</text>" in svg and ">Beta town</text>" in svg and ">Low income</text>" in svg
    values = re.findall(r'<g id="s-mark-value-\d+">(.*?)</g>', svg, re.DOTALL)
    assert len(values) == 1 and values[0].count("<use") == 1  # the one published share
    assert len(re.findall(r'<g id="s-mark-reference-\d+">', svg)) == 1  # B's level is not drawn
    assert len(re.findall(r'<g id="s-mark-suppressed-\d+">', svg)) == 2  # a square beside each panel's row
    assert ">2</text>" in svg and ">1</text>" in svg and ">suppressed</text>" in svg


def test_a_long_name_in_the_trend_legend_is_wrapped_between_words_never_cut() -> None:
    svg = charts.trend_grid(
        charts.ChartText(
            "tr",
            "Utveckling",
            "sv",
            "skyddad",
            value_axis="Andel av barnfamiljerna, % (Barn utanför småbarnspedagogiken: av familjer med ett barn i åldern 3–5 år)",
            other_axis="År",
        ),
        years=[2019, 2021],
        panels=[
            (
                panel,
                [
                    charts.Series("Laihela", [1.0, 2.0], charts.AREA_COLOUR),
                    charts.Series("Hela undersökningsområdet", [None, 2.5], charts.STUDY_AREA_COLOUR),
                ],
            )
            for panel in ("A", "B")
        ],
    )
    assert ">Hela</text>" in svg and ">undersökningsområdet</text>" in svg
    # The long axis title is on two lines, each whole.
    assert ">Andel av barnfamiljerna, % (Barn utanför småbarnspedagogiken: av</text>" in svg


def test_the_indicators_axis_names_the_one_indicator_with_another_denominator() -> None:
    publication = _publication_with_shares({})
    assert indicator_axis(publication, "fi") == TEXTS["share_axis"]["fi"]
    publication.indicators.append(
        Indicator(
            "no_ecec", {"fi": "Lapsi ei varhaiskasvatuksessa", "sv": "Barn utanför", "en": "Child not in ECEC"}, {}
        )
    )
    assert indicator_axis(publication, "fi") == (
        "Osuus lapsiperheistä, % (Lapsi ei varhaiskasvatuksessa: perheistä, joissa on 3–5-vuotias lapsi)"
    )
    assert indicator_axis(publication, "sv").endswith("(Barn utanför: av familjer med ett barn i åldern 3–5 år)")
    assert indicator_axis(publication, "en") == (
        "Share of families with children, % (Child not in ECEC: of families with a child aged 3–5)"
    )
