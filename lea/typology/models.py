"""The two typology models as functions of data frames, for the thin dbt Python models.

`models/intermediate/typology/int_family_types.py` and `int_family_typology.py` read their
inputs, call `build_family_types` / `build_family_typology` and return the Arrow table
of `to_arrow`, whose fixed schema gives the tables their column types even when the
input has no rows.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pyarrow as pa

from lea.typology.family_types import (
    DEFAULT_TYPE_COUNT,
    FAMILY_TYPE_COLUMNS,
    assign_family_types,
    label_family_types,
    rank_family_types,
)
from lea.typology.situation import situations_of
from lea.typology.wellbeing_groups import assign_wellbeing_groups, parse_wellbeing_group_rules

FAMILY_TYPES_SCHEMA = pa.schema(
    [
        ("type_id", pa.string()),
        ("type_rank", pa.int32()),
        ("structure", pa.string()),
        ("youngest_child_age_band", pa.string()),
        ("children_band", pa.string()),
        ("youngest_parent_age_band", pa.string()),
        ("families_in_latest_year", pa.int32()),
        ("label_fi", pa.string()),
        ("label_sv", pa.string()),
        ("label_en", pa.string()),
    ]
)

FAMILY_TYPOLOGY_SCHEMA = pa.schema(
    [
        ("stat_year", pa.int32()),
        ("family_id", pa.string()),
        ("structure", pa.string()),
        ("youngest_child_age_band", pa.string()),
        ("children_band", pa.string()),
        ("youngest_parent_age_band", pa.string()),
        ("type_id", pa.string()),
        ("type_match_length", pa.int32()),
        ("group_id", pa.string()),
    ]
)


def latest_year_families(phenomena: pd.DataFrame) -> pd.DataFrame:
    """The families of the latest statistical year present (none when there are none)."""
    if phenomena.empty:
        return phenomena
    return phenomena[phenomena["stat_year"] == phenomena["stat_year"].max()]


def build_family_types(
    phenomena: pd.DataFrame,
    attribute_labels: pd.DataFrame,
    type_count: int = DEFAULT_TYPE_COUNT,
) -> pd.DataFrame:
    """The family types of the build, from int_family_phenomena (all years) and the labels."""
    situations = situations_of(latest_year_families(phenomena))
    family_types = rank_family_types(situations, type_count)
    labels = label_family_types(family_types, attribute_labels)
    return pd.concat([family_types.loc[:, list(FAMILY_TYPE_COLUMNS)], labels], axis=1)


def build_family_typology(
    phenomena: pd.DataFrame,
    family_types: pd.DataFrame,
    rules: pd.DataFrame,
    group_catalog: pd.DataFrame,
) -> pd.DataFrame:
    """Per family and year: the situation's band codes, the type and the wellbeing group."""
    validated_rules = parse_wellbeing_group_rules(rules, group_ids=set(group_catalog["group_id"]))
    situations = situations_of(phenomena)
    assigned = assign_family_types(situations, family_types)
    groups = assign_wellbeing_groups(phenomena, validated_rules)
    typology = pd.concat(
        [
            phenomena.loc[:, ["stat_year", "family_id"]],
            situations,
            assigned,
            groups.rename("group_id"),
        ],
        axis=1,
    )
    return typology.sort_values(["stat_year", "family_id"], kind="mergesort").reset_index(drop=True)


def to_pandas(relation: Any) -> pd.DataFrame:
    """A dbt-duckdb relation (or an Arrow table) as pandas, read through Arrow."""
    table = relation.arrow() if hasattr(relation, "arrow") else relation
    if isinstance(table, pa.RecordBatchReader):  # DuckDB 1.4+ returns a reader
        table = table.read_all()
    return table.to_pandas()


def to_arrow(frame: pd.DataFrame, schema: pa.Schema) -> pa.Table:
    """The frame's schema columns with their fixed types (a typed empty table if empty)."""
    return pa.Table.from_pandas(frame.loc[:, schema.names], schema=schema, preserve_index=False)


__all__ = [
    "FAMILY_TYPES_SCHEMA",
    "FAMILY_TYPOLOGY_SCHEMA",
    "build_family_types",
    "build_family_typology",
    "latest_year_families",
    "to_arrow",
    "to_pandas",
]
