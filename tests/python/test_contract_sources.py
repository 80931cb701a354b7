"""The dbt source declarations and lea.contract describe the same register contract."""

from __future__ import annotations

from pathlib import Path

import yaml
from lea_test_support import PROJECT_DIR

from lea.contract import TABLES


def _declared_register_tables() -> dict[str, dict[str, tuple[str, bool]]]:
    declared: dict[str, dict[str, tuple[str, bool]]] = {}
    for path in sorted(Path(PROJECT_DIR, "models", "staging").glob("*/_*__sources.yml")):
        for source in yaml.safe_load(path.read_text())["sources"]:
            if not source.get("config", {}).get("meta", {}).get("register_extract"):
                continue
            for table in source["tables"]:
                columns = {}
                for column in table["columns"]:
                    meta = column.get("config", {}).get("meta", {})
                    if "contract_type" in meta:
                        columns[column["name"]] = (meta["contract_type"], meta["nullable"])
                declared[table["name"]] = columns
                assert source["name"] == path.parent.name, f"{table['name']} declared outside its folder"
    return declared


def test_sources_declare_exactly_the_contract():
    declared = _declared_register_tables()
    expected = {table.name: {c.name: (c.type, c.nullable) for c in table.columns} for table in TABLES}
    assert declared == expected


def test_contract_has_the_ten_sources_thirteen_tables():
    assert len(TABLES) == 13
    assert {t.source for t in TABLES} == {"dvv", "sf", "vero", "kela", "thl", "tem", "varda"}
