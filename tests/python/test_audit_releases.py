"""The audit of several releases read together (issue 22, lea.audit_releases).

Two releases of the same families: last year's (`stat_years [2020]`) and this year's
(`[2020, 2021]`). The family types are ranked on each release's latest year, so the two
type catalogues of 2020 differ. Hand-made lone fathers, all in one postcode area of Vaasa
(905), the only fathers of the population:

  situation                      2020  2021
  S1  father 7-12  2  35-44        40    40
  X   father 7-12  2  25-34         3    20
  S5  father 13-17 2  35-44         8    10

and, in Tampere, 12 mothers (13-17, one child, 45+) in 2020 only (S6), so that 2020 has one
situation more common than X. With N_TYPES = 9 (six background situations, then these):
last year's types are S1, S6, S5 (X, 3 families, is no type: its longest prefix gives it to
S1); this year's are S1, X, S5 (S6 is no type in 2021). In 2020, then:

  last year publishes  S1's type = S1 + X = 43   (no small cell among the fathers' types)
  this year publishes  S1's type = S1 = 40, hides X's type (3, primary) and another

Each release alone passes the audit; together 43 - 40 gives X's 3 families exactly, in
Vaasa and in the study area. This year's build chained to last year's publication (as a data
engineer builds it) sees that and hides S1's type too: the union then passes. Each father
carries some phenomena (one in four of each), so that no count of last year's S1 + X gives
a numerator of X away by itself (a published 0 of 43 would: the chained build would have
to refuse, which tests/python/test_previous_types.py shows on hand-made cells).

The background (random families) keeps to six situations (couples and mothers, youngest
child 3-6 or 7-12, two children, parent 35-44), as in test_lone_parent_numerator.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from disclosure_inputs import (
    INDICATORS,
    Family,
    build_marts,
    hand_made_family,
    ordinary_postcodes,
    run_dbt,
    without_lone_fathers_in_few_situations,
    write_inputs,
    years_vars,
)
from lea_test_support import DbtRun

from lea.audit import YearModel, audit, failing_cells, main
from lea.audit_releases import (
    FamilyType,
    Release,
    ReleasesAudit,
    RevisionError,
    assign_situation,
    audit_releases,
    merge,
)

LAST_YEAR, THIS_YEAR = (2020,), (2020, 2021)
N_TYPES = 9
VAASA, TAMPERE = "905", "837"
FATHERS = {  # (youngest child age band, parent age band) -> families per year
    ("7-12", "35-44"): {2020: 40, 2021: 40},
    ("7-12", "25-34"): {2020: 3, 2021: 20},
    ("13-17", "35-44"): {2020: 8, 2021: 10},
}
X = ("father", "7-12", "2", "25-34")
# The type tables' areas (fathers only in Vaasa): attacking only their primary cells keeps the
# test short (the postcode areas of 600 random families are mostly small: thousands of cells).
AREAS = ["M" + VAASA, "ALL"]


def fathers_phenomena(k: int) -> dict[str, bool]:
    """The k-th father's phenomena: each true for one father in four, in a rotating pattern,
    so that every phenomenon's count among a type's fathers is neither 0 nor all of them
    (no_ecec stays false: their youngest child is 7 or older, so no child is aged 3-5).
    With all of them false, last year's published 0 of S1 + X would give X's numerators
    away (0 of 3) whatever this year hides, and a chained build must refuse."""
    rotating = [name for name in INDICATORS if name not in ("single_parent", "no_ecec")]
    return {name: (k + i) % 4 == 0 for i, name in enumerate(rotating)}


def population() -> list[Family]:
    """Background families in six situations, the hand-made fathers and the 2020 mothers."""
    families = without_lone_fathers_in_few_situations(600, THIS_YEAR, seed=22)
    vaasa = ordinary_postcodes()[VAASA][0]
    for (age_band, parent_band), per_year in FATHERS.items():
        for year, n in per_year.items():
            for k in range(n):
                flags = fathers_phenomena(k)
                father = hand_made_family(
                    year, f"{year}-F-{age_band}-{parent_band}-{k}", VAASA, vaasa, "father", **flags
                )
                moves = 2 if flags["frequent_moves"] else 0
                families.append(replace(father, age_band=age_band, parent_band=parent_band, youngest_child_moves=moves))
    tampere = ordinary_postcodes()[TAMPERE][0]
    for k in range(12):
        mother = hand_made_family(2020, f"2020-M-{k}", TAMPERE, tampere, "mother")
        families.append(replace(mother, age_band="13-17", children_band="1", parent_band="45+"))
    return families


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(last year's build folder, this year's build folder)."""
    families = population()
    last = tmp_path_factory.mktemp("release_2020")
    build_marts(last, [f for f in families if f.stat_year in LAST_YEAR], LAST_YEAR, n_types=N_TYPES)
    this = tmp_path_factory.mktemp("release_2021")
    build_marts(this, families, THIS_YEAR, n_types=N_TYPES)
    return last, this


def publication(build: Path) -> Path:
    return build / "publish" / "lea_publication.duckdb"


def release(label: str, build: Path, attacked: bool = True) -> Release:
    return Release(label, publication(build), build / "lea.duckdb", attacked)


def type_of(build: Path, situation: tuple[str, ...]) -> str | None:
    with duckdb.connect(str(publication(build)), read_only=True) as connection:
        row = connection.execute(
            "select type_id from family_type_catalog where structure = ? and youngest_child_age_band = ? "
            "and children_band = ? and youngest_parent_age_band = ?",
            list(situation),
        ).fetchone()
    return None if row is None else str(row[0])


def failing_keys(result: ReleasesAudit) -> set[tuple]:
    return {interval.cell for interval in failing_cells(result.intervals)}


def test_the_two_catalogues_differ_as_designed(releases: tuple[Path, Path]) -> None:
    last, this = releases
    assert type_of(last, X) is None  # 3 families in 2020: no type last year
    assert type_of(this, X) is not None  # 20 in 2021: a type this year
    assert type_of(last, ("mother", "13-17", "1", "45+")) is not None
    assert type_of(this, ("mother", "13-17", "1", "45+")) is None


def test_each_release_alone_passes(releases: tuple[Path, Path]) -> None:
    for build in releases:
        intervals = audit(publication(build), build_database=build / "lea.duckdb", years=[2020], areas=AREAS)
        assert intervals
        assert failing_cells(intervals) == []


def test_the_union_narrows_this_years_x_type_to_its_value(releases: tuple[Path, Path]) -> None:
    last, this = releases
    x_type = type_of(this, X)
    result = audit_releases([release("new", this), release("previous1", last, attacked=False)], areas=AREAS)
    assert result.joint_years == [2020]
    assert result.situation_years == [2020]
    failing = {interval.cell: interval for interval in failing_cells(result.intervals)}
    for area in ("M" + VAASA, "ALL"):
        cell = failing[("T", 2020, area, x_type)]
        assert (cell.lo, cell.hi) == (3, 3)
        assert cell.where.startswith("[new] municipality_family_types")
    # Every failing cell is this release's, and of the year both publish.
    assert {key[1] for key in failing} == {2020}
    # 2021 (this release alone) passes as it does alone.
    assert not [i for i in failing_cells(result.intervals) if i.year == 2021]


def test_a_publication_with_itself_as_previous_is_audited_as_alone(releases: tuple[Path, Path]) -> None:
    _, this = releases
    alone = audit(publication(this), build_database=this / "lea.duckdb", years=[2020], areas=AREAS)
    union = audit_releases(
        [release("new", this), release("previous1", this, attacked=False)], years=[2020], areas=AREAS
    )
    assert alone and union.joint_years == [2020]
    assert union.situation_years == []  # one catalogue: the type cells are the common unknowns

    def seen(intervals: list) -> list[tuple]:
        return sorted((i.year, i.cell, i.lo, i.hi, i.exempt) for i in intervals)

    assert seen(union.intervals) == seen(alone)


def test_the_command_line_attacks_the_union(releases: tuple[Path, Path], capsys: pytest.CaptureFixture) -> None:
    last, this = releases
    new = [str(publication(this)), "--build", str(this / "lea.duckdb"), "--year", "2020"]
    new += [f"--area={area}" for area in AREAS]
    assert main(new) == 0
    assert main([*new, "--previous", str(publication(last))]) == 1
    output = capsys.readouterr().out
    assert f"FAIL 2020 [new] municipality_family_types M{VAASA} {type_of(this, X)}: [3, 3]" in output
    assert "years attacked as one model: [2020]" in output


def published_fathers(build: Path) -> dict[str, int]:
    """2020's published father counts of the profile, by area code (hidden ones left out)."""
    with duckdb.connect(str(publication(build)), read_only=True) as connection:
        rows = connection.execute(
            "select municipality_code, families from municipality_profile where year = 2020 "
            "and breakdown = 'structure' and category = 'father' and families is not null"
        ).fetchall()
    return {str(code): int(families) for code, families in rows}


def test_a_revised_cell_stops_the_union_unless_allowed(releases: tuple[Path, Path], tmp_path: Path) -> None:
    """Last year's publication with one number changed (a corrected extract): the audit
    names the cell; allowed, it attacks each release of 2020 alone (and so no longer sees
    the leak, which is why revisions are not allowed by default). The revised cell is a
    fathers' count that both releases publish (which areas' counts this year hides depends
    on the engine's pattern; a revision is only seen where both publish)."""
    last, this = releases
    both = published_fathers(last).items() & published_fathers(this).items()
    code, families = next((code, n) for code, n in sorted(both, reverse=True) if code in (VAASA, "ALL"))
    revised = tmp_path / "lea_publication.duckdb"
    shutil.copyfile(publication(last), revised)
    with duckdb.connect(str(revised)) as connection:
        connection.execute(
            "update municipality_profile set families = families + 1 where year = 2020 "
            "and municipality_code = ? and breakdown = 'structure' and category = 'father'",
            [code],
        )
    releases_ = [release("new", this), Release("previous1", revised, attacked=False)]
    with pytest.raises(RevisionError) as raised:
        audit_releases(releases_, years=[2020], areas=AREAS)
    area = code if code == "ALL" else "M" + code
    (revision,) = raised.value.revisions
    assert revision.cell == ("P", 2020, area, "structure", "father")
    assert revision.values == (("new", float(families)), ("previous1", float(families + 1)))
    assert f"P {area} structure father: new {families}, previous1 {families + 1}" in str(raised.value)
    allowed = audit_releases(releases_, years=[2020], allow_revisions=True, areas=AREAS)
    assert allowed.revisions == [revision]
    assert allowed.joint_years == []
    assert failing_cells(allowed.intervals) == []


def test_merge_keeps_one_copy_of_each_relation_and_finds_revisions() -> None:
    def model(families: float, hidden_part: float | None) -> YearModel:
        m = YearModel(2020)
        m.publish(("F", 2020, "M905"), families, "published", "F")
        m.publish(
            ("G", 2020, "M905", "G01"), hidden_part, "published" if hidden_part is not None else "suppressed", "G"
        )
        m.equal([("F", 2020, "M905")], [("G", 2020, "M905", "G01")])
        return m

    merged, revisions = merge([model(10, None), model(10, 10)])
    assert revisions == []
    assert len(merged.rows) == 1
    assert merged.fixed == {0: 10.0, 1: 10.0}  # the hidden part is published by the other release
    _, revisions = merge([model(10, None), model(11, None)])
    assert [r.cell for r in revisions] == [("F", 2020, "M905")]


def test_a_situation_goes_to_the_longest_prefix_then_the_lowest_rank() -> None:
    catalog = (
        FamilyType("T001", 1, ("married_couple", "7-12", "2", "35-44")),
        FamilyType("T002", 2, ("father", "7-12", "2", "35-44")),
        FamilyType("T003", 3, ("father", "7-12", "2", "25-34")),
        FamilyType("T004", 4, ("father", "13-17", "1", "45+")),
    )
    assert assign_situation(("father", "7-12", "2", "25-34"), catalog) == "T003"  # a type itself
    assert assign_situation(("father", "7-12", "2", "<25"), catalog) == "T002"  # 3 with T002 and T003
    assert assign_situation(("father", "13-17", "3", "<25"), catalog) == "T004"
    assert assign_situation(("father", "0-2", "1", "<25"), catalog) == "T002"  # structure only: lowest rank
    assert assign_situation(("mother", "13-17", "1", "45+"), catalog) == "T001"  # no shared structure


@pytest.fixture(scope="module")
def chained(releases: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DbtRun]:
    """This year's build made as a data engineer makes it: last year's publication is in its
    LEA_PUBLISH_DIR, so the build reads it as the previous release (issue 22)."""
    last, _ = releases
    this = tmp_path_factory.mktemp("release_2021_chained")
    shutil.copytree(last / "publish", this / "publish")
    variables = years_vars(THIS_YEAR, family_type_count=N_TYPES)
    run_dbt(this, "seed", "--vars", variables)
    write_inputs(this / "lea.duckdb", population(), N_TYPES)
    selection = ("--select", "int_stat_years", "path:models/marts", "--indirect-selection", "cautious")
    run = run_dbt(this, "build", *selection, "--vars", variables, check=False)
    return this, run


def hidden_type_counts(build: Path, year: int) -> set[tuple[str, str]]:
    """(area code, type id) of the year's hidden family-type counts."""
    with duckdb.connect(str(publication(build)), read_only=True) as connection:
        rows = connection.execute(
            "select municipality_code, type_id from municipality_family_types where year = ? and families is null",
            [year],
        ).fetchall()
    return {(str(code), str(type_id)) for code, type_id in rows}


def tables_with_a_year(connection: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        str(row[0])
        for row in connection.execute(
            "select table_name from duckdb_columns() where column_name = 'year' order by table_name"
        ).fetchall()
    ]


def rows_of_year(build: Path, year: int) -> dict[str, list[tuple]]:
    """Every published row of the year, per table (the publication's info row has no year)."""
    with duckdb.connect(str(publication(build)), read_only=True) as connection:
        return {
            table: sorted(connection.execute(f"select * from {table} where year = ?", [year]).fetchall(), key=repr)
            for table in tables_with_a_year(connection)
        }


def published_cells(build: Path, year: int) -> int:
    """How many of the year's count cells the publication shows (every table, every count)."""
    with duckdb.connect(str(publication(build)), read_only=True) as connection:
        shown = 0
        for table in tables_with_a_year(connection):
            columns = [
                str(row[0])
                for row in connection.execute(
                    "select column_name from duckdb_columns() where table_name = ? and data_type in "
                    "('INTEGER', 'BIGINT', 'HUGEINT') and column_name <> 'year'",
                    [table],
                ).fetchall()
            ]
            if not columns:
                continue
            counted = " + ".join(f"count({column})" for column in columns)
            row = connection.execute(f"select {counted} from {table} where year = ?", [year]).fetchone()
            shown += int(row[0]) if row else 0
    return shown


def test_a_build_that_reads_the_previous_release_hides_what_the_union_would_give_away(
    releases: tuple[Path, Path], chained: tuple[Path, DbtRun]
) -> None:
    """The same families, this year's build chained to last year's publication (in its
    LEA_PUBLISH_DIR). Its engine proves 2020 with every number last year published known,
    through both catalogues (this year's types tied to last year's by the families of each
    pair of types): it publishes, and the independent attacker of the union finds nothing,
    where the unchained build's union gives X's 3 families away (test above). Known answer:
    last year published S1 + X = 43 in Vaasa and the study area, so this year hides S1's
    type there too (the unchained build publishes it, 40)."""
    last, this = releases
    folder, run = chained
    assert run.returncode == 0, run.output[-3000:]
    result = audit_releases([release("new", folder), release("previous1", last, attacked=False)], areas=AREAS)
    assert result.joint_years == [2020] and result.situation_years == [2020]
    assert result.intervals
    assert failing_cells(result.intervals) == []
    s1 = type_of(folder, ("father", "7-12", "2", "35-44"))
    assert s1 == type_of(this, ("father", "7-12", "2", "35-44"))
    for code in (VAASA, "ALL"):
        assert (code, s1) not in hidden_type_counts(this, 2020)
        assert (code, s1) in hidden_type_counts(folder, 2020)
    # 2021, which last year does not hold, is proven as the unchained build proves it.
    assert rows_of_year(folder, 2021) == rows_of_year(this, 2021)
    # Cells this release hides because of the previous one (README, "Releases read together").
    assert published_cells(folder, 2020) < published_cells(this, 2020)
