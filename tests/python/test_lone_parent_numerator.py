"""A lone-parent type's single_parent numerator is that type's families count (publication.md
rule 4, "Definitions"): one number, published or hidden together, never a way round the count.

Hand-made build (issue 21's shape): seven family types, the last one ranked a `father` type
whose 3 families all live in one postcode area of Vaasa (905): its count is primary there
and in the study area. Before the fix the engine could prove the hidden count with a
witness that moved the count and the numerator's complement (0, known to everyone) but not
the numerator, and publish the numerator: the count, read off exactly (the engine's unit
test `test_a_known_virtual_cell_is_held_...` pins that path; one year keeps this build
short).
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from disclosure_attack import attack, republish
from disclosure_inputs import build_marts, hand_made_family, ordinary_postcodes, without_lone_fathers_in_few_situations

from lea.audit import audit, failing_cells
from lea.audit_population import AuditScope, audit_population

YEARS = (2021,)
VAASA = "905"
LONE_FATHERS = {2021: 3}
TYPE_AREAS = ["ALL", "M" + VAASA]


def population() -> list:
    """Random families in seven situations (no lone father among them), and the lone fathers
    of Vaasa, all in one situation of their own."""
    families = without_lone_fathers_in_few_situations(700, YEARS, seed=21)
    vaasa = ordinary_postcodes()[VAASA][0]
    for year in YEARS:
        for n in range(LONE_FATHERS[year]):
            families.append(hand_made_family(year, f"{year}-VF-{n}", VAASA, vaasa, "father"))
    return families


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work_dir = tmp_path_factory.mktemp("lone_parent")
    build_marts(work_dir, population(), YEARS)
    return work_dir


def father_type(connection: duckdb.DuckDBPyConnection) -> str:
    (type_id,) = connection.execute("select type_id from family_type_catalog where structure = 'father'").fetchone()
    return str(type_id)


def type_rows(connection: duckdb.DuckDBPyConnection, schema: str = "main") -> list[tuple]:
    """(year, municipality, families, families status, numerator, numerator status) of the
    father type's single_parent row."""
    return connection.execute(
        f"select year, municipality_code, families, families_status, families_with, families_with_status "
        f"from {schema}.municipality_family_type_indicators "
        f"where type_id = ? and indicator_id = 'single_parent' order by all",
        [father_type(connection)],
    ).fetchall()


def test_the_father_type_is_ranked_last_and_lives_in_vaasa(build: Path) -> None:
    with duckdb.connect(str(build / "publish" / "lea_publication.duckdb"), read_only=True) as connection:
        ranks = connection.execute("select type_id, structure from family_type_catalog order by type_rank").fetchall()
        assert [structure for _, structure in ranks][-1] == "father"
        hidden = [(year, area) for year, area, _, status, _, _ in type_rows(connection) if status == "suppressed"]
    # Its count is primary (3 families) in Vaasa and the study area.
    assert {(2021, VAASA), (2021, "ALL")} <= set(hidden)


def test_the_numerator_is_published_exactly_when_the_types_count_is(build: Path) -> None:
    with duckdb.connect(str(build / "publish" / "lea_publication.duckdb"), read_only=True) as connection:
        rows = type_rows(connection)
    assert rows
    for year, area, families, families_status, numerator, numerator_status in rows:
        assert numerator_status == families_status, (year, area)
        assert numerator == families, (year, area)


def test_the_fixed_pattern_survives_the_audit(build: Path) -> None:
    # The type tables' areas (the postcode areas' cells hold no type; the suite's larger
    # builds attack every area).
    intervals = audit(
        build / "publish" / "lea_publication.duckdb", build_database=build / "lea.duckdb", areas=TYPE_AREAS
    )
    assert {interval.cell[3] for interval in intervals if interval.cell[0] == "T"}
    assert failing_cells(intervals) == []


def test_the_audit_sees_a_numerator_published_beside_its_hidden_count(build: Path, tmp_path: Path) -> None:
    """Yesterday's pattern: the same suppressions, but the father type's numerator published
    wherever its count is hidden. The audit reads the numerator as the count and fails."""
    with duckdb.connect(str(build / "lea.duckdb"), read_only=True) as connection:
        pattern = connection.execute("select * from marts.disclosure_suppression").df()
        type_id = father_type_in_build(connection)
    numerator = pattern["measure_key"] == f"type_families_with|{type_id}|single_parent"
    assert (pattern.loc[numerator, "status"] == "suppressed").any()
    pattern.loc[numerator, "status"] = "published"
    pattern.loc[numerator, "suppression_reason"] = None
    copy = republish(build, tmp_path, pattern)
    failing = {(cell.year, cell.cell) for cell in attack(copy, TYPE_AREAS)}
    assert (2021, ("T", 2021, "M" + VAASA, type_id)) in failing
    assert (2021, ("T", 2021, "ALL", type_id)) in failing


def father_type_in_build(connection: duckdb.DuckDBPyConnection) -> str:
    (type_id,) = connection.execute(
        "select type_id from intermediate.int_family_types where structure = 'father'"
    ).fetchone()
    return str(type_id)


def test_the_population_attacker_finds_the_numerator_beside_its_hidden_count(build: Path, tmp_path: Path) -> None:
    """The population attacker (lea.audit_population, issue 23) on yesterday's pattern, as
    the relation audit above: it must fail there too."""
    with duckdb.connect(str(build / "lea.duckdb"), read_only=True) as connection:
        pattern = connection.execute("select * from marts.disclosure_suppression").df()
        type_id = father_type_in_build(connection)
    numerator = pattern["measure_key"] == f"type_families_with|{type_id}|single_parent"
    pattern.loc[numerator, "status"] = "published"
    pattern.loc[numerator, "suppression_reason"] = None
    copy = republish(build, tmp_path, pattern)
    result = audit_population(copy, copy, AuditScope(areas=TYPE_AREAS), schema="marts")
    failing = {interval.cell for interval in failing_cells(result.intervals)}
    assert ("T", 2021, "M" + VAASA, type_id) in failing
    assert ("T", 2021, "ALL", type_id) in failing


def test_the_population_attacker_passes_the_real_publication(build: Path) -> None:
    """Found by this attacker first (issue 23): the cohabiting 3-6 type of Vaasa (3 families)
    was read off as [0, 4] through the profile's bands crossed with the type partition. The
    engine now sees the families of each situation (lea.disclosure.situations): none fails,
    the father type's cells among them."""
    result = audit_population(
        build / "publish" / "lea_publication.duckdb", build / "lea.duckdb", AuditScope(areas=TYPE_AREAS)
    )
    with duckdb.connect(str(build / "lea.duckdb"), read_only=True) as connection:
        type_id = father_type_in_build(connection)
    assert {interval.cell[3] for interval in result.intervals if interval.cell[0] == "T"} >= {type_id}
    assert failing_cells(result.intervals) == []
