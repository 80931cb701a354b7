"""The dbt Python models `int_family_types` and `int_family_typology`, run with a fake `dbt`
object over an in-memory DuckDB (dbt unit tests cover SQL models only), and the
catalogue seeds checked against the code."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from types import ModuleType
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pytest
from typology_examples import TYPOLOGY_MODELS_DIR, families_frame, family, read_seed

from lea.typology.models import FAMILY_TYPES_SCHEMA, FAMILY_TYPOLOGY_SCHEMA
from lea.typology.phenomena import PHENOMENON_IDS
from lea.typology.situation import ATTRIBUTE_CODES, LABEL_ATTRIBUTES
from lea.typology.wellbeing_groups import WellbeingGroupRuleError


def load_model(name: str) -> Callable[[Any, Any], Any]:
    spec = importlib.util.spec_from_file_location(f"typology_{name}", TYPOLOGY_MODELS_DIR / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.model


class FakeConfig:
    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def __call__(self, **kwargs: Any) -> None:
        self.values.update(kwargs)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


class FakeDbt:
    """What the models use of dbt-duckdb's `dbt` object: ref() gives DuckDB relations."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, config: dict[str, Any]) -> None:
        self.connection = connection
        self.config = FakeConfig(config)

    def ref(self, name: str) -> duckdb.DuckDBPyRelation:
        return self.connection.table(name)


@pytest.fixture
def connection() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for seed in ("situation_attribute_labels", "wellbeing_group_rules", "wellbeing_group_catalog"):
        frame = read_seed(seed).replace("", None)
        con.register(f"{seed}_frame", frame)
        con.execute(f"create table {seed} as select * from {seed}_frame")
    # as dbt types it: integer priorities and minimums
    con.execute(
        "create or replace table wellbeing_group_rules as select cast(priority as integer) as priority,"
        " group_id, requires_all, requires_any, cast(min_phenomena as integer) as min_phenomena"
        " from wellbeing_group_rules"
    )
    return con


def load_int_family_phenomena(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> None:
    frame = families_frame(rows)
    con.register("int_family_phenomena_frame", frame)
    flags = ", ".join(f"cast({p} as boolean) as {p}" for p in PHENOMENON_IDS)
    con.execute(
        "create or replace table int_family_phenomena as select cast(stat_year as integer) as stat_year,"
        " cast(family_id as varchar) as family_id, cast(family_structure as varchar) as family_structure,"
        " cast(youngest_child_age as integer) as youngest_child_age,"
        " cast(n_children_under_age_limit as integer) as n_children_under_age_limit,"
        f" cast(youngest_parent_age as integer) as youngest_parent_age, {flags},"
        " cast(n_phenomena as integer) as n_phenomena from int_family_phenomena_frame"
    )


def run_models(con: duckdb.DuckDBPyConnection, type_count: Any = "100") -> tuple[pa.Table, pa.Table]:
    """Runs int_family_types, stores it as dbt would, then int_family_typology."""
    types = load_model("int_family_types")(FakeDbt(con, {"family_type_count": type_count}), con)
    con.register("int_family_types_result", types)
    con.execute("create or replace table int_family_types as select * from int_family_types_result")
    typology = load_model("int_family_typology")(FakeDbt(con, {}), con)
    return types, typology


def test_empty_input_gives_empty_tables_with_the_interface_columns(connection) -> None:
    load_int_family_phenomena(connection, [])
    types, typology = run_models(connection)
    assert types.num_rows == 0 and types.schema.equals(FAMILY_TYPES_SCHEMA)
    assert typology.num_rows == 0 and typology.schema.equals(FAMILY_TYPOLOGY_SCHEMA)


def test_small_input_through_both_models(connection) -> None:
    married = ("married_couple", "0-2", "2", "25-34")
    mother = ("mother", "7-12", "1", "35-44")
    rows = [
        family("a", married, 2021),
        family("b", married, 2021, phenomena={"child_welfare"}),
        family("c", mother, 2021, phenomena={"single_parent", "low_income"}),
        # earlier year: a situation that is no type (father) and one sharing mother + 7-12
        family("d", ("father", "0-2", "1", "<25"), 2020, phenomena={"single_parent"}),
        family(
            "e",
            ("mother", "7-12", "3", "<25"),
            2020,
            phenomena={"single_parent", "low_income", "frequent_moves", "no_ecec"},
        ),
        family("f", married, 2019, no_ecec=None),
    ]
    load_int_family_phenomena(connection, rows)
    types, typology = run_models(connection, type_count="2")
    assert types.to_pylist() == [
        {
            "type_id": "T001",
            "type_rank": 1,
            "structure": "married_couple",
            "youngest_child_age_band": "0-2",
            "children_band": "2",
            "youngest_parent_age_band": "25-34",
            "families_in_latest_year": 2,
            "label_fi": "Aviopari, nuorin lapsi 0–2-vuotias, 2 lasta, nuorin vanhempi 25–34-vuotias",
            "label_sv": "Gift par, yngsta barnet 0–2 år, 2 barn, yngsta föräldern 25–34 år",
            "label_en": "Married couple, youngest child 0–2, 2 children, youngest parent 25–34",
        },
        {
            "type_id": "T002",
            "type_rank": 2,
            "structure": "mother",
            "youngest_child_age_band": "7-12",
            "children_band": "1",
            "youngest_parent_age_band": "35-44",
            "families_in_latest_year": 1,
            "label_fi": "Äiti ja lapset, nuorin lapsi 7–12-vuotias, 1 lapsi, nuorin vanhempi 35–44-vuotias",
            "label_sv": "Mor och barn, yngsta barnet 7–12 år, 1 barn, yngsta föräldern 35–44 år",
            "label_en": "Mother with children, youngest child 7–12, 1 child, youngest parent 35–44",
        },
    ]
    result = {
        r["family_id"]: (r["stat_year"], r["type_id"], r["type_match_length"], r["group_id"])
        for r in typology.to_pylist()
    }
    assert result == {
        "a": (2021, "T001", 4, "G01"),
        "b": (2021, "T001", 4, "G09"),
        "c": (2021, "T002", 4, "G05"),
        "d": (2020, "T001", 0, "G03"),
        "e": (2020, "T002", 2, "G10"),
        "f": (2019, "T001", 4, "G01"),
    }
    assert typology.column("family_id").to_pylist() == ["f", "d", "e", "a", "b", "c"]


def test_bad_rules_stop_the_model_with_the_validation_message(connection) -> None:
    load_int_family_phenomena(connection, [family("a")])
    connection.execute("update wellbeing_group_rules set requires_all = 'child_wellfare' where priority = 3")
    with pytest.raises(WellbeingGroupRuleError, match=r"priority 3 \(group G09\): unknown phenomenon 'child_wellfare'"):
        run_models(connection)


def test_the_type_count_comes_from_the_model_config(connection) -> None:
    rows = [family(f"m{i}", ("mother", "0-2", str(n), "<25")) for i, n in enumerate([1, 1, 1, 2, 2, 3])]
    load_int_family_phenomena(connection, rows)
    types, _ = run_models(connection, type_count="2")
    assert types.column("children_band").to_pylist() == ["1", "2"]
    types, _ = run_models(connection, type_count=100)
    assert types.column("children_band").to_pylist() == ["1", "2", "3"]


# The catalogue seeds against the code and the spec.


def test_indicator_catalog_has_the_eleven_phenomena_in_spec_order() -> None:
    catalog = read_seed("indicator_catalog")
    assert catalog["indicator_id"].tolist() == list(PHENOMENON_IDS)
    assert catalog["sort_order"].tolist() == [str(i) for i in range(1, 12)]
    assert (catalog.map(str.strip) != "").all().all(), "every field is filled in"
    windows = dict(zip(catalog["indicator_id"], catalog["time_window"], strict=True))
    assert windows == {
        "low_income": "year",
        "social_assistance": "year",
        "parental_unemployment": "year",
        "low_parental_education": "reference date",
        "parental_mental_health": "two-year",
        "parental_substance_use": "two-year",
        "child_mental_health": "two-year",
        "child_welfare": "year",
        "single_parent": "reference date",
        "frequent_moves": "three-year",
        "no_ecec": "reference date",
    }
    denominators = dict(zip(catalog["indicator_id"], catalog["denominator"], strict=True))
    assert "aged 3–5" in denominators["no_ecec"]


def test_wellbeing_group_catalog_has_ten_groups() -> None:
    catalog = read_seed("wellbeing_group_catalog")
    assert catalog["group_id"].tolist() == [f"G{n:02d}" for n in range(1, 11)]
    assert (catalog.map(str.strip) != "").all().all()
    assert set(read_seed("wellbeing_group_rules")["group_id"]) == set(catalog["group_id"])


def test_situation_attribute_labels_cover_every_code_in_spec_order() -> None:
    labels = read_seed("situation_attribute_labels")
    expected = [
        (LABEL_ATTRIBUTES[attribute], code, str(position))
        for attribute, codes in ATTRIBUTE_CODES.items()
        for position, code in enumerate(codes, start=1)
    ]
    assert list(labels[["attribute", "code", "sort_order"]].itertuples(index=False, name=None)) == expected
    assert (labels.map(str.strip) != "").all().all()


def test_to_pandas_reads_arrow_tables_and_duckdb_readers() -> None:
    from lea.typology.models import to_pandas

    con = duckdb.connect()
    relation = con.sql("select 1 as a")
    assert to_pandas(relation).to_dict("records") == [{"a": 1}]
    assert to_pandas(pa.table({"a": [2]})).to_dict("records") == [{"a": 2}]
    assert isinstance(to_pandas(relation), pd.DataFrame)
