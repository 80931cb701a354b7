"""The thirteen landing tables of one chunk, as Arrow tables with the contract's columns."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from lea.contract import (
    CHILD_WELFARE_MEASURES, DATE, DECIMAL, INTEGER, JOBSEEKER_STATUSES, PROVIDER_TYPES,
    TABLES, TABLES_BY_NAME)
from lea.synth.arrays import OPEN, date_array, month_start, random_ids
from lea.synth.lives import BENEFITS, Lives
from lea.synth.population import MAX_SEGMENTS, TONGUES, Chunk, Frame, Places

ARROW_TYPES = {DATE: pa.date32(), INTEGER: pa.int32(), DECIMAL: pa.float64()}


def schema(table: str, as_text: bool = False) -> pa.Schema:
    """Parquet schema of a landing table: real types, or all text (when bad rows are in it)."""
    return pa.schema([
        pa.field(c.name, pa.string() if as_text else ARROW_TYPES.get(c.type, pa.string()))
        for c in TABLES_BY_NAME[table].columns
    ])


def _codes(values: tuple[str, ...], index: np.ndarray) -> pa.Array:
    return pa.DictionaryArray.from_arrays(pa.array(np.asarray(index, dtype=np.int32)), pa.array(values)).cast(pa.string())


def _text(values: np.ndarray) -> pa.Array:
    return pa.array(values, pa.string())


def build_tables(rng: np.random.Generator, chunk: Chunk, residence: dict, lives: Lives, frame: Frame,
                 places: Places) -> tuple[dict[str, pa.Table], pa.Array]:
    hh, P = chunk.households, chunk.persons
    ids = random_ids(rng, P.n, 20)

    def pid(index: np.ndarray) -> pa.Array:
        return ids.take(pa.array(np.asarray(index, dtype=np.int64)))

    out: dict[str, dict[str, pa.Array]] = {}
    out["dvv_persons"] = {
        "person_id": ids,
        "birth_date": date_array(P.birth),
        "sex": _codes(("1", "2"), P.sex - 1),
        "mother_tongue": _codes(TONGUES, P.tongue),
        "death_date": date_array(P.death),
    }
    # residences: household dwellings (one id per household segment) and own dwellings
    seg_ids = random_ids(rng, hh.n * MAX_SEGMENTS, 16)
    own_ids = random_ids(rng, 2 * P.n, 16)
    key = residence["dwelling"]
    dwelling_index = np.where(key < 0, -key - 1, hh.n * MAX_SEGMENTS + key)
    all_dwellings = pa.concat_arrays([seg_ids, own_ids])
    out["dvv_residences"] = {
        "person_id": pid(residence["person"]),
        "dwelling_id": all_dwellings.take(pa.array(dwelling_index)),
        "municipality_code": _text(places.municipality[residence["place"]]),
        "postcode": _text(places.postcode[residence["place"]]),
        "start_date": date_array(residence["start"]),
        "end_date": date_array(residence["end"]),
    }
    child = np.flatnonzero((P.parent_a >= 0) | (P.parent_b >= 0))
    pa_, pb = P.parent_a[child], P.parent_b[child]
    a_ok, b_ok = pa_ >= 0, pb >= 0
    parents = np.concatenate([pa_[a_ok], pb[b_ok]])
    kids = np.concatenate([child[a_ok], child[b_ok]])
    adoptive = np.concatenate([P.adoptive_a[child][a_ok], P.adoptive_b[child][b_ok]])
    out["dvv_parent_child"] = {
        "parent_id": pid(parents),
        "child_id": pid(kids),
        "relation_type": _codes(("biological", "adoptive"), adoptive.astype(np.int64)),
    }
    part = chunk.partnerships
    swap = rng.random(len(part["person_a"])) < 0.5
    out["dvv_partnerships"] = {
        "person_id_a": pid(np.where(swap, part["person_b"], part["person_a"])),
        "person_id_b": pid(np.where(swap, part["person_a"], part["person_b"])),
        "partnership_type": _codes(("marriage", "registered_partnership"), part["type"] - 1),
        "start_date": date_array(part["start"]),
        "end_date": date_array(part["end"]),
    }
    deg = lives.degrees
    out["sf_degrees"] = {
        "person_id": pid(deg["person"]),
        "degree_level": _text(deg["level"].astype(str)),
        "completion_date": date_array(deg["date"]),
    }
    inc = lives.income
    pp, kk = np.nonzero(inc["adult"])
    out["vero_income"] = {
        "person_id": pid(pp),
        "tax_year": pa.array((frame.years[kk]).astype(np.int32)),
        "earned_income_eur": pa.array(np.round(inc["earned"][pp, kk], 2)),
        "capital_income_eur": pa.array(np.round(inc["capital"][pp, kk], 2)),
        "taxes_paid_eur": pa.array(np.round(inc["taxes"][pp, kk], 2)),
    }
    ben = lives.benefits
    out["kela_benefits"] = {
        "person_id": pid(ben["person"]),
        "benefit_code": _codes(BENEFITS, ben["code"]),
        "payment_month": date_array(month_start(ben["month"])),
        "amount_eur": pa.array(ben["amount"]),
    }
    pur = lives.purchases
    out["kela_medicine_purchases"] = {
        "person_id": pid(pur["person"]),
        "purchase_date": date_array(pur["date"]),
        "atc_code": pa.array(pur["atc"], pa.string()),
        "ddd": pa.array(pur["ddd"].astype(float)),
    }
    vis = lives.visits
    out["thl_avohilmo_visits"] = {
        "visit_id": random_ids(rng, len(vis["person"]), 24),
        "person_id": pid(vis["person"]),
        "visit_date": date_array(vis["date"]),
        "service_area": pa.array(vis["area"], pa.string()),
        "icd10_code": pa.array(vis["icd"], pa.string()),
    }
    ep = lives.episodes
    out["thl_hilmo_episodes"] = {
        "episode_id": random_ids(rng, len(ep["person"]), 24),
        "person_id": pid(ep["person"]),
        "start_date": date_array(ep["start"]),
        "end_date": date_array(ep["end"]),
        "specialty_code": pa.array(ep["specialty"], pa.string()),
        "icd10_code": pa.array(ep["icd"], pa.string()),
        "care_type": pa.array(ep["care"], pa.string()),
    }
    cw = lives.welfare
    out["thl_child_welfare"] = {
        "child_id": pid(cw["person"]),
        "measure": _codes(CHILD_WELFARE_MEASURES, cw["measure"]),
        "start_date": date_array(cw["start"]),
        "end_date": date_array(cw["end"]),
    }
    js = lives.jobseeker
    out["tem_jobseeker_periods"] = {
        "person_id": pid(js["person"]),
        "status": _codes(JOBSEEKER_STATUSES, js["status"]),
        "start_date": date_array(js["start"]),
        "end_date": date_array(js["end"]),
    }
    ec = lives.ecec
    out["varda_ecec_decisions"] = {
        "child_id": pid(ec["person"]),
        "start_date": date_array(ec["start"]),
        "end_date": date_array(ec["end"]),
        "hours_per_week": pa.array(ec["hours"].astype(float)),
        "provider_type": _codes(PROVIDER_TYPES, ec["provider"]),
    }
    tables = {}
    for t in TABLES:
        cols = out[t.name]
        table = pa.table({c: cols[c] for c in t.column_names}).cast(schema(t.name))
        # rows in random order: file order reveals nothing about families
        tables[t.name] = table.take(pa.array(rng.permutation(table.num_rows)))
    return tables, ids
