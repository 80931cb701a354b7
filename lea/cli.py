"""Command line: `lea synth …` writes synthetic register extracts; `lea report …` writes the
results report (static HTML, and PDF with --pdf) from the publication."""

from __future__ import annotations

import argparse
import os
import sys

from lea.private_files import restrict_umask


def _years(text: str) -> tuple[int, int]:
    first, _, last = text.partition("-")
    try:
        start, end = int(first), int(last or first)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"--years takes FIRST-LAST, e.g. 2017-2021, not {text!r}") from error
    if start > end:
        raise argparse.ArgumentTypeError(f"--years {text}: the first year is after the last")
    return start, end


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lea", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    synth = commands.add_parser(
        "synth",
        help="write synthetic register extracts that meet the landing contract",
    )
    synth.add_argument(
        "--families", type=int, required=True, help="families with children in the six study municipalities"
    )
    synth.add_argument("--seed", type=int, default=1, help="random seed (same seed, same files)")
    synth.add_argument("--out", required=True, help="landing directory to write")
    synth.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    synth.add_argument(
        "--years",
        type=_years,
        default=(2017, 2021),
        help="history from 1 Jan of the first year to 31 Dec of the last (default 2017-2021)",
    )
    synth.add_argument(
        "--bad-row-share",
        type=float,
        default=0.0,
        help="share of rows of every table to replace by bad rows of every kind (tests)",
    )
    synth.add_argument(
        "--truth",
        default=None,
        metavar="DIR",
        help="also write the generator's truth here (intended_families.parquet, bad_rows.parquet);"
        " never the landing directory",
    )
    synth.add_argument(
        "--volume",
        choices=("phenomena", "full"),
        default="phenomena",
        help="phenomena (default): only the visits and purchases the phenomena need;"
        " full: every visit and reimbursed purchase at real per-person-year rates",
    )
    synth.add_argument("--no-progress", action="store_true", help="no progress bar")
    report = commands.add_parser(
        "report",
        help="write the results report (HTML per municipality and language, PDF with --pdf) from the publication",
    )
    report.add_argument(
        "--publication",
        default=None,
        metavar="DIR",
        help="the publication to read (default: LEA_PUBLISH_DIR, else data/publish)",
    )
    report.add_argument(
        "--out", default="data/report", metavar="DIR", help="folder to write (replaced; default data/report)"
    )
    report.add_argument("--pdf", action="store_true", help="also print every page to a PDF with headless Chromium")
    report.add_argument("--jobs", type=int, default=None, help="worker processes (default: 2, or 1 on one core)")
    report.add_argument("--no-progress", action="store_true", help="no progress on stderr")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "synth":
        restrict_umask()  # publication.md, rule 7: what lea writes is for its owner only
        from lea.synth import generate  # imported here: the CLI stays fast to start

        generate(
            families=args.families,
            seed=args.seed,
            out_dir=args.out,
            file_format=args.format,
            years=args.years,
            bad_row_share=args.bad_row_share,
            progress=not args.no_progress and sys.stderr.isatty(),
            truth_dir=args.truth,
            volume=args.volume,
        )
    elif args.command == "report":
        from lea.report import RenderOptions, build_report

        publication = args.publication or os.environ.get("LEA_PUBLISH_DIR") or "data/publish"
        try:
            options = RenderOptions(pdf=args.pdf, jobs=args.jobs, progress=not args.no_progress)
            result = build_report(publication, args.out, options)
        except (FileNotFoundError, ValueError) as problem:
            print(f"lea report: {problem}", file=sys.stderr)
            return 2
        what = f"{len(result.pages)} pages" + (f" and {len(result.pdfs)} PDFs" if result.pdfs else "")
        print(f"report: {what} in {result.out_dir}/ ({result.seconds:.1f} s); open {result.out_dir}/index.html")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
