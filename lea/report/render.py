"""Write the report: ``<out>/index.html`` and ``<out>/<lang>/<area>.html`` for every
language and area of the publication, and with ``pdf=True`` a PDF of each page printed by
headless Chromium. Pages are rendered in up to ``jobs`` worker processes (matplotlib is
single-threaded); progress goes to stderr as pages done of pages."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from lea.report.model import LANGUAGES, Publication, load_publication
from lea.report.texts import text

if TYPE_CHECKING:
    from lea.report.browser import Chromium

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=False,
        lstrip_blocks=False,
        undefined=jinja2.StrictUndefined,
    )


@lru_cache(maxsize=1)
def _css() -> str:
    return (TEMPLATES / "style.css").read_text(encoding="utf-8")


def render_page(publication: Publication, area_code: str, language: str) -> str:
    """One area page in one language, as a whole HTML document."""
    from lea.report.pages import build_page

    page = build_page(publication, area_code, language)
    template = _environment().get_template("page.html.j2")
    return template.render(page=page, css=_css(), t=lambda key, **values: text(key, language, **values))


def render_index(publication: Publication, codes: list[str] | None = None, pdf: bool = False) -> str:
    from lea.report.pages import area_name, banner, comparison, provenance_lines

    rows = [
        {
            "links": [
                {
                    "href": f"{language}/{area.code}.html",
                    "language": language,
                    "name": f"{area_name(area, language)}" + (f" ({area.code})" if area.code.isdigit() else ""),
                }
                for language in LANGUAGES
            ],
            "pdfs": [{"href": f"{language}/{area.code}.pdf", "language": language} for language in LANGUAGES],
        }
        for area in publication.areas
        if codes is None or area.code in codes
    ]
    return (
        _environment()
        .get_template("index.html.j2")
        .render(
            css=_css(),
            year=publication.latest_year,
            pdf=pdf,
            rows=rows,
            titles=[text("report_title", language) for language in LANGUAGES],
            intros=[(language, text("index_intro", language)) for language in LANGUAGES],
            headers=[(language, f"{text('language_name', language)}") for language in LANGUAGES],
            # The comparison of the municipalities in each language: Finnish open, the others folded.
            comparisons=[
                (language, comparison(publication, language, f"comparison-{language}")) for language in LANGUAGES
            ]
            if codes is None or len(codes) > 1
            else [],
            banners=[(language, banner(publication, language)) for language in LANGUAGES],
            provenance=[(language, provenance_lines(publication, language)) for language in LANGUAGES],
            provenance_titles=[(language, text("provenance_title", language)) for language in LANGUAGES],
            chart_data={language: text("chart_data", language) for language in LANGUAGES},
            source_note=" ".join(
                text(
                    "source_note",
                    language,
                    file="lea_publication.duckdb",
                    first=publication.years[0],
                    last=publication.years[-1],
                )
                for language in LANGUAGES
            ),
        )
    )


# Worker processes load the publication themselves once (a read-only connection each).
_WORKER_PUBLICATION: Publication | None = None


def _init_worker(publish_dir: str) -> None:
    global _WORKER_PUBLICATION
    _WORKER_PUBLICATION = load_publication(publish_dir)


def _write_page(out_dir: str, area_code: str, language: str) -> str:
    if _WORKER_PUBLICATION is None:
        raise RuntimeError("a report worker process was started without its publication (see _init_worker)")
    return _write(Path(out_dir), _WORKER_PUBLICATION, area_code, language)


def _write(out_dir: Path, publication: Publication, area_code: str, language: str) -> str:
    path = out_dir / language / f"{area_code}.html"
    path.write_text(render_page(publication, area_code, language), encoding="utf-8")
    return f"{language}/{area_code}.html"


@dataclass(frozen=True)
class ReportResult:
    out_dir: Path
    pages: list[Path]
    pdfs: list[Path]
    seconds: float


class Progress:
    """'report: 5/21 pages (fi/092.html)' on stderr: one updated line on a terminal, a line
    per page otherwise (logs)."""

    def __init__(self, total: int, what: str, stream: TextIO | None = None) -> None:
        self.total, self.done, self.what = total, 0, what
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()

    def step(self, name: str) -> None:
        self.done += 1
        line = f"report: {self.done}/{self.total} {self.what} ({name})"
        if self.tty:
            self.stream.write("\r\033[K" + line + ("\n" if self.done == self.total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


@dataclass(frozen=True)
class RenderOptions:
    """How the report is made: a PDF of every page too, the worker processes (None: up to
    two), progress on stderr, and the Chromium to print with (None: found on the PATH)."""

    pdf: bool = False
    jobs: int | None = None
    progress: bool = True
    chromium: str | None = None


def build_report(
    publish_dir: str | Path,
    out_dir: str | Path,
    options: RenderOptions | None = None,
    areas: list[str] | None = None,
) -> ReportResult:
    """Render the report of the publication in ``publish_dir`` into ``out_dir`` (replaced),
    for every area or only `areas`."""
    options = options or RenderOptions()
    started = time.monotonic()
    publication = load_publication(publish_dir)
    out = Path(out_dir)
    codes = [area.code for area in publication.areas if areas is None or area.code in areas]
    tasks = [(code, language) for language in LANGUAGES for code in codes]
    # Write into a fresh sibling folder and swap it in, so a reader never sees half a report.
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    staging.chmod(0o755)  # like the publication it is made from: for readers
    for language in LANGUAGES:
        (staging / language).mkdir()
    try:
        pdfs = _render_into(staging, publication, publish_dir, tasks, options)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    pages = [staging / language / f"{code}.html" for code, language in tasks]
    _swap(staging, out)
    return ReportResult(
        out,
        [out / page.relative_to(staging) for page in pages],
        [out / pdf.relative_to(staging) for pdf in pdfs],
        time.monotonic() - started,
    )


def _render_into(
    staging: Path,
    publication: Publication,
    publish_dir: str | Path,
    tasks: list[tuple[str, str]],
    options: RenderOptions,
) -> list[Path]:
    """Every page of `tasks` (area code, language) and the index into `staging`; the PDFs."""
    meter = Progress(len(tasks), "pages") if options.progress else None
    workers = max(1, min(options.jobs or min(2, os.cpu_count() or 1), len(tasks)))
    if workers == 1:
        for code, language in tasks:
            name = _write(staging, publication, code, language)
            if meter:
                meter.step(name)
    else:
        context = get_context("forkserver" if sys.platform.startswith("linux") else "spawn")
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_init_worker, initargs=(str(publish_dir),)
        ) as pool:
            futures = [pool.submit(_write_page, str(staging), code, language) for code, language in tasks]
            for future in as_completed(futures):
                name = future.result()
                if meter:
                    meter.step(name)
    codes = list(dict.fromkeys(code for code, _ in tasks))
    (staging / "index.html").write_text(render_index(publication, codes, pdf=options.pdf), encoding="utf-8")
    if not options.pdf:
        return []
    pages = [staging / language / f"{code}.html" for code, language in tasks]
    return print_pdfs(pages, chromium=options.chromium, progress=options.progress)


def _swap(staging: Path, out: Path) -> None:
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        out.rename(old)
    staging.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def print_pdfs(
    pages: list[Path],
    *,
    chromium: str | None = None,
    progress: bool = True,
    browser: Chromium | None = None,
    page_ranges: str = "",
) -> list[Path]:
    """Print every page to a PDF beside it (``<lang>/<area>.pdf``, A4) with one headless
    Chromium: ``browser`` when given (left open), else one started here. ``page_ranges``
    ("1-2"): only those printed pages (all when empty)."""
    if browser is not None:
        return _print_with(browser, pages, progress, page_ranges)
    from lea.report.browser import Chromium

    with Chromium(chromium) as started:
        return _print_with(started, pages, progress, page_ranges)


def _print_with(browser: Chromium, pages: list[Path], progress: bool, page_ranges: str) -> list[Path]:
    meter = Progress(len(pages), "PDFs") if progress else None
    pdfs = []
    for page in pages:
        errors = browser.open(page.resolve().as_uri())
        if errors:
            raise RuntimeError(f"{page}: the browser reported errors: {errors}")
        pdf = page.with_suffix(".pdf")
        browser.pdf(pdf, page_ranges)
        pdfs.append(pdf)
        if meter:
            meter.step(f"{pdf.parent.name}/{pdf.name}")
    return pdfs
