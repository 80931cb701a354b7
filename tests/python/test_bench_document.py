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
