"""DuckDB resources of the build: threads, memory limit and spill directory.

A dbt-duckdb plugin (profiles.yml, `plugins:`), because a profile cannot leave a DuckDB
setting unset: each value comes from its environment variable when it is set and
otherwise from the machine.

| variable | default |
| --- | --- |
| `LEA_DUCKDB_THREADS` | DuckDB's own: the cores the process may use |
| `LEA_DUCKDB_MEMORY_LIMIT` | `DEFAULT_MEMORY_LIMIT` of the memory DuckDB sees (cgroup-aware) |
| `LEA_DUCKDB_TEMP_DIR` | DuckDB's own: `<database>.tmp` next to the build database |

Above the memory limit DuckDB spills to the temporary directory, so a build on a
smaller machine is slower, not failed.
"""

from __future__ import annotations

from typing import Any, Mapping

from dbt.adapters.duckdb.plugins import BasePlugin

# Of the memory DuckDB sees: leaves room for dbt, the Python models' frames and the page
# cache on an 8 GB machine (DuckDB's own default is 80 %).
DEFAULT_MEMORY_LIMIT = "60%"


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def settings_sql(config: Mapping[str, Any]) -> list[str]:
    """The SET statements for a plugin config; empty values keep the machine default."""
    statements = []
    threads = _text(config.get("threads"))
    if threads:
        if not threads.isdigit() or int(threads) < 1:
            raise ValueError(f"LEA_DUCKDB_THREADS must be a whole number of at least 1, not {threads!r}")
        statements.append(f"set threads = {int(threads)}")
    memory_limit = _text(config.get("memory_limit")) or DEFAULT_MEMORY_LIMIT
    statements.append(f"set memory_limit = {_quoted(memory_limit)}")
    temp_directory = _text(config.get("temp_directory"))
    if temp_directory:
        statements.append(f"set temp_directory = {_quoted(temp_directory)}")
    return statements


class Plugin(BasePlugin):
    """Applies `settings_sql` to the build's DuckDB connection when dbt opens it."""

    def initialize(self, plugin_config: dict[str, Any]) -> None:
        self.statements = settings_sql(plugin_config)

    def configure_connection(self, conn) -> None:
        for statement in self.statements:
            conn.execute(statement)
