"""The documentation site in a real browser: headless Chromium renders the indicators.

Serves the static docs page of the default build of `make build` (`default_build`,
`target/static_index.html`) on localhost, opens it in Debian's Chromium (installed by
`make browser` from the distribution's packages, never downloaded by a test tool), and
checks the rendered DOM (scripts stripped, so the embedded manifest JSON does not count):
the indicator pages show every indicator's definition headed in Finnish, Swedish and
English. A screenshot of the indicator catalogue is saved next to the site
(`<target>/browser/indicator_catalog.png`) and checked not to be blank. Skips, saying
why, only when Chromium is not installed.
"""

from __future__ import annotations

import csv
import functools
import html
import re
import shutil
import struct
import subprocess
import threading
import zlib
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SEED_PAGE = "#!/seed/seed.lea.indicator_catalog"
PHENOMENA_PAGE = "#!/model/model.lea.int_family_phenomena"
HEADINGS = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"{CHROMIUM} is not installed (make browser installs Debian's chromium where it can: as root with apt-get)",
)


def indicator_names() -> list[dict[str, str]]:
    with open(PROJECT / "seeds" / "catalogs" / "indicator_catalog.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def site_url(default_build) -> Iterator[str]:
    """The docs site of the synthetic build on http://127.0.0.1:<free port>/static_index.html."""
    page = default_build.target / "static_index.html"
    assert page.exists(), "dbt docs generate --static did not write static_index.html"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(default_build.target)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/static_index.html"
    finally:
        server.shutdown()
        server.server_close()


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess:
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=15000",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)


def rendered_dom(url: str, profile: Path) -> str:
    """The DOM after the page has run, without <script> elements (the embedded JSON)."""
    run = chromium(profile, "--dump-dom", url)
    assert run.returncode == 0 and run.stdout, f"chromium failed ({run.returncode}):\n{run.stderr[-3000:]}"
    return re.sub(r"<script\b[^>]*>.*?</script>", "", run.stdout, flags=re.S | re.I)


def headings(dom: str, level: str = "h4") -> set[str]:
    return {
        html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
        for text in re.findall(rf"<{level}\b[^>]*>(.*?)</{level}>", dom, flags=re.S)
    }


def png_pixels(path: Path) -> tuple[int, int, bytes]:
    """Width, height and the decompressed scanlines (filter bytes included) of a PNG."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, width, height, idat = 8, 0, 0, b""
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        chunk = data[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            idat += chunk
        position += 12 + length
    return width, height, zlib.decompress(idat)


def test_indicator_catalogue_page_renders_every_indicator_in_three_languages(site_url, tmp_path) -> None:
    dom = rendered_dom(site_url + SEED_PAGE, tmp_path / "profile")
    assert "indicator_catalog" in dom
    shown = headings(dom)
    missing = [
        f"{HEADINGS[language]}: {row[f'name_{language}']}"
        for row in indicator_names()
        for language in HEADINGS
        if f"{HEADINGS[language]}: {row[f'name_{language}']}" not in shown
    ]
    assert not missing, f"not rendered on the indicator_catalog page: {missing}"
    # The parts of a definition are rendered as list items with bold labels, in each language.
    for label in (
        "Määritelmä:",
        "Osoittaja:",
        "Nimittäjä:",
        "Täljare:",
        "Nämnare:",
        "Numerator:",
        "Denominator:",
        "Tietosuoja:",
        "Röjandeskydd:",
        "Suppression:",
    ):
        assert f"<strong>{label}</strong>" in dom, label


def test_int_family_phenomena_page_renders_the_indicator_columns(site_url, tmp_path) -> None:
    dom = rendered_dom(site_url + PHENOMENA_PAGE, tmp_path / "profile")
    shown = headings(dom)
    low_income = next(row for row in indicator_names() if row["indicator_id"] == "low_income")
    for language in HEADINGS:
        assert f"{HEADINGS[language]}: {low_income[f'name_{language}']}" in shown, language


def test_screenshot_of_the_indicator_catalogue_is_not_blank(site_url, default_build, tmp_path) -> None:
    shot = tmp_path / "indicator_catalog.png"
    run = chromium(
        tmp_path / "profile",
        "--hide-scrollbars",
        f"--screenshot={shot}",
        "--window-size=1400,1000",
        site_url + SEED_PAGE,
    )
    assert run.returncode == 0 and shot.exists(), f"no screenshot ({run.returncode}):\n{run.stderr[-3000:]}"
    kept = default_build.target / "browser" / "indicator_catalog.png"
    kept.parent.mkdir(exist_ok=True)
    shutil.copyfile(shot, kept)
    print(f"screenshot of the docs site: {kept}")
    width, height, pixels = png_pixels(shot)
    assert (width, height) == (1400, 1000)
    assert shot.stat().st_size > 30_000, "the screenshot is suspiciously small (a blank page compresses to a few kB)"
    non_white = sum(1 for byte in pixels if byte < 200)
    assert non_white > len(pixels) // 100, "the screenshot is (nearly) blank: less than 1 % dark bytes"
    assert len(set(pixels)) > 64, "the screenshot has too few distinct values to hold rendered text"


def test_overview_page_introduces_the_project_to_a_newcomer(site_url, tmp_path) -> None:
    dom = rendered_dom(site_url + "#!/overview", tmp_path / "profile")
    sections = headings(dom, "h2")
    for section in (
        "Start here",
        "The eleven phenomena (indicators)",
        "The layers",
        "Families",
        "Typology",
        "Disclosure control",
        "The published tables",
    ):
        assert section in sections, f"overview section {section!r} not rendered; got {sorted(sections)}"
    cells = {html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td\b[^>]*>(.*?)</td>", dom, re.S)}
    for row in indicator_names():
        assert {row["name_fi"], row["name_sv"], row["name_en"]} <= cells, row["indicator_id"]
