"""The pattern of every year (`protect`): years never interact, so with `workers` > 1 each
year is protected in a process of its own, `python -m lea.disclosure.worker`, which reads
the pickled (cells, terms, min_cell_size, only_targets) from standard input and writes the
pickled (outcomes, proof) to standard output."""

from __future__ import annotations

import pickle
import subprocess
import sys
from collections.abc import Iterable

import numpy as np

from lea.disclosure.cells import Cell, CellOutcome, DisclosureError, Protection, Relations, Term, YearProof
from lea.disclosure.search import protect_year

# One year's work and its result.
Job = tuple[list[Cell], Relations, int, set[str] | None]
Result = tuple[dict[str, CellOutcome], YearProof]


def protect(
    cells: Iterable[Cell],
    terms: Iterable[Term] | Relations,
    min_cell_size: int,
    workers: int = 1,
    only_targets: set[str] | None = None,
) -> Protection:
    """The suppression pattern and its proof, year by year (years never interact; with
    `workers` > 1 they are protected in that many processes at once)."""
    cells_by_year: dict[int, list[Cell]] = {}
    for cell in cells:
        cells_by_year.setdefault(cell.stat_year, []).append(cell)
    terms_by_year = _terms_by_year(cells_by_year, Relations.of(terms))
    jobs = [(cells_by_year[y], terms_by_year[y], min_cell_size, only_targets) for y in sorted(cells_by_year)]
    if workers > 1 and len(jobs) > 1:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
            results = list(pool.map(_protect_in_subprocess, jobs))
    else:
        results = [protect_year(*job) for job in jobs]
    outcomes: dict[str, CellOutcome] = {}
    proofs = []
    for year_outcomes, proof in results:
        outcomes.update(year_outcomes)
        proofs.append(proof)
    return Protection(outcomes, proofs)


def _terms_by_year(cells_by_year: dict[int, list[Cell]], relations: Relations) -> dict[int, Relations]:
    """Each year's terms (a relation names the cells of one year)."""
    import pandas as pd

    listed = [c for cs in cells_by_year.values() for c in cs]
    years_of_terms = np.array([c.stat_year for c in listed] + [-1])[
        pd.Index([c.cell_id for c in listed]).get_indexer(relations.cell_id)
    ]
    if (years_of_terms < 0).any():
        first = int(np.flatnonzero(years_of_terms < 0)[0])
        raise DisclosureError(
            f"relation {relations.relation_id[first]} names an unknown cell {relations.cell_id[first]}"
        )
    return {y: relations.subset(years_of_terms == y) for y in cells_by_year}


def _protect_in_subprocess(job: Job) -> Result:
    """One year in a fresh Python process, so that years use several cores; a new
    interpreter rather than a fork of the (threaded) dbt process."""
    done = subprocess.run(
        [sys.executable, "-m", "lea.disclosure.worker"], input=pickle.dumps(job), capture_output=True, check=False
    )
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise DisclosureError(message[-1] if message else f"the engine's process failed ({done.returncode})")
    result: Result = pickle.loads(done.stdout)
    return result


if __name__ == "__main__":
    cells, terms, min_cell_size, only_targets = pickle.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(pickle.dumps(protect_year(cells, terms, min_cell_size, only_targets)))
