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
# The audit (lea/audit/ and lea/audit_releases.py) is the independent attacker: it keeps
# its own reading of the rules on purpose, so that a list the build gets wrong is not
# shared with the check.
ALLOWED_PREFIXES = ("seeds/", "tests/", "docs/", "analyses/", "lea/audit/")
ALLOWED_FILES = {
    "lea/catalogs.py": "the one module that reads the seeds",
    "lea/contract.py": "the register contract's codes (the benefit code social_assistance)",
    "lea/audit_releases.py": "the independent audit of several releases, built on lea/audit/",
    "lea/audit_population.py": "the independent population attacker, built on lea/audit/",
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
