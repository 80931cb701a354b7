"""Whole synthetic builds: families as the generator intended them, and the quarantine.

The generator writes what it intended (truth) beside the landing directory; these tests
compare the build with it. Issue 4's "done when": families formed match the families the
generator intended, and a build with bad rows of every kind loses nothing, gives each
row the right reason, and still publishes. The bad-rows build also carries the tests of
what a build leaves behind (publication.md, rule 7: no salt in any file, no access for
others; a publication older DuckDB reads): in this file, pytest-xdist (--dist loadfile)
runs them on the worker that already made the build.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import subprocess

import duckdb
import pytest
from lea_test_support import (
    PROJECT_DIR,
    PUBLISHED_TABLES,
    assert_publication_survives_the_attack,
    assert_publication_tables,
    lone_parent_numerators_apart_from_their_counts,
    run_dbt,
)

# The generator's kinds of bad row, and the quarantine reasons the contract's checks give them.
REASONS_OF_KIND = {
    "missing_value": {"missing_value"},
    "unparsable_date": {"unparsable_date"},
    "unparsable_number": {"unparsable_number", "unparsable_integer"},
    "unknown_code": {"unknown_code", "malformed_code"},
    "malformed_postcode": {"malformed_postcode"},
    "malformed_municipality": {"malformed_municipality_code"},
    "postcode_of_other_municipality": {"postcode_municipality_mismatch", "unknown_postcode"},
    "end_before_start": {"end_before_start"},
    "date_after_extract": {"date_out_of_range"},
    "date_before_1900": {"date_out_of_range"},
    "amount_not_positive": {"non_positive_amount"},
    "payment_month_not_first": {"payment_month_not_first_day"},
    "negative_ddd": {"negative_value"},
    "negative_hours": {"negative_value"},
    "death_before_birth": {"death_before_birth"},
    "own_parent": {"self_relation"},
    "own_partner": {"self_relation"},
    "overlapping_residence": {"residence_overlap"},
    "exact_duplicate": {"duplicate_row"},
}


def _families(con: duckdb.DuckDBPyConnection, sql: str) -> set[tuple]:
    return {(year, structure, tuple(sorted(members))) for year, structure, members in con.sql(sql).fetchall()}


def test_families_match_the_generators_intended_families(default_build):
    con = duckdb.connect(str(default_build.database), read_only=True)
    con.sql(f"create temp table truth as select * from read_parquet('{default_build.truth}/intended_families.parquet')")
    built = _families(
        con,
        """
        select families.stat_year, families.family_structure, list(members.person_id)
        from intermediate.int_families as families
        inner join intermediate.int_family_members as members
            on families.family_id = members.family_id
        where families.is_in_study_area and families.is_family_with_children
        group by families.stat_year, families.family_id, families.family_structure
    """,
    )
    intended = _families(
        con,
        """
        select stat_year, any_value(structure), list(person_id)
        from truth group by stat_year, family_key
    """,
    )
    assert len(intended) > 150_000  # the default build: 80,000 families in each of three years
    missing, unexpected = intended - built, built - intended
    assert not missing and not unexpected, (
        f"{len(missing)} intended families not formed, e.g. {sorted(missing)[:3]}; "
        f"{len(unexpected)} formed but not intended, e.g. {sorted(unexpected)[:3]}"
    )


def test_every_bad_row_is_quarantined_with_its_reason_and_nothing_is_lost(bad_rows_build):
    con = duckdb.connect(str(bad_rows_build.database), read_only=True)
    truth = con.sql(f"select * from read_parquet('{bad_rows_build.truth}/bad_rows.parquet')").fetchall()
    columns = [
        d[0]
        for d in con.sql(f"describe select * from read_parquet('{bad_rows_build.truth}/bad_rows.parquet')").fetchall()
    ]
    truth_rows = [dict(zip(columns, row, strict=True)) for row in truth]
    bad = {(r["table"], r["landing_row_number"]): r["kind"] for r in truth_rows if r["kind"] in REASONS_OF_KIND}
    kept = {(r["table"], r["landing_row_number"]) for r in truth_rows if r["kind"] not in REASONS_OF_KIND}
    quarantined = dict(
        ((table, row), reason)
        for table, row, reason in con.sql(
            "select source_table, landing_row_number, reason from staging.quarantined_rows"
        ).fetchall()
    )
    assert {kind for kind in bad.values()} == set(REASONS_OF_KIND), "the build saw every kind of bad row"
    wrong = {
        key: (kind, quarantined.get(key))
        for key, kind in bad.items()
        if quarantined.get(key) not in REASONS_OF_KIND[kind]
    }
    assert not wrong, f"{len(wrong)} bad rows with no or the wrong reason, e.g. {list(wrong.items())[:5]}"
    assert set(quarantined) == set(bad), "only the bad rows are quarantined"
    assert not kept & set(quarantined), "grain-breakers that are not bad are staged"

    # Accounting: every landed row is staged or quarantined, table by table.
    for table, landed, staged_plus_quarantined in con.sql("""
        select files.table_name, files.row_count,
            (select count(*) from staging.quarantined_rows as q where q.source_table = files.table_name)
        from landing.landing_files as files
        where files.load_status = 'loaded'
            and files.invocation_id = (select max_by(invocation_id, loaded_at) from landing.landing_files)
    """).fetchall():
        staged = con.execute(f"select count(*) from staging.stg_{table.replace('_', '__', 1)}").fetchone()[0]
        assert landed == staged + staged_plus_quarantined, table


@pytest.mark.parametrize(
    "kind, table, observation",
    [
        ("second_person_row", "dvv_persons", "several_rows_per_person"),
        ("second_income_row", "vero_income", "several_rows_per_person_and_year"),
        ("money_three_decimals", "vero_income", "money_with_more_than_two_decimals"),
        ("money_three_decimals", "kela_benefits", "money_with_more_than_two_decimals"),
    ],
)
def test_grain_breakers_are_staged_and_reported(bad_rows_build, kind, table, observation):
    con = duckdb.connect(str(bad_rows_build.database), read_only=True)
    injected = con.execute(
        f"select count(*) from read_parquet('{bad_rows_build.truth}/bad_rows.parquet') "
        f"where kind = '{kind}' and \"table\" = '{table}'"
    ).fetchone()[0]
    assert injected > 0
    reported = con.execute(
        "select coalesce(sum(n_rows), 0) from staging.staging_observations "
        f"where source_table = '{table}' and observation = '{observation}'"
    ).fetchone()[0]
    assert reported >= injected, f"{table}: {injected} {kind} injected, {reported} reported"


def test_build_with_bad_rows_publishes_exactly_the_published_tables(bad_rows_build):
    assert_publication_tables(bad_rows_build.publish)


def test_build_with_bad_rows_survives_the_attack(bad_rows_build):
    # 2,000 families: most cells are small, so most of the secondary suppression is exercised.
    assert_publication_survives_the_attack(bad_rows_build.publish, bad_rows_build.database)
    assert lone_parent_numerators_apart_from_their_counts(bad_rows_build.publish) == []


def _files(folder) -> list:
    return [path for path in folder.rglob("*") if path.is_file()]


def test_the_family_id_salt_is_in_no_file_the_build_wrote(bad_rows_build):
    salt = bad_rows_build.family_id_salt
    assert salt, "the fixture sets LEA_FAMILY_ID_SALT"
    root = bad_rows_build.database.parent  # target/, logs/, the database, the publication, the landing
    files = _files(root)
    for folder in ("target", "logs"):  # the runs' DBT_TARGET_PATH and DBT_LOG_PATH
        assert _files(root / folder), f"the build wrote {folder}/"
    assert (root / "target" / "static_index.html").exists(), "the documentation site is among them"
    found = [str(path.relative_to(root)) for path in files if salt.encode() in path.read_bytes()]
    assert not found, f"the salt is in {found}"
    # Where the salt used to be: the model reads it at run time.
    compiled = root / "target" / "compiled" / "lea" / "models" / "intermediate" / "families" / "int_family_members.sql"
    assert "getvariable('lea_family_id_salt')" in compiled.read_text()


def test_family_ids_are_the_salted_hash_and_agree_across_models(bad_rows_build):
    """The build used the salt of the environment, and every model holds the same ids."""
    salt = bad_rows_build.family_id_salt
    con = duckdb.connect(str(bad_rows_build.database), read_only=True)
    members = con.sql(
        "select stat_year, family_id, list(person_id) from intermediate.int_family_members "
        "group by stat_year, family_id"
    ).fetchall()
    wrong = [
        family_id
        for year, family_id, persons in members
        if hashlib.md5(f"{salt}|{year}|{''.join(f'{len(p)}:{p}' for p in sorted(persons))}".encode()).hexdigest()
        != family_id
    ]
    assert len(members) > 1000 and not wrong, f"{len(wrong)} family ids are not the salted hash of their members"
    ids = {family_id for _, family_id, _ in members}
    assert {row[0] for row in con.sql("select family_id from intermediate.int_families").fetchall()} == ids
    for model in ("intermediate.int_family_phenomena", "intermediate.int_family_typology"):
        held = {row[0] for row in con.sql(f"select family_id from {model}").fetchall()}
        assert held and held <= ids, model


def test_files_of_the_build_have_no_group_or_world_access(bad_rows_build):
    paths = [
        bad_rows_build.database,
        bad_rows_build.landing,
        bad_rows_build.truth,
        bad_rows_build.publish,
        *_files(bad_rows_build.landing),
        *_files(bad_rows_build.truth),
        *_files(bad_rows_build.publish),
    ]
    open_to_others = {
        str(path): oct(stat.S_IMODE(path.stat().st_mode)) for path in paths if stat.S_IMODE(path.stat().st_mode) & 0o077
    }
    assert len(paths) > 3 + 13 + 2 * len(PUBLISHED_TABLES) and not open_to_others, open_to_others


def test_without_a_salt_each_build_has_its_own_ids_consistent_within_it(bad_rows_build, tmp_path):
    """Two dbt runs of the families models with LEA_FAMILY_ID_SALT unset, each on a copy of
    the bad-rows build (a whole build costs a minute; these two models are where the ids
    are made and first compared)."""
    salted = {
        row[0]
        for row in duckdb.connect(str(bad_rows_build.database), read_only=True)
        .sql("select family_id from intermediate.int_families")
        .fetchall()
    }
    builds = []
    for run in ("first", "second"):
        database = tmp_path / run / "lea.duckdb"
        database.parent.mkdir()
        shutil.copyfile(bad_rows_build.database, database)
        run_dbt(
            ["run", "--select", "int_family_members", "int_families"],
            bad_rows_build.landing,
            database,
            dbt_vars={"stat_years": [2021], "family_type_count": 20},  # the build's: its parse is reused
            environment={"LEA_FAMILY_ID_SALT": None},
        )
        con = duckdb.connect(str(database), read_only=True)
        members = {row[0] for row in con.sql("select family_id from intermediate.int_family_members").fetchall()}
        families = {row[0] for row in con.sql("select family_id from intermediate.int_families").fetchall()}
        assert members == families, "one salt within a build: the ids of the two models agree"
        builds.append(families)
    assert len(builds[0]) == len(builds[1]) == len(salted)
    assert not builds[0] & builds[1], "two builds without a salt share no family id"
    assert not (builds[0] | builds[1]) & salted


def _old_duckdb_versions() -> list[str]:
    """The versions `make old-duckdb` installs (OLD_DUCKDB_VERSIONS in the Makefile)."""
    match = re.search(r"^OLD_DUCKDB_VERSIONS := (.+)$", (PROJECT_DIR / "Makefile").read_text(), re.MULTILINE)
    assert match, "OLD_DUCKDB_VERSIONS in the Makefile"
    return match.group(1).split()


# Run by an older DuckDB's Python: the row count of every table of schema main, as JSON.
_COUNT_TABLES = """
import duckdb, json, sys
con = duckdb.connect(sys.argv[1], read_only=True)
tables = [row[0] for row in con.execute(
    "select table_name from information_schema.tables where table_schema = 'main'").fetchall()]
counts = {table: con.execute(f'select count(*) from (select * from main."{table}")').fetchone()[0] for table in tables}
# The shares are DECIMAL (issue 25): read their values, not only the rows.
shares = {
    table: str(con.execute(f'select sum(share_pct), any_value(typeof(share_pct)) from main."{table}"').fetchone())
    for table in tables
    if con.execute(
        "select count(*) from information_schema.columns where table_name = ? and column_name = 'share_pct'", [table]
    ).fetchone()[0]
}
print(json.dumps({"version": duckdb.__version__, "counts": counts, "shares": shares}))
"""


@pytest.mark.parametrize("version", _old_duckdb_versions())
def test_older_duckdb_reads_every_published_table(bad_rows_build, version):
    python = PROJECT_DIR / ".venv-old-duckdb" / version / "bin" / "python"
    if not python.exists():
        message = f"no DuckDB {version} at {python}: run `make old-duckdb`"
        if os.environ.get("LEA_OLD_DUCKDB_REQUIRED"):
            pytest.fail(message)
        pytest.skip(message)
    publication = bad_rows_build.publish / "lea_publication.duckdb"
    completed = subprocess.run(
        [str(python), "-c", _COUNT_TABLES, str(publication)], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    old = json.loads(completed.stdout)
    with duckdb.connect(str(publication), read_only=True) as con:
        current = {
            table: con.execute(f'select count(*) from main."{table}"').fetchone()[0] for table in PUBLISHED_TABLES
        }
        shares = {
            table: str(
                con.execute(f'select sum(share_pct), any_value(typeof(share_pct)) from main."{table}"').fetchone()
            )
            for table in PUBLISHED_TABLES
            if "share_pct" in {column for (column, *_) in con.execute(f'describe main."{table}"').fetchall()}
        }
    assert old["version"] == version
    assert old["counts"] == current and sum(current.values()) > 0
    assert old["shares"] == shares and len(shares) == 7 and "DECIMAL(4,1)" in shares["municipality_indicators"]
