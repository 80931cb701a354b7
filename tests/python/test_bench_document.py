"""`make bench` rewrites only its own block of docs/benchmarks.md (scripts/bench.py)."""

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "bench.py"
spec = importlib.util.spec_from_file_location("lea_bench_script", SCRIPT)
assert spec is not None and spec.loader is not None
bench = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = bench  # its dataclasses look their module up
spec.loader.exec_module(bench)


def test_the_block_between_the_markers_is_replaced_and_the_analysis_kept() -> None:
    document = f"# Benchmarks\n\nintro\n\n{bench.BENCH_START}\nold table\n{bench.BENCH_END}\n\n## Analysis\ntext\n"
    assert bench.spliced(document, "new table\n") == (
        f"# Benchmarks\n\nintro\n\n{bench.BENCH_START}\nnew table\n{bench.BENCH_END}\n\n## Analysis\ntext\n"
    )


def test_a_document_without_markers_gets_the_block_at_its_end() -> None:
    assert bench.spliced("# Benchmarks\n\nanalysis\n", "table") == (
        f"# Benchmarks\n\nanalysis\n\n{bench.BENCH_START}\ntable\n{bench.BENCH_END}\n"
    )


def test_a_start_marker_without_an_end_is_refused() -> None:
    with pytest.raises(SystemExit, match="without"):
        bench.spliced(f"{bench.BENCH_START}\nhalf", "table")


def test_stages_take_the_samples_taken_while_their_nodes_ran(tmp_path: Path) -> None:
    import json

    manifest = {
        "nodes": {
            "model.lea.base_x_validated": {
                "resource_type": "model",
                "original_file_path": "models/staging/x/base/base_x_validated.sql",
            },
            "model.lea.int_person_x": {
                "resource_type": "model",
                "original_file_path": "models/intermediate/person_facts/int_person_x.sql",
            },
            "test.lea.key_of_int_person_x": {
                "resource_type": "test",
                "original_file_path": "models/intermediate/person_facts/_person_facts__models.yml",
                "depends_on": {"nodes": ["model.lea.int_person_x"]},
            },
        }
    }

    def timing(start: int, end: int) -> list[dict]:
        return [
            {
                "name": "execute",
                "started_at": f"2026-12-07T10:00:{start:02d}Z",
                "completed_at": f"2026-12-07T10:00:{end:02d}Z",
            }
        ]

    results = {
        "results": [
            {"unique_id": "operation.lea.lea-on-run-start-0", "timing": timing(0, 2)},
            {"unique_id": "model.lea.base_x_validated", "timing": timing(2, 10)},
            {"unique_id": "model.lea.int_person_x", "timing": timing(12, 14)},
            {"unique_id": "test.lea.key_of_int_person_x", "timing": timing(14, 15)},
        ]
    }
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    (tmp_path / "run_results.json").write_text(json.dumps(results))
    start = 1796637600.0  # 2026-12-07T10:00:00Z
    # One sample a second: CPU grows by 1 s a second, RSS peaks at 9 s, spill at 13 s.
    samples = [
        bench.Sample(
            at=start + s,
            cpu_s=float(s),
            rss_mib=900.0 if s == 9 else 100.0,
            spill_mib=50.0 if s == 13 else 0.0,
            database_mib=float(s),
        )
        for s in range(16)
    ]
    stages = {stage.name: stage for stage in bench._stages(tmp_path, samples)}
    assert set(stages) == {
        "landing (on-run-start hook)",
        "staging: validation",
        "person facts",
        "dbt between nodes (parse, scheduling)",
    }
    validation = stages["staging: validation"]
    assert (validation.wall_s, validation.cpu_s, validation.peak_rss_mib) == (8.0, 8.0, 900.0)
    facts = stages["person facts"]  # the model and its test
    assert (facts.wall_s, facts.cpu_s, facts.peak_spill_mib) == (3.0, 3.0, 50.0)
    between = stages["dbt between nodes (parse, scheduling)"]
    assert (between.wall_s, between.cpu_s) == (2.0, 2.0)
