"""Hand-made families for the typology tests (a helper module, not a test file)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from lea.typology.phenomena import PHENOMENON_IDS

PROJECT_DIR = Path(__file__).resolve().parents[2]
CATALOGS_DIR = PROJECT_DIR / "seeds" / "catalogs"
TYPOLOGY_MODELS_DIR = PROJECT_DIR / "models" / "intermediate" / "typology"

# Representative ages of each band (youngest child, youngest parent).
CHILD_AGE_OF_BAND = {"0-2": 1, "3-6": 4, "7-12": 9, "13-17": 15}
CHILDREN_OF_BAND = {"1": 1, "2": 2, "3": 3, "4+": 5}
PARENT_AGE_OF_BAND = {"<25": 22, "25-34": 30, "35-44": 40, "45+": 50}


def family(
    family_id: str,
    situation: tuple[str, str, str, str] = ("married_couple", "0-2", "1", "25-34"),
    stat_year: int = 2021,
    phenomena: Iterable[str] = (),
    **overrides: object,
) -> dict[str, object]:
    """One row of int_family_phenomena with the given situation and true phenomena."""
    structure, child_band, children, parent_band = situation
    true = set(phenomena)
    row: dict[str, object] = {
        "stat_year": stat_year,
        "family_id": family_id,
        "family_structure": structure,
        "youngest_child_age": CHILD_AGE_OF_BAND[child_band],
        "n_children_under_age_limit": CHILDREN_OF_BAND[children],
        "youngest_parent_age": PARENT_AGE_OF_BAND[parent_band],
        **{p: p in true for p in PHENOMENON_IDS},
        "n_phenomena": len(true),
    }
    row.update(overrides)
    return row


def families_frame(rows: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """int_family_phenomena-like frame; an empty one still has every column."""
    columns = list(family("x").keys())
    return pd.DataFrame(list(rows), columns=columns)


def situation_families(
    counts: Mapping[tuple[str, str, str, str], int], stat_year: int = 2021, prefix: str = "f"
) -> list[dict[str, object]]:
    """`count` families of each situation."""
    rows = []
    for situation, count in counts.items():
        for _ in range(count):
            rows.append(family(f"{prefix}{stat_year}-{len(rows)}", situation, stat_year))
    return rows


def read_seed(name: str) -> pd.DataFrame:
    """A catalogue seed as text, empty fields as empty strings (as an expert edits it)."""
    return pd.read_csv(CATALOGS_DIR / f"{name}.csv", dtype=str, keep_default_na=False)
