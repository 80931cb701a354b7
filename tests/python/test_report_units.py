"""The report's pure parts: number formats per language, the SVG of a chart with a
suppressed value, and how statuses are read (anything but `published` is suppressed)."""

from __future__ import annotations

import re

from lea.report import charts
from lea.report.model import Value
from lea.report.texts import NBSP, format_number, format_percent, parse_number


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
        chart_id="t",
        title="Test",
        categories=["a", "b"],
        series=[charts.Series("area", [3.5, None], charts.AREA_COLOUR)],
        value_axis="%",
        category_axis="x",
        language="fi",
        suppressed_label="salattu",
    )
    assert svg.startswith("<svg ") and '<title id="t-title">Test</title>' in svg
    assert len(re.findall(r'id="t-mark-value-\d+"', svg)) == 1
    assert len(re.findall(r'id="t-mark-suppressed-\d+"', svg)) == 1
    assert "3,5" in svg and " salattu</text>" in svg
    # Every id is the chart's own (several charts share a page).
    assert all(identifier.startswith("t-") for identifier in re.findall(r'\bid="([^"]+)"', svg))
