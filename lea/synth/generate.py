"""`generate`: write the landing directory chunk by chunk (memory grows with the chunk, not N)."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from lea.contract import TABLES
from lea.private_files import make_private, private_umask
from lea.synth.arrays import OPEN
from lea.synth.badrows import KINDS, inject
from lea.synth.intended import STRUCTURES, intended_families
from lea.synth.lives import live
from lea.synth.places import Frame, build_places
from lea.synth.population import build_chunk, draw_households
from lea.synth.residences import residences
from lea.synth.tables import build_tables, schema
from lea.synth.volume import VOLUMES, top_up

CHUNK_FAMILIES = 10_000
FORMATS = ("parquet", "csv")
# Key of the Parquet file metadata that marks a landing file as synthetic: the build reads it
# into landing.landing_synthetic and publishes it in publication_info, so that a report made
# from synthetic registers says so (issue 25). A real extract has no such key.
SYNTHETIC_METADATA_KEY = "lea_synthetic"


def synthetic_metadata(
    families: int, seed: int, years: tuple[int, int], bad_row_share: float, volume: str
) -> dict[str, str]:
    """What a synthetic Parquet file says about its origin: the generator's arguments."""
    arguments = {
        "generator": "lea synth",
        "seed": seed,
        "families": families,
        "years": f"{years[0]}-{years[1]}",
        "bad_row_share": bad_row_share,
        "volume": volume,
    }
    return {SYNTHETIC_METADATA_KEY: json.dumps(arguments, sort_keys=True)}


@dataclass
class Summary:
    families: int
    rows: dict[str, int] = field(default_factory=dict)
    bad_rows: int = 0


class _Writer:
    """Appends chunks to one landing file."""

    def __init__(self, path: Path, file_format: str, table_schema: pa.Schema, metadata: dict[str, str] | None = None):
        self.path, self.format, self.schema = path, file_format, table_schema
        if file_format == "parquet":
            # CSV has nowhere to say it is synthetic; Parquet carries it in the file's metadata.
            self.schema = table_schema.with_metadata(metadata or {})
            self._writer = pq.ParquetWriter(path, self.schema, compression="zstd")
        else:
            self._file = open(path, "wb")
            self._file.write((",".join(table_schema.names) + "\n").encode("utf-8"))
            self._writer = pacsv.CSVWriter(
                self._file, table_schema, write_options=pacsv.WriteOptions(include_header=False, quoting_style="needed")
            )

    def write(self, table: pa.Table) -> None:
        self._writer.write_table(table.cast(self.schema))

    def close(self) -> None:
        self._writer.close()
        if self.format == "csv":
            self._file.close()


def _chunk_sizes(families: int, chunk_families: int) -> list[int]:
    full, rest = divmod(families, chunk_families)
    return [chunk_families] * full + ([rest] if rest else [])


# publication.md, rule 7: the landed registers and the truth are for their owner only.
@private_umask()
def generate(  # noqa: PLR0913 - the options of `lea synth` (a stable interface), each named where it is called
    families: int,
    seed: int = 1,
    out_dir: str | os.PathLike = "data/landing",
    file_format: str = "parquet",
    years: tuple[int, int] = (2017, 2021),
    bad_row_share: float = 0.0,
    progress: bool = False,
    truth_dir: str | os.PathLike | None = None,
    chunk_families: int = CHUNK_FAMILIES,
    volume: str = "phenomena",
) -> Summary:
    """Write synthetic register extracts for `families` families with children.

    `families` is the number of families with children (a child under 18 on 31 Dec) in the
    six study municipalities in the last year. The same arguments give the same files.
    `truth_dir`, when given, receives `intended_families.parquet` (and `bad_rows.parquet`
    when bad rows are injected); it must not be the landing directory. `volume` "full" adds
    the visits and purchases a real extract carries beyond what the phenomena need
    (`lea.synth.volume`); the default "phenomena" writes only those.
    """
    _check_arguments(families, file_format, years, volume, bad_row_share)
    out, truth = _prepare_folders(Path(out_dir), Path(truth_dir) if truth_dir is not None else None)
    frame = Frame(*years)
    places = build_places(seed)
    with_bad = bad_row_share > 0
    metadata = synthetic_metadata(families, seed, years, bad_row_share, volume)
    writers = {
        t.name: _Writer(out / f"{t.name}.{file_format}", file_format, schema(t.name, as_text=with_bad), metadata)
        for t in TABLES
    }
    truth_writer = None
    bad_parts: list[pa.Table] = []
    summary = Summary(families=families, rows={t.name: 0 for t in TABLES})
    bar = _progress(families, progress)
    try:
        for chunk_no, n in enumerate(_chunk_sizes(families, chunk_families)):
            rng = np.random.default_rng([seed, 11, chunk_no])
            hh = draw_households(rng, n, frame, places)
            chunk = build_chunk(rng, hh, frame, places)
            residence = residences(chunk, frame)
            lives = live(rng, chunk, frame, residence)
            tables, ids = build_tables(rng, chunk, residence, lives, frame, places)
            if volume == "full":  # its own draws, after the default ones: the rest is unchanged
                tables = top_up(np.random.default_rng([seed, 17, chunk_no]), chunk, frame, residence, tables, ids)
            if truth is not None:
                part = _truth_rows(chunk, frame, places, ids, chunk_no)
                if truth_writer is None:
                    truth_writer = pq.ParquetWriter(truth / "intended_families.parquet", part.schema)
                truth_writer.write_table(part)
            if with_bad:
                outsiders = set(ids.filter(pa.array(chunk.persons.home_from >= OPEN)).to_pylist())
                bad_rng = np.random.default_rng([seed, 13, chunk_no])
                bad_parts += _inject_bad_rows(bad_rng, tables, bad_row_share, outsiders, summary)
            for name, table in tables.items():
                writers[name].write(table)
                summary.rows[name] += table.num_rows
            bar.update(n)
    finally:
        for w in writers.values():
            w.close()
        if truth_writer is not None:
            truth_writer.close()
        bar.close()
    if truth is not None and with_bad:
        pq.write_table(pa.concat_tables(bad_parts), truth / "bad_rows.parquet")
    _tighten([out, *(w.path for w in writers.values())], truth)
    return summary


def _tighten(written: list[Path], truth: Path | None) -> None:
    """Folders and files that existed before keep their mode when reused: tighten them."""
    for path in [*written, *([truth, *truth.glob("*.parquet")] if truth is not None else [])]:
        make_private(path)


def _check_arguments(
    families: int, file_format: str, years: tuple[int, int], volume: str, bad_row_share: float
) -> None:
    if families < 1:
        raise ValueError("families must be at least 1")
    if file_format not in FORMATS:
        raise ValueError(f"file_format must be one of {FORMATS}, not {file_format!r}")
    first_year, last_year = years
    if not (1950 <= first_year <= last_year <= 2100):
        raise ValueError(f"years {years} are not a range of years")
    if volume not in VOLUMES:
        raise ValueError(f"volume must be one of {VOLUMES}, not {volume!r}")
    if not 0.0 <= bad_row_share < 0.5:
        raise ValueError("bad_row_share must be in [0, 0.5)")


def _prepare_folders(out: Path, truth: Path | None) -> tuple[Path, Path | None]:
    """The landing folder without any contract file, and the truth folder beside it."""
    out.mkdir(parents=True, exist_ok=True)
    if truth is not None:
        if truth.resolve() == out.resolve():
            raise ValueError("the truth directory must not be the landing directory")
        truth.mkdir(parents=True, exist_ok=True)
    for t in TABLES:  # a table must exist in exactly one format
        for ext in FORMATS:
            (out / f"{t.name}.{ext}").unlink(missing_ok=True)
    return out, truth


def _inject_bad_rows(
    rng: np.random.Generator, tables: dict[str, pa.Table], share: float, outsiders: set, summary: Summary
) -> list[pa.Table]:
    """Replace a share of every table's rows of a chunk by bad rows (in `tables`); the truth
    rows of what was injected, numbered after the rows already written (`summary`)."""
    parts = []
    for name in list(tables):
        injected = inject(rng, name, tables[name], share, outsiders if name == "dvv_residences" else None)
        tables[name] = injected.table
        offset = summary.rows[name]
        parts.append(
            pa.table(
                {
                    "table": pa.array([name] * len(injected.positions), pa.string()),
                    "landing_row_number": pa.array(offset + injected.positions + 1, pa.int64()),
                    "kind": pa.array(injected.kinds, pa.string()),
                    "is_bad": pa.array([KINDS[k] for k in injected.kinds], pa.bool_()),
                }
            )
        )
        summary.bad_rows += sum(KINDS[k] for k in injected.kinds)
    return parts


def _truth_rows(chunk, frame: Frame, places, ids: pa.Array, chunk_no: int) -> pa.Table:
    parts = []
    for year in frame.stat_years:
        f = intended_families(chunk, frame, places, int(year))
        keys = np.char.add(f"f{chunk_no:04d}-", f["hh"].astype(str))
        parts.append(
            pa.table(
                {
                    "stat_year": pa.array(np.full(len(f["hh"]), year, dtype=np.int32)),
                    "family_key": pa.array(keys, pa.string()),
                    "person_id": ids.take(pa.array(f["person"])),
                    "role": pa.array(np.where(f["role"] == 0, "parent", "child"), pa.string()),
                    "structure": pa.array(np.array(STRUCTURES)[f["structure"]], pa.string()),
                    "municipality_code": pa.array(places.municipality[f["place"]], pa.string()),
                    "postcode": pa.array(places.postcode[f["place"]], pa.string()),
                }
            )
        )
    return pa.concat_tables(parts)


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, enabled: bool):
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="families", file=sys.stderr, desc="lea synth")
