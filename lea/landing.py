"""Landing's file work, for the on-run-start hook (macros/landing/land_registers.sql).

The hook asks one question, `lea_landing_plan(landing_dir, contract)`, a function this
dbt-duckdb plugin registers on the build connection; everything that touches the landing
directory happens here:

- which files are there, and which one is each contract table's (`<table>.parquet` or
  `<table>.csv`; both, or neither, is a problem named by table);
- each chosen file's columns (read by an in-memory DuckDB with the same reader the landed
  relation uses), the contract columns it lacks (a problem) and the ones it adds (ignored);
- each file's size, SHA-256 (read in blocks) and, for a Parquet file, the generator's
  arguments that `lea synth` writes into its metadata (key `lea_synthetic`);
- the reader (a DuckDB table function over the absolute path) the hook's SQL reads it with.

The answer is JSON (`LandingPlan`); the hook raises the problems, or writes the SQL that
lands the files and records their lineage in `landing.landing_files`. The plugin also
registers `lea_file_sha256(path)`, which the test `assert_landed_parquet_files_unchanged`
calls to see whether a viewed file changed while staging read it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import duckdb

_BLOCK = 1 << 20
FORMATS = ("parquet", "csv")
SYNTHETIC_METADATA_KEY = "lea_synthetic"
# The contract's CSV dialect: UTF-8, comma, header, empty field = NULL. Everything is read
# as text so that staging, not the reader, decides what is malformed; short rows are padded
# with NULLs rather than failing the whole file.
CSV_OPTIONS = (
    "header = true, delim = ',', quote = '\"', escape = '\"', all_varchar = true, null_padding = true, "
    "strict_mode = false, auto_detect = true"
)


@dataclass(frozen=True)
class ContractTable:
    """A table of the register contract: its file's stem and its columns."""

    name: str  # the landing file's stem, e.g. dvv_persons
    columns: tuple[str, ...]


def absolute_path(path: str) -> str:
    """`path` made absolute against the working directory (symbolic links kept)."""
    return os.path.abspath(path)


def file_sha256(path: str) -> str:
    """SHA-256 of the file's bytes, lower-case hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def sql_string(value: str) -> str:
    """`value` as a SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def reader_sql(path: str, file_format: str, file_row_number: bool = False) -> str:
    """The DuckDB table function that reads a landing file."""
    if file_format == "parquet":
        return f"read_parquet({sql_string(path)}{', file_row_number = true' if file_row_number else ''})"
    return f"read_csv({sql_string(path)}, {CSV_OPTIONS})"


@dataclass(frozen=True)
class LandedFile:
    """A contract table's file, and how the hook lands and records it."""

    table: str
    file: str
    format: str
    columns: tuple[str, ...]  # the contract's, in its order
    extra_columns: tuple[str, ...]  # in the file, not in the contract (lower case)
    as_view: bool  # a view reading the file (Parquet), else a table copied from it
    reader: str  # the DuckDB table function that reads it
    file_bytes: int
    file_sha256: str
    synthetic_generator: str | None


def choose_files(
    label: str, present: Collection[str], tables: Sequence[ContractTable]
) -> tuple[list[tuple[ContractTable, str, str]], list[str]]:
    """(table, file name, format) of every table with exactly one file, and the problems."""
    chosen: list[tuple[ContractTable, str, str]] = []
    problems: list[str] = []
    for table in tables:
        parquet, csv = f"{table.name}.parquet", f"{table.name}.csv"
        if parquet in present and csv in present:
            problems.append(f"table {table.name}: both {csv} and {parquet} are in {label}; keep exactly one")
        elif parquet in present or csv in present:
            file_format = "parquet" if parquet in present else "csv"
            chosen.append((table, f"{table.name}.{file_format}", file_format))
        else:
            problems.append(f"table {table.name}: missing file {label}/{table.name}.parquet (or .csv)")
    return chosen, problems


def column_problems(table: ContractTable, file: str, file_columns: Sequence[str]) -> tuple[list[str], list[str]]:
    """The contract columns missing from the file (problems) and the file's extra columns.

    Names compare case-insensitively; the extra columns are given in lower case."""
    found = [column.lower() for column in file_columns]
    contract = [column.lower() for column in table.columns]
    problems = [
        f"table {table.name}: column {column} is missing from {file}"
        for column in table.columns
        if column.lower() not in found
    ]
    return problems, [column for column in found if column not in contract]


@dataclass(frozen=True)
class UnknownFile:
    """A file of the landing directory that is no contract table's: recorded, not read."""

    file: str
    file_bytes: int
    file_sha256: str


def unknown_files(present: Collection[str], tables: Sequence[ContractTable]) -> list[str]:
    """The files that are no contract table's, sorted."""
    expected = {f"{table.name}.{file_format}" for table in tables for file_format in FORMATS}
    return sorted(name for name in present if name not in expected)


@dataclass(frozen=True)
class LandingPlan:
    """What the hook lands, and what is wrong (then it lands nothing)."""

    problems: tuple[str, ...]
    files: tuple[LandedFile, ...]
    unknown: tuple[UnknownFile, ...]


def _file_columns(con: duckdb.DuckDBPyConnection, reader: str) -> list[str]:
    return [row[0] for row in con.execute(f"describe select * from {reader}").fetchall()]


def _synthetic_generator(con: duckdb.DuckDBPyConnection, path: str) -> str | None:
    row = con.execute(
        "select decode(value) from parquet_kv_metadata(?) where decode(key) = ?", [path, SYNTHETIC_METADATA_KEY]
    ).fetchone()
    return None if row is None else str(row[0])


def _landed_file(
    con: duckdb.DuckDBPyConnection, table: ContractTable, path: str, file_format: str
) -> tuple[LandedFile, list[str]]:
    columns = _file_columns(con, reader_sql(path, file_format))
    problems, extra = column_problems(table, os.path.basename(path), columns)
    as_view = file_format == "parquet" and "file_row_number" not in [c.lower() for c in columns]
    landed = LandedFile(
        table=table.name,
        file=os.path.basename(path),
        format=file_format,
        columns=table.columns,
        extra_columns=tuple(extra),
        as_view=as_view,
        reader=reader_sql(path, file_format, file_row_number=as_view),
        file_bytes=os.path.getsize(path),
        file_sha256=file_sha256(path),
        synthetic_generator=_synthetic_generator(con, path) if file_format == "parquet" else None,
    )
    return landed, problems


def plan_landing(landing_dir: str, tables: Sequence[ContractTable]) -> LandingPlan:
    """What the hook lands from `landing_dir` (a missing directory holds no files)."""
    label = landing_dir.rstrip("/")
    directory = Path(label)
    present = sorted(p.name for p in directory.iterdir() if p.is_file()) if directory.is_dir() else []
    chosen, problems = choose_files(label, present, tables)
    files: list[LandedFile] = []
    with duckdb.connect() as con:
        for table, name, file_format in chosen:
            landed, missing = _landed_file(con, table, absolute_path(str(directory / name)), file_format)
            files.append(landed)
            problems += missing
    unknown = [
        UnknownFile(name, os.path.getsize(directory / name), file_sha256(str(directory / name)))
        for name in unknown_files(present, tables)
    ]
    return LandingPlan(tuple(problems), tuple(files), tuple(unknown))


def parse_contract(contract_json: str) -> list[ContractTable]:
    """The hook's contract, `[{name, columns}]` as JSON, as ContractTables."""
    rows: list[Mapping[str, Any]] = json.loads(contract_json)
    return [ContractTable(str(row["name"]), tuple(str(c) for c in row["columns"])) for row in rows]


def landing_plan_json(landing_dir: str, contract_json: str) -> str:
    """The function the hook calls: the plan of `landing_dir` as JSON."""
    return json.dumps(asdict(plan_landing(landing_dir, parse_contract(contract_json))))


try:  # the plugin only exists where dbt-duckdb is installed
    from dbt.adapters.duckdb.plugins import BasePlugin
except ImportError:  # pragma: no cover - lea.landing is importable without dbt
    BasePlugin = object  # type: ignore[assignment,misc]


class Plugin(BasePlugin):  # type: ignore[misc,valid-type]
    """dbt-duckdb plugin (profiles.yml `plugins: [{module: lea.landing}]`)."""

    def configure_connection(self, conn: Any) -> None:
        try:
            from duckdb.sqltypes import VARCHAR  # duckdb >= 1.4
        except ImportError:  # pragma: no cover
            from duckdb.typing import VARCHAR  # type: ignore[no-redef]

        conn.create_function("lea_landing_plan", landing_plan_json, [VARCHAR, VARCHAR], VARCHAR, side_effects=True)
        conn.create_function("lea_file_sha256", file_sha256, [VARCHAR], VARCHAR, side_effects=True)
