"""The README's results table is written by scripts/report_wellbeing.py from a build, never by
hand: its marked block equals what the script writes from the default build, and its
municipality shares are the published ones."""

import importlib.util
import re
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

PROJECT = Path(__file__).resolve().parents[2]
SCRIPT = PROJECT / "scripts" / "report_wellbeing.py"
spec = importlib.util.spec_from_file_location("lea_report_wellbeing_script", SCRIPT)
assert spec is not None and spec.loader is not None
script = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = script
spec.loader.exec_module(script)

START, END = script.RESULTS_START, script.RESULTS_END


def test_only_the_block_between_the_markers_is_replaced() -> None:
    document = f"# LEA\n\nintro 1.0\n\n{START}\nold table\n{END}\n\nOpen care text\n"
    assert (
        script.spliced(document, "new table\n")
        == f"# LEA\n\nintro 1.0\n\n{START}\nnew table\n{END}\n\nOpen care text\n"
    )
    assert script.results_block(script.spliced(document, "a\nb")) == "a\nb\n"


@pytest.mark.parametrize("document", ["# LEA\n\nno markers\n", f"{START}\nhalf a block\n", f"{END}\n{START}\n"])
def test_a_document_without_both_markers_is_refused(document: str) -> None:
    with pytest.raises(SystemExit, match="markers"):
        script.spliced(document, "table")


def test_the_readme_block_is_what_the_script_writes_from_the_default_build(default_build) -> None:
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    with duckdb.connect(str(default_build.database), read_only=True) as con:
        written = script.render(con)
    assert script.results_block(readme) == written, (
        "README.md's results table is not the default build's: run `make readme-results` after `make build`"
    )


def _readme_rows(block: str) -> dict[str, list[str]]:
    """The indicator table's rows by area name: the cells after the area."""
    rows = {}
    for line in block.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 2 + len(script.PHENOMENA) + 1 and cells[0] not in ("area", "---"):
            rows[cells[0].strip("*")] = cells[1:]
    return rows


def test_the_readme_shares_are_the_published_ones(default_build) -> None:
    rows = _readme_rows(script.results_block((PROJECT / "README.md").read_text(encoding="utf-8")))
    assert len(rows) == 7, rows.keys()
    with duckdb.connect(str(default_build.publish / "lea_publication.duckdb"), read_only=True) as con:
        published = con.execute(
            """
            select municipality_code, municipality_name_fi, indicator_id,
                families, families_status, share_pct, share_status
            from municipality_indicators
            where year = (select max(year) from municipality_indicators)
            """
        ).fetchall()
    compared = 0
    for code, name, indicator, families, families_status, share, share_status in published:
        row = rows["Study area" if code == "ALL" else name]
        if share_status == "published":
            assert Decimal(row[1 + script.PHENOMENA.index(indicator)]) == share, (name, indicator)
            compared += 1
        if indicator == "low_income" and families_status == "published":
            assert int(re.sub(",", "", row[0])) == families, name
    assert compared >= 7 * 11 - 5
