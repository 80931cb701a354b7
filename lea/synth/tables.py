"""The thirteen landing tables of one chunk, as Arrow tables with the contract's columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from lea.contract import (
    CHILD_WELFARE_MEASURES,
    DATE,
    DECIMAL,
    INTEGER,
    JOBSEEKER_STATUSES,
    PROVIDER_TYPES,
    TABLES,
    TABLES_BY_NAME,
)
from lea.synth.arrays import date_array, month_start, random_ids
from lea.synth.lives import BENEFITS, Lives
from lea.synth.places import Frame, Places
from lea.synth.population import MAX_SEGMENTS, TONGUES, Chunk

ARROW_TYPES = {DATE: pa.date32(), INTEGER: pa.int32(), DECIMAL: pa.float64()}


def schema(table: str, as_text: bool = False) -> pa.Schema:
    """Parquet schema of a landing table: real types, or all text (when bad rows are in it)."""
    return pa.schema(
        [
            pa.field(c.name, pa.string() if as_text else ARROW_TYPES.get(c.type, pa.string()))
            for c in TABLES_BY_NAME[table].columns
        ]
    )


def _codes(values, index: np.ndarray) -> pa.Array:
    """Text from indices into a list of values."""
    dictionary = pa.array(np.asarray(values, dtype=object), pa.string())
    return pa.DictionaryArray.from_arrays(pa.array(np.asarray(index, dtype=np.int32)), dictionary).cast(pa.string())


def _is(kind, name: str) -> bool:
    return isinstance(kind, str) and kind == name


def _factorised(values: np.ndarray) -> pa.Array:
    """Text from an object array of a few distinct values (None = NULL), fast."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    dictionary = pa.array(np.asarray(uniques, dtype=object), pa.string())
    indices = pa.array(codes.astype(np.int32), mask=codes < 0)
    return pa.DictionaryArray.from_arrays(indices, dictionary).cast(pa.string())


def build_tables(
    rng: np.random.Generator, chunk: Chunk, residence: dict, lives: Lives, frame: Frame, places: Places
) -> tuple[dict[str, pa.Table], pa.Array]:
    """Every landing table of the chunk, rows in random order (file order reveals no family)."""
    hh, P = chunk.households, chunk.persons
    ids = random_ids(rng, P.n, 20)
    seg_ids = random_ids(rng, hh.n * MAX_SEGMENTS, 16)
    own_ids = random_ids(rng, 2 * P.n, 16)
    all_dwellings = pa.concat_arrays([seg_ids, own_ids])

    # Column specs: (kind, numpy values) with kind person|date|codes:<values>|text|float|int|id:<len>|dwelling
    specs: dict[str, dict[str, tuple]] = {}
    specs["dvv_persons"] = {
        "person_id": ("person", np.arange(P.n)),
        "birth_date": ("date", P.birth),
        "sex": (("1", "2"), P.sex - 1),
        "mother_tongue": (TONGUES, P.tongue),
        "death_date": ("date", P.death),
    }
    key = residence["dwelling"]
    specs["dvv_residences"] = {
        "person_id": ("person", residence["person"]),
        "dwelling_id": ("dwelling", np.where(key < 0, -key - 1, hh.n * MAX_SEGMENTS + key)),
        "municipality_code": (places.municipality, residence["place"]),
        "postcode": (places.postcode, residence["place"]),
        "start_date": ("date", residence["start"]),
        "end_date": ("date", residence["end"]),
    }
    child = np.flatnonzero((P.parent_a >= 0) | (P.parent_b >= 0))
    pa_, pb = P.parent_a[child], P.parent_b[child]
    a_ok, b_ok = pa_ >= 0, pb >= 0
    specs["dvv_parent_child"] = {
        "parent_id": ("person", np.concatenate([pa_[a_ok], pb[b_ok]])),
        "child_id": ("person", np.concatenate([child[a_ok], child[b_ok]])),
        "relation_type": (
            ("biological", "adoptive"),
            np.concatenate([P.adoptive_a[child][a_ok], P.adoptive_b[child][b_ok]]).astype(np.int64),
        ),
    }
    part = chunk.partnerships
    swap = rng.random(len(part["person_a"])) < 0.5
    specs["dvv_partnerships"] = {
        "person_id_a": ("person", np.where(swap, part["person_b"], part["person_a"])),
        "person_id_b": ("person", np.where(swap, part["person_a"], part["person_b"])),
        "partnership_type": (("marriage", "registered_partnership"), part["type"] - 1),
        "start_date": ("date", part["start"]),
        "end_date": ("date", part["end"]),
    }
    deg = lives.degrees
    specs["sf_degrees"] = {
        "person_id": ("person", deg["person"]),
        "degree_level": (("3", "4", "5", "6", "7", "8"), deg["level"] - 3),
        "completion_date": ("date", deg["date"]),
    }
    inc = lives.income
    pp, kk = np.nonzero(inc["adult"])
    specs["vero_income"] = {
        "person_id": ("person", pp),
        "tax_year": ("int", frame.years[kk]),
        "earned_income_eur": ("float", np.round(inc["earned"][pp, kk], 2)),
        "capital_income_eur": ("float", np.round(inc["capital"][pp, kk], 2)),
        "taxes_paid_eur": ("float", np.round(inc["taxes"][pp, kk], 2)),
    }
    ben = lives.benefits
    specs["kela_benefits"] = {
        "person_id": ("person", ben["person"]),
        "benefit_code": (BENEFITS, ben["code"]),
        "payment_month": ("date", month_start(ben["month"])),
        "amount_eur": ("float", ben["amount"]),
    }
    pur = lives.purchases
    specs["kela_medicine_purchases"] = {
        "person_id": ("person", pur["person"]),
        "purchase_date": ("date", pur["date"]),
        "atc_code": ("text", pur["atc"]),
        "ddd": ("float", pur["ddd"].astype(float)),
    }
    vis = lives.visits
    specs["thl_avohilmo_visits"] = {
        "visit_id": ("id", 24),
        "person_id": ("person", vis["person"]),
        "visit_date": ("date", vis["date"]),
        "service_area": ("text", vis["area"]),
        "icd10_code": ("text", vis["icd"]),
    }
    ep = lives.episodes
    specs["thl_hilmo_episodes"] = {
        "episode_id": ("id", 24),
        "person_id": ("person", ep["person"]),
        "start_date": ("date", ep["start"]),
        "end_date": ("date", ep["end"]),
        "specialty_code": ("text", ep["specialty"]),
        "icd10_code": ("text", ep["icd"]),
        "care_type": ("text", ep["care"]),
    }
    cw = lives.welfare
    specs["thl_child_welfare"] = {
        "child_id": ("person", cw["person"]),
        "measure": (CHILD_WELFARE_MEASURES, cw["measure"]),
        "start_date": ("date", cw["start"]),
        "end_date": ("date", cw["end"]),
    }
    js = lives.jobseeker
    specs["tem_jobseeker_periods"] = {
        "person_id": ("person", js["person"]),
        "status": (JOBSEEKER_STATUSES, js["status"]),
        "start_date": ("date", js["start"]),
        "end_date": ("date", js["end"]),
    }
    ec = lives.ecec
    specs["varda_ecec_decisions"] = {
        "child_id": ("person", ec["person"]),
        "start_date": ("date", ec["start"]),
        "end_date": ("date", ec["end"]),
        "hours_per_week": ("float", ec["hours"].astype(float)),
        "provider_type": (PROVIDER_TYPES, ec["provider"]),
    }

    tables = {}
    for t in TABLES:
        spec = specs[t.name]
        n = next(len(v) for kind, v in spec.values() if not _is(kind, "id"))
        perm = rng.permutation(n)
        arrays = {}
        for name in t.column_names:
            kind, values = spec[name]
            if _is(kind, "id"):
                arrays[name] = random_ids(rng, n, values)
                continue
            if not isinstance(kind, str):
                arrays[name] = _codes(kind, np.asarray(values)[perm])
                continue
            v = np.asarray(values)[perm]
            if kind == "person":
                arrays[name] = ids.take(pa.array(v.astype(np.int64)))
            elif kind == "dwelling":
                arrays[name] = all_dwellings.take(pa.array(v.astype(np.int64)))
            elif kind == "date":
                arrays[name] = date_array(v)
            elif kind == "text":
                arrays[name] = _factorised(v)
            elif kind == "float":
                arrays[name] = pa.array(v.astype(np.float64))
            elif kind == "int":
                arrays[name] = pa.array(v.astype(np.int32))
            else:  # codes
                arrays[name] = _codes(kind, v)
        tables[t.name] = pa.table(arrays).cast(schema(t.name))
    return tables, ids
