"""Information loss of a publication: per published table and count column, the share of
cells hidden and the share of families (the true counts) in them.

    python scripts/information_loss.py PUBLICATION.duckdb BUILD.duckdb [--label after]

The true counts come from the build database (marts.disclosure_cells), so a publication
made from the same registers by another version of the disclosure control (say, before a
change) can be compared with it. Prints a Markdown table.
"""

from __future__ import annotations

import argparse

import duckdb

from lea.disclosure.releases import CELL_KEY_PARTS, PUBLISHED_COUNTS, PublishedCount

# Every published count column and its cell's columns: one list with the build's.
COUNTS = PUBLISHED_COUNTS


def _cells_of(count: PublishedCount) -> str:
    """SQL: the published rows of one count column with their cells of disclosure_cells,
    found by the cells' columns (year, area, measure and its parts), never by a rebuilt key."""
    if count.table.startswith("postcode"):
        area = "cells.area_level = 'postcode' and cells.postcode = shown.postcode"
    else:
        area = "cells.area_level in ('all', 'municipality') and cells.municipality_code = shown.municipality_code"
    parts = "".join(f", {count.part(name)} as {name}" for name in CELL_KEY_PARTS)
    same_parts = "".join(f" and cells.{name} is not distinct from shown.{name}" for name in CELL_KEY_PARTS)
    return f"""
        with shown as (
            select year, municipality_code, {"postcode" if count.table.startswith("postcode") else "null as postcode"},
                   {count.measure} as measure{parts},
                   {count.column}_status <> 'published' as is_hidden
            from publication.main.{count.table}
        )
        select count(*), count(*) filter (where shown.is_hidden),
               sum(case when shown.is_hidden then cells.value else 0 end) / nullif(sum(cells.value), 0)
        from shown inner join marts.disclosure_cells as cells
            on cells.stat_year = shown.year and {area} and cells.measure = shown.measure{same_parts}
    """


def information_loss(publication: str, build: str) -> list[tuple[str, str, int, float, float]]:
    connection = duckdb.connect(build, read_only=True)
    connection.execute(f"attach '{publication}' as publication (read_only)")
    rows = []
    for count in COUNTS:
        table, column = count.table, count.column
        result = connection.execute(_cells_of(count)).fetchone()
        if result is None:
            raise RuntimeError(f"no counts of {table}.{column}: the aggregate query returned no row")
        cells, hidden, families_hidden_share = result
        rows.append(
            (table, column, cells, 100.0 * hidden / cells if cells else 0.0, 100.0 * (families_hidden_share or 0.0))
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("publication")
    parser.add_argument("build")
    args = parser.parse_args()
    print("| table | value | cells | cells hidden % | families hidden % |")
    print("| --- | --- | ---: | ---: | ---: |")
    for table, column, cells, hidden, families in information_loss(args.publication, args.build):
        print(f"| {table} | {column} | {cells} | {hidden:.1f} | {families:.1f} |")


if __name__ == "__main__":
    main()
