"""Bad rows of every kind the contract lists, and rows that break a grain without being bad.

Bad rows are added as corrupted copies of good rows, so the good data, and with it the
families the generator intends, stay as they were. The exceptions are documented: an
overlapping residence period makes the period it overlaps bad too (the contract says every
overlapping period is bad), so overlaps are only added to persons outside every household.
Grain-breakers keep every total: a vero row is split into two rows that sum to it, money
with three decimals moves a total by less than a cent.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from lea.contract import DATE, DECIMAL, INTEGER, TABLES_BY_NAME
from lea.synth.reference import postcode_areas

# kind -> is it bad (False: breaks a grain but is kept)
KINDS: dict[str, bool] = {
    "missing_value": True,
    "unparsable_date": True,
    "unparsable_number": True,
    "unknown_code": True,
    "malformed_postcode": True,
    "malformed_municipality": True,
    "postcode_of_other_municipality": True,
    "end_before_start": True,
    "date_after_extract": True,
    "date_before_1900": True,
    "amount_not_positive": True,
    "payment_month_not_first": True,
    "negative_ddd": True,
    "negative_hours": True,
    "death_before_birth": True,
    "own_parent": True,
    "own_partner": True,
    "overlapping_residence": True,
    "exact_duplicate": True,
    "second_person_row": False,
    "second_income_row": False,
    "money_three_decimals": False,
}

_CODE_COLUMNS = {
    "dvv_persons": {"sex": "3", "mother_tongue": "fin"},
    "dvv_parent_child": {"relation_type": "foster"},
    "dvv_partnerships": {"partnership_type": "engagement"},
    "sf_degrees": {"degree_level": "9"},
    "kela_benefits": {"benefit_code": "pension"},
    "kela_medicine_purchases": {"atc_code": "N06AB1"},
    "thl_avohilmo_visits": {"service_area": "dentist", "icd10_code": "3F2"},
    "thl_hilmo_episodes": {"specialty_code": "7A", "care_type": "day_case", "icd10_code": "F3"},
    "thl_child_welfare": {"measure": "warning"},
    "tem_jobseeker_periods": {"status": "retired"},
    "varda_ecec_decisions": {"provider_type": "family"},
}
_BAD_DATES = ("2019-02-30", "31.12.2019", "unknown", "20190315")
_BAD_NUMBERS = ("12,50", "n/a", "1.2.3")
_AFTER_EXTRACT = "2099-06-30"
_BEFORE_1900 = "1899-12-31"


def kinds_for(table: str) -> list[str]:
    """Every kind of bad row (and grain-breaker) that applies to a table."""
    t = TABLES_BY_NAME[table]
    cols = {c.name: c for c in t.columns}
    dates = [c.name for c in t.columns if c.type == DATE]
    numbers = [c.name for c in t.columns if c.type in (DECIMAL, INTEGER)]
    out = ["missing_value"]
    if dates:
        out += ["unparsable_date", "date_after_extract", "date_before_1900"]
    if numbers:
        out.append("unparsable_number")
    if table in _CODE_COLUMNS:
        out.append("unknown_code")
    if "postcode" in cols:
        out += ["malformed_postcode", "malformed_municipality", "postcode_of_other_municipality"]
    if "start_date" in cols and "end_date" in cols:
        out.append("end_before_start")
    out += {
        "dvv_persons": ["death_before_birth", "second_person_row"],
        "dvv_parent_child": ["own_parent"],
        "dvv_partnerships": ["own_partner"],
        "dvv_residences": ["overlapping_residence"],
        "vero_income": ["second_income_row", "money_three_decimals"],
        "kela_benefits": ["amount_not_positive", "payment_month_not_first", "money_three_decimals"],
        "kela_medicine_purchases": ["negative_ddd"],
        "varda_ecec_decisions": ["negative_hours"],
    }.get(table, [])
    out.append("exact_duplicate")
    return out


@dataclass
class Injected:
    table: pa.Table  # all text
    positions: np.ndarray  # 0-based row positions in `table` of the marked rows
    kinds: list[str]


def _text_frame(table: pa.Table) -> dict[str, np.ndarray]:
    return {
        name: table.column(name).cast(pa.string()).to_numpy(zero_copy_only=False).astype(object)
        for name in table.column_names
    }


def _study_postcodes() -> tuple[np.ndarray, dict[str, str]]:
    areas = postcode_areas()
    return np.array(sorted(areas.municipality_of)), areas.municipality_of


def inject(
    rng: np.random.Generator, name: str, table: pa.Table, share: float, overlap_persons: set[str] | None = None
) -> Injected:
    """Add about `share` of the table's rows as bad rows spread over every kind."""
    cols = _text_frame(table)
    n = table.num_rows
    kinds = kinds_for(name)
    if n == 0:
        return Injected(
            table.cast(pa.schema([pa.field(c, pa.string()) for c in table.column_names])),
            np.array([], dtype=np.int64),
            [],
        )
    per_kind = max(1, int(round(share * n / len(kinds))))
    perm = rng.permutation(n)
    used = np.zeros(n, dtype=bool)
    t = TABLES_BY_NAME[name]
    required = [c.name for c in t.columns if not c.nullable]
    dates = [c.name for c in t.columns if c.type == DATE]
    numbers = [c.name for c in t.columns if c.type in (DECIMAL, INTEGER)]
    has_end = "end_date" in cols
    end_known = np.not_equal(cols["end_date"], None) if has_end else np.zeros(n, dtype=bool)  # type: ignore[call-overload]
    alive_rows = np.equal(cols["death_date"], None) if name == "dvv_persons" else None  # type: ignore[call-overload]

    def take(count: int, allowed: np.ndarray | None = None) -> np.ndarray:
        ok = ~used[perm] if allowed is None else (~used[perm] & allowed[perm])
        chosen = perm[ok][:count]
        used[chosen] = True
        return chosen

    added: list[tuple[dict[str, np.ndarray], np.ndarray, str, bool]] = []  # rows, source, kind, after source
    marks_in_place: list[tuple[np.ndarray, str]] = []

    def copy(src: np.ndarray) -> dict[str, np.ndarray]:
        return {k: v[src].copy() for k, v in cols.items()}

    def pick(values, size):
        return np.array(values, dtype=object)[rng.integers(0, len(values), size)]

    for kind in kinds:
        if kind == "money_three_decimals":
            src = take(per_kind)
            money = [c for c in numbers if c.endswith("_eur")]
            col = money[0]
            vals = np.array([float(v) for v in cols[col][src]])
            cols[col][src] = np.array([f"{v + 0.001 + 0.001 * (i % 8):.3f}" for i, v in enumerate(vals)], dtype=object)
            marks_in_place.append((src, kind))
            continue
        if kind == "second_income_row":
            # split rows with income only: halves of a zero row would duplicate each other
            src = take(per_kind, cols["earned_income_eur"].astype(float) >= 1.0)
            rows = copy(src)
            for col in ("earned_income_eur", "capital_income_eur", "taxes_paid_eur"):
                total = np.array([float(v) for v in cols[col][src]])
                first = np.round(total * 0.6, 2)
                cols[col][src] = np.array([f"{v:.2f}" for v in first], dtype=object)
                rows[col] = np.array([f"{v:.2f}" for v in np.round(total - first, 2)], dtype=object)
            marks_in_place.append((src, kind))
            added.append((rows, src, kind, True))
            continue
        if kind == "overlapping_residence":
            person_ok = np.isin(cols["person_id"].astype(str), np.array(sorted(overlap_persons or ()), dtype=str))
            starts = cols["start_date"].astype("U10").astype("datetime64[D]")
            ends = np.where(end_known, cols["end_date"], "2100-01-01").astype("U10").astype("datetime64[D]")
            long_enough = (ends - starts).astype(np.int64) >= 30
            # one row per person
            _, first_of_person = np.unique(cols["person_id"], return_index=True)
            single = np.zeros(n, dtype=bool)
            single[first_of_person] = True
            src = take(per_kind, person_ok & long_enough & single)
            rows = copy(src)
            s = starts[src] + rng.integers(1, 10, len(src))
            rows["start_date"] = s.astype(str).astype(object)
            rows["end_date"] = (s + 10).astype(str).astype(object)
            rows["dwelling_id"] = np.array([f"x{rng.integers(0, 2**62):016x}" for _ in src], dtype=object)
            marks_in_place.append((src, kind))
            added.append((rows, src, kind, False))
            continue
        if kind == "exact_duplicate":
            src = take(per_kind)
            added.append((copy(src), src, kind, True))
            continue
        if kind == "second_person_row":
            src = take(per_kind)
            rows = copy(src)
            rows["mother_tongue"] = np.where(rows["mother_tongue"] == "fi", "sv", "fi").astype(object)
            marks_in_place.append((src, kind))
            added.append((rows, src, kind, True))
            continue
        # corrupted copies (bad rows); constraints keep each to exactly one failing reason
        allowed = alive_rows
        if kind == "end_before_start":
            allowed = end_known
        if kind == "death_before_birth":
            allowed = alive_rows & (cols["birth_date"].astype("U10") >= "1901-01-01")  # type: ignore[operator]
        src = take(per_kind, allowed)
        if len(src) == 0:
            continue
        rows = copy(src)
        m = len(src)
        if kind == "missing_value":
            which = pick(required, m)
            for col in set(which):
                rows[col][which == col] = None
        elif kind == "unparsable_date":
            col = dates[0]
            rows[col] = pick(_BAD_DATES, m)
        elif kind == "unparsable_number":
            col = numbers[rng.integers(0, len(numbers))]
            rows[col] = pick(("2019x", "20.5", "n/a") if col == "tax_year" else _BAD_NUMBERS, m)
        elif kind == "unknown_code":
            options = _CODE_COLUMNS[name]
            col = list(options)[rng.integers(0, len(options))]
            rows[col] = np.full(m, options[col], dtype=object)
        elif kind == "malformed_postcode":
            rows["postcode"] = pick(("3310", "331000", "33A00", "FI-33100"), m)
        elif kind == "malformed_municipality":
            rows["municipality_code"] = pick(("92", "0920", "ABC", "8 37"), m)
        elif kind == "postcode_of_other_municipality":
            codes, muni_of = _study_postcodes()
            pc = codes[rng.integers(0, len(codes), m)]
            rows["postcode"] = pc.astype(object)
            rows["municipality_code"] = np.array(["091" if muni_of[p] != "091" else "049" for p in pc], dtype=object)
        elif kind == "end_before_start":
            s = rows["start_date"].astype("U10").astype("datetime64[D]")
            rows["end_date"] = (s - rng.integers(1, 300, m)).astype(str).astype(object)
        elif kind == "date_after_extract":
            if has_end:
                # the open end, or the end of a closed period, goes to the future
                rows["end_date"] = np.full(m, _AFTER_EXTRACT, dtype=object)
            else:
                rows[dates[0]] = np.full(m, _AFTER_EXTRACT, dtype=object)
        elif kind == "date_before_1900":
            col = "start_date" if "start_date" in cols else dates[0]
            rows[col] = np.full(m, _BEFORE_1900, dtype=object)
        elif kind == "amount_not_positive":
            rows["amount_eur"] = pick(("0", "-12.50", "0.00"), m)
        elif kind == "payment_month_not_first":
            s = rows["payment_month"].astype("U10").astype("datetime64[D]")
            rows["payment_month"] = (s + rng.integers(1, 27, m)).astype(str).astype(object)
        elif kind == "negative_ddd":
            rows["ddd"] = pick(("-30", "-0.5"), m)
        elif kind == "negative_hours":
            rows["hours_per_week"] = pick(("-20", "-37.5"), m)
        elif kind == "death_before_birth":
            b = rows["birth_date"].astype("U10").astype("datetime64[D]")
            rows["death_date"] = (b - rng.integers(1, 365, m)).astype(str).astype(object)
        elif kind == "own_parent":
            rows["parent_id"] = rows["child_id"].copy()
        elif kind == "own_partner":
            rows["person_id_b"] = rows["person_id_a"].copy()
        added.append((rows, src, kind, False))

    # Order: good rows keep their order; copies of a row come after it, others anywhere
    keys = [np.arange(n, dtype=float)]
    frames = [cols]
    row_kinds = [np.full(n, "", dtype=object)]
    for rows, src, kind, after in added:
        m = len(src)
        key = src + 0.5 + rng.random(m) * (n - src - 0.5) if after else rng.random(m) * n
        keys.append(key)
        frames.append(rows)
        row_kinds.append(np.full(m, kind, dtype=object))
    for src, kind in marks_in_place:
        row_kinds[0][src] = kind
    key = np.concatenate(keys)
    order = np.argsort(key, kind="stable")
    merged = {c: np.concatenate([f[c] for f in frames])[order] for c in cols}
    kinds_all = np.concatenate(row_kinds)[order]
    marked = np.flatnonzero(kinds_all != "")
    out = pa.table({c: pa.array(merged[c], pa.string()) for c in table.column_names})
    return Injected(out, marked, list(kinds_all[marked]))
