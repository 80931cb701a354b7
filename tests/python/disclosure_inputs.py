"""Synthetic inputs of the disclosure marts: int_family_phenomena, int_family_typology, int_family_types.

Test support only (the real ones come from the phenomena and typology models): writes
plausible families with children into schema `intermediate` of a DuckDB build database so
that `dbt build --select disclosure publication` can run on them before, and independently
of, the upstream models. Also runs dbt for the tests.
"""

from __future__ import annotations

import csv
import random
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb
from lea_test_support import PROJECT_DIR, DbtRun
from lea_test_support import run_dbt as run_project_dbt

from lea.catalogs import phenomenon_ids, wellbeing_group_rules
from lea.typology.wellbeing_groups import wellbeing_group as rules_group

INDICATORS = phenomenon_ids()
STRUCTURES = ("married_couple", "cohabiting_couple", "mother", "father")
AGE_BANDS = ("0-2", "3-6", "7-12", "13-17")
CHILDREN_BANDS = ("1", "2", "3", "4+")
PARENT_BANDS = ("<25", "25-34", "35-44", "45+")
MUNICIPALITY_WEIGHTS = {"837": 0.36, "092": 0.35, "609": 0.13, "905": 0.10, "980": 0.05, "399": 0.012}
PREVALENCE = {
    "low_income": 0.12,
    "social_assistance": 0.06,
    "parental_unemployment": 0.08,
    "low_parental_education": 0.07,
    "parental_mental_health": 0.10,
    "parental_substance_use": 0.02,
    "child_mental_health": 0.05,
    "child_welfare": 0.03,
    "frequent_moves": 0.04,
}


@dataclass(frozen=True)
class Family:
    """One synthetic family with children in one statistical year."""

    stat_year: int
    family_id: str
    municipality_code: str
    postcode: str | None
    structure: str
    age_band: str
    children_band: str
    parent_band: str
    flags: dict[str, bool]
    has_child_aged_3_5: bool
    youngest_child_moves: int


def ordinary_postcodes() -> dict[str, list[str]]:
    """Type 1 postcodes of each study municipality, from the reference seed."""
    grid: dict[str, list[str]] = {}
    with open(PROJECT_DIR / "seeds/reference/postcode_areas.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["postcode_type_code"] == "1":
                grid.setdefault(row["municipality_code"], []).append(row["postcode"])
    return {code: sorted(codes) for code, codes in grid.items()}


def random_families(
    n_families: int, years: tuple[int, ...], seed: int, reserved: frozenset[str] = frozenset()
) -> list[Family]:
    """n_families per year, spread over the postcode areas with very unequal sizes (none in
    the `reserved` postcodes, kept for hand-made families)."""
    rng = random.Random(seed)
    grid = {code: [p for p in codes if p not in reserved] for code, codes in ordinary_postcodes().items()}
    # Unequal postcode sizes (a few large, many small), fixed over the years.
    weights = {code: [rng.paretovariate(1.2) for _ in codes] for code, codes in grid.items()}
    families = []
    for year in years:
        for number in range(n_families):
            municipality = rng.choices(list(MUNICIPALITY_WEIGHTS), list(MUNICIPALITY_WEIGHTS.values()))[0]
            postcode = None
            if rng.random() > 0.01:
                postcode = rng.choices(grid[municipality], weights[municipality])[0]
            structure = rng.choices(STRUCTURES, (0.6, 0.2, 0.17, 0.03))[0]
            age_band = rng.choices(AGE_BANDS, (0.25, 0.25, 0.3, 0.2))[0]
            flags = {name: rng.random() < p for name, p in PREVALENCE.items()}
            flags["single_parent"] = structure in ("mother", "father")
            moves = rng.choices((0, 1, 2, 3), (0.8, 0.1, 0.07, 0.03))[0]
            flags["frequent_moves"] = moves >= 2
            has_3_5 = age_band in ("0-2", "3-6") and rng.random() < 0.6
            flags["no_ecec"] = has_3_5 and rng.random() < 0.15
            families.append(
                Family(
                    stat_year=year,
                    family_id=f"F{year}-{number:06d}",
                    municipality_code=municipality,
                    postcode=postcode,
                    structure=structure,
                    age_band=age_band,
                    children_band=rng.choices(CHILDREN_BANDS, (0.45, 0.38, 0.12, 0.05))[0],
                    parent_band=rng.choices(PARENT_BANDS, (0.05, 0.4, 0.4, 0.15))[0],
                    flags=flags,
                    has_child_aged_3_5=has_3_5,
                    youngest_child_moves=moves,
                )
            )
    return families


def without_lone_fathers_in_few_situations(n_families: int, years: tuple[int, ...], seed: int) -> list[Family]:
    """random_families reduced to six situations (couples and mothers; youngest child 3-6 when
    a child is aged 3-5, else 7-12; two children; parent 35-44): few family types, and none
    of lone fathers, which the tests then add by hand."""
    families = []
    for family in random_families(n_families, years, seed):
        structure = "mother" if family.structure == "father" else family.structure
        age_band = "3-6" if family.has_child_aged_3_5 else "7-12"
        flags = {**family.flags, "single_parent": structure == "mother"}
        families.append(
            replace(family, structure=structure, age_band=age_band, children_band="2", parent_band="35-44", flags=flags)
        )
    return families


def hand_made_family(
    year: int,
    family_id: str,
    municipality_code: str,
    postcode: str | None,
    structure: str = "married_couple",
    **flags: bool,
) -> Family:
    """A family with children with every phenomenon false unless given."""
    phenomena = {name: False for name in INDICATORS}
    phenomena.update(flags)
    phenomena["single_parent"] = structure in ("mother", "father")
    return Family(
        stat_year=year,
        family_id=family_id,
        municipality_code=municipality_code,
        postcode=postcode,
        structure=structure,
        age_band="7-12",
        children_band="2",
        parent_band="35-44",
        flags=phenomena,
        has_child_aged_3_5=False,
        youngest_child_moves=0,
    )


def situation(family: Family) -> tuple[str, str, str, str]:
    return (family.structure, family.age_band, family.children_band, family.parent_band)


def situation_order(values: tuple[str, ...]) -> tuple[int, ...]:
    bands = (STRUCTURES, AGE_BANDS, CHILDREN_BANDS, PARENT_BANDS)
    return tuple(band.index(value) for band, value in zip(bands, values, strict=True))


def family_types(families: list[Family], n_types: int = 100) -> list[tuple[str, ...]]:
    """The n_types most common situations of the latest year, ranked by count then attributes."""
    latest = max(family.stat_year for family in families)
    counts = Counter(situation(family) for family in families if family.stat_year == latest)
    ranked = sorted(counts, key=lambda s: (-counts[s], situation_order(s)))
    return ranked[:n_types]


def assign_type(values: tuple[str, ...], types: list[tuple[str, ...]]) -> int:
    """Index of the type agreeing on the longest prefix, lowest rank first."""
    best, best_length = 0, -1
    for index, candidate in enumerate(types):
        length = 0
        while length < 4 and candidate[length] == values[length]:
            length += 1
        if length > best_length:
            best, best_length = index, length
    return best


def wellbeing_group(flags: dict[str, bool]) -> str:
    """The group the rules of the seed give (one list, read where the build reads it)."""
    return rules_group(flags, wellbeing_group_rules())


def write_inputs(database: Path, families: list[Family], n_types: int = 100) -> None:
    """(Re)create intermediate.int_family_phenomena, int_family_typology and int_family_types."""
    types = family_types(families, n_types)
    type_ids = [f"T{rank:03d}" for rank in range(1, len(types) + 1)]
    latest = max(family.stat_year for family in families)
    latest_counts = Counter(situation(f) for f in families if f.stat_year == latest)
    age_of_band = {"0-2": 1, "3-6": 4, "7-12": 9, "13-17": 15}
    children_of_band = {"1": 1, "2": 2, "3": 3, "4+": 5}
    parent_age_of_band = {"<25": 22, "25-34": 30, "35-44": 40, "45+": 50}
    phenomena_rows, typology_rows = [], []
    for family in families:
        phenomena_rows.append(
            (
                family.stat_year,
                family.family_id,
                family.municipality_code,
                family.postcode,
                family.structure,
                age_of_band[family.age_band],
                children_of_band[family.children_band],
                parent_age_of_band[family.parent_band],
                *(family.flags[name] for name in INDICATORS),
                family.has_child_aged_3_5,
                family.youngest_child_moves,
                sum(family.flags.values()),
            )
        )
        index = assign_type(situation(family), types)
        typology_rows.append(
            (
                family.stat_year,
                family.family_id,
                *situation(family),
                type_ids[index],
                wellbeing_group(family.flags),
            )
        )
    indicator_columns = ", ".join(f"{name} boolean" for name in INDICATORS)
    with duckdb.connect(str(database)) as connection:
        connection.execute("create schema if not exists intermediate")
        connection.execute(
            "create or replace table intermediate.int_family_phenomena (stat_year integer, family_id varchar, "
            "municipality_code varchar, postcode varchar, family_structure varchar, youngest_child_age integer, "
            f"n_children_under_age_limit integer, youngest_parent_age integer, {indicator_columns}, "
            "has_child_aged_3_5 boolean, youngest_child_moves integer, n_phenomena integer)"
        )
        _insert(connection, "intermediate.int_family_phenomena", phenomena_rows, 22)
        connection.execute(
            "create or replace table intermediate.int_family_typology (stat_year integer, family_id varchar, "
            "structure varchar, youngest_child_age_band varchar, children_band varchar, "
            "youngest_parent_age_band varchar, type_id varchar, group_id varchar)"
        )
        _insert(connection, "intermediate.int_family_typology", typology_rows, 8)
        connection.execute(
            "create or replace table intermediate.int_family_types (type_id varchar, type_rank integer, "
            "structure varchar, youngest_child_age_band varchar, children_band varchar, "
            "youngest_parent_age_band varchar, families_in_latest_year integer, label_fi varchar, "
            "label_sv varchar, label_en varchar)"
        )
        connection.executemany(
            "insert into intermediate.int_family_types values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    type_id,
                    rank,
                    *values,
                    latest_counts.get(values, 0),
                    " ".join(values),
                    " ".join(values),
                    " ".join(values),
                )
                for rank, (type_id, values) in enumerate(zip(type_ids, types, strict=True), start=1)
            ],
        )


def _insert(connection: duckdb.DuckDBPyConnection, table: str, rows: list[tuple], width: int) -> None:
    """Bulk insert through Arrow (executemany is slow for thousands of rows)."""
    if not rows:
        return
    import pyarrow as pa

    columns = [row for row in zip(*rows, strict=True)]
    batch = pa.table({f"c{index}": list(column) for index, column in enumerate(columns[:width])})
    connection.register("lea_rows", batch)
    connection.execute(f"insert into {table} select * from lea_rows")
    connection.unregister("lea_rows")


def run_dbt(work_dir: Path, *args: str, check: bool = True) -> DbtRun:
    """Run dbt in the project with a build database and publication under work_dir."""
    return run_project_dbt(args, work_dir / "landing", work_dir / "lea.duckdb", work_dir / "publish", check=check)


def years_vars(years: tuple[int, ...], **extra: object) -> str:
    items = {"stat_years": list(years), "skip_landing": True, **extra}
    return (
        "{"
        + ", ".join(
            f"{key}: {value!r}".replace("True", "true").replace("False", "false") for key, value in items.items()
        )
        + "}"
    )


def build_marts(
    work_dir: Path, families: list[Family], years: tuple[int, ...], n_types: int = 100, **extra_vars: object
) -> None:
    """Seeds, the given inputs, then the disclosure and publication marts and their tests.
    The build is told the catalogue's length (`family_type_count`), as a real build's
    typology is: the disclosure engine reads what a short catalogue says about the rest."""
    work_dir.mkdir(parents=True, exist_ok=True)
    variables = years_vars(years, **{"family_type_count": n_types, **extra_vars})
    run_dbt(work_dir, "seed", "--vars", variables)
    write_inputs(work_dir / "lea.duckdb", families, n_types)
    # Cautious: a test of an intermediate model that merely refers to int_stat_years (say
    # a relationships test from int_residents) is not selected; those models are not built here.
    run_dbt(
        work_dir,
        "build",
        "--select",
        "int_stat_years",
        "path:models/marts",
        "--indirect-selection",
        "cautious",
        "--vars",
        variables,
    )
