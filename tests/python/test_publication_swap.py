"""lea.publication.replace_directory: a new publication replaces the old one as a whole."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from lea.publication import make_directory, replace_directory


def write_version(directory: Path, version: int, n_files: int = 5) -> None:
    make_directory(str(directory))
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
