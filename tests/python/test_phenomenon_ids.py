"""One list of the phenomena: the seed `indicator_catalog`.

Python code that names the eleven phenomena (the typology, the generator's estimator, the
README's report script) and the seeds that refer to them are checked here against the
seed, in its `sort_order`. The SQL macros that name them are checked against it by the dbt
test `tests/catalogs/indicator_catalog_matches_disclosure_indicators.sql`. No build needed.
"""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from lea.synth import estimate
from lea.typology import phenomena

PROJECT = Path(__file__).resolve().parents[2]
SEEDS = PROJECT / "seeds"


def read_seed(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def catalogue_ids() -> tuple[str, ...]:
    rows = read_seed(SEEDS / "catalogs" / "indicator_catalog.csv")
    return tuple(row["indicator_id"] for row in sorted(rows, key=lambda row: int(row["sort_order"])))


def load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, PROJECT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None, f"scripts/{name}.py cannot be loaded"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_catalogue_has_eleven_distinct_ids() -> None:
    ids = catalogue_ids()
    assert len(ids) == 11 and len(set(ids)) == 11, f"indicator_catalog ids: {ids}"


@pytest.mark.parametrize(
    ("where", "ids"),
    [
        ("lea.typology.phenomena.PHENOMENON_IDS", phenomena.PHENOMENON_IDS),
        ("lea.synth.estimate.PHENOMENA", estimate.PHENOMENA),
        ("scripts/report_wellbeing.py PHENOMENA", load_script("report_wellbeing").PHENOMENA),
    ],
)
def test_python_lists_equal_the_catalogue_in_its_order(where: str, ids: tuple[str, ...]) -> None:
    assert tuple(ids) == catalogue_ids(), f"{where} differs from seed indicator_catalog (sort_order)"


def test_int_family_phenomena_declares_a_column_per_indicator() -> None:
    properties = yaml.safe_load(
        (PROJECT / "models" / "intermediate" / "phenomena" / "_phenomena__models.yml").read_text(encoding="utf-8")
    )
    (model,) = [m for m in properties["models"] if m["name"] == "int_family_phenomena"]
    columns = {column["name"] for column in model["columns"]}
    missing = set(catalogue_ids()) - columns
    assert not missing, f"int_family_phenomena has no column for {sorted(missing)}"


def test_seeds_name_only_catalogued_phenomena() -> None:
    known = set(catalogue_ids())
    named: dict[str, set[str]] = {}
    for row in read_seed(SEEDS / "catalogs" / "wellbeing_group_rules.csv"):
        for column in ("requires_all", "requires_any"):
            named.setdefault(f"wellbeing_group_rules.{column}", set()).update(row[column].split())
    for seed in ("phenomenon_diagnosis_ranges", "phenomenon_care_settings", "phenomenon_medicine_codes"):
        named[f"{seed}.phenomenon"] = {row["phenomenon"] for row in read_seed(SEEDS / "codes" / f"{seed}.csv")}
    unknown = {where: sorted(ids - known) for where, ids in named.items() if ids - known}
    assert not unknown, f"phenomenon ids not in indicator_catalog: {unknown}"
