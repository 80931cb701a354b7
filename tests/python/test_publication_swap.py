"""lea.publication: the publish step's file work. A new publication replaces the old one as a
whole, and a build killed before the swap leaves the old one as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from lea.publication import begin_publication, replace_directory


def write_version(directory: Path, version: int, n_files: int = 5) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for number in range(n_files):
        (directory / f"v{version}_table{number}.csv").write_text(f"version {version}\n")


def test_first_publication_is_renamed_in(tmp_path: Path) -> None:
    new, target = tmp_path / "publish.new-1", tmp_path / "publish"
    write_version(new, 1)
    replace_directory(str(new), str(target))
    assert sorted(p.name for p in target.iterdir())[0] == "v1_table0.csv"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["publish"]


def test_old_publication_is_replaced_and_removed(tmp_path: Path) -> None:
    target = tmp_path / "publish"
    write_version(target, 1)
    reader = open(target / "v1_table0.csv", encoding="utf-8")  # an analyst with the old file open
    new = tmp_path / "publish.new-2"
    write_version(new, 2)
    replace_directory(str(new), str(target))
    assert {p.name for p in target.iterdir()} == {f"v2_table{n}.csv" for n in range(5)}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["publish"]  # nothing left aside
    assert reader.read() == "version 1\n"  # the open file still reads the old publication
    reader.close()


def test_new_and_target_must_be_siblings(tmp_path: Path) -> None:
    write_version(tmp_path / "a" / "new", 1)
    with pytest.raises(ValueError):
        replace_directory(str(tmp_path / "a" / "new"), str(tmp_path / "publish"))


def test_a_reader_never_sees_a_mix(tmp_path: Path) -> None:
    target = tmp_path / "publish"
    write_version(target, 0)
    seen: list[set[str]] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            try:
                seen.append({name.split("_")[0] for name in os.listdir(target)})
            except FileNotFoundError:
                seen.append(set())

    reader = threading.Thread(target=read)
    reader.start()
    for version in range(1, 40):
        new = tmp_path / f"publish.new-{version}"
        write_version(new, version)
        replace_directory(str(new), str(target))
    done.set()
    reader.join()
    assert seen
    # Every listing is one whole version (never two versions, never half of one).
    assert all(len(versions) == 1 for versions in seen if versions), [v for v in seen if len(v) > 1][:3]


def test_begin_makes_an_empty_private_sibling(tmp_path: Path) -> None:
    target = tmp_path / "out" / "publish"  # the folder of the publication need not exist yet
    new = tmp_path / "out" / "publish.new-1"
    assert begin_publication(str(new), str(target)) == str(new)
    assert new.is_dir() and list(new.iterdir()) == []
    assert new.stat().st_mode & 0o777 == 0o700
    assert not target.exists()


def test_begin_removes_what_a_stopped_run_of_the_same_name_left(tmp_path: Path) -> None:
    new, target = tmp_path / "publish.new-1", tmp_path / "publish"
    write_version(new, 1)
    begin_publication(str(new), str(target))
    assert list(new.iterdir()) == []


def test_begin_refuses_a_directory_that_is_no_sibling(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        begin_publication(str(tmp_path / "a" / "publish.new-1"), str(tmp_path / "publish"))
    with pytest.raises(ValueError):
        begin_publication(str(tmp_path / "publish"), str(tmp_path / "publish"))


# The publish step as the hook runs it (the plugin's functions, then SQL that writes the
# database and files), in a process that is killed before the swap.
KILLED_PUBLISHER = """
    import os, signal, sys
    import duckdb
    from lea.publication import Plugin
    new, target = sys.argv[1], sys.argv[2]
    con = duckdb.connect()
    Plugin.configure_connection(None, con)
    con.execute("select lea_publication_begin(?, ?)", [new, target])
    con.execute(f"attach '{new}/lea_publication.duckdb' as lea_publication_new (storage_version 'v1.1.0')")
    con.execute("create table lea_publication_new.main.t as select 2 as version")
    con.execute(f"copy (select * from lea_publication_new.main.t) to '{new}/t.csv' (format csv, header true)")
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_build_killed_before_the_swap_leaves_the_old_publication(tmp_path: Path) -> None:
    target, new = tmp_path / "publish", tmp_path / "publish.new-2"
    write_version(target, 1)
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    run = subprocess.run([sys.executable, "-c", textwrap.dedent(KILLED_PUBLISHER), str(new), str(target)], check=False)
    assert run.returncode == -signal.SIGKILL
    assert (new / "t.csv").read_text() == "version\n2\n"  # it had written part of the new one
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    # The next build publishes over the leftover of the killed one.
    begin_publication(str(new), str(target))
    write_version(new, 3)
    replace_directory(str(new), str(target))
    assert {p.name for p in target.iterdir()} == {f"v3_table{n}.csv" for n in range(5)}
