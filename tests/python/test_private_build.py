"""Secrets and files (publication.md, rule 7) without a build: the plugin lea.private_build,
the private file helpers and `lea synth`. What a whole build leaves behind (no salt in
any file, private modes, family ids) is tested on the bad-rows build in
test_build_end_to_end.py."""

from __future__ import annotations

import os
import re
import stat
import subprocess
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pytest
from lea_test_support import DBT, PROJECT_DIR

from lea.private_build import SALT_VARIABLE, Plugin
from lea.private_files import make_private, private_umask


def _group_and_world_bits(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode) & 0o077


@pytest.fixture
def keep_umask():
    """The plugin restricts the process's umask for good: give the test process its own back."""
    previous = os.umask(0o022)
    os.umask(previous)
    yield
    os.umask(previous)


def _plugin(database: Path, monkeypatch, salt: str | None, landing: Path) -> Plugin:
    monkeypatch.setenv("LEA_LANDING_DIR", str(landing))
    if salt is None:
        monkeypatch.delenv("LEA_FAMILY_ID_SALT", raising=False)
    else:
        monkeypatch.setenv("LEA_FAMILY_ID_SALT", salt)
    return Plugin(name="private_build", plugin_config={}, credentials=SimpleNamespace(path=str(database)))


def _salt_of(conn: duckdb.DuckDBPyConnection) -> str:
    return conn.execute(f"select getvariable('{SALT_VARIABLE}')").fetchone()[0]


def test_the_salt_of_the_environment_is_set_on_the_connection_and_every_cursor(tmp_path, monkeypatch, keep_umask):
    plugin = _plugin(tmp_path / "lea.duckdb", monkeypatch, "known salt ' with a quote", tmp_path)
    conn = duckdb.connect()
    plugin.configure_connection(conn)
    cursor = conn.cursor()  # a connection of its own: DuckDB variables are not shared
    assert _salt_of(cursor) is None
    plugin.configure_cursor(cursor)
    assert _salt_of(conn) == _salt_of(cursor) == "known salt ' with a quote"


@pytest.mark.parametrize("unset", [None, "", "  "])
def test_without_a_salt_each_build_makes_a_random_one_and_keeps_it(tmp_path, monkeypatch, keep_umask, unset):
    salts = []
    for _ in range(2):  # two builds: two dbt processes, each with its own plugin
        plugin = _plugin(tmp_path / "lea.duckdb", monkeypatch, unset, tmp_path)
        first, second = duckdb.connect(), duckdb.connect()
        plugin.configure_connection(first)
        plugin.configure_cursor(second)
        assert _salt_of(first) == _salt_of(second), "one salt for every connection of a build"
        salts.append(_salt_of(first))
    assert all(re.fullmatch(r"[0-9a-f]{64}", salt) for salt in salts)
    assert salts[0] != salts[1]


def test_plugin_creates_the_database_folder_and_tightens_existing_files(tmp_path, monkeypatch, keep_umask):
    landing = tmp_path / "landing"
    landing.mkdir()
    persons = landing / "dvv_persons.csv"
    persons.write_text("person_id\n")
    other = landing / "notes.txt"  # not a register file: left alone
    other.write_text("")
    old_database = tmp_path / "old" / "lea.duckdb"
    old_database.parent.mkdir()
    old_database.write_bytes(b"")
    for path in (persons, other, old_database):
        path.chmod(0o644)

    _plugin(old_database, monkeypatch, "s", landing)
    assert _group_and_world_bits(persons) == 0 and _group_and_world_bits(old_database) == 0
    assert stat.S_IMODE(other.stat().st_mode) == 0o644

    new_database = tmp_path / "new" / "folder" / "lea.duckdb"
    _plugin(new_database, monkeypatch, "s", landing)
    assert new_database.parent.is_dir() and _group_and_world_bits(new_database.parent) == 0
    duckdb.connect(str(new_database)).close()  # created under the plugin's umask
    assert _group_and_world_bits(new_database) == 0


def test_private_umask_and_make_private(tmp_path, keep_umask):
    os.umask(0o002)
    with private_umask():
        (tmp_path / "made").write_text("")
    (tmp_path / "after").write_text("")
    assert _group_and_world_bits(tmp_path / "made") == 0
    assert stat.S_IMODE((tmp_path / "after").stat().st_mode) == 0o664, "the umask is given back"
    (tmp_path / "after").chmod(0o754)
    assert make_private(tmp_path / "after") and stat.S_IMODE((tmp_path / "after").stat().st_mode) == 0o700
    assert not make_private(tmp_path / "missing")


def test_synth_writes_landing_and_truth_for_their_owner_only(tmp_path, keep_umask):
    from lea.synth import generate

    landing, truth = tmp_path / "landing", tmp_path / "truth"
    truth.mkdir(mode=0o755)
    (truth / "intended_families.parquet").write_bytes(b"")  # overwritten: keeps its mode unless tightened
    (truth / "intended_families.parquet").chmod(0o644)
    os.umask(0o022)
    generate(30, seed=2, out_dir=landing, truth_dir=truth, bad_row_share=0.01)
    written = [landing, truth, *landing.iterdir(), *truth.iterdir()]
    assert len(written) == 2 + 13 + 2
    assert {path.name: _group_and_world_bits(path) for path in written if _group_and_world_bits(path)} == {}
    assert os.umask(0o022) == 0o022, "generate gives the caller's umask back"


def test_dbt_creates_the_missing_folder_of_the_build_database(tmp_path):
    """`dbt debug` opens the build database as a build does (before: "Cannot open file …
    No such file or directory")."""
    database = tmp_path / "new" / "folder" / "lea.duckdb"
    env = dict(
        os.environ,
        LEA_DUCKDB_PATH=str(database),
        LEA_LANDING_DIR=str(tmp_path / "landing"),
        DBT_PROFILES_DIR=str(PROJECT_DIR),
        DBT_PROJECT_DIR=str(PROJECT_DIR),
        DBT_TARGET_PATH=str(tmp_path / "target"),
        DBT_LOG_PATH=str(tmp_path / "logs"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        DO_NOT_TRACK="1",
    )
    completed = subprocess.run(
        [DBT, "--no-use-colors", "debug"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    assert "Connection test: [OK" in completed.stdout
    assert database.exists() and _group_and_world_bits(database) == 0
    assert _group_and_world_bits(database.parent) == 0 and _group_and_world_bits(database.parent.parent) == 0
