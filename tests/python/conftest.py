"""Shared synthetic landing directories for the synth tests (generated once per session)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # synth_checks


@pytest.fixture(scope="session")
def synth_small(tmp_path_factory):
    """1,000 families, Parquet, with the generator's truth."""
    from lea.synth import generate

    root = tmp_path_factory.mktemp("synth_small")
    generate(1000, seed=3, out_dir=root / "landing", truth_dir=root / "truth")
    return root / "landing", root / "truth"
