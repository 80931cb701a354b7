"""The indicators' docs blocks are rendered from the seed and cannot drift from it."""

from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path

import pytest
import yaml

PROJECT = Path(__file__).resolve().parents[2]
PHENOMENON_IDS = [
    "low_income",
    "social_assistance",
    "parental_unemployment",
    "low_parental_education",
    "parental_mental_health",
    "parental_substance_use",
    "child_mental_health",
    "child_welfare",
    "single_parent",
    "frequent_moves",
    "no_ecec",
]


def load_renderer():
    spec = importlib.util.spec_from_file_location(
        "render_indicator_docs", PROJECT / "scripts" / "render_indicator_docs.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


renderer = load_renderer()


def blocks(text: str) -> dict[str, str]:
    return dict(re.findall(r"\{% docs (\w+) %\}\n(.*?)\{% enddocs %\}", text, flags=re.S))


def test_committed_docs_equal_a_fresh_render_of_the_seed() -> None:
    fresh = renderer.render(renderer.read_catalog(), renderer.disclosure_parameters(renderer.project_vars()))
    committed = renderer.DOCS.read_text(encoding="utf-8")
    assert committed == fresh, "models/docs/_indicators__docs.md is stale: run python scripts/render_indicator_docs.py"


def test_every_indicator_has_a_block_in_three_languages_with_every_part() -> None:
    rendered = blocks(renderer.DOCS.read_text(encoding="utf-8"))
    assert list(rendered) == [f"indicator_{i}" for i in PHENOMENON_IDS]
    catalog = {row["indicator_id"]: row for row in renderer.read_catalog()}
    for indicator, body in rendered.items():
        row = catalog[indicator.removeprefix("indicator_")]
        for language in renderer.LANGUAGES:
            assert f"#### {renderer.HEADINGS[language]}: {row[f'name_{language}']}" in body
            for stem, labels in renderer.PARTS:
                assert f"- **{labels[language]}:** " in body, (indicator, language, stem)
            assert row[f"limitations_{language}"] in body
        assert "{" not in body and "}" not in body, f"{indicator}: unfilled placeholder or Jinja"


def test_suppression_texts_state_the_disclosure_vars() -> None:
    parameters = renderer.disclosure_parameters({"min_cell_size": 10, "min_area_families": 50})
    assert parameters == {"min_cell_size": 10, "min_cell_size_minus_1": 9, "all_but_a_few": 9, "min_area_families": 50}
    row = next(r for r in renderer.read_catalog() if r["indicator_id"] == "low_income")
    block = renderer.render_block(row, parameters)
    assert "1–9 salataan" in block and "alle 50 lapsiperhettä" in block
    assert "1–9 döljs" in block and "färre än 50 barnfamiljer" in block
    assert "of 1–9 is suppressed" in block and "fewer than 50 families with children" in block
    defaults = renderer.disclosure_parameters({})
    assert (defaults["min_cell_size"], defaults["all_but_a_few"], defaults["min_area_families"]) == (5, 4, 30)


def test_an_unknown_placeholder_is_an_error() -> None:
    with pytest.raises(ValueError, match="placeholder"):
        renderer.fill("fewer than {min_families}", {"min_cell_size": 5})


def test_seed_english_columns_equal_the_original_english_ones() -> None:
    with open(renderer.SEED, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for stem in ("numerator", "denominator", "sources", "limitations"):
                assert row[f"{stem}_en"] == row[stem], (row["indicator_id"], stem)


def test_phenomenon_columns_and_the_seed_use_the_blocks() -> None:
    models = yaml.safe_load(
        (PROJECT / "models/intermediate/phenomena/_phenomena__models.yml").read_text(encoding="utf-8")
    )
    columns = {c["name"]: c["description"] for c in models["models"][0]["columns"]}
    seeds = yaml.safe_load((PROJECT / "seeds/catalogs/_catalogs__seeds.yml").read_text(encoding="utf-8"))
    seed_description = next(s for s in seeds["seeds"] if s["name"] == "indicator_catalog")["description"]
    for indicator in PHENOMENON_IDS:
        assert columns[indicator].replace("'", '"') == f'{{{{ doc("indicator_{indicator}") }}}}'
        assert f'doc("indicator_{indicator}")' in seed_description


def test_overview_lists_every_indicator_in_three_languages() -> None:
    overview = (PROJECT / "models" / "overview.md").read_text(encoding="utf-8")
    for row in renderer.read_catalog():
        line = next((text for text in overview.splitlines() if text.startswith(f"| `{row['indicator_id']}` |")), None)
        assert line is not None, f"overview.md does not list {row['indicator_id']}"
        for language in renderer.LANGUAGES:
            assert f"| {row[f'name_{language}']} |" in line, (row["indicator_id"], language)
