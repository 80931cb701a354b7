"""The documentation site describes 100 % of the project.

Read from `manifest.json` and `catalog.json` of `dbt docs generate` over the session's
synthetic build (`default_build`): every model, seed, source table, exposure, snapshot and
analysis, every column declared in YAML and every column the catalog finds in the built
relations, and every macro of the package `lea` (generic tests included) has a
description. On failure the test prints what is undescribed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

import pytest

PROJECT = Path(__file__).resolve().parents[2]
PACKAGE = "lea"
DESCRIBED_NODE_TYPES = ("model", "seed", "snapshot", "analysis")
PUBLICATION_MODELS_DIR = "models/marts/publication/"


def is_described(text: str | None) -> bool:
    return bool(text and text.strip())


@pytest.fixture(scope="module")
def manifest(default_build) -> dict:
    return json.loads((default_build.target / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalog(default_build) -> dict:
    return json.loads((default_build.target / "catalog.json").read_text(encoding="utf-8"))


def project_nodes(manifest: dict) -> Iterable[tuple[str, dict]]:
    for unique_id, node in manifest["nodes"].items():
        if node["package_name"] == PACKAGE and node["resource_type"] in DESCRIBED_NODE_TYPES:
            yield unique_id, node
    for unique_id, source in manifest["sources"].items():
        if source["package_name"] == PACKAGE:
            yield unique_id, source


def undescribed_resources(manifest: dict) -> list[str]:
    missing = [uid for uid, node in project_nodes(manifest) if not is_described(node["description"])]
    missing += [
        uid
        for uid, exposure in manifest["exposures"].items()
        if exposure["package_name"] == PACKAGE and not is_described(exposure["description"])
    ]
    return sorted(missing)


def undescribed_columns(manifest: dict) -> list[str]:
    return sorted(
        f"{uid}.{name}"
        for uid, node in project_nodes(manifest)
        for name, column in node["columns"].items()
        if not is_described(column["description"])
    )


def columns_missing_from_yaml(manifest: dict, catalog: dict) -> list[str]:
    """Columns of built relations (catalog) that no YAML declares, so the site shows them bare."""
    missing = []
    for section in ("nodes", "sources"):
        for uid, relation in catalog[section].items():
            node = manifest[section].get(uid)
            if node is None or node["package_name"] != PACKAGE:
                continue
            declared = {name.lower() for name in node["columns"]}
            missing += [f"{uid}.{name}" for name in relation["columns"] if name.lower() not in declared]
    return sorted(missing)


def undescribed_macros(manifest: dict) -> list[str]:
    return sorted(
        f"{uid} ({macro['original_file_path']})"
        for uid, macro in manifest["macros"].items()
        if macro["package_name"] == PACKAGE and not is_described(macro["description"])
    )


def report(kind: str, missing: list[str]) -> str:
    return f"{len(missing)} {kind} without a description:\n  " + "\n  ".join(missing)


def test_every_resource_is_described(manifest) -> None:
    missing = undescribed_resources(manifest)
    assert not missing, report("resources", missing)


def test_every_declared_column_is_described(manifest) -> None:
    missing = undescribed_columns(manifest)
    assert not missing, report("columns", missing)


def test_every_built_column_is_declared_and_described(manifest, catalog) -> None:
    assert catalog["nodes"], "the catalog found no built relations"
    missing = columns_missing_from_yaml(manifest, catalog)
    assert not missing, report("built columns (not in any YAML)", missing)


def test_every_macro_of_the_project_is_described(manifest) -> None:
    macros = [m for m in manifest["macros"].values() if m["package_name"] == PACKAGE]
    assert any(m["name"].startswith("test_") for m in macros), "generic tests are macros and count too"
    missing = undescribed_macros(manifest)
    assert not missing, report("macros", missing)


def test_the_docs_site_exists_with_its_exposure_and_the_indicator_blocks(default_build, manifest) -> None:
    assert (default_build.target / "static_index.html").stat().st_size > 100_000
    assert "exposure.lea.lea_docs_site" in manifest["exposures"]
    docs = {doc["name"] for doc in manifest["docs"].values() if doc["package_name"] == PACKAGE}
    assert "__overview__" in docs
    assert sum(name.startswith("indicator_") for name in docs) == 11


def test_the_publication_exposure_names_every_published_model_each_public_with_a_contract(manifest) -> None:
    published = sorted(
        uid
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node["original_file_path"].startswith(PUBLICATION_MODELS_DIR)
    )
    assert len(published) == 12, (
        f"publication.md's eleven published tables and publication_info (issue 25), {PUBLICATION_MODELS_DIR} has {published}"
    )
    exposure = manifest["exposures"]["exposure.lea.lea_publication"]
    assert sorted(exposure["depends_on"]["nodes"]) == published
    not_an_interface = [
        uid
        for uid in published
        if manifest["nodes"][uid]["access"] != "public" or not manifest["nodes"][uid]["contract"]["enforced"]
    ]
    assert not not_an_interface, f"published models not access: public with an enforced contract: {not_an_interface}"


def test_the_checks_find_what_is_undescribed() -> None:
    """The checks themselves, on a tiny hand-made manifest and catalog."""
    manifest = {
        "nodes": {
            "model.lea.a": {
                "package_name": PACKAGE,
                "resource_type": "model",
                "description": "A.",
                "columns": {"x": {"description": "X."}, "y": {"description": " "}},
            },
            "seed.lea.b": {"package_name": PACKAGE, "resource_type": "seed", "description": "", "columns": {}},
            "test.lea.t": {"package_name": PACKAGE, "resource_type": "test", "description": "", "columns": {}},
        },
        "sources": {},
        "exposures": {"exposure.lea.e": {"package_name": PACKAGE, "description": ""}},
        "macros": {
            "macro.lea.m": {"package_name": PACKAGE, "description": "", "original_file_path": "macros/m.sql"},
            "macro.dbt.n": {"package_name": "dbt", "description": "", "original_file_path": "x.sql"},
        },
    }
    catalog = {"nodes": {"model.lea.a": {"columns": {"X": {}, "Y": {}, "z": {}}}}, "sources": {}}
    assert undescribed_resources(manifest) == ["exposure.lea.e", "seed.lea.b"]
    assert undescribed_columns(manifest) == ["model.lea.a.y"]
    assert columns_missing_from_yaml(manifest, catalog) == ["model.lea.a.z"]
    assert undescribed_macros(manifest) == ["macro.lea.m (macros/m.sql)"]
