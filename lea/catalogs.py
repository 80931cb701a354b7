"""The project's code lists, read from the seeds: the one module of Python that knows them.

The seeds (`seeds/`, each documented in its `_<folder>__seeds.yml`) are the one list of

- the indicators, which are the eleven phenomena (`indicator_catalog`, in `sort_order`),
  with the measure of each one's denominator (`families`, or `families_3_5` for the
  families with a child aged 3-5);
- the wellbeing groups (`wellbeing_group_catalog`) and their rules (`wellbeing_group_rules`);
- the study municipalities (`study_municipalities`, in `sort_order`: the order of the issue,
  which the generator's random draws and the report's pages follow).

SQL reads them with `ref()`; dbt reads the indicator list at compile time from the graph
(macros/phenomena/phenomenon_ids.sql). Every other Python module asks this one, and
`tests/python/test_one_list.py` fails when an id is typed anywhere else.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the rules' type only; lea.typology imports this module
    from lea.typology.wellbeing_groups import WellbeingGroupRule

PROJECT_DIR = Path(__file__).resolve().parents[1]
SEEDS_DIR = PROJECT_DIR / "seeds"
# The denominator measures of indicator_catalog.denominator_measure.
ALL_FAMILIES = "families"
FAMILIES_WITH_CHILD_AGED_3_5 = "families_3_5"


def seed_path(name: str, seeds_dir: Path = SEEDS_DIR) -> Path:
    """The file of seed `name` (seeds/<folder>/<name>.csv); exactly one must exist."""
    found = sorted(seeds_dir.glob(f"*/{name}.csv"))
    if len(found) != 1:
        raise FileNotFoundError(f"seed {name}: expected one file {seeds_dir}/*/{name}.csv, found {len(found)}")
    return found[0]


@cache
def seed_rows(name: str) -> tuple[dict[str, str], ...]:
    """The rows of seed `name` as text, in file order."""
    with seed_path(name).open(newline="", encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


def in_sort_order(rows: tuple[dict[str, str], ...], key: str) -> tuple[str, ...]:
    """Column `key` of the rows ordered by their whole-number `sort_order`."""
    return tuple(row[key] for row in sorted(rows, key=lambda row: int(row["sort_order"])))


def denominators_of(rows: tuple[dict[str, str], ...]) -> dict[str, str]:
    """indicator_id -> denominator measure, in sort_order; an unknown measure raises."""
    measures = (ALL_FAMILIES, FAMILIES_WITH_CHILD_AGED_3_5)
    by_id = {row["indicator_id"]: row["denominator_measure"] for row in rows}
    unknown = {i: m for i, m in by_id.items() if m not in measures}
    if unknown:
        raise ValueError(f"indicator_catalog.denominator_measure must be one of {measures}: {unknown}")
    return {i: by_id[i] for i in in_sort_order(rows, "indicator_id")}


@cache
def phenomenon_ids() -> tuple[str, ...]:
    """The eleven phenomena (the indicators), in the order of the specification."""
    return in_sort_order(seed_rows("indicator_catalog"), "indicator_id")


@cache
def indicator_denominators() -> Mapping[str, str]:
    """indicator_id -> `families` or `families_3_5`, in the order of the specification."""
    return denominators_of(seed_rows("indicator_catalog"))


@cache
def group_ids() -> tuple[str, ...]:
    """The wellbeing groups, lightest first (the catalogue's sort_order)."""
    return in_sort_order(seed_rows("wellbeing_group_catalog"), "group_id")


@cache
def wellbeing_group_rules() -> tuple[WellbeingGroupRule, ...]:
    """The validated rules of the wellbeing groups, in priority order."""
    from lea.typology.wellbeing_groups import parse_wellbeing_group_rules

    return parse_wellbeing_group_rules(seed_rows("wellbeing_group_rules"), group_ids(), phenomenon_ids())


@cache
def study_municipalities() -> tuple[str, ...]:
    """The codes of the study municipalities, in the seed's sort_order."""
    return in_sort_order(seed_rows("study_municipalities"), "municipality_code")
