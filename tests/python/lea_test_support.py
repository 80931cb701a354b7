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

    # Old name of the runners of subprocess.run, so that tests may read either.
    @property
    def stdout(self) -> str:
        return self.output

    @property
    def stderr(self) -> str:
        return ""


# One memory limit for every test run: the plugin's settings are part of the profile that
# dbt's partial parsing compares, so runs with equal settings can share a parsed project.
TEST_MEMORY_LIMIT = "2GB"
_PARSE_CACHE = Path(tempfile.mkdtemp(prefix="lea-dbt-parse-"))


def _vars_argument(dbt_vars: Mapping[str, object] | str | None) -> list[str]:
    if dbt_vars is None:
        return []
    if isinstance(dbt_vars, str):
        return ["--vars", dbt_vars]
    return ["--vars", yaml.safe_dump(dict(dbt_vars), default_flow_style=True).strip()]


def run_dbt(
    args: Sequence[str],
    landing_dir: Path,
    db_path: Path,
    publish_dir: Path | None = None,
    dbt_vars: Mapping[str, object] | str | None = None,
    check: bool = True,
    threads: int = 1,
) -> DbtRun:
    """Run dbt on the project with its own landing directory, database and publication.

    Every run gets its own target and log folders next to the database. Parsing the
    project costs about 12 s; runs with the same vars reuse one parse: dbt runs in the
    database's folder with a relative database path (the profile dbt compares is then
    the same for every run) and starts from the saved parse of an earlier run.
    """
    work_dir = db_path.parent
    target = work_dir / "target"
    env = dict(os.environ)
    env.update(
        LEA_LANDING_DIR=str(landing_dir),
        LEA_DUCKDB_PATH=db_path.name,
        LEA_PUBLISH_DIR=str(publish_dir or work_dir / "publish"),
        LEA_DBT_THREADS=str(threads),
        LEA_DUCKDB_MEMORY_LIMIT=TEST_MEMORY_LIMIT,
        DBT_PROFILES_DIR=str(PROJECT_DIR),
        DBT_PROJECT_DIR=str(PROJECT_DIR),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        DO_NOT_TRACK="1",
        DBT_TARGET_PATH=str(target),
        DBT_LOG_PATH=str(work_dir / "logs"),
    )
    vars_argument = _vars_argument(dbt_vars)
    # A parse is valid for the same vars (dbt reparses everything when they change).
    vars_given = [value for flag, value in zip(args, args[1:]) if flag == "--vars"] + vars_argument
    saved_parse = _PARSE_CACHE / (hashlib.sha1("\0".join(vars_given).encode()).hexdigest() + ".msgpack")
    run_parse = target / "partial_parse.msgpack"
    if saved_parse.exists() and not run_parse.exists():
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(saved_parse, run_parse)
    command = [DBT, "--no-use-colors", *args, *vars_argument]
    completed = subprocess.run(command, cwd=work_dir, env=env, capture_output=True, text=True, check=False)
    if run_parse.exists() and not saved_parse.exists():
        shutil.copyfile(run_parse, saved_parse)
    run = DbtRun(completed.returncode, completed.stdout + completed.stderr)
    if check and run.returncode != 0:
        raise AssertionError(f"dbt {' '.join(args)} failed:\n{run.output[-6000:]}")
    return run
