"""`--volume full`: every primary-care visit and reimbursed purchase, at real rates.

The default volume writes only the visits and purchases the phenomena need (about 1.2
visits and 0.3 purchases per person-year). A real extract carries every visit and every
reimbursed purchase of the cohort. `top_up` adds the missing rows to a chunk's tables so
that the rows per person-year reach `VISITS_PER_PERSON_YEAR` and
`PURCHASES_PER_PERSON_YEAR` (sources in docs/synthetic-registers.md).

The added rows cannot change a phenomenon: visits carry no F code (or no code) and a
service area no phenomenon counts; purchases carry ATC codes outside N06A and N07B and
outside every code the default generator writes, so no added row duplicates a default
row. The random draws come from their own generator, after every default draw, so the
other eleven tables are byte-identical to the default volume's.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from lea.synth.arrays import date_array, random_ids
from lea.synth.draws import expanded_events
from lea.synth.health import ORDINARY_ADULT, ORDINARY_CHILD, diagnosis_codes
from lea.synth.lives import _alive_span
from lea.synth.places import Frame
from lea.synth.population import Chunk

VOLUMES = ("phenomena", "full")
# THL: 34.6 million health-centre visits in 2022 (42.7 million in 2021) for 5.56 million
# inhabitants: 6.2 visits per inhabitant and year (7.7 in 2021).
VISITS_PER_PERSON_YEAR = 6.2
# Kela publishes buyers (3.84 million, 70 % of Finns, 2019) and euros, not a count of
# purchases we could find: an estimate, see docs/synthetic-registers.md.
PURCHASES_PER_PERSON_YEAR = 8.0
# Common reimbursed medicines that no phenomenon counts (not N06A, not N07B) and that the
# default generator never writes: antibiotics, antihistamines, anti-inflammatories,
# proton pump inhibitors, asthma, skin, blood pressure, contraception, thyroid, pain.
EVERYDAY_ATC = (
    "J01CA04",
    "J01CE02",
    "J01FA10",
    "R06AE07",
    "M01AE01",
    "A02BC02",
    "R03AC02",
    "D07AC01",
    "C08CA01",
    "G03AA12",
    "C09CA01",
    "N02AJ06",
)
EXCLUDED_ATC_PREFIXES = ("N06A", "N07B")
PHENOMENON_SERVICE_AREAS = ("mental_health", "substance_abuse")  # never written by top_up


def person_years(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Per person x year: the share of the year alive and resident (0 when not)."""
    return np.clip(hi - lo + 1, 0, None) / 365.25


def extra_counts(rng: np.random.Generator, exposure: np.ndarray, rows_now: int, rate: float) -> np.ndarray:
    """Per person x year: Poisson counts that lift `rows_now` to `rate` rows per person-year."""
    total = float(exposure.sum())
    if total <= 0:
        return np.zeros(exposure.shape, dtype=np.int64)
    extra_rate = max(rate * total - rows_now, 0.0) / total
    return rng.poisson(extra_rate * exposure)


def _age_at(birth: np.ndarray, day: np.ndarray) -> np.ndarray:
    return (day - birth) // 365.25


def extra_visits(
    rng: np.random.Generator,
    counts: np.ndarray,
    lo: np.ndarray,
    hi: np.ndarray,
    birth: np.ndarray,
    ids: pa.Array,
    table_schema: pa.Schema,
) -> pa.Table:
    """Ordinary visits: J, Z and other non-F codes or none, in no phenomenon's service area."""
    p, _, d = expanded_events(rng, counts, lo, hi)
    a = _age_at(birth[p], d)
    area = np.select([a < 7, a < 18], ["child_health_clinic", "school_health"], "general_practice").astype(object)
    area[rng.random(len(p)) < 0.2] = "other"
    icd = np.where(
        a < 18, diagnosis_codes(rng, ORDINARY_CHILD, len(p)), diagnosis_codes(rng, ORDINARY_ADULT, len(p))
    ).astype(object)
    icd[rng.random(len(p)) < 0.5] = None
    return pa.table(
        {
            "visit_id": random_ids(rng, len(p), 24),
            "person_id": ids.take(pa.array(p.astype(np.int64))),
            "visit_date": date_array(d),
            "service_area": pa.array(area, pa.string()),
            "icd10_code": pa.array(icd, pa.string()),
        }
    ).cast(table_schema)


def extra_purchases(
    rng: np.random.Generator, counts: np.ndarray, lo: np.ndarray, hi: np.ndarray, ids: pa.Array, table_schema: pa.Schema
) -> pa.Table:
    """Everyday reimbursed purchases; no two alike (an exact duplicate would be a bad row)."""
    p, _, d = expanded_events(rng, counts, lo, hi)
    atc = np.array(EVERYDAY_ATC)[rng.integers(0, len(EVERYDAY_ATC), len(p))]
    ddd = np.round(5 + 95 * rng.random(len(p)), 2)
    order = np.lexsort((ddd, atc, d, p))
    p, d, atc, ddd = p[order], d[order], atc[order], ddd[order]
    while True:  # nudge the later of two alike rows until none are alike (rare)
        same = np.zeros(len(p), dtype=bool)
        same[1:] = (p[1:] == p[:-1]) & (d[1:] == d[:-1]) & (atc[1:] == atc[:-1]) & (ddd[1:] == ddd[:-1])
        if not same.any():
            break
        ddd = np.round(ddd + 0.5 * same, 2)
        order = np.lexsort((ddd, atc, d, p))
        p, d, atc, ddd = p[order], d[order], atc[order], ddd[order]
    return pa.table(
        {
            "person_id": ids.take(pa.array(p.astype(np.int64))),
            "purchase_date": date_array(d),
            "atc_code": pa.array(atc, pa.string()),
            "ddd": pa.array(ddd.astype(np.float64)),
        }
    ).cast(table_schema)


def _shuffled(rng: np.random.Generator, parts: list[pa.Table]) -> pa.Table:
    table = pa.concat_tables(parts)
    return table.take(pa.array(rng.permutation(table.num_rows)))


def top_up(
    rng: np.random.Generator, chunk: Chunk, frame: Frame, residence: dict, tables: dict[str, pa.Table], ids: pa.Array
) -> dict[str, pa.Table]:
    """The chunk's tables with visits and purchases at full volume, rows shuffled again."""
    lo, hi, _ = _alive_span(chunk, frame, residence)
    exposure = person_years(lo, hi)
    visits, purchases = tables["thl_avohilmo_visits"], tables["kela_medicine_purchases"]
    more_visits = extra_visits(
        rng,
        extra_counts(rng, exposure, visits.num_rows, VISITS_PER_PERSON_YEAR),
        lo,
        hi,
        chunk.persons.birth,
        ids,
        visits.schema,
    )
    more_purchases = extra_purchases(
        rng, extra_counts(rng, exposure, purchases.num_rows, PURCHASES_PER_PERSON_YEAR), lo, hi, ids, purchases.schema
    )
    return {
        **tables,
        "thl_avohilmo_visits": _shuffled(rng, [visits, more_visits]),
        "kela_medicine_purchases": _shuffled(rng, [purchases, more_purchases]),
    }
