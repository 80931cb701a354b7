"""`python -m lea.disclosure.worker`: protects one statistical year (engine.protect with
workers > 1 starts one per year). Reads the pickled (cells, terms, min_cell_size, only_targets) from
standard input and writes the pickled (outcomes, proof) to standard output."""

import pickle
import sys

from lea.disclosure.engine import protect_year

if __name__ == "__main__":
    cells, terms, min_cell_size, only_targets = pickle.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(pickle.dumps(protect_year(cells, terms, min_cell_size, only_targets)))
