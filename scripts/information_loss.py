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

from lea.disclosure.releases import PUBLISHED_COUNTS

# (table, count column, the SQL expression of its cell's measure key): one list with the build's.
COUNTS = PUBLISHED_COUNTS


def information_loss(publication: str, build: str) -> list[tuple[str, str, int, float, float]]:
    connection = duckdb.connect(build, read_only=True)
    connection.execute(f"attach '{publication}' as publication (read_only)")
    rows = []
    for table, column, measure in COUNTS:
        area = (
            "case when municipality_code = 'ALL' then 'ALL' else 'M' || municipality_code end"
            if not table.startswith("postcode")
            else "'P' || postcode"
        )
        result = connection.execute(f"""
            with shown as (
                select cast(year as varchar) || ':' || {area} || ':' || {measure} as cell_id,
                       {column}_status <> 'published' as is_hidden
                from publication.main.{table}
            )
            select count(*), count(*) filter (where is_hidden),
                   sum(case when is_hidden then cells.value else 0 end) / nullif(sum(cells.value), 0)
            from shown inner join marts.disclosure_cells as cells using (cell_id)
        """).fetchone()
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
