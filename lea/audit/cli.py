"""The command line: `python -m lea.audit PUBLICATION.duckdb [--build BUILD.duckdb] ...`
(`main --help`); with `--previous`, the releases read together (lea.audit_releases)."""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb

import lea.audit
from lea.audit.model import CellInterval
from lea.audit.report import format_suppression_report, suppression_report
from lea.audit.solve import audit, failing_cells


def main(argv: list[str] | None = None) -> int:
    """`python -m lea.audit PUBLICATION.duckdb [--build BUILD.duckdb] [--schema main]
    [--previous OLD.duckdb [--previous-build OLD_BUILD.duckdb]] ... [--allow-revisions]`"""
    description = (lea.audit.__doc__ or "").split("\n")[0]
    parser = argparse.ArgumentParser(prog="python -m lea.audit", description=description)
    parser.add_argument("publication")
    parser.add_argument("--schema", default="main")
    parser.add_argument(
        "--build",
        help="build database: which cells are primary (else every suppressed count is "
        "attacked) and the residuals (families at no ordinary postcode, known)",
    )
    parser.add_argument(
        "--previous",
        action="append",
        default=[],
        help="an earlier publication (repeatable): the years it shares with PUBLICATION are attacked "
        "as one model with its numbers and its own family types (lea.audit_releases)",
    )
    parser.add_argument(
        "--previous-build",
        action="append",
        default=[],
        help="the build database of each --previous, in the same order: its primary cells are attacked too",
    )
    parser.add_argument(
        "--allow-revisions",
        action="store_true",
        help="a cell published with different values by two releases: attack each release of that year "
        "alone (else the audit stops, naming the revised cells)",
    )
    parser.add_argument("--year", type=int, action="append", help="attack only this year (repeatable)")
    parser.add_argument(
        "--area", action="append", help="attack only this area's primary cells, e.g. M905, ALL, P65100 (repeatable)"
    )
    parser.add_argument(
        "--population",
        action="store_true",
        help="attack with the population attacker (lea.audit_population: an LP over families per area "
        "and profile) instead of the relations",
    )
    parser.add_argument("--min-cell-size", type=int, default=5)
    parser.add_argument("--report", action="store_true", help="print the over-suppression report (Markdown)")
    args = parser.parse_args(argv)
    if args.previous_build and len(args.previous_build) != len(args.previous):
        parser.error("give --previous-build for every --previous, in the same order, or for none")
    if args.report:
        with duckdb.connect(str(args.publication), read_only=True) as connection:
            print(format_suppression_report(suppression_report(connection, args.schema)))
    intervals: list[CellInterval] | None
    if args.population:
        intervals = _audit_population(args)
    elif args.previous:
        intervals = _audit_with_previous(args)
        if intervals is None:
            return 2
    else:
        intervals = audit(args.publication, args.schema, args.build, args.year, args.area)
    failures = failing_cells(intervals, args.min_cell_size)
    for failure in failures:
        print(f"FAIL {failure.year} {failure.where}: [{failure.lo}, {failure.hi}]")
    what = "primary-suppressed" if args.build else "suppressed (no --build: every hidden count)"
    print(
        f"{len(intervals)} {what} cells audited, "
        f"{sum(i.exempt for i in intervals)} exempt (fixed by definition), {len(failures)} failing"
    )
    return 1 if failures else 0


def _audit_population(args: argparse.Namespace) -> list[CellInterval]:
    """The population attacker of the command line; says what it leaves out."""
    from lea.audit_population import AuditScope, audit_population

    scope = AuditScope(years=args.year, areas=args.area)
    result = audit_population(args.publication, args.build, scope, args.schema, args.min_cell_size)
    for year, stats in sorted(result.stats.items()):
        print(f"population LP {year}: " + ", ".join(f"{name} {value:g}" for name, value in stats.items()))
    for relation in result.left_out:
        print(f"not modelled: {relation}")
    return result.intervals


def _audit_with_previous(args: argparse.Namespace) -> list[CellInterval] | None:
    """The union attack of the command line; None (after saying why) when revisions stop it."""
    from lea.audit_releases import Release, RevisionError, audit_releases

    releases = [Release("new", Path(args.publication), Path(args.build) if args.build else None)]
    for number, previous in enumerate(args.previous, start=1):
        build = Path(args.previous_build[number - 1]) if args.previous_build else None
        releases.append(Release(f"previous{number}", Path(previous), build, attacked=build is not None))
    try:
        result = audit_releases(releases, args.schema, args.year, args.allow_revisions, args.min_cell_size, args.area)
    except RevisionError as error:
        print(f"REVISED {error}")
        return None
    for revision in result.revisions:
        print(f"REVISED {revision.describe()} (each release of {revision.year} attacked alone)")
    print(
        f"years attacked as one model: {result.joint_years or 'none'}"
        f" (with situation unknowns, the family types differing: {result.situation_years or 'none'})"
    )
    for relation in result.left_out:
        print(f"not modelled: {relation}")
    return result.intervals
