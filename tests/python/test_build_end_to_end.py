"""Whole synthetic builds: families as the generator intended them, and the quarantine.

The generator writes what it intended (truth) beside the landing directory; these tests
compare the build with it. Issue 4's "done when": families formed match the families the
generator intended, and a build with bad rows of every kind loses nothing, gives each
row the right reason, and still publishes.
"""

from __future__ import annotations

import duckdb
import pytest
from lea_test_support import assert_publication_survives_the_attack, assert_publication_tables

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
    built = _families(con, """
        select families.stat_year, families.family_structure, list(members.person_id)
        from intermediate.int_families as families
        inner join intermediate.int_family_members as members
            on families.family_id = members.family_id
        where families.is_in_study_area and families.is_family_with_children
        group by families.stat_year, families.family_id, families.family_structure
    """)
    intended = _families(con, """
        select stat_year, any_value(structure), list(person_id)
        from truth group by stat_year, family_key
    """)
    assert len(intended) > 150_000  # the default build: 80,000 families in each of three years
    missing, unexpected = intended - built, built - intended
    assert not missing and not unexpected, (
        f"{len(missing)} intended families not formed, e.g. {sorted(missing)[:3]}; "
        f"{len(unexpected)} formed but not intended, e.g. {sorted(unexpected)[:3]}"
    )


def test_every_bad_row_is_quarantined_with_its_reason_and_nothing_is_lost(bad_rows_build):
    con = duckdb.connect(str(bad_rows_build.database), read_only=True)
    truth = con.sql(f"select * from read_parquet('{bad_rows_build.truth}/bad_rows.parquet')").fetchall()
    columns = [d[0] for d in con.sql(f"describe select * from read_parquet('{bad_rows_build.truth}/bad_rows.parquet')").fetchall()]
    truth_rows = [dict(zip(columns, row)) for row in truth]
    bad = {(r["table"], r["landing_row_number"]): r["kind"] for r in truth_rows if r["kind"] in REASONS_OF_KIND}
    kept = {(r["table"], r["landing_row_number"]) for r in truth_rows if r["kind"] not in REASONS_OF_KIND}
    quarantined = dict(
        ((table, row), reason)
        for table, row, reason in con.sql(
            "select source_table, landing_row_number, reason from staging.quarantined_rows").fetchall()
    )
    assert {kind for kind in bad.values()} == set(REASONS_OF_KIND), "the build saw every kind of bad row"
    wrong = {key: (kind, quarantined.get(key)) for key, kind in bad.items()
             if quarantined.get(key) not in REASONS_OF_KIND[kind]}
    assert not wrong, f"{len(wrong)} bad rows with no or the wrong reason, e.g. {list(wrong.items())[:5]}"
    assert set(quarantined) == set(bad), "only the bad rows are quarantined"
    assert not kept & set(quarantined), "grain-breakers that are not bad are staged"

    # Accounting: every landed row is staged or quarantined, table by table.
    for (table, landed, staged_plus_quarantined) in con.sql("""
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
