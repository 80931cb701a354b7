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
from decimal import Decimal
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
    # Two key columns: the page's address joins them with a colon (structure:mother, T001:low_income).
    "municipality_profile": ("municipality_code", ("breakdown", "category")),
    "municipality_family_type_indicators": ("municipality_code", ("type_id", "indicator_id")),
}
CELL = re.compile(r'<td class="([a-z]+)" data-cell="([^"]+)"[^>]*>(.*?)</td>', re.DOTALL)
CHANGE = re.compile(r'<td class="([a-z]+)" data-change="([^" ]+) ([^"]+)"[^>]*>(.*?)</td>', re.DOTALL)


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
                row = dict(zip(names, values, strict=True))
                if isinstance(second, tuple):
                    detail = ":".join(str(row[column]) for column in second)
                else:
                    detail = str(row[second]) if second else "-"
                key = f"{table}/{row['year']}/{row[first]}/{detail}"
                for column, (status, _) in VALUE_COLUMNS.items():
                    if column in row:
                        cells[f"{key}/{column}"] = (row[column], row[status])
    finally:
        con.close()
    return cells


@pytest.fixture(scope="module")
def cells(default_build) -> dict[str, tuple[float | None, str]]:
    """The default publication's cells, read once for the module."""
    return published_cells(default_build.publish)


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
        elif kind != "num" or abs(parse_number(shown, language) - round(float(value), decimals)) > 1e-9:
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
        expected = {"indicators", "trends", "profile", "groups", "postcode-indicators", "postcode-groups"}
        assert set(charts) >= expected | ({"comparison"} if area == "ALL" else set()), f"{where}: charts {charts}"
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
            assert "<svg" in figure and re.search(r"<table( class=\"[a-z ]+\")?>", figure), where
        row_headers = {html.unescape(text) for text in re.findall(r'<th scope="row">(.*?)</th>', page)}
        position = {"fi": 0, "sv": 1, "en": 2}[language]
        missing = [row[position] for row in names if row[position] not in row_headers]
        assert not missing, f"{where}: indicators missing: {missing}"
        legend = re.search(r'<section id="suppression" class="suppression-legend">(.*?)</section>', page, re.DOTALL)
        assert legend and SUPPRESSED[language] in legend.group(1), f"{where}: no suppression legend"
        assert 'class="swatch-suppressed"' in legend.group(1), where


def test_the_numbers_of_every_page_are_the_publications_and_no_suppressed_cell_shows_a_number(pages, cells) -> None:
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


@pytest.fixture(scope="module")
def extract_publication(default_build, tmp_path_factory) -> Path:
    """A hand-made publication: the default one with every cell of Laihia (399) and of its
    postcode areas suppressed, with the single status word `suppressed`, and whose
    publication_info says its landing files are register extracts (no synthetic metadata)."""
    import duckdb

    publish = tmp_path_factory.mktemp("extract") / "publish"
    publish.mkdir()
    shutil.copyfile(default_build.publish / "lea_publication.duckdb", publish / "lea_publication.duckdb")
    with duckdb.connect(str(publish / "lea_publication.duckdb")) as con:
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
            if sets:
                con.execute(f"update {table} set {sets} where municipality_code = '399'")
        con.execute(
            "update publication_info set data_origin = 'landing_files', synthetic_generator = null, "
            "synthetic_seed = null"
        )
    return publish


@pytest.fixture(scope="module")
def extract_report(extract_publication, tmp_path_factory) -> Path:
    """Laihia's pages of the hand-made publication, by build_report (one worker)."""
    from lea.report import RenderOptions, build_report

    out = tmp_path_factory.mktemp("extract-report") / "report"
    result = build_report(extract_publication, out, RenderOptions(jobs=1, progress=False), areas=["399"])
    assert len(result.pages) == 3
    return out


def test_an_area_with_every_cell_suppressed_still_renders_and_says_so(extract_publication, extract_report) -> None:
    index = (extract_report / "index.html").read_text(encoding="utf-8")
    assert set(re.findall(r'href="([a-z]{2}/[0-9A-Z]+\.html)"', index)) == {f"{lang}/399.html" for lang in LANGUAGES}
    cells = published_cells(extract_publication)
    notice = {
        "fi": "Kaikki tämän alueen luvut on salattu",
        "sv": "Alla tal för detta område är skyddade",
        "en": "Every value of this area is suppressed",
    }
    for language in LANGUAGES:
        page = (extract_report / language / "399.html").read_text(encoding="utf-8")
        assert 'class="notice all-suppressed"' in page and notice[language] in page, language
        assert not check_cells(page, language, cells)
        own = [(kind, ref) for kind, ref, _ in CELL.findall(page) if "/399/" in ref or "/664" in ref]
        assert own and all(kind == "suppressed" for kind, _ in own), language
        for chart in ("indicators", "trends", "profile", "groups", "postcode-indicators", "postcode-groups"):
            svg = re.search(rf'<svg role="img" aria-labelledby="{chart}-title".*?</svg>', page, re.DOTALL)
            assert svg and f'id="{chart}-mark-suppressed-' in svg.group(0), f"{language} {chart}"
        # No family type of the area is published: the heat table says so instead.
        assert TEXTS["heat_none"][language] in html.unescape(page)
        assert TEXTS["summary_none"][language] in html.unescape(page)


# Words of the database that a Finnish or Swedish reader must not meet (issue 25).
DATABASE_WORDS = re.compile(
    r"families_with|share_pct|share_status|_status\b|\bNULL\b|\bsuppressed\b|municipality_code|indicator_id"
    r"|\b[a-z]+_[a-z_]+\b(?!\.)"
)


def visible_text(page: str) -> str:
    """What a reader sees: the page without its style, tags and SVG markup (chart text kept)."""
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.DOTALL)
    page = re.sub(r"<(?:path|use|clipPath|defs|g)\b[^>]*>", " ", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def number_values(text: str, language: str) -> list[float]:
    """Every number written in a text, as the page's language writes it."""
    pattern = r"[−+-]?\d+(?:\u00a0\d{3})*(?:,\d+)?" if language in ("fi", "sv") else r"[−+-]?\d[\d,]*(?:\.\d+)?"
    return [parse_number(found, language) for found in re.findall(pattern, text)]


def test_finnish_and_swedish_pages_have_no_database_words(pages) -> None:
    for (language, area), page in pages.items():
        if language == "en":
            continue
        found = sorted(set(DATABASE_WORDS.findall(visible_text(page))))
        assert not found, f"{language}/{area}: {found}"
    # One word for the study area in Swedish.
    assert all("studieområd" not in visible_text(page) for (language, _), page in pages.items() if language == "sv")
    # The check can fail: a page with a column name in it is caught.
    assert DATABASE_WORDS.findall(visible_text("<p>osuus share_pct ja families_with</p>"))


def test_changes_are_differences_of_two_published_shares_and_suppressed_otherwise(report, pages, cells):
    out, _ = report
    index = (out / "index.html").read_text(encoding="utf-8")
    checked = 0
    for where, page, language in [("index", index, "fi")] + [
        (f"{language}/ALL", pages[(language, "ALL")], language) for language in LANGUAGES
    ]:
        found = CHANGE.findall(page)
        assert len(found) >= 7 * 11, f"{where}: {len(found)} changes"
        for kind, first_ref, last_ref, shown in found:
            (first, first_status), (last, last_status) = cells[first_ref], cells[last_ref]
            if first_status != "published" or last_status != "published":
                assert kind == "suppressed" and not re.search(r"\d", shown), (where, first_ref, shown)
                continue
            expected = Decimal(str(last)) - Decimal(str(first))
            points = Decimal(str(parse_number(shown.split("\u00a0")[0], language)))
            assert kind == "change" and points == expected, (where, first_ref, shown, expected)
            checked += 1
    assert checked >= 4 * 7 * 11


def test_the_index_and_the_study_area_page_compare_the_municipalities(report, pages, cells) -> None:
    out, _ = report
    index = (out / "index.html").read_text(encoding="utf-8")
    for language in LANGUAGES:
        svg = re.search(rf'<svg role="img" aria-labelledby="comparison-{language}-title".*?</svg>', index, re.DOTALL)
        assert svg and f'id="comparison-{language}-mark-value-' in svg.group(0), language
    assert not check_cells(index, "fi", cells)
    page = pages[("fi", "ALL")]
    table = re.search(r'<section id="comparison">.*?</section>', page, re.DOTALL)
    assert table, "no comparison on the study-area page"
    columns = re.findall(r'<th scope="col">(.*?)</th>', table.group(0))
    assert [c for c in columns if c != "muutos"][1:] == [
        "Tampere",
        "Ylöjärvi",
        "Vantaa",
        "Pori",
        "Vaasa",
        "Laihia",
        "Koko tutkimusalue",
    ]
    assert len(re.findall(r"<tr><th scope=\"row\">", table.group(0))) == 11


def test_each_municipality_page_opens_with_a_summary_whose_numbers_are_all_published(pages, cells) -> None:
    for (language, area), page in pages.items():
        section = re.search(r'<section id="summary" class="summary">(.*?)</section>', page, re.DOTALL)
        if area == "ALL":
            assert section is None
            continue
        assert section, f"{language}/{area}: no summary"
        own = {
            ref: value
            for ref, (value, status) in cells.items()
            if status == "published" and value is not None and (f"/{area}/" in ref or "/ALL/" in ref)
        }
        # The distinct shares (a few hundred, not thousands of cells): their differences.
        shares = {Decimal(str(value)) for ref, value in own.items() if ref.endswith("/share_pct")}
        allowed = {Decimal(str(value)) for value in own.values()}
        allowed |= {a - b for a in shares for b in shares}
        allowed |= {Decimal(year) for year in (2019, 2020, 2021)} | {Decimal(18)}  # the years, the age limit
        text = visible_text(section.group(1))
        numbers = number_values(text, language)
        assert len(numbers) >= 10, f"{language}/{area}: {text}"
        strange = [n for n in numbers if Decimal(str(n)) not in allowed and Decimal(str(abs(n))) not in allowed]
        assert not strange, f"{language}/{area}: numbers not in the publication: {strange} in {text}"


def test_the_profile_and_the_family_type_by_indicator_sections(pages) -> None:
    for (language, area), page in pages.items():
        for section in ("profile", "family-types", "type-indicators"):
            assert f'<section id="{section}">' in page, f"{language}/{area}: {section}"
        heat = re.search(r'<section id="type-indicators">.*?</section>', page, re.DOTALL).group(0)
        refs = re.findall(r'data-cell="municipality_family_type_indicators/[^"]+"', heat)
        assert len(refs) >= 11 * 10, f"{language}/{area}: {len(refs)} heat cells"
        assert 'class="suppressed"' in heat and 'style="background: rgba(' in heat, f"{language}/{area}"
        types = re.search(r'<section id="family-types">.*?</section>', page, re.DOTALL).group(0)
        assert len(re.findall(r'data-cell="municipality_family_types/[^"]+/families"', types)) == 100
        assert len(re.findall(r"<caption>", types)) == 4, "one table per family structure"


def test_every_page_has_contents_a_provenance_footer_and_a_synthetic_banner(pages, report) -> None:
    out, _ = report
    for (language, area), page in pages.items():
        assert 'nav class="contents"' in page and 'href="#summary"' in page or area == "ALL", (language, area)
        assert '<footer id="provenance" class="provenance">' in page, (language, area)
        assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", page), (language, area)
        assert 'class="banner synthetic"' in page and TEXTS["synthetic_banner"][language].format(seed=1) in page
        # Every chart links to the one section on suppression.
        figures = re.findall(r'<figure class="chart-figure".*?</figure>', page, re.DOTALL)
        assert figures and all('href="#suppression"' in figure for figure in figures), (language, area)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count('class="banner synthetic"') == 3 and index.count('class="provenance"') == 3


def test_a_publication_from_register_extracts_has_no_banner(extract_publication, extract_report) -> None:
    import duckdb

    with duckdb.connect(str(extract_publication / "lea_publication.duckdb"), read_only=True) as con:
        (sha,) = con.execute("select landing_sha256 from publication_info").fetchone()
    for language in LANGUAGES:
        page = (extract_report / language / "399.html").read_text(encoding="utf-8")
        assert "banner synthetic" not in page, language
        assert sha in page and len(sha) == 64, language
    index = (extract_report / "index.html").read_text(encoding="utf-8")
    assert "banner synthetic" not in index


browser = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"{CHROMIUM} is not installed (make browser installs Debian's chromium where it can: as root with apt-get)",
)


# The frames (a chart's figure, a table's wrapper) wider than their box, and how far the page
# itself scrolls sideways.
OVERFLOW = (
    "JSON.stringify({page: document.documentElement.scrollWidth - window.innerWidth,"
    " tables: Array.from(document.querySelectorAll('.table-wrap')).filter(e => e.scrollWidth > e.clientWidth + 1)"
    ".map(e => (e.closest('section') || {}).id + ': ' + e.scrollWidth + ' > ' + e.clientWidth)})"
)


def _viewport(chromium, width: int) -> None:
    chromium.call(
        "Emulation.setDeviceMetricsOverride",
        session=chromium.session,
        width=width,
        height=900,
        deviceScaleFactor=1,
        mobile=False,
    )


@pytest.fixture(scope="module")
def chromium():
    """One headless Chromium for the module's browser tests."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (make browser installs Debian's chromium where it can)")
    from lea.report.browser import Chromium

    with Chromium(str(CHROMIUM)) as browser:
        yield browser


@browser
def test_chromium_renders_every_page_with_no_console_error_and_draws_the_charts(report, chromium) -> None:
    """Every page loads with no console error and its charts drawn; at 1,280 px no table
    scrolls sideways and the page does not; at 390 px a frame may scroll, the page not."""
    import json

    out, _ = report
    _viewport(chromium, 1280)
    assert chromium.open((out / "index.html").as_uri()) == []
    assert json.loads(chromium.evaluate(OVERFLOW)) == {"page": 0, "tables": []}, "index at 1280 px"
    _viewport(chromium, 390)
    assert json.loads(chromium.evaluate(OVERFLOW))["page"] == 0, "index at 390 px"
    for language in LANGUAGES:
        for area in AREAS:
            page = out / language / f"{area}.html"
            _viewport(chromium, 1280)
            errors = chromium.open(page.as_uri())
            assert errors == [], f"{language}/{area}: {errors}"
            drawn = chromium.evaluate(
                "Array.from(document.querySelectorAll('svg.chart')).map(svg => {"
                " const box = svg.getBoundingClientRect();"
                ' return [box.width > 300 && box.height > 100, svg.querySelectorAll(\'[id*="-mark-value-"] path,'
                ' path[id*="-mark-value-"], [id*="-mark-value-"] use\').length]; })'
            )
            assert len(drawn) >= 6 and all(ok and marks > 0 for ok, marks in drawn), f"{language}/{area}: {drawn}"
            wide = json.loads(chromium.evaluate(OVERFLOW))
            assert wide == {"page": 0, "tables": []}, f"{language}/{area} at 1280 px: {wide}"
            _viewport(chromium, 390)  # the same page, laid out again for a phone
            narrow = json.loads(chromium.evaluate(OVERFLOW))
            assert narrow["page"] == 0, f"{language}/{area} at 390 px: the page scrolls sideways ({narrow})"


@browser
def test_pdf_prints_a_page(report, chromium, tmp_path) -> None:
    """A page printed to PDF by the module's browser: its first three A4 pages (the whole page
    prints to dozens, which only took time)."""
    from lea.report.render import print_pdfs

    out, _ = report
    page = tmp_path / "399.html"
    shutil.copyfile(out / "fi" / "399.html", page)
    (pdf,) = print_pdfs([page], browser=chromium, progress=False, page_ranges="1-3")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 50_000
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) == 3
