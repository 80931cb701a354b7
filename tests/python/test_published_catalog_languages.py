"""The published indicator_catalog has every text of the definition in Finnish, Swedish
and English (issue: the published catalogue in three languages): the seed's
numerator/denominator/time window/sources/limitations columns as they are, and the
suppression rule with the build's disclosure parameters filled in exactly as the docs site
fills them (scripts/render_indicator_docs.py). The English-only columns stay."""

from __future__ import annotations

import importlib.util
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
LANGUAGES = ("fi", "sv", "en")
STEMS = ("numerator", "denominator", "time_window", "sources", "limitations")


def load_renderer():
    spec = importlib.util.spec_from_file_location(
        "render_indicator_docs", PROJECT / "scripts" / "render_indicator_docs.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_published_catalogue_has_every_text_in_three_languages(default_build) -> None:
    import duckdb

    renderer = load_renderer()
    parameters = renderer.disclosure_parameters(renderer.project_vars())
    seed = {row["indicator_id"]: row for row in renderer.read_catalog()}
    con = duckdb.connect(str(default_build.publish / "lea_publication.duckdb"), read_only=True)
    cursor = con.execute("select * from indicator_catalog")
    names = [column[0] for column in cursor.description]
    published = {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}
    comments = dict(
        con.execute(
            "select column_name, comment from duckdb_columns() where table_name = 'indicator_catalog'"
        ).fetchall()
    )
    con.close()
    assert set(published) == set(seed)
    for kept in ("numerator", "denominator", "sources", "time_window", "limitations", "suppression_rule"):
        assert kept in names, kept
    for indicator_id, row in published.items():
        for language in LANGUAGES:
            for stem in STEMS:
                assert row[f"{stem}_{language}"] == seed[indicator_id][f"{stem}_{language}"], (indicator_id, stem)
            rule = row[f"suppression_rule_{language}"]
            assert rule == renderer.fill(seed[indicator_id][f"suppression_{language}"], parameters)
            assert "{" not in rule and str(parameters["min_area_families"]) in rule
    for stem in (*STEMS, "suppression_rule"):
        for language in LANGUAGES:
            assert comments.get(f"{stem}_{language}"), f"{stem}_{language} has no column comment (description)"
