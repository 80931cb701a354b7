"""Landing of Parquet as views: the view reads the file, and a file that changed is caught."""

from __future__ import annotations

import duckdb
from lea_test_support import run_dbt, write_landing

from lea.landing import file_sha256

CHECK = "assert_landed_parquet_files_unchanged"


def _write_persons(path, person_id: str) -> None:
    with duckdb.connect() as con:
        con.sql(
            f"copy (select '{person_id}' as person_id, date '1980-05-01' as birth_date, '2' as sex, "
            f"'fi' as mother_tongue, cast(null as date) as death_date) to '{path}' (format parquet)"
        )


def test_parquet_is_a_view_and_a_changed_file_fails_the_check(tmp_path):
    landing = write_landing(tmp_path / "landing", skip=["dvv_persons"])
    persons = landing / "dvv_persons.parquet"
    _write_persons(persons, "p1")
    db = tmp_path / "lea.duckdb"
    run_dbt(["run", "--select", "int_stat_years"], landing, db)
    with duckdb.connect(str(db), read_only=True) as con:
        kinds = dict(
            con.sql(
                "select table_name, table_type from information_schema.tables where table_schema = 'landing'"
            ).fetchall()
        )
        assert kinds["dvv_persons"] == "VIEW" and kinds["dvv_residences"] == "BASE TABLE"  # Parquet / CSV
        assert con.sql("select file_sha256 from landing.landing_files where table_name = 'dvv_persons'").fetchall() == [
            (file_sha256(str(persons)),)
        ]

    # The check compares this invocation's recorded checksums with the files as they are now.
    run_dbt(["compile", "--select", CHECK], landing, db)
    compiled = next((tmp_path / "target" / "compiled").rglob(f"{CHECK}.sql")).read_text()
    invocation = compiled.split("invocation_id = '")[1].split("'")[0]
    with duckdb.connect(str(db)) as con:
        con.create_function("lea_file_sha256", file_sha256, ["VARCHAR"], "VARCHAR", side_effects=True)
        con.execute(
            "insert into landing.landing_files select ? , loaded_at, table_name, file_name, file_format, "
            "load_status, row_count, file_bytes, file_sha256, extra_columns, synthetic_generator "
            "from landing.landing_files",
            [invocation],
        )
        assert con.sql(compiled).fetchall() == []
        _write_persons(persons, "p2")  # the file changes while the build would read it
        changed = con.sql(compiled).fetchall()
    assert [row[:2] for row in changed] == [("dvv_persons", "dvv_persons.parquet")]
