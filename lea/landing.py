"""The file functions the landing hook (macros/landing/land_registers.sql) calls from SQL.

A dbt-duckdb plugin registers them on the build connection:

    lea_absolute_path(path) -> the absolute path (a landed view must find its file
                               whatever the reader's working directory)
    lea_file_sha256(path)   -> the SHA-256 of the file, hex, read in blocks (memory stays
                               small however large the file; DuckDB's read_blob holds the
                               whole file in memory)
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

_BLOCK = 1 << 20


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

        conn.create_function("lea_absolute_path", absolute_path, [VARCHAR], VARCHAR, side_effects=True)
        conn.create_function("lea_file_sha256", file_sha256, [VARCHAR], VARCHAR, side_effects=True)
