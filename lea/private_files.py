"""Files without access for other users of the machine (publication.md, rule 7).

Everything derived from microdata (the landed registers, the build database, its spill
files, the publication) is created with no group and no world bits: the process's umask
gets `PRIVATE_BITS`, and files that already exist are tightened with `make_private`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# The permission bits a private file never has: group and world read, write, execute.
PRIVATE_BITS = 0o077


def restrict_umask() -> int:
    """Add `PRIVATE_BITS` to the process's umask (for good); return the previous umask."""
    previous = os.umask(PRIVATE_BITS)
    os.umask(previous | PRIVATE_BITS)
    return previous


@contextmanager
def private_umask() -> Iterator[None]:
    """Create files and folders without group or world bits inside the block."""
    previous = restrict_umask()
    try:
        yield
    finally:
        os.umask(previous)


def make_private(path: str | os.PathLike) -> bool:
    """Remove the group and world bits of an existing file or folder (not following a
    symbolic link); True when it exists. Raises PermissionError for another user's file."""
    target = Path(path)
    try:
        mode = target.lstat().st_mode
    except FileNotFoundError:
        return False
    if stat.S_ISLNK(mode):
        return True
    if stat.S_IMODE(mode) & PRIVATE_BITS:
        target.chmod(stat.S_IMODE(mode) & ~PRIVATE_BITS)
    return True
