"""The results report (`lea report`): made once per session from the default publication
(`default_build`) into a temporary folder by the real command line, then read back.

Checks: every page in every language exists and the index links them all; progress is
reported as pages done of pages; each page has its charts (inline SVG with a title and
data marks, a suppressed-entry in its legend), the eleven indicators in its language and
the suppression legend; every number of every table equals the publication's cell it
names (``data-cell``), formatted in the page's language, and every cell whose status is
not ``published`` shows only the word for suppressed, never a number; a publication in
which every cell of an area is suppressed still renders and says so; and in headless
Chromium every page loads with no console error, its charts drawn. The browser tests
skip, saying why, when Chromium is not installed.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from lea.report.model import LANGUAGES
from lea.report.texts import NBSP, TEXTS, parse_number

PROJECT = Path(__file__).resolve().parents[2]
AREAS = ("837", "980", "092", "609", "905", "399", "ALL")
CHROMIUM = Path("/usr/bin/chromium")
SUPPRESSED = {language: TEXTS["suppressed"][language] for language in LANGUAGES}
# (status column, decimals shown) of every value column the report shows.
VALUE_COLUMNS = {
    "families": ("families_status", 0),
    "families_with": ("families_with_status", 0),
    "share_pct": ("share_status", 1),
    "families_with_children": ("families_with_children_status", 0),
    "children": ("children_status", 0),
    "mean_children_per_family": ("mean_children_per_family_status", 2),
    "mean_moves_youngest_child": ("mean_moves_youngest_child_status", 2),
}
TABLE_KEYS = {
    "municipality_summary": ("municipality_code", None),
    "municipality_indicators": ("municipality_code", "indicator_id"),
    "postcode_indicators": ("postcode", "indicator_id"),
    "municipality_wellbeing_groups": ("municipality_code", "group_id"),
    "postcode_wellbeing_groups": ("postcode", "group_id"),
    "municipality_family_types": ("municipality_code", "type_id"),
}
CELL = re.compile(r'<td class="([a-z]+)" data-cell="([^"]+)">(.*?)</td>', re.DOTALL)


def run_report(publication: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.run(
        [sys.executable, "-m", "lea.cli", "report", "--publication", str(publication), "--out", str(out), *extra],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def report(default_build, tmp_path_factory):
    """The report of the default publication, made once by `lea report`: (folder, the run)."""
    out = tmp_path_factory.mktemp("report") / "report"
    run = run_report(default_build.publish, out)
    assert run.returncode == 0, run.stderr[-3000:]
    return out, run


@pytest.fixture(scope="module")
def pages(report) -> dict[tuple[str, str], str]:
    out, _ = report
    return {
        (language, area): (out / language / f"{area}.html").read_text(encoding="utf-8")
        for language in LANGUAGES
        for area in AREAS
    }


def published_cells(publish: Path) -> dict[str, tuple[float | None, str]]:
    """Every value of the tables the report shows, by the report's address
    ``table/year/area-or-postcode/key/column``: (value, status)."""
    import duckdb

    con = duckdb.connect(str(publish / "lea_publication.duckdb"), read_only=True)
    cells = {}
    try:
        for table, (first, second) in TABLE_KEYS.items():
            cursor = con.execute(f"select * from {table}")
            names = [column[0] for column in cursor.description]
            for values in cursor.fetchall():
                row = dict(zip(names, values))
                key = f"{table}/{row['year']}/{row[first]}/{row[second] if second else '-'}"
                for column, (status, _) in VALUE_COLUMNS.items():
                    if column in row:
                        cells[f"{key}/{column}"] = (row[column], row[status])
    finally:
        con.close()
    return cells


def check_cells(page: str, language: str, cells: dict[str, tuple[float | None, str]]) -> list[str]:
    """The problems of a page's table cells against the publication (empty: none)."""
    problems = []
    for kind, ref, shown in CELL.findall(page):
        shown = html.unescape(shown)
        value, status = cells[ref]
        decimals = VALUE_COLUMNS[ref.rsplit("/", 1)[1]][1]
        if status != "published":
            if kind != "suppressed" or shown != SUPPRESSED[language] or re.search(r"\d", shown):
                problems.append(f"{ref}: status {status} but shown {shown!r} ({kind})")
        elif kind != "num" or abs(parse_number(shown, language) - round(value, decimals)) > 1e-9:
            problems.append(f"{ref}: published {value} but shown {shown!r} ({kind})")
    return problems


def test_every_page_exists_and_the_index_links_each_of_them(report) -> None:
    out, _ = report
    index = (out / "index.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'href="([a-z]{2}/[0-9A-Z]+\.html)"', index))
    expected = {f"{language}/{area}.html" for language in LANGUAGES for area in AREAS}
    assert linked == expected
    assert all((out / page).is_file() for page in expected)
    assert not re.search(r'(src|href)="(https?:)?//', index), "the index must not load anything from a network"


def test_progress_is_reported_as_pages_done_of_pages(report) -> None:
    _, run = report
    assert "report: 1/21 pages" in run.stderr and "report: 21/21 pages" in run.stderr, run.stderr[-2000:]


def test_each_page_has_its_charts_the_eleven_indicators_and_the_suppression_legend(pages, default_build) -> None:
    import duckdb

    con = duckdb.connect(str(default_build.publish / "lea_publication.duckdb"), read_only=True)
    names = con.execute("select name_fi, name_sv, name_en from indicator_catalog").fetchall()
    con.close()
    assert len(names) == 11
    for (language, area), page in pages.items():
        where = f"{language}/{area}"
        assert f'<html lang="{language}">' in page, where
        assert not re.search(r'(src|href)="(https?:)?//', page), f"{where} loads from a network"
        assert "<script" not in page, where
        assert "all-suppressed" not in page, f"{where}: the default build publishes cells of every area"
        charts = re.findall(r'<svg role="img" aria-labelledby="([a-z-]+)-title".*?</svg>', page, re.DOTALL)
        assert set(charts) >= {
            "indicators",
            "trends",
            "groups",
            "family-types",
            "postcode-indicators",
            "postcode-groups",
        }, f"{where}: charts {charts}"
        for svg in re.findall(r'<svg role="img".*?</svg>', page, re.DOTALL):
            chart = re.search(r'aria-labelledby="([a-z-]+)-title"', svg).group(1)
            assert re.search(rf'<title id="{chart}-title">[^<]+</title>', svg), f"{where} {chart}: no title"
            assert f'id="{chart}-mark-value-' in svg, f"{where} {chart}: no data marks"
            assert f">{SUPPRESSED[language]}</text>" in svg or f"> {SUPPRESSED[language]}</text>" in svg, (
                f"{where} {chart}: no suppressed entry in the legend"
            )
            assert "<path" in svg and "<text" in svg, f"{where} {chart}"
        # Each chart has its data as a table right after it, inside the same figure.
        for figure in re.findall(r'<figure class="chart-figure".*?</figure>', page, re.DOTALL):
            assert "<svg" in figure and "<table>" in figure, where
        row_headers = {html.unescape(text) for text in re.findall(r'<th scope="row">(.*?)</th>', page)}
        position = {"fi": 0, "sv": 1, "en": 2}[language]
        missing = [row[position] for row in names if row[position] not in row_headers]
        assert not missing, f"{where}: indicators missing: {missing}"
        legend = re.search(r'<section id="suppression" class="suppression-legend">(.*?)</section>', page, re.DOTALL)
        assert legend and SUPPRESSED[language] in legend.group(1), f"{where}: no suppression legend"
        assert 'class="swatch-suppressed"' in legend.group(1), where


def test_the_numbers_of_every_page_are_the_publications_and_no_suppressed_cell_shows_a_number(
    pages,
    default_build,
) -> None:
    cells = published_cells(default_build.publish)
    seen_tables, checked, suppressed = set(), 0, 0
    for (language, area), page in pages.items():
        problems = check_cells(page, language, cells)
        assert not problems, f"{language}/{area}: {problems[:10]}"
        found = CELL.findall(page)
        checked += len(found)
        suppressed += sum(kind == "suppressed" for kind, _, _ in found)
        seen_tables |= {ref.split("/")[0] for _, ref, _ in found}
        # Every number in a table cell is bound to a publication cell.
        loose = re.findall(r'<td class="(?:num|suppressed)">', page)
        assert not loose, f"{language}/{area}: value cells without their publication address"
        # Any cell showing the word for suppressed holds only that word.
        for shown in re.findall(r'<td class="suppressed"[^>]*>(.*?)</td>', page):
            assert shown == SUPPRESSED[language], f"{language}/{area}: {shown!r}"
    assert seen_tables == set(TABLE_KEYS)
    assert checked > 10_000 and suppressed > 100, (checked, suppressed)


def test_numbers_are_formatted_in_the_page_language(pages, default_build) -> None:
    import duckdb

    con = duckdb.connect(str(default_build.publish / "lea_publication.duckdb"), read_only=True)
    ((share,),) = con.execute(
        "select share_pct from municipality_indicators where municipality_code = 'ALL' and indicator_id = 'single_parent'"
        " and year = (select max(year) from municipality_indicators)"
    ).fetchall()
    ((families,),) = con.execute(
        "select families_with_children from municipality_summary where municipality_code = 'ALL'"
        " and year = (select max(year) from municipality_summary)"
    ).fetchall()
    con.close()
    whole, tenth = f"{share:.1f}".split(".")
    assert f">{whole},{tenth}{NBSP}%</td>" in pages[("fi", "ALL")]
    assert f">{whole},{tenth}{NBSP}%</td>" in pages[("sv", "ALL")]
    assert f">{whole}.{tenth}%</td>" in pages[("en", "ALL")]
    assert f">{families:,}".replace(",", NBSP) + "</td>" in pages[("fi", "ALL")]
    assert f">{families:,}</td>" in pages[("en", "ALL")]
    assert "Pienituloinen perhe" in pages[("fi", "092")] and "Låginkomstfamilj" in pages[("sv", "092")]


def test_an_area_with_every_cell_suppressed_still_renders_and_says_so(default_build, tmp_path) -> None:
    """A hand-made publication: the default one with every cell of Laihia (399) and of its
    postcode areas suppressed, with the single status word `suppressed`."""
    import duckdb

    publish = tmp_path / "publish"
    publish.mkdir()
    shutil.copyfile(default_build.publish / "lea_publication.duckdb", publish / "lea_publication.duckdb")
    con = duckdb.connect(str(publish / "lea_publication.duckdb"))
    for table in TABLE_KEYS:
        columns = {
            row[0]
            for row in con.execute(
                "select column_name from information_schema.columns where table_name = ?", [table]
            ).fetchall()
        }
        sets = ", ".join(
            f"{column} = null, {status} = 'suppressed'"
            for column, (status, _) in VALUE_COLUMNS.items()
            if column in columns
        )
        con.execute(f"update {table} set {sets} where municipality_code = '399'")
    con.close()

    from lea.report import build_report

    result = build_report(publish, tmp_path / "report", areas=["399"], jobs=1, progress=False)
    assert len(result.pages) == 3
    index = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert set(re.findall(r'href="([a-z]{2}/[0-9A-Z]+\.html)"', index)) == {f"{lang}/399.html" for lang in LANGUAGES}
    cells = published_cells(publish)
    notice = {
        "fi": "Kaikki tämän alueen luvut on salattu",
        "sv": "Alla tal för detta område är skyddade",
        "en": "Every value of this area is suppressed",
    }
    for language in LANGUAGES:
        page = (tmp_path / "report" / language / "399.html").read_text(encoding="utf-8")
        assert 'class="notice all-suppressed"' in page and notice[language] in page, language
        assert not check_cells(page, language, cells)
        own = [(kind, ref) for kind, ref, _ in CELL.findall(page) if "/399/" in ref or "/664" in ref]
        assert own and all(kind == "suppressed" for kind, _ in own), language
        for chart in ("indicators", "trends", "groups", "postcode-indicators", "postcode-groups"):
            svg = re.search(rf'<svg role="img" aria-labelledby="{chart}-title".*?</svg>', page, re.DOTALL)
            assert svg and f'id="{chart}-mark-suppressed-' in svg.group(0), f"{language} {chart}"
        # No family type of the area is published: the page says so instead of a chart.
        assert 'aria-labelledby="family-types-title"' not in page
        assert TEXTS["family_types_few"][language].format(count=0) in page


browser = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"{CHROMIUM} is not installed (make browser installs Debian's chromium where it can: as root with apt-get)",
)


@browser
def test_chromium_renders_every_page_with_no_console_error_and_draws_the_charts(report) -> None:
    from lea.report.browser import Chromium

    out, _ = report
    with Chromium(str(CHROMIUM)) as chromium:
        assert chromium.open((out / "index.html").as_uri()) == []
        for language in LANGUAGES:
            for area in AREAS:
                page = out / language / f"{area}.html"
                errors = chromium.open(page.as_uri())
                assert errors == [], f"{language}/{area}: {errors}"
                drawn = chromium.evaluate(
                    "Array.from(document.querySelectorAll('svg.chart')).map(svg => {"
                    " const box = svg.getBoundingClientRect();"
                    ' return [box.width > 300 && box.height > 100, svg.querySelectorAll(\'[id*="-mark-value-"] path,'
                    ' path[id*="-mark-value-"], [id*="-mark-value-"] use\').length]; })'
                )
                assert len(drawn) >= 6 and all(ok and marks > 0 for ok, marks in drawn), f"{language}/{area}: {drawn}"


@browser
def test_pdf_prints_a_page(report, tmp_path) -> None:
    from lea.report.render import print_pdfs

    out, _ = report
    page = tmp_path / "399.html"
    shutil.copyfile(out / "fi" / "399.html", page)
    (pdf,) = print_pdfs([page], chromium=str(CHROMIUM), progress=False)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 50_000
