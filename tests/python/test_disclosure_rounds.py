"""The SQL secondary suppression rounds on tiny hand-made tables of cells and relations.

Each case is a handful of cells of one relation (or two), with the answer known by hand.
The cases share no cell and no relation, so the rounds treat them independently: they run
together in one dbt call (cell and relation ids prefixed by the case), which keeps the
suite fast, and each test reads its own case.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from disclosure_inputs import run_dbt, years_vars

CELLS_DDL = ("create or replace table main.cells (cell_id varchar, stat_year integer, value bigint, "
             "is_virtual boolean, is_fixed boolean, primary_reason varchar)")
RELATIONS_DDL = ("create or replace table main.relations (relation_id varchar, relation_kind varchar, "
                 "cell_id varchar, side varchar)")


def suppress(work_dir: Path, cells: list[tuple], relations: list[tuple], **variables: object) -> dict[str, bool]:
    """Run the rounds; {cell_id: hidden} for the non-virtual cells."""
    work_dir.mkdir(parents=True, exist_ok=True)
    database = work_dir / "lea.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute(CELLS_DDL)
        connection.execute(RELATIONS_DDL)
        connection.executemany("insert into main.cells values (?, 2021, ?, ?, ?, ?)", cells)
        connection.executemany("insert into main.relations values (?, ?, ?, ?)", relations)
    arguments = json.dumps({"cells": "main.cells", "relations": "main.relations", "state": "main.state"})
    run_dbt(work_dir, "run-operation", "lea_run_secondary_suppression", "--args", arguments,
            # The vars of the publication build tests: the runs share one parse of the project.
            "--vars", years_vars((2021,), **variables))
    with duckdb.connect(str(database), read_only=True) as connection:
        return dict(connection.execute(
            "select cell_id, is_hidden from main.state where not is_virtual").fetchall())


def part(cell_id: str, value: int, primary: str | None = None) -> tuple:
    return (cell_id, value, False, False, primary)


def members(relation_id: str, total: str, parts: list[str]) -> list[tuple]:
    return [(relation_id, "test", total, "total")] + [(relation_id, "test", p, "part") for p in parts]


def _case(name: str, cells: list[tuple], relations: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    return ([(f"{name}.{cell[0]}", *cell[1:]) for cell in cells],
            [(f"{name}.{relation[0]}", relation[1], f"{name}.{relation[2]}", relation[3]) for relation in relations])


# name: (cells, relations), with the default vars.
CASES = {
    # Municipality 100 = postcode areas a 2 (primary) + b 7 + c 40 + d 9: one hidden part would
    # equal 100 minus the published parts. The smallest part that covers the shortfall (5 - 2 = 3)
    # is b (7), fewer families than d (9).
    "one": ([part("m", 58), part("a", 2, "min_cell"), part("b", 7), part("c", 40), part("d", 9)],
            members("r", "m", ["a", "b", "c", "d"])),
    # a 1 and b 2 are both primary: their sum 3 is known, so each lies in [0, 3]. One more cell
    # must be hidden; c is 1: 1+2+1 = 4 < 5, so the smallest cell covering the shortfall of a
    # (5 - 1 - 2 = 2) is d (6).
    "two": ([part("m", 50), part("a", 1, "min_cell"), part("b", 2, "min_cell"), part("c", 41), part("d", 6)],
            members("r", "m", ["a", "b", "c", "d"])),
    # A small area's 0 must be able to reach 5: a partner with at least 5 is hidden (e, not the 3).
    "zero": ([part("m", 28), part("a", 0, "small_area"), part("b", 3), part("e", 25)],
             members("r", "m", ["a", "b", "e"])),
    # The total m (10) is hidden in another relation (primary here for the test); its only hidden
    # part z is 0, so m could only grow: a part with a value >= 5 is hidden as well.
    "down": ([part("m", 10, "min_cell"), part("z", 0, "small_area"), part("p", 4), part("q", 6)],
             members("r", "m", ["z", "p", "q"])),
    # families 40 (published), families_with 38 (all but a few, primary), complement 2 (virtual):
    # the numerator can still move down, so the denominator stays published; the postcode
    # partner of the numerator (spatial relation) carries the protection.
    "complement": ([part("d", 40), part("n", 38, "all_but_a_few"), ("c", 2, True, False, None),
                    part("n2", 20), part("n3", 6), part("nm", 64)],
                   members("balance", "d", ["n", "c"]) + members("spatial", "nm", ["n", "n2", "n3"])),
}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bool]]:
    """{case: {cell_id: hidden}} for every case of CASES, from one run of the rounds."""
    cells, relations = [], []
    for name, (case_cells, case_relations) in CASES.items():
        prefixed_cells, prefixed_relations = _case(name, case_cells, case_relations)
        cells += prefixed_cells
        relations += prefixed_relations
    hidden = suppress(tmp_path_factory.mktemp("rounds"), cells, relations)
    by_case: dict[str, dict[str, bool]] = {name: {} for name in CASES}
    for cell_id, is_hidden in hidden.items():
        name, _, cell = cell_id.partition(".")
        by_case[name][cell] = is_hidden
    return by_case


def test_one_suppressed_postcode_gets_a_partner(outcomes: dict[str, dict[str, bool]]) -> None:
    assert outcomes["one"] == {"m": False, "a": True, "b": True, "c": False, "d": False}


def test_two_small_suppressed_cells_get_a_third(outcomes: dict[str, dict[str, bool]]) -> None:
    assert outcomes["two"] == {"m": False, "a": True, "b": True, "c": False, "d": True}


def test_zero_of_a_small_area_is_protected(outcomes: dict[str, dict[str, bool]]) -> None:
    assert outcomes["zero"] == {"m": False, "a": True, "b": False, "e": True}


def test_hidden_total_needs_parts_that_can_go_down(outcomes: dict[str, dict[str, bool]]) -> None:
    assert outcomes["down"]["q"] and not outcomes["down"]["p"]


def test_complement_lets_near_total_numerators_move(outcomes: dict[str, dict[str, bool]]) -> None:
    assert outcomes["complement"] == {"d": False, "n": True, "n2": False, "n3": True, "nm": False}


def test_switched_off(tmp_path: Path) -> None:
    hidden = suppress(tmp_path / "off", [part("m", 58), part("a", 2, "min_cell"), part("b", 7)],
                      members("r", "m", ["a", "b"]), secondary_suppression=False)
    assert hidden == {"m": False, "a": True, "b": False}
