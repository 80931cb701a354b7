"""The disclosure engine: which cells to suppress, and the proof that no primary cell can
be recovered or narrowed (publication.md, rules 4 and 6).

Input, per statistical year: every cell the publication can show (its true value, its
primary rule if any) and every linear relation between cells that anyone can derive from
the definitions (sum(coefficient x cell) = 0 or <= 0). Output: the suppressed set and, for
every primary cell, a *witness*: a second assignment of values to the suppressed cells,
equal to the published values everywhere else, that satisfies every relation and moves
the primary cell by at least `min_cell_size` (up; or down when its value is at least
`min_cell_size`). The true values are a feasible point too, so an attacker's interval for
the cell holds both: its width and its upper end are at least `min_cell_size`. A witness
is checked against every relation by plain arithmetic (`verify`), with no solver.

This module is the engine's interface; the work is done in the modules of the package:

- `cells`: what goes in and out (Cell, Term, Relations, CellOutcome, YearProof, Protection);
- `year`: one year as arrays and a sparse matrix, and the neighbourhoods searched;
- `lp`: the one HiGHS model set-up, and the warm model that adds broken relations;
- `witnesses`: what needs no programme (partner rounds, small areas' transfers, stretching);
- `free`: witnesses that move only suppressed cells (joint pushes, block models);
- `paid`: the cheapest witnesses that also move published cells (then suppressed);
- `search`: `protect_year`, the stages in order (its docstring);
- `proof`: how far witnesses move each cell, `is_protected`, `verify`, the final re-check;
- `worker`: `protect`, every year, in a process of its own when asked;
- `defaults`: the spec's defaults of the vars (`weaker_than_default`).
"""

from lea.disclosure.cells import (
    AT_MOST,
    EQUAL,
    TOLERANCE,
    Cell,
    CellOutcome,
    DisclosureError,
    Protection,
    Relations,
    StageCount,
    StageCounts,
    Term,
    YearProof,
)
from lea.disclosure.defaults import DISCLOSURE_DEFAULTS, weaker_than_default
from lea.disclosure.proof import interval, is_protected, unproven, verify
from lea.disclosure.search import protect_year
from lea.disclosure.worker import protect

__all__ = [
    "AT_MOST",
    "DISCLOSURE_DEFAULTS",
    "EQUAL",
    "TOLERANCE",
    "Cell",
    "CellOutcome",
    "DisclosureError",
    "Protection",
    "Relations",
    "StageCount",
    "StageCounts",
    "Term",
    "YearProof",
    "interval",
    "is_protected",
    "protect",
    "protect_year",
    "unproven",
    "verify",
    "weaker_than_default",
]
