"""The eleven phenomena: their ids, which are also the columns of int_family_phenomena."""

from __future__ import annotations

import numpy as np
import pandas as pd

from lea.catalogs import phenomenon_ids

# In the order of the spec's table (families-and-indicators.md, "The eleven phenomena"):
# the seed indicator_catalog, read by lea.catalogs.
PHENOMENON_IDS: tuple[str, ...] = phenomenon_ids()


def phenomenon_flags(families: pd.DataFrame) -> pd.DataFrame:
    """The eleven phenomena as plain booleans, NULL read as false.

    NULL occurs where a family is outside a phenomenon's denominator (`no_ecec` for a
    family with no child aged 3-5), which the spec counts as false for the groups.
    """
    missing = [p for p in PHENOMENON_IDS if p not in families.columns]
    if missing:
        raise ValueError(f"phenomena missing from the families: {', '.join(missing)}")
    return pd.DataFrame({p: _true_or_false(families[p]) for p in PHENOMENON_IDS}, index=families.index)


def _true_or_false(flags: pd.Series) -> np.ndarray:
    if flags.dtype == bool:
        return flags.to_numpy()
    return flags.astype("boolean").fillna(False).to_numpy(dtype=bool)
