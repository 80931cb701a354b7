"""The DuckDB resources plugin: environment values win, empty values keep the machine's."""

from __future__ import annotations

import duckdb
import pytest

from lea.duckdb_settings import DEFAULT_MEMORY_LIMIT, Plugin, settings_sql


def test_empty_config_sets_only_the_default_memory_limit() -> None:
    assert settings_sql({"threads": "", "memory_limit": "", "temp_directory": ""}) == [
        f"set memory_limit = '{DEFAULT_MEMORY_LIMIT}'"
    ]


def test_values_from_the_environment_are_applied() -> None:
    assert settings_sql({"threads": " 3 ", "memory_limit": "5GB", "temp_directory": "/tmp/o'k"}) == [
        "set threads = 3",
        "set memory_limit = '5GB'",
        "set temp_directory = '/tmp/o''k'",
    ]


@pytest.mark.parametrize("threads", ["0", "two", "-1", "1.5"])
def test_threads_must_be_a_positive_whole_number(threads: str) -> None:
    with pytest.raises(ValueError, match="LEA_DUCKDB_THREADS"):
        settings_sql({"threads": threads})


def test_plugin_configures_a_connection(tmp_path) -> None:
    plugin = Plugin(
        name="duckdb_settings",
        plugin_config={"threads": "1", "memory_limit": "1GB", "temp_directory": str(tmp_path)},
    )
    conn = duckdb.connect()
    plugin.configure_connection(conn)
    threads, temp_directory, memory_limit = conn.execute(
        "select current_setting('threads'), current_setting('temp_directory'), current_setting('memory_limit')"
    ).fetchone()
    assert (threads, temp_directory) == (1, str(tmp_path))
    assert memory_limit == "953.6 MiB"  # 1 GB
