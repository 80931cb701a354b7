"""The publication's file work, for the on-run-end hook (macros/publication/publish_marts.sql).

A dbt-duckdb plugin registers these functions on the build connection; the hook's SQL
calls them around the statements that write the publication (ATTACH, CREATE TABLE, COPY),
because SQL can neither make nor rename a directory:

    lea_publication_begin(new, target)  -> new    (a fresh, empty sibling `new` of `target`,
                                                   for its owner only)
    lea_publication_swap(new, target)   -> target (swap the complete `new` in as `target`)

and one that the published table publication_info reads (issue 25), because SQL cannot ask
git or the installed package:

    lea_build_fact(name)                -> text   (git_commit, git_tree_clean, lea_version)

What a reader is guaranteed (see docs in models/marts/publication/_publication__docs.md):
the publication is written completely into a sibling directory first; then one rename puts
it in place. On Linux the swap is a single renameat2(RENAME_EXCHANGE): at every instant the
path `target` is either the whole old or the whole new publication, never a mix and never
missing. Elsewhere (or where the filesystem refuses the exchange) the old directory is
renamed aside and the new one renamed in: still never a mix, but for a moment `target` does
not exist. A reader that already opened files of the old publication keeps reading the old
files (they are unlinked, not overwritten). A build killed before the swap leaves `target`
as it was, and its unfinished `new` beside it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

from lea.private_files import make_private

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _check_siblings(new: Path, target: Path) -> None:
    if new.resolve().parent != target.resolve().parent or new.name == target.name:
        raise ValueError(f"{new} and {target} must be siblings (one rename swaps them)")


def begin_publication(new: str, target: str) -> str:
    """Make `new`, the empty directory the publication is written into, beside `target`.

    A leftover `new` (a build of the same invocation that stopped) is removed first; the
    directory gets no group or world access (publication.md, rule 7). Returns `new`."""
    new_path, target_path = Path(new), Path(target)
    target_path.parent.mkdir(parents=True, exist_ok=True)
    _check_siblings(new_path, target_path)
    if new_path.exists():
        shutil.rmtree(new_path)
    new_path.mkdir(mode=0o700)
    make_private(new_path)
    return new


def _exchange(first: str, second: str) -> bool:
    """Atomically exchange two existing paths (Linux renameat2); False when unsupported."""
    library = ctypes.util.find_library("c")
    if library is None:
        return False
    libc = ctypes.CDLL(library, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return result == 0


def replace_directory(new: str, target: str) -> str:
    """Put the complete directory `new` in place of `target` (a sibling), then delete the old.

    `new` and `target` must be on one filesystem (siblings are). Returns `target`.
    """
    new_path, target_path = Path(new), Path(target)
    if not new_path.is_dir():
        raise FileNotFoundError(f"new publication {new} is not a directory")
    _check_siblings(new_path, target_path)
    if not target_path.exists():
        os.rename(new_path, target_path)
        return target
    if _exchange(str(new_path), str(target_path)):
        shutil.rmtree(new_path)  # now holds the old publication
        return target
    aside = target_path.with_name(target_path.name + ".old-" + new_path.name.rsplit("-", 1)[-1])
    os.rename(target_path, aside)
    os.rename(new_path, target_path)
    shutil.rmtree(aside)
    return target


def _git(*args: str) -> str | None:
    """git's answer in the working directory (the project), or None outside a checkout."""
    try:
        completed = subprocess.run(["git", *args], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return completed.stdout.strip() if completed.returncode == 0 else None


def build_fact(name: str | None) -> str | None:
    """What publication_info says about the code that made the build; None when unknown."""
    if name == "git_commit":
        return _git("rev-parse", "HEAD") or None
    if name == "git_tree_clean":
        # Tracked files only: an untracked scratch file does not change what was built.
        status = _git("status", "--porcelain", "--untracked-files=no")
        return None if status is None else str(status == "").lower()
    if name == "lea_version":
        try:
            return metadata.version("lea")
        except metadata.PackageNotFoundError:
            return None
    raise ValueError(f"lea_build_fact: unknown fact {name!r}")


try:  # the plugin only exists where dbt-duckdb is installed
    from dbt.adapters.duckdb.plugins import BasePlugin
except ImportError:  # pragma: no cover - lea.publication is importable without dbt
    BasePlugin = object  # type: ignore[assignment,misc]


class Plugin(BasePlugin):  # type: ignore[misc,valid-type]
    """dbt-duckdb plugin (profiles.yml `plugins: [{module: lea.publication}]`)."""

    def configure_connection(self, conn: Any) -> None:
        try:
            from duckdb.sqltypes import VARCHAR  # duckdb >= 1.4
        except ImportError:  # pragma: no cover
            from duckdb.typing import VARCHAR  # type: ignore[no-redef]

        conn.create_function("lea_publication_begin", begin_publication, [VARCHAR, VARCHAR], VARCHAR, side_effects=True)
        conn.create_function("lea_publication_swap", replace_directory, [VARCHAR, VARCHAR], VARCHAR, side_effects=True)
        conn.create_function(
            "lea_build_fact", build_fact, [VARCHAR], VARCHAR, null_handling="special", side_effects=True
        )
