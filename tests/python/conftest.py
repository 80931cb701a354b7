"""Shared fixtures: synthetic landing directories and whole synthetic builds, made once per session."""

from __future__ import annotations

import os
import secrets
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
    family_id_salt: str | None = None  # LEA_FAMILY_ID_SALT of the build, when the test set one


@pytest.fixture(scope="session")
def bad_rows_build(tmp_path_factory) -> SyntheticBuild:
    """2,000 families with 0.5 % of every table replaced by bad rows of every kind, built to
    the publication. One statistics year and 20 family types: at this size most cells are
    primary-suppressed and the linear programmes of the suppression cost about a minute
    per year with 100 types (docs/benchmarks.md); staging sees every year's rows anyway.
    Its family_id salt is a random string the tests know: test_build_end_to_end.py looks
    for it in every file the build and its documentation site (about 8 s more) wrote."""
    from lea.synth import generate

    root = tmp_path_factory.mktemp("bad_rows_build")
    landing, truth, database = root / "landing", root / "truth", root / "lea.duckdb"
    generate(2000, seed=5, out_dir=landing, truth_dir=truth, bad_row_share=0.005)
    dbt_vars = {"stat_years": [2021], "family_type_count": 20}
    salt = "test-salt-" + secrets.token_hex(16)
    environment = {"LEA_FAMILY_ID_SALT": salt}
    run = run_dbt(["build"], landing, database, root / "publish", dbt_vars=dbt_vars, environment=environment)
    docs = ["docs", "generate", "--static"]
    run_dbt(docs, landing, database, root / "publish", dbt_vars=dbt_vars, environment=environment)
    return SyntheticBuild(landing, truth, database, root / "publish", root / "target", run.output, salt)


@pytest.fixture(scope="session")
def default_build() -> SyntheticBuild:
    """The default build of `make build` (80,000 families, its truth and its docs site),
    read where the environment says. `make test` makes it first; the tests only read it."""

    def where(variable: str, default: str) -> Path:
        path = Path(os.environ.get(variable, default))
        return path if path.is_absolute() else PROJECT_DIR / path

    database = where("LEA_DUCKDB_PATH", "data/lea.duckdb")
    if not database.exists():
        pytest.fail(f"no default build at {database}: run `make build` first (make test does)")
    return SyntheticBuild(
        where("LEA_LANDING_DIR", "data/landing"),
        where("LEA_TRUTH_DIR", "data/truth"),
        database,
        where("LEA_PUBLISH_DIR", "data/publish"),
        PROJECT_DIR / "target",
        "",
    )
