"""Shared test support: tiny landing directories and dbt runs in temporary places.

Tests never touch data/: each run gets its own landing directory, build database and
publication directory, passed through the stable environment variables.
"""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import yaml

from lea.contract import TABLES, TABLES_BY_NAME

PROJECT_DIR = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).with_name("dbt"))


def write_landing(
    landing_dir: Path,
    rows: Mapping[str, Iterable[Mapping[str, object]]] | None = None,
    skip: Sequence[str] = (),
) -> Path:
    """Write one CSV per contract table (header only unless rows are given).

    `rows` maps a table name to dicts keyed by column; missing keys are empty (NULL).
    """
    rows = rows or {}
    unknown = set(rows) - set(TABLES_BY_NAME)
    if unknown:
        raise ValueError(f"not contract tables: {sorted(unknown)}")
    landing_dir.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        if table.name in skip:
            continue
        with open(landing_dir / f"{table.name}.csv", "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(table.column_names)
            for row in rows.get(table.name, ()):
                writer.writerow(["" if row.get(c) is None else row.get(c) for c in table.column_names])
    return landing_dir


@dataclass
class DbtRun:
    returncode: int
    output: str


# One memory limit for every test run: the plugin's settings are part of the profile that
# dbt's partial parsing compares, so runs with equal settings can share a parsed project.
TEST_MEMORY_LIMIT = "2GB"
# Shared by the pytest workers and kept between sessions; dbt checks a saved parse against
# the project's files before it uses it, so an outdated one costs time, never correctness.
_PARSE_CACHE = Path(tempfile.gettempdir()) / "lea-dbt-parse" / hashlib.sha1(str(PROJECT_DIR).encode()).hexdigest()[:12]


def _vars_argument(dbt_vars: Mapping[str, object] | str | None) -> list[str]:
    if dbt_vars is None:
        return []
    if isinstance(dbt_vars, str):
        return ["--vars", dbt_vars]
    return ["--vars", yaml.safe_dump(dict(dbt_vars), default_flow_style=True).strip()]


def run_dbt(  # noqa: PLR0913 - dbt's command line for a test: the command, the build's three places and how to run it, each named where it is called
    args: Sequence[str],
    landing_dir: Path,
    db_path: Path,
    publish_dir: Path | None = None,
    dbt_vars: Mapping[str, object] | str | None = None,
    check: bool = True,
    environment: Mapping[str, str | None] | None = None,
) -> DbtRun:
    """Run dbt on the project with its own landing directory, database and publication.

    Every run gets its own target and log folders next to the database. Parsing the
    project costs about 12 s; runs with the same vars reuse one parse: dbt runs in the
    database's folder with a relative database path (the profile dbt compares is then
    the same for every run) and starts from the saved parse of an earlier run.
    `environment` adds variables to the run's environment; a value None removes one.
    """
    work_dir = db_path.parent
    target = work_dir / "target"
    env = dict(os.environ)
    env.update(
        LEA_LANDING_DIR=str(landing_dir),
        LEA_DUCKDB_PATH=db_path.name,
        LEA_PUBLISH_DIR=str(publish_dir or work_dir / "publish"),
        LEA_DBT_THREADS="1",
        LEA_DUCKDB_MEMORY_LIMIT=TEST_MEMORY_LIMIT,
        DBT_PROFILES_DIR=str(PROJECT_DIR),
        DBT_PROJECT_DIR=str(PROJECT_DIR),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        DO_NOT_TRACK="1",
        DBT_TARGET_PATH=str(target),
        DBT_LOG_PATH=str(work_dir / "logs"),
    )
    for name, value in (environment or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    vars_argument = _vars_argument(dbt_vars)
    # A parse is valid for the same vars (dbt reparses everything when they change).
    vars_given = [value for flag, value in pairwise(args) if flag == "--vars"] + vars_argument
    saved_parse = _PARSE_CACHE / (hashlib.sha1("\0".join(vars_given).encode()).hexdigest() + ".msgpack")
    run_parse = target / "partial_parse.msgpack"
    if saved_parse.exists() and not run_parse.exists():
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(saved_parse, run_parse)
    command = [DBT, "--no-use-colors", *args, *vars_argument]
    completed = subprocess.run(command, cwd=work_dir, env=env, capture_output=True, text=True, check=False)
    if run_parse.exists():
        # The newest parse for these vars; replaced atomically (workers may read it meanwhile).
        _PARSE_CACHE.mkdir(parents=True, exist_ok=True)
        fresh = saved_parse.with_suffix(f".{os.getpid()}.tmp")
        shutil.copyfile(run_parse, fresh)
        os.replace(fresh, saved_parse)
    run = DbtRun(completed.returncode, completed.stdout + completed.stderr)
    if check and run.returncode != 0:
        raise AssertionError(f"dbt {' '.join(args)} failed:\n{run.output[-6000:]}")
    return run


# The tables of a publication (marts/publication), each also as Parquet and CSV.
PUBLISHED_TABLES = {
    "municipality_indicators",
    "postcode_indicators",
    "municipality_wellbeing_groups",
    "postcode_wellbeing_groups",
    "municipality_family_types",
    "municipality_family_type_indicators",
    "municipality_profile",
    "municipality_summary",
    "indicator_catalog",
    "wellbeing_group_catalog",
    "family_type_catalog",
    "publication_info",
}


def assert_publication_survives_the_attack(publish_dir: Path, build_database: Path, min_cell_size: int = 5) -> None:
    """Every protected primary-suppressed cell keeps an interval of width and maximum >= 5
    under linear programming over every published number (lea.audit)."""
    from lea.audit import audit, failing_cells

    publication = publish_dir / "lea_publication.duckdb"
    assert publication.exists(), f"no publication at {publication}"
    intervals = audit(publication, build_database=build_database)
    protected = [i for i in intervals if not i.exempt]
    failures = failing_cells(intervals, min_cell_size)
    print(f"{len(intervals)} primary cells, {len(protected)} protected, {len(failures)} failing")
    assert len(protected) > 100, "the attack found primary-suppressed cells to attack"
    assert not failures, "\n".join(f"{f.year} {f.where}: [{f.lo}, {f.hi}]" for f in failures[:50])


def lone_parent_numerators_apart_from_their_counts(publish_dir: Path) -> list[tuple]:
    """Rows where a lone-parent type's single_parent numerator (its families count, by
    definition: publication.md rule 4) differs from that count in status or value."""
    import duckdb

    with duckdb.connect(str(publish_dir / "lea_publication.duckdb"), read_only=True) as con:
        return con.execute(
            """
            select i.year, i.municipality_code, i.type_id, i.families, i.families_status,
                i.families_with, i.families_with_status
            from municipality_family_type_indicators as i
            inner join family_type_catalog as c on i.type_id = c.type_id
            where
                i.indicator_id = 'single_parent' and c.structure in ('mother', 'father')
                and (i.families_with_status <> i.families_status or i.families_with is distinct from i.families)
            order by all
            """
        ).fetchall()


def assert_publication_tables(publish_dir: Path) -> None:
    """The publication database holds exactly the published tables, each also as files."""
    import duckdb

    with duckdb.connect(str(publish_dir / "lea_publication.duckdb"), read_only=True) as con:
        tables = {
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables where table_schema = 'main'"
            ).fetchall()
        }
    assert tables == PUBLISHED_TABLES
    for table in PUBLISHED_TABLES:
        assert (publish_dir / f"{table}.parquet").exists() and (publish_dir / f"{table}.csv").exists()


def directory_digest(directory: Path) -> dict[str, tuple[int, str]]:
    """Every file under `directory`: its mode and the SHA-256 of its bytes."""
    return {
        str(path.relative_to(directory)): (path.stat().st_mode, hashlib.sha256(path.read_bytes()).hexdigest())
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }
