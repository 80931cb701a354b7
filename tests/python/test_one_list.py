"""Every code list in one place (issue 26): the seeds, read by lea.catalogs.

The phenomenon (indicator) ids, the wellbeing group ids and the study municipality codes
are typed in the seeds only. Python reads them through lea.catalogs; dbt, which must know
the indicators while it compiles and cannot read a seed then, reads the columns that
int_family_phenomena declares (checked here and by the dbt test
indicator_catalog_matches_disclosure_indicators). No build needed.
"""

from __future__ import annotations

import csv
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from lea import catalogs

PROJECT = Path(__file__).resolve().parents[2]
SEEDS = PROJECT / "seeds"

# Where an id may be typed: the seeds and their generator's data, the tests, the docs (and
# the analyses, worked queries for analysts whose parameters are literals by design), the
# one module that reads the seeds, and the contract's module (`social_assistance` is also
# a Kela benefit code of the register contract).
# The audit (lea/audit/, lea/audit_releases.py and the population attacker
# lea/audit_population/) is the independent attacker: it keeps its own reading of the rules
# on purpose, so that a list the build gets wrong is not shared with the check.
ALLOWED_PREFIXES = ("seeds/", "tests/", "docs/", "analyses/", "lea/audit/", "lea/audit_population/")
ALLOWED_FILES = {
    "lea/catalogs.py": "the one module that reads the seeds",
    "lea/contract.py": "the register contract's codes (the benefit code social_assistance)",
    "lea/audit_releases.py": "the independent audit of several releases, built on lea/audit/",
}
CODE_SUFFIXES = (".py", ".sql", ".j2")


def read_seed(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def quoted(ids: set[str]) -> re.Pattern[str]:
    """An id as a string literal, in single or double quotes."""
    return re.compile(r"""(['"])(%s)\1""" % "|".join(re.escape(i) for i in sorted(ids)))


def typed_ids(root: Path, files: list[str], pattern: re.Pattern[str]) -> list[str]:
    """`path:line: id` for every quoted id in the code files under `root` outside the allowed places."""
    found = []
    for name in files:
        if not name.endswith(CODE_SUFFIXES) or name.startswith(ALLOWED_PREFIXES) or name in ALLOWED_FILES:
            continue
        path = root / name
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            found += [f"{name}:{number}: {match.group(2)}" for match in pattern.finditer(line)]
    return found


def project_files() -> list[str]:
    """The files git tracks and the new ones it does not ignore."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    )
    return listed.stdout.split()


def test_no_id_is_typed_outside_the_seeds() -> None:
    ids = set(catalogs.phenomenon_ids()) | set(catalogs.group_ids()) | set(catalogs.study_municipalities())
    found = typed_ids(PROJECT, project_files(), quoted(ids))
    assert not found, "ids typed outside the seeds (ask lea.catalogs or the graph):\n" + "\n".join(found)


def test_the_grep_finds_a_typed_id(tmp_path: Path) -> None:
    (tmp_path / "lea").mkdir()
    (tmp_path / "lea" / "copy.py").write_text('GROUPS = ("G01", "G02")\nOK = "G01x"\n')
    (tmp_path / "lea" / "model.sql").write_text("where municipality_code = '837'\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_x.py").write_text('"837"\n')
    found = typed_ids(tmp_path, ["lea/copy.py", "lea/model.sql", "tests/test_x.py"], quoted({"G01", "G02", "837"}))
    assert found == ["lea/copy.py:1: G01", "lea/copy.py:1: G02", "lea/model.sql:1: 837"]


def test_the_catalogs_read_the_seeds_in_their_order() -> None:
    assert catalogs.phenomenon_ids()[:2] == ("low_income", "social_assistance")
    assert len(catalogs.phenomenon_ids()) == 11 and len(set(catalogs.phenomenon_ids())) == 11
    assert dict(catalogs.indicator_denominators())["no_ecec"] == "families_3_5"
    assert set(catalogs.indicator_denominators().values()) == {"families", "families_3_5"}
    assert catalogs.group_ids() == tuple(f"G{n:02d}" for n in range(1, 11))
    assert catalogs.study_municipalities() == ("837", "980", "092", "609", "905", "399")
    rules = catalogs.wellbeing_group_rules()
    assert (rules[0].group_id, rules[0].min_phenomena, rules[-1].group_id) == ("G10", 4, "G01")


def test_sort_order_is_numeric_and_unknown_denominators_are_refused() -> None:
    rows = (
        {"indicator_id": "b", "sort_order": "10", "denominator_measure": "families"},
        {"indicator_id": "a", "sort_order": "9", "denominator_measure": "families_3_5"},
    )
    assert catalogs.in_sort_order(rows, "indicator_id") == ("a", "b")
    assert catalogs.denominators_of(rows) == {"a": "families_3_5", "b": "families"}
    with pytest.raises(ValueError, match="denominator_measure"):
        catalogs.denominators_of(({"indicator_id": "a", "sort_order": "1", "denominator_measure": "children"},))


def test_a_seed_must_exist_once(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="seed nowhere"):
        catalogs.seed_path("nowhere", tmp_path)


def test_int_family_phenomena_declares_the_catalogue_for_dbt() -> None:
    """What dbt compiles with (column meta indicator_denominator) equals the seed, in order."""
    properties = yaml.safe_load(
        (PROJECT / "models" / "intermediate" / "phenomena" / "_phenomena__models.yml").read_text(encoding="utf-8")
    )
    (model,) = [m for m in properties["models"] if m["name"] == "int_family_phenomena"]
    declared = {
        column["name"]: column["config"]["meta"]["indicator_denominator"]
        for column in model["columns"]
        if "indicator_denominator" in column.get("config", {}).get("meta", {})
    }
    assert list(declared.items()) == list(catalogs.indicator_denominators().items())


def test_seeds_name_only_catalogued_phenomena() -> None:
    known = set(catalogs.phenomenon_ids())
    named: dict[str, set[str]] = {}
    for row in read_seed(SEEDS / "catalogs" / "wellbeing_group_rules.csv"):
        for column in ("requires_all", "requires_any"):
            named.setdefault(f"wellbeing_group_rules.{column}", set()).update(row[column].split())
    for seed in ("phenomenon_diagnosis_ranges", "phenomenon_care_settings", "phenomenon_medicine_codes"):
        named[f"{seed}.phenomenon"] = {row["phenomenon"] for row in read_seed(SEEDS / "codes" / f"{seed}.csv")}
    unknown = {where: sorted(ids - known) for where, ids in named.items() if ids - known}
    assert not unknown, f"phenomenon ids not in indicator_catalog: {unknown}"


# Cells as columns (issue 26): a cell's id and measure key (`<year>:<area>:<measure>|<part>|…`,
# disclosure_cells.cell_id and measure_key) are made in one place; every other model and
# script finds a cell by its columns (stat_year, area_id, measure, indicator_id, group_id,
# type_id, breakdown, category). Where a key may still be written, and why:
CELL_KEY_MAKERS = {
    "models/marts/disclosure/disclosure_cells.sql": "the one place that makes cell_id and measure_key",
    "lea/disclosure/situations.py": "names the engine's own virtual situation cells (situation_key)",
    "lea/disclosure/previous_types.py": (
        "names the previous release's type cells and their pairs, and ties them to this build's "
        "type cells by id (left as it was: a reading by columns is a larger change)"
    ),
    "lea/disclosure/releases.py": (
        "reads the previous publication into this build's cell ids (_cell_id_sql), the ids "
        "previous_types renames and links"
    ),
    "models/staging/quarantine/staging_observations.sql": "a quarantined row's grain key, not a cell",
}
# The measures of disclosure_cells and of the engine's virtual cells.
CELL_MEASURES = (
    "families",
    "families_3_5",
    "families_with",
    "complement",
    "group",
    "type",
    "type_families_3_5",
    "type_families_with",
    "type_complement",
    "profile",
    "children",
    "moves",
    "situation",
    "type_pair",
    "type_previous",
)
CELL_KEY_BUILDING = re.compile(
    # a measure key's literal start: 'type|' || …, f"families_with|{…}", "profile|" + …
    r"""['"](?:%s)\|"""
    # SQL: … || '|' || …
    r"""|\|\|\s*'\|'|'\|'\s*\|\|"""
    # Python: … + "|" + …, "|".join(…)
    r"""|\+\s*['"]\|['"]|['"]\|['"]\s*(?:\+|\.join)""" % "|".join(CELL_MEASURES)
)
CELL_KEY_FOLDERS = ("models/", "macros/", "scripts/", "lea/")


def cell_keys_built(root: Path, files: list[str]) -> list[str]:
    """`path:line: code` for every line of code under models/, macros/, scripts/ or lea/
    (outside CELL_KEY_MAKERS) that writes a cell key from strings."""
    found = []
    for name in files:
        if not name.endswith(CODE_SUFFIXES) or not name.startswith(CELL_KEY_FOLDERS) or name in CELL_KEY_MAKERS:
            continue
        path = root / name
        if not path.is_file():
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if CELL_KEY_BUILDING.search(line):
                found.append(f"{name}:{number}: {line.strip()}")
    return found


def test_no_cell_key_is_built_from_strings() -> None:
    found = cell_keys_built(PROJECT, project_files())
    assert not found, (
        "cell keys built from strings (join on the cells' columns: measure, indicator_id, group_id, "
        "type_id, breakdown, category):\n" + "\n".join(found)
    )


def test_the_grep_finds_a_cell_key_built_from_strings(tmp_path: Path) -> None:
    sources = {
        "models/marts/a.sql": "select 'type_families_with|' || type_id || '|' || indicator_id as key\n",
        "models/marts/b.sql": "on x.key = 'group|' || group_id\n",
        "macros/c.sql": "cast(stat_year as varchar) || ':' || area_id || ':' || measure_key || '|' || part\n",
        "lea/d.py": 'key = f"families_with|{phenomenon}"\nother = "profile|" + breakdown\n',
        "scripts/e.py": 'cell = prefix + "|" + type_id\nkey = "|".join(parts)\n',
        "lea/fine.py": 'print("| table | value |")\nkind, _, detail = measure_key.partition("|")\n',
        "models/marts/fine.sql": "where measure = 'families_with' and indicator_id = numerator.indicator_id\n",
        "tests/test_x.py": 'key = "type|T001"\n',
        "models/marts/disclosure/disclosure_cells.sql": "'type|' || type_id\n",
    }
    for name, text in sources.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = [line.split(": ", 1)[0] for line in cell_keys_built(tmp_path, list(sources))]
    assert found == [
        "models/marts/a.sql:1",
        "models/marts/b.sql:1",
        "macros/c.sql:1",
        "lea/d.py:1",
        "lea/d.py:2",
        "scripts/e.py:1",
        "scripts/e.py:2",
    ]
