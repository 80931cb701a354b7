"""A private build (publication.md, rule 7): the salt of `family_id`, file modes and the
build database's folder. A dbt-duckdb plugin (profiles.yml, `plugins:`).

When dbt first connects (before DuckDB opens the build database), `initialize`

- adds group and world bits to the process's umask, so that the build database, its
  write-ahead log and spill files, and the publication are created for their owner only;
- tightens what already exists: the build database (and its `.wal`, `.tmp`) and the
  contract's files in `LEA_LANDING_DIR`;
- creates the folder of the build database when it is missing;
- takes the salt of `family_id` from `LEA_FAMILY_ID_SALT`, or, when that is unset or
  empty, makes a random one for this build (one dbt process).

`configure_connection` and `configure_cursor` set the salt on every DuckDB connection as
the variable `SALT_VARIABLE` (each dbt thread and the Python models use a cursor, which is
a connection of its own with its own variables). SQL reads it with `getvariable` through
the macro `lea_family_id_salt`; the salt is bound as a parameter, never written into SQL
text, so it appears in no compiled SQL, log, `target/` file or the documentation site.
The environment variables are read here, not through dbt's `env_var`, so they are not
part of the profile that dbt prints (`dbt debug`) or of its saved parse.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dbt.adapters.duckdb.plugins import BasePlugin
from dbt.adapters.events.logging import AdapterLogger

from lea.contract import TABLES
from lea.private_files import make_private, restrict_umask

SALT_ENVIRONMENT_VARIABLE = "LEA_FAMILY_ID_SALT"
SALT_VARIABLE = "lea_family_id_salt"
LANDING_FORMATS = ("parquet", "csv")

logger = AdapterLogger("DuckDB")


def family_id_salt(environ: Mapping[str, str]) -> str:
    """The salt of the environment, or a new random one (64 hex digits) when it is unset or empty."""
    return environ.get(SALT_ENVIRONMENT_VARIABLE, "").strip() or secrets.token_hex(32)


def database_file(path: str | None) -> Path | None:
    """The build database as a local file, or None (in memory, MotherDuck, a URL)."""
    if not path or path == ":memory:" or path.startswith("md:") or "://" in path:
        return None
    return Path(path)


def private_paths(database: Path | None, landing_dir: Path) -> list[Path]:
    """What a build tightens at its start: the database's files and the landed registers."""
    paths = []
    if database is not None:
        paths += [database, database.with_name(database.name + ".wal"), database.with_name(database.name + ".tmp")]
    paths += [landing_dir / f"{table.name}.{ext}" for table in TABLES for ext in LANDING_FORMATS]
    return paths


class Plugin(BasePlugin):
    """Applies the umask, the database folder and the salt; see the module's docstring."""

    def initialize(self, plugin_config: dict[str, Any]) -> None:
        restrict_umask()
        database = database_file(getattr(self.creds, "path", None))
        landing_dir = Path(os.environ.get("LEA_LANDING_DIR", "data/landing"))
        for path in private_paths(database, landing_dir):
            try:
                make_private(path)
            except OSError as error:
                logger.warning(f"could not remove group and world access from {path}: {error}")
        if database is not None:
            database.parent.mkdir(parents=True, exist_ok=True)
        self._salt = family_id_salt(os.environ)

    def _set_salt(self, conn: Any) -> None:
        conn.execute(f"set variable {SALT_VARIABLE} = ?", [self._salt])

    def configure_connection(self, conn: Any) -> None:
        self._set_salt(conn)

    def configure_cursor(self, cursor: Any) -> None:
        self._set_salt(cursor)
