"""Compare two publications table by table: rows of each not in the other (EXCEPT ALL both ways).

    python scripts/compare_publications.py A/lea_publication.duckdb B/lea_publication.duckdb

Prints one line per table of either database with its row counts and the rows only in A and
only in B; exits 1 when a table is missing from one side or any row differs.
"""

from __future__ import annotations

import sys

import duckdb


def tables(con: duckdb.DuckDBPyConnection, alias: str) -> set[str]:
    rows = con.execute(
        "select table_name from duckdb_tables() where database_name = ? and schema_name = 'main'", [alias]
    ).fetchall()
    return {name for (name,) in rows}


def count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return int(con.execute(f"select count(*) from ({sql})").fetchall()[0][0])


def compare(first: str, second: str) -> bool:
    """True when both publications hold the same tables with the same rows (as multisets)."""
    con = duckdb.connect()
    con.execute(f"attach '{first}' as a (read_only)")
    con.execute(f"attach '{second}' as b (read_only)")
    names_a, names_b = tables(con, "a"), tables(con, "b")
    same = names_a == names_b
    for name in sorted(names_a | names_b):
        if name not in names_a or name not in names_b:
            print(f"{name}: only in {'A' if name in names_a else 'B'}")
            continue
        a, b = f'a.main."{name}"', f'b.main."{name}"'
        only_a = count(con, f"select * from {a} except all select * from {b}")
        only_b = count(con, f"select * from {b} except all select * from {a}")
        rows_a, rows_b = count(con, f"select * from {a}"), count(con, f"select * from {b}")
        print(f"{name}: rows {rows_a} / {rows_b}, only in A {only_a}, only in B {only_b}")
        same = same and only_a == 0 and only_b == 0
    print("identical" if same else "DIFFERENT")
    return same


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    return 0 if compare(args[0], args[1]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
