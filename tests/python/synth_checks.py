"""A small, independent reading of the register contract's row checks, for the synth tests.

`bad_row_numbers(landing_dir)` returns, per table, the 1-based row numbers that the
contract (../shared/spec/registers.md) calls bad. Written from the contract text, not from
the generator, so that the generator's own truth file can be checked against it.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from lea.catalogs import study_municipalities
from lea.contract import (
    BENEFIT_CODES,
    CARE_TYPES,
    CHILD_WELFARE_MEASURES,
    DATE,
    DECIMAL,
    DEGREE_LEVELS,
    INTEGER,
    JOBSEEKER_STATUSES,
    PARTNERSHIP_TYPES,
    PROVIDER_TYPES,
    RELATION_TYPES,
    SERVICE_AREAS,
    SEXES,
    TABLES,
    Column,
    Table,
)

STUDY_MUNICIPALITIES = study_municipalities()

REFERENCE = Path(__file__).resolve().parents[2] / "seeds" / "reference" / "postcode_areas.csv"
ENUMS = {
    "sex": SEXES,
    "relation_type": RELATION_TYPES,
    "partnership_type": PARTNERSHIP_TYPES,
    "degree_level": DEGREE_LEVELS,
    "benefit_code": BENEFIT_CODES,
    "service_area": SERVICE_AREAS,
    "care_type": CARE_TYPES,
    "measure": CHILD_WELFARE_MEASURES,
    "status": JOBSEEKER_STATUSES,
    "provider_type": PROVIDER_TYPES,
}
PATTERNS = {
    "mother_tongue": re.compile(r"^[A-Za-z]{2}$"),
    "atc_code": re.compile(r"^[A-Z](\d{2}([A-Z]([A-Z](\d{2})?)?)?)?$"),
    "icd10_code": re.compile(r"^[A-Z]\d{2}(\.?[A-Z0-9]{1,4})?$"),
    "specialty_code": re.compile(r"^\d{2}$"),
    "postcode": re.compile(r"^\d{5}$"),
    "municipality_code": re.compile(r"^\d{3}$"),
}
IDS = ("person_id", "parent_id", "child_id", "person_id_a", "person_id_b")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NUMBER_RE = re.compile(r"^-?\d+(\.\d+)?$")
INTEGER_RE = re.compile(r"^-?\d+$")


def postcode_municipality() -> dict[str, str]:
    with open(REFERENCE, encoding="utf-8") as f:
        return {r["postcode"]: r["municipality_code"] for r in csv.DictReader(f)}


def read_text(landing: Path, table: str) -> pd.DataFrame:
    """A landed table as text, as the landing hook sees it (NULL = None)."""
    path = landing / f"{table}.parquet"
    if path.exists():
        t = pq.read_table(path)
        frame = pd.DataFrame({c: t.column(c).cast("string").to_pylist() for c in t.column_names})
    else:
        frame = pd.read_csv(landing / f"{table}.csv", dtype=str, keep_default_na=False)
        frame = frame.map(lambda v: None if v.strip() == "" else v)
    return frame.astype(object).where(frame.notna(), None)


def _date(v: str | None) -> dt.date | None:
    if v is None or not DATE_RE.match(v.strip()):
        return None
    try:
        return dt.date.fromisoformat(v.strip())
    except ValueError:
        return None


def _value_reason(column: Column, x: str) -> str | None:
    """Why one present value is bad, or None."""
    if column.type == DATE and _date(x) is None:
        return "unparsable_date"
    if column.type in (DECIMAL, INTEGER) and not (NUMBER_RE if column.type == DECIMAL else INTEGER_RE).match(x):
        return "unparsable_number"
    if column.name in ENUMS and x.lower() not in ENUMS[column.name]:
        return "unknown_code"
    if column.name in PATTERNS and column.name not in ("postcode", "municipality_code"):
        if not PATTERNS[column.name].match(x.upper() if column.name != "mother_tongue" else x):
            return "unknown_code"
    if column.name in IDS + ("visit_id", "episode_id", "dwelling_id") and len(x) > 64:
        return "unknown_code"
    return None


def _place_reason(v: dict, muni_of: dict[str, str]) -> str | None:
    pc, m = v["postcode"], v["municipality_code"]
    if not PATTERNS["postcode"].match(pc) or not PATTERNS["municipality_code"].match(m):
        return "malformed_place"
    if m in STUDY_MUNICIPALITIES and muni_of.get(pc) != m:
        return "postcode_of_other_municipality"
    if pc in muni_of and muni_of[pc] != m:
        return "postcode_of_other_municipality"
    return None


def _date_reason(t: Table, v: dict, extract: dt.date) -> str | None:
    if "start_date" in v and "end_date" in v and v["end_date"] is not None:
        if _date(v["end_date"]) < _date(v["start_date"]):
            return "end_before_start"
    for c in t.columns:
        if c.type == DATE and v[c.name] is not None:
            d = _date(v[c.name])
            if d > extract or d < dt.date(1900, 1, 1):
                return "date_out_of_range"
    return None


# The rules of one table each: (table, reason, is the row bad), in the order they are checked.
TABLE_RULES: tuple[tuple[str, str, Callable[[dict], bool]], ...] = (
    ("kela_benefits", "amount_not_positive", lambda v: float(v["amount_eur"]) <= 0),
    ("kela_benefits", "payment_month_not_first", lambda v: _date(v["payment_month"]).day != 1),
    ("kela_medicine_purchases", "negative_ddd", lambda v: float(v["ddd"]) < 0),
    ("varda_ecec_decisions", "negative_hours", lambda v: float(v["hours_per_week"]) < 0),
    (
        "dvv_persons",
        "death_before_birth",
        lambda v: v["death_date"] is not None and _date(v["death_date"]) < _date(v["birth_date"]),
    ),
    ("dvv_parent_child", "own_parent", lambda v: v["parent_id"] == v["child_id"]),
    ("dvv_partnerships", "own_partner", lambda v: v["person_id_a"] == v["person_id_b"]),
)


def row_reason(table: str, row: dict, extract: dt.date, muni_of: dict[str, str]) -> str | None:
    t = next(x for x in TABLES if x.name == table)
    v = {k: (None if row[k] is None or str(row[k]).strip() == "" else str(row[k]).strip()) for k in t.column_names}
    if any(v[c.name] is None and not c.nullable for c in t.columns):
        return "missing"
    for c in t.columns:
        reason = None if v[c.name] is None else _value_reason(c, v[c.name])
        if reason is not None:
            return reason
    reason = (_place_reason(v, muni_of) if "postcode" in v else None) or _date_reason(t, v, extract)
    if reason is not None:
        return reason
    return next((name for rule_table, name, is_bad in TABLE_RULES if rule_table == table and is_bad(v)), None)


def bad_row_numbers(landing: Path, extract: dt.date | None = None) -> dict[str, set[int]]:
    extract = extract or dt.date.today()
    muni_of = postcode_municipality()
    out: dict[str, set[int]] = {}
    for t in TABLES:
        frame = read_text(landing, t.name)
        reasons = [row_reason(t.name, r, extract, muni_of) for r in frame.to_dict("records")]
        bad = {i + 1 for i, r in enumerate(reasons) if r is not None}
        dup = frame.duplicated(keep="first").to_numpy()
        bad |= {i + 1 for i in range(len(frame)) if dup[i] and reasons[i] is None}
        if t.name == "dvv_residences":
            bad |= _overlapping(frame, bad)
        out[t.name] = bad
    return out


def _overlapping(frame: pd.DataFrame, bad: set[int]) -> set[int]:
    ok = frame.assign(row=range(1, len(frame) + 1))
    ok = ok[~ok["row"].isin(bad)].copy()
    ok["s"] = pd.to_datetime(ok["start_date"].str.strip())
    ok["e"] = pd.to_datetime(ok["end_date"].fillna("2262-01-01").str.strip())
    ok = ok.sort_values(["person_id", "s"])
    out: set[int] = set()
    for _, g in ok.groupby("person_id"):
        if len(g) < 2:
            continue
        s, e, rows = g["s"].to_numpy(), g["e"].to_numpy(), g["row"].to_numpy()
        for i in range(len(g)):
            for j in range(i + 1, len(g)):
                if s[j] <= e[i] and s[i] <= e[j]:
                    out |= {int(rows[i]), int(rows[j])}
    return out
