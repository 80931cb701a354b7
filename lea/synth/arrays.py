"""Small vectorised helpers: dates as day numbers, opaque identifiers, interval expansion."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

OPEN = np.int64(2**31 - 1)  # an open end (NULL end_date); larger than every real day
EPOCH = np.datetime64("1970-01-01", "D")

_ALPHABET = np.frombuffer(b"0123456789abcdefghijklmnopqrstuv", dtype=np.uint8)


def day(text: str) -> int:
    """Day number (days since 1970-01-01) of an ISO date."""
    return int((np.datetime64(text, "D") - EPOCH).astype(np.int64))


def year_start(year: int | np.ndarray) -> np.ndarray:
    y = np.asarray(year)
    return ((y - 1970).astype("datetime64[Y]").astype("datetime64[D]") - EPOCH).astype(np.int64)


def year_of(days: np.ndarray) -> np.ndarray:
    return np.asarray(days, dtype=np.int64).astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


def month_of(days: np.ndarray) -> np.ndarray:
    """Month number (months since 1970-01) of day numbers."""
    return np.asarray(days, dtype=np.int64).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def month_start(months: np.ndarray) -> np.ndarray:
    """Day number of the first day of month numbers."""
    return (np.asarray(months, dtype=np.int64).astype("datetime64[M]").astype("datetime64[D]") - EPOCH).astype(np.int64)


def add_years(days: np.ndarray, years: np.ndarray | int) -> np.ndarray:
    """The same calendar day `years` later (29 Feb -> 1 Mar)."""
    d = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    months = d.astype("datetime64[M]")
    offset = (d - months.astype("datetime64[D]")).astype(np.int64)
    shifted = (months + np.asarray(years, dtype=np.int64) * 12).astype("datetime64[D]")
    return (shifted - EPOCH).astype(np.int64) + offset


def age_on(birth: np.ndarray, on: np.ndarray | int) -> np.ndarray:
    """Whole years completed on a date."""
    b = np.asarray(birth, dtype=np.int64).astype("datetime64[D]")
    o = np.broadcast_to(np.asarray(on, dtype=np.int64), b.shape).astype("datetime64[D]")
    by, oy = b.astype("datetime64[Y]").astype(np.int64), o.astype("datetime64[Y]").astype(np.int64)
    # compare month and day, not day of year (leap years)
    bm = b.astype("datetime64[M]").astype(np.int64) % 12
    om = o.astype("datetime64[M]").astype(np.int64) % 12
    bd = (b - b.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64)
    od = (o - o.astype("datetime64[M]").astype("datetime64[D]")).astype(np.int64)
    before_birthday = (om < bm) | ((om == bm) & (od < bd))
    return oy - by - before_birthday.astype(np.int64)


def random_ids(rng: np.random.Generator, n: int, length: int = 20) -> pa.Array:
    """n opaque random identifiers of `length` base-32 characters (no order, no meaning)."""
    if n == 0:
        return pa.array([], pa.string())
    chars = _ALPHABET[rng.integers(0, 32, size=(n, length), dtype=np.uint8)]
    offsets = np.arange(0, (n + 1) * length, length, dtype=np.int32)
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(chars.tobytes()))


def date_array(days: np.ndarray, open_is_null: bool = True) -> pa.Array:
    d = np.asarray(days, dtype=np.int64)
    mask = d >= OPEN if open_is_null else None
    return pa.array(d.astype(np.int32), pa.date32(), mask=mask)


def expand(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For counts c_i: (owner index i repeated c_i times, position 0..c_i-1 within owner)."""
    counts = np.asarray(counts, dtype=np.int64)
    owner = np.repeat(np.arange(len(counts)), counts)
    starts = np.cumsum(counts) - counts
    position = np.arange(len(owner)) - starts[owner]
    return owner, position


def expand_months(start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Months overlapped by inclusive day intervals: (interval index, month number, days in it)."""
    m0, m1 = month_of(start), month_of(end)
    owner, pos = expand(m1 - m0 + 1)
    month = m0[owner] + pos
    first = month_start(month)
    last = month_start(month + 1) - 1
    days_in = np.minimum(last, end[owner]) - np.maximum(first, start[owner]) + 1
    return owner, month, days_in


def uniform_days(rng: np.random.Generator, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """A uniformly random day in each inclusive [lo, hi] (lo <= hi)."""
    lo = np.asarray(lo, dtype=np.int64)
    hi = np.asarray(hi, dtype=np.int64)
    return lo + np.floor(rng.random(lo.shape) * (hi - lo + 1)).astype(np.int64)
