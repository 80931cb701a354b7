"""Shared fixtures: synthetic landing directories and whole synthetic builds, made once per session."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # synth_checks, lea_test_support

from lea_test_support import PROJECT_DIR, run_dbt  # noqa: E402


@pytest.fixture(scope="session")
def synth_small(tmp_path_factory):
    """1,000 families, Parquet, with the generator's truth."""
    from lea.synth import generate

    root = tmp_path_factory.mktemp("synth_small")
    generate(1000, seed=3, out_dir=root / "landing", truth_dir=root / "truth")
    return root / "landing", root / "truth"


@dataclass(frozen=True)
class SyntheticBuild:
    """A whole `dbt build` on generated registers, in its own folder."""

    landing: Path
    truth: Path
    database: Path
    publish: Path
    target: Path
    output: str


def build_synthetic(
    root: Path, families: int, seed: int, bad_row_share: float = 0.0, docs: bool = False,
    dbt_vars: dict | None = None,
) -> SyntheticBuild:
    from lea.synth import generate

    landing, truth = root / "landing", root / "truth"
    generate(families, seed=seed, out_dir=landing, truth_dir=truth, bad_row_share=bad_row_share)
    database = root / "lea.duckdb"
    run = run_dbt(["build"], landing, database, root / "publish", dbt_vars=dbt_vars)
    if docs:
        run_dbt(["docs", "generate", "--static"], landing, database, root / "publish")
    return SyntheticBuild(landing, truth, database, root / "publish", root / "target", run.output)


@pytest.fixture(scope="session")
def small_build(tmp_path_factory) -> SyntheticBuild:
    """5,000 families (many small postcode areas), with the docs site generated."""
    return build_synthetic(tmp_path_factory.mktemp("small_build"), 5000, seed=7, docs=True)


@pytest.fixture(scope="session")
def bad_rows_build(tmp_path_factory) -> SyntheticBuild:
    """2,000 families with 0.5 % of every table replaced by bad rows of every kind."""
    return build_synthetic(tmp_path_factory.mktemp("bad_rows_build"), 2000, seed=5, bad_row_share=0.005)


@pytest.fixture(scope="session")
def default_build() -> SyntheticBuild:
    """The default build of `make build` (80,000 families), read where the environment says."""
    database = Path(os.environ.get("LEA_DUCKDB_PATH", PROJECT_DIR / "data" / "lea.duckdb"))
    publish = Path(os.environ.get("LEA_PUBLISH_DIR", PROJECT_DIR / "data" / "publish"))
    landing = Path(os.environ.get("LEA_LANDING_DIR", PROJECT_DIR / "data" / "landing"))
    if not database.is_absolute():
        database, publish, landing = (PROJECT_DIR / p for p in (database, publish, landing))
    if not database.exists():
        pytest.fail(f"no default build at {database}: run `make build` first (make test does)")
    return SyntheticBuild(landing, landing.parent / "truth", database, publish, PROJECT_DIR / "target", "")
