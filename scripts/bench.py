"""Benchmark: synthetic registers and full `dbt build` at several sizes (`make bench`).

For each size: generate the registers (cached by size, seed and volume under data/bench/), run
`dbt build` into a fresh database, and record the wall time of both, the ten slowest
nodes, the CPU time (user + system) and peak memory (RSS) of the build, and the database
size. Then run the compiled SQL of the same build directly on DuckDB in one process, to
show what dbt itself adds. CPU time matters on a shared machine, where the wall time also
measures the other users. Writes its tables into docs/benchmarks.md between the lines
`<!-- make bench: start -->` and `<!-- make bench: end -->`, keeping the analysis around
them (a file without those lines gets them, at the end).

A size is a number of families, optionally with `:full` for `lea synth --volume full`
(every primary-care visit and reimbursed purchase at real rates): `--sizes 80000,80000:full`.
The national size at full volume, `700000:full`, is among the default sizes but run by hand
(about 6 GB of landing files, an 11 GB database, 10+ minutes; never in CI).

Per stage of the build (landing, validation, ..., publication) it also records the wall time
of the stage's nodes and, sampled twice a second while they ran, the CPU, the peak memory of
all the build's processes, DuckDB's spill (LEA_DUCKDB_TEMP_DIR, default <database>.tmp) and
the database's size; and the size of the landing files. Stages are exact with one dbt
thread (LEA_DBT_THREADS=1); with more, samples go to the node that started first.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@dataclass
class Stage:
    """A stage of the build: its nodes' wall time and what the samples taken meanwhile show."""

    name: str
    wall_s: float = 0.0
    cpu_s: float = 0.0
    peak_rss_mib: float = 0.0
    peak_spill_mib: float = 0.0
    database_mib: float = 0.0  # the database's size when the stage last ran


@dataclass
class SizeResult:
    families: int
    generation_s: float | None
    generation_peak_mib: float | None
    build_s: float
    build_cpu_s: float
    build_peak_mib: float
    database_mib: float
    direct_sql_s: float | None
    python_models_s: float | None = None
    slowest: list[tuple[str, float]] = field(default_factory=list)
    passed: bool = True
    disclosure_s: float | None = None
    volume: str = "phenomena"
    landing_mib: float | None = None
    spill_peak_mib: float | None = None
    stages: list[Stage] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.families:,}" + (" (full volume)" if self.volume == "full" else "")


def _tree(root: int) -> list[int]:
    """A process and all its descendants, from /proc (only the root where there is no /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    tree, pending = [], [root]
    while pending:
        pid = pending.pop()
        tree.append(pid)
        pending.extend(children.get(pid, []))
    return tree


def _tree_rss_kib(root: int) -> int:
    """Resident memory (KiB) of a process and all its descendants, read from /proc (0 where
    there is no /proc). The build's Python models start worker processes: their memory adds
    to the dbt process's, which a single process's peak RSS does not show."""
    total = 0
    page_kib = os.sysconf("SC_PAGE_SIZE") // 1024
    for pid in _tree(root):
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page_kib
        except (OSError, IndexError, ValueError):
            continue
    return total


def _tree_cpu_s(root: int) -> float:
    """CPU seconds (user + system) of a process tree so far: every live process's own and
    that of its children it has waited for (so a finished worker's time stays counted)."""
    ticks = 0
    for pid in _tree(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += sum(int(value) for value in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def _folder_bytes(folder: Path | None) -> int:
    """Bytes of the files in a folder and below (0 when it does not exist)."""
    if folder is None or not folder.exists():
        return 0
    total = 0
    for path in folder.rglob("*"):
        try:
            total += path.stat().st_size if path.is_file() else 0
        except OSError:
            continue
    return total


@dataclass
class Sample:
    """The build's state at one moment: clock (epoch s), CPU so far, RSS, spill, database."""

    at: float
    cpu_s: float
    rss_mib: float
    spill_mib: float
    database_mib: float


@dataclass
class Sampling:
    """Where a measured build's samples go, and the spill folder and database they size."""

    samples: list[Sample]
    spill: Path | None = None
    database: Path | None = None

    def take(self, pid: int, rss_kib: int) -> None:
        database = self.database
        self.samples.append(
            Sample(
                at=time.time(),
                cpu_s=_tree_cpu_s(pid),
                rss_mib=rss_kib / 1024,
                spill_mib=_folder_bytes(self.spill) / 2**20,
                database_mib=(database.stat().st_size if database and database.exists() else 0) / 2**20,
            )
        )


def _run_measured(
    command: list[str], env: dict[str, str], log: Path, sampling: Sampling | None = None
) -> tuple[float, float, int, float]:
    """Run a command; return wall seconds, peak RSS (MiB) of the process tree (the sum over
    the processes, sampled twice a second, or the largest single process when that is
    more), exit code and CPU seconds (user + system, children included). With `sampling`,
    appends a Sample twice a second (the spill folder's and database's sizes too)."""
    wrapped = ["/usr/bin/time", "-f", "%M %U %S", "-o", str(log.with_suffix(".rss"))] + command
    if not Path("/usr/bin/time").exists():
        wrapped = command
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    tree_peak_kib = 0
    with open(log, "w") as out:
        process = subprocess.Popen(wrapped, cwd=PROJECT, env=env, stdout=out, stderr=subprocess.STDOUT)
        while process.poll() is None:
            rss_kib = _tree_rss_kib(process.pid)
            tree_peak_kib = max(tree_peak_kib, rss_kib)
            if sampling is not None:
                sampling.take(process.pid, rss_kib)
            time.sleep(0.5)
        code = process.returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rss_file = log.with_suffix(".rss")
    if rss_file.exists():
        peak_kib, user, system = (float(x) for x in rss_file.read_text().strip().splitlines()[-1].split())
        cpu = user + system
    else:
        peak_kib = after.ru_maxrss
    return wall, max(peak_kib, tree_peak_kib) / 1024, code, cpu


def _generate(
    families: int, seed: int, cache: Path, volume: str = "phenomena"
) -> tuple[Path, float | None, float | None]:
    """The landing directory of a size, generated once (a directory made by `lea synth` with
    the same name beforehand is used as it is, its generation time unknown)."""
    landing = cache / (f"landing-{families}-{seed}" + ("-full" if volume == "full" else ""))
    record = landing / ".lea-bench.json"
    if record.exists():
        saved = json.loads(record.read_text())
        return landing, saved["seconds"], saved["peak_mib"]
    if (landing / "vero_income.parquet").exists() and not (landing / ".lea-bench-incomplete").exists():
        return landing, None, None
    shutil.rmtree(landing, ignore_errors=True)
    landing.mkdir(parents=True)
    (landing / ".lea-bench-incomplete").touch()
    wall, peak, code, _ = _run_measured(
        [
            str(BIN / "lea"),
            "synth",
            "--families",
            str(families),
            "--seed",
            str(seed),
            "--out",
            str(landing),
            "--volume",
            volume,
            "--no-progress",
        ],
        dict(os.environ),
        cache / f"synth-{families}.log",
    )
    if code != 0:
        raise SystemExit(f"lea synth failed for {families} families; see {cache}/synth-{families}.log")
    record.write_text(json.dumps({"seconds": wall, "peak_mib": peak}))
    (landing / ".lea-bench-incomplete").unlink()
    return landing, wall, peak


def _slowest(target: Path, top: int = 10) -> list[tuple[str, float]]:
    results = json.loads((target / "run_results.json").read_text())["results"]
    timed = [(r["unique_id"].split(".", 2)[-1], float(r["execution_time"])) for r in results]
    return sorted(timed, key=lambda item: -item[1])[:top]


DISCLOSURE_NODES = (
    "disclosure_cells",
    "disclosure_group_rule_relations",
    "disclosure_relations",
    "disclosure_suppression",
)


def _disclosure_seconds(target: Path) -> float:
    """The disclosure step: the cells, the relations and the engine (pattern and proof)."""
    results = json.loads((target / "run_results.json").read_text())["results"]
    return sum(
        float(r["execution_time"])
        for r in results
        if r["unique_id"].startswith("model.") and r["unique_id"].split(".")[-1] in DISCLOSURE_NODES
    )


def _python_model_seconds(target: Path) -> float:
    """The build's time in its Python models (the typology, the disclosure engine): not
    replayed by `_direct_sql`, so added to it for the dbt-against-SQL ratio."""
    manifest = json.loads((target / "manifest.json").read_text())
    results = json.loads((target / "run_results.json").read_text())["results"]
    return sum(
        float(r["execution_time"])
        for r in results
        if manifest["nodes"].get(r["unique_id"], {}).get("language") == "python"
    )


# Stages of the build, by the folder of a node (a test: of the model it tests) or the hook.
STAGE_ORDER = (
    "landing (on-run-start hook)",
    "seeds",
    "staging: validation",
    "staging: views, quarantine, tests",
    "persons and families",
    "person facts",
    "phenomena and typology",
    "disclosure",
    "areas and publication marts",
    "publication (on-run-end hook)",
    "dbt between nodes (parse, scheduling)",
)


def _tested_path(node: dict, manifest: dict) -> str:
    """A test's file for its stage: the file of the model it tests, else its own under models/."""
    path = node.get("original_file_path", "")
    tested = [n for n in node.get("depends_on", {}).get("nodes", []) if n.startswith("model.")]
    if tested and not path.startswith("tests/"):
        return manifest["nodes"].get(tested[0], {}).get("original_file_path", path)
    if path.startswith("tests/"):
        return "models/" + path.removeprefix("tests/")
    return path


def _stage_of_path(path: str) -> str:
    parts = path.split("/")
    if parts[:2] == ["models", "staging"]:
        return "staging: validation" if "base" in parts else "staging: views, quarantine, tests"
    if parts[:3] == ["models", "intermediate", "person_facts"]:
        return "person facts"
    if parts[:3] in (["models", "intermediate", "persons"], ["models", "intermediate", "families"]):
        return "persons and families"
    if parts[:2] == ["models", "intermediate"]:
        return "phenomena and typology"
    if parts[:3] == ["models", "marts", "disclosure"]:
        return "disclosure"
    if parts[:2] == ["models", "marts"]:
        return "areas and publication marts"
    tested_layer = {"families": "persons and families", "phenomena": "phenomena and typology"}
    return tested_layer.get(parts[1] if len(parts) > 1 else "", "phenomena and typology")


def _stage_of(unique_id: str, manifest: dict) -> str:
    if unique_id.startswith("operation."):
        return STAGE_ORDER[0] if "on-run-start" in unique_id else STAGE_ORDER[9]
    node = manifest["nodes"].get(unique_id) or manifest.get("unit_tests", {}).get(unique_id, {})
    if node.get("resource_type") == "seed":
        return "seeds"
    path = node.get("original_file_path", "")
    if node.get("resource_type") in ("test", "unit_test"):
        path = _tested_path(node, manifest)
        if "/staging/" in f"/{path}" and "/base/" in path:
            return "staging: views, quarantine, tests"
    return _stage_of_path(path)


def _stages(target: Path, samples: list[Sample]) -> list[Stage]:
    """Per stage: the wall time of its nodes (dbt's per-node timing), and from the samples
    taken while one of its nodes ran the CPU used, the peak RSS of all the build's processes,
    the peak spill and the database's size. Meant for one dbt thread (nodes one at a time);
    the time between nodes is a stage of its own."""
    from datetime import datetime

    manifest = json.loads((target / "manifest.json").read_text())
    results = json.loads((target / "run_results.json").read_text())["results"]
    spans: list[tuple[float, float, str]] = []
    for result in results:
        timing = result.get("timing") or []
        if not timing:
            continue
        started = min(datetime.fromisoformat(t["started_at"]).timestamp() for t in timing if t.get("started_at"))
        completed = max(datetime.fromisoformat(t["completed_at"]).timestamp() for t in timing if t.get("completed_at"))
        spans.append((started, completed, _stage_of(result["unique_id"], manifest)))
    spans.sort()
    stages = {name: Stage(name) for name in STAGE_ORDER}
    for started, completed, name in spans:
        stages[name].wall_s += completed - started
    between = stages[STAGE_ORDER[-1]]
    if samples:
        between.wall_s = max(0.0, samples[-1].at - samples[0].at - sum(st.wall_s for st in stages.values()))
    for previous, sample in pairwise(samples):
        middle = (previous.at + sample.at) / 2
        name = next((n for started, completed, n in spans if started <= middle <= completed), between.name)
        stage = stages[name]
        stage.cpu_s += sample.cpu_s - previous.cpu_s
        stage.peak_rss_mib = max(stage.peak_rss_mib, sample.rss_mib)
        stage.peak_spill_mib = max(stage.peak_spill_mib, sample.spill_mib)
        stage.database_mib = max(stage.database_mib, sample.database_mib)
    return [stage for stage in stages.values() if stage.wall_s > 0 or stage.cpu_s > 0]


def _direct_sql(target: Path, database: Path) -> float:
    """Replay the compiled models of the build in one DuckDB process (no dbt).

    Not replayed, their outputs kept from the build: seeds and the Python models."""
    import duckdb

    manifest = json.loads((target / "manifest.json").read_text())
    results = json.loads((target / "run_results.json").read_text())["results"]
    order = [r["unique_id"] for r in results if r["unique_id"].startswith(("model.", "seed."))]
    # Same file name in another folder: compiled SQL names relations by database (file stem).
    replay = database.parent / "direct" / database.name
    replay.parent.mkdir(exist_ok=True)
    replay.unlink(missing_ok=True)
    shutil.copy(database, replay)  # landing tables and seeds as the build left them
    con = duckdb.connect(str(replay))
    start = time.perf_counter()
    for unique_id in order:
        node = manifest["nodes"][unique_id]
        if node["resource_type"] != "model" or node.get("language") != "sql":
            continue  # seeds are data; the Python models' outputs are kept from the build
        kind = "view" if node["config"]["materialized"] == "view" else "table"
        relation = f"{node['schema']}.{node['alias']}"
        con.execute(f"create or replace {kind} {relation} as {node['compiled_code']}")
    elapsed = time.perf_counter() - start
    con.close()
    replay.unlink(missing_ok=True)
    return elapsed


def bench_size(families: int, seed: int, cache: Path, direct: bool, volume: str = "phenomena") -> SizeResult:
    landing, gen_s, gen_peak = _generate(families, seed, cache, volume)
    work = cache / (f"build-{families}" + ("-full" if volume == "full" else ""))
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = dict(os.environ)
    env.update(
        LEA_LANDING_DIR=str(landing),
        LEA_DUCKDB_PATH=str(work / "lea.duckdb"),
        LEA_PUBLISH_DIR=str(work / "publish"),
        # A benchmark is a first release (issue 22): no previous publication is read.
        LEA_PREVIOUS_PUBLICATION="",
        DBT_PROFILES_DIR=str(PROJECT),
        DBT_TARGET_PATH=str(work / "target"),
        DBT_LOG_PATH=str(work / "logs"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    database = work / "lea.duckdb"
    spill = Path(env["LEA_DUCKDB_TEMP_DIR"]) if env.get("LEA_DUCKDB_TEMP_DIR") else Path(f"{database}.tmp")
    samples: list[Sample] = []
    build_s, build_peak, code, build_cpu = _run_measured(
        [str(BIN / "dbt"), "build"], env, work / "build.log", Sampling(samples, spill, database)
    )
    database_mib = database.stat().st_size / 2**20
    has_results = (work / "target" / "run_results.json").exists()
    slowest = _slowest(work / "target") if has_results else []
    disclosure_s = _disclosure_seconds(work / "target") if has_results else None
    stages = _stages(work / "target", samples) if has_results else []
    direct_s = _direct_sql(work / "target", database) if direct and code == 0 else None
    python_s = _python_model_seconds(work / "target") if has_results else None
    return SizeResult(
        families=families,
        generation_s=gen_s,
        generation_peak_mib=gen_peak,
        build_s=build_s,
        build_cpu_s=build_cpu,
        build_peak_mib=build_peak,
        database_mib=database_mib,
        direct_sql_s=direct_s,
        python_models_s=python_s,
        slowest=slowest,
        passed=code == 0,
        disclosure_s=disclosure_s,
        volume=volume,
        landing_mib=_folder_bytes(landing) / 2**20,
        spill_peak_mib=max((sample.spill_mib for sample in samples), default=0.0),
        stages=stages,
    )


def _machine() -> str:
    memory_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"{memory_gib:.0f} GiB memory, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def _load() -> str:
    try:
        return f"load average {os.getloadavg()[0]:.1f} at the end"
    except OSError:
        return "load average unknown"


def _or_dash(value: float | None, digits: int) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


BENCH_START = "<!-- make bench: start -->"
BENCH_END = "<!-- make bench: end -->"


def spliced(document: str, tables: str) -> str:
    """The document with the text between the bench markers replaced by `tables` (the
    markers and the text around them kept); without markers, the tables appended."""
    block = f"{BENCH_START}\n{tables.rstrip()}\n{BENCH_END}"
    head, found, rest = document.partition(BENCH_START)
    if not found:
        return document.rstrip() + ("\n\n" if document.strip() else "") + block + "\n"
    _, found_end, tail = rest.partition(BENCH_END)
    if not found_end:
        raise SystemExit(f"{BENCH_START} without {BENCH_END}: fix the document by hand")
    return head + block + tail


def render(results: list[SizeResult], seed: int) -> str:
    lines = [
        f"Measured by `make bench` on {time.strftime('%Y-%m-%d')}: {_machine()}.",
        f"Seed {seed}. DuckDB memory limit `{os.environ.get('LEA_DUCKDB_MEMORY_LIMIT', 'profile default')}`, "
        f"DuckDB threads `{os.environ.get('LEA_DUCKDB_THREADS', 'profile default')}`, "
        f"dbt threads `{os.environ.get('LEA_DBT_THREADS', 'profile default')}`; {_load()}.",
        "",
        "| families | generation (s) | generation peak RSS (MiB) | `dbt build` incl. tests (s) "
        "| build CPU (s) | build peak RSS, all processes (MiB) | database (MiB) | compiled SQL alone (s) "
        "| Python models (s) | dbt ÷ (SQL + Python) | build passed |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        ratio = (
            r.build_s / (r.direct_sql_s + r.python_models_s)
            if r.direct_sql_s is not None and r.python_models_s is not None
            else None
        )
        lines.append(
            f"| {r.label} | {_or_dash(r.generation_s, 1)} | {_or_dash(r.generation_peak_mib, 0)} "
            f"| {r.build_s:.1f} | {r.build_cpu_s:.1f} | {r.build_peak_mib:.0f} | {r.database_mib:.0f} "
            f"| {_or_dash(r.direct_sql_s, 1)} | {_or_dash(r.python_models_s, 1)} | {_or_dash(ratio, 2)} "
            f"| {'yes' if r.passed else 'NO'} |"
        )
    lines += [
        "",
        "The disclosure step (cells, relations, engine: pattern and proof, all years):",
        "",
        "| families | seconds |",
        "| ---: | ---: |",
    ]
    lines += [f"| {r.label} | {_or_dash(r.disclosure_s, 1)} |" for r in results]
    lines += [
        "",
        "Disk: the landing files, the build database and DuckDB's spill at its largest:",
        "",
        "| families | landing (MiB) | database (MiB) | spill peak (MiB) |",
        "| ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {r.label} | {_or_dash(r.landing_mib, 0)} | {r.database_mib:.0f} | {_or_dash(r.spill_peak_mib, 0)} |"
        for r in results
    ]
    for r in results:
        if not r.stages:
            continue
        lines += [
            "",
            f"Stages at {r.label} families (nodes' wall time; CPU, peak RSS of all processes and"
            " spill sampled twice a second while a node of the stage ran):",
            "",
            "| stage | wall (s) | CPU (s) | peak RSS (MiB) | spill peak (MiB) | database after (MiB) |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        lines += [
            f"| {st.name} | {st.wall_s:.1f} | {st.cpu_s:.1f} | {st.peak_rss_mib:.0f} | {st.peak_spill_mib:.0f} "
            f"| {st.database_mib:.0f} |"
            for st in r.stages
        ]
    for r in results:
        lines += ["", f"Slowest nodes at {r.label} families:", "", "| node | seconds |", "| --- | ---: |"]
        lines += [f"| `{name}` | {seconds:.2f} |" for name, seconds in r.slowest]
    return "\n".join(lines) + "\n"


def _size(text: str) -> tuple[int, str]:
    """`80000` or `80000:full`: families and the synthetic volume."""
    families, _, volume = text.strip().partition(":")
    if volume not in ("", "phenomena", "full"):
        raise SystemExit(f"--sizes: {text!r}: the volume after ':' must be 'full' (or 'phenomena')")
    return int(families), volume or "phenomena"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--sizes",
        default="2000,5000,20000,80000,80000:full,700000,700000:full",
        help="families per run, comma-separated; N:full for --volume full",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", default=str(PROJECT / "data" / "bench"))
    parser.add_argument("--out", default=str(PROJECT / "docs" / "benchmarks.md"))
    parser.add_argument("--no-direct", action="store_true", help="skip the direct-SQL replay")
    args = parser.parse_args(argv)
    results = []
    for families, volume in (_size(text) for text in args.sizes.split(",")):
        print(f"bench: {families:,} families, volume {volume}", flush=True)
        results.append(bench_size(families, args.seed, Path(args.cache), not args.no_direct, volume))
        print(render(results, args.seed), flush=True)
    out = Path(args.out)
    out.write_text(spliced(out.read_text() if out.exists() else "# Benchmarks\n", render(results, args.seed)))
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
