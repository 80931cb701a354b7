"""The over-suppression report: per published table and count, the cells and how many of
them are suppressed (`python -m lea.audit PUBLICATION --report`)."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class SuppressionShare:
    """Cells of one published table and value column, and how many are suppressed."""

    table: str
    column: str
    cells: int
    suppressed: int


def suppression_report(connection: duckdb.DuckDBPyConnection, schema: str = "main") -> list[SuppressionShare]:
    """Per published table and status column: cells and suppressed cells."""
    columns = connection.execute(
        "select table_name, column_name from information_schema.columns "
        "where table_schema = ? and column_name like '%status' order by table_name, ordinal_position",
        [schema],
    ).fetchall()
    report = []
    for table, column in columns:
        counts = connection.execute(
            f"select count(*), count(*) filter (where {column} <> 'published') from {schema}.{table}"
        ).fetchall()
        cells, suppressed = counts[0]
        report.append(SuppressionShare(table, column.removesuffix("_status"), cells, suppressed))
    return report


def format_suppression_report(report: list[SuppressionShare]) -> str:
    """A Markdown table for the README."""
    lines = ["| table | value | cells | suppressed % | published % |", "| --- | --- | ---: | ---: | ---: |"]
    for share in report:
        if share.cells:
            p = 100.0 * share.suppressed / share.cells
            lines.append(f"| {share.table} | {share.column} | {share.cells} | {p:.1f} | {100 - p:.1f} |")
    return "\n".join(lines)
