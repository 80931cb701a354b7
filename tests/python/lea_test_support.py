"""Shared test support: tiny landing directories and dbt runs in temporary places.

Tests never touch data/: each run gets its own landing directory, build database and
publication directory, passed through the stable environment variables.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
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


def run_dbt(
    args: Sequence[str],
    landing_dir: Path,
    db_path: Path,
    publish_dir: Path | None = None,
    dbt_vars: Mapping[str, object] | None = None,
    check: bool = True,
) -> DbtRun:
    """Run dbt in the project with its own landing directory and databases."""
    env = dict(os.environ)
    env.update(
        LEA_LANDING_DIR=str(landing_dir),
        LEA_DUCKDB_PATH=str(db_path),
        LEA_PUBLISH_DIR=str(publish_dir or db_path.parent / "publish"),
        DBT_PROFILES_DIR=str(PROJECT_DIR),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        # Each run gets its own target and log folders so parallel runs never collide.
        DBT_TARGET_PATH=str(db_path.parent / "target"),
        DBT_LOG_PATH=str(db_path.parent / "logs"),
    )
    command = [DBT, "--no-use-colors", *args]
    if dbt_vars:
        command += ["--vars", yaml.safe_dump(dict(dbt_vars), default_flow_style=True).strip()]
    completed = subprocess.run(
        command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=False
    )
    run = DbtRun(completed.returncode, completed.stdout + completed.stderr)
    if check and run.returncode != 0:
        raise AssertionError(f"dbt {' '.join(args)} failed:\n{run.output[-6000:]}")
    return run
