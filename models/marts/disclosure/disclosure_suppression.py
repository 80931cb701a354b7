"""The suppression pattern of the publication and its proof (publication.md, rules 4 and 6).

Thin wrapper around lea.disclosure.engine (the design is in the docs block
`disclosure_method` and docs/architecture.md): reads every cell (disclosure_cells) and
every relation (disclosure_relations), and returns one row per cell with why it is hidden
and how far a verified witness moves it. Fails the build, so that nothing is published,
when a disclosure var is weaker than the spec's default or when a primary cell cannot be
proven safe; the message names the var or the cells.
"""

import os

import pandas as pd

from lea.disclosure.engine import Cell, DisclosureError, Term, protect, unproven, weaker_than_default


def model(dbt, session):
    dbt.config(materialized="table")
    settings = {
        "min_cell_size": dbt.config.get("min_cell_size"),
        "all_but_a_few": dbt.config.get("all_but_a_few"),
        "min_area_families": dbt.config.get("min_area_families"),
        "secondary_suppression": dbt.config.get("secondary_suppression"),
    }
    weaker = weaker_than_default(settings)
    if weaker:
        raise DisclosureError("not published: disclosure vars weaker than publication.md allows: " + "; ".join(weaker))
    min_cell_size = int(settings["min_cell_size"])

    cells_frame = dbt.ref("disclosure_cells").df()
    relations_frame = dbt.ref("disclosure_relations").df()
    cells = [
        Cell(
            cell_id=row.cell_id,
            stat_year=int(row.stat_year),
            value=float(row.value),
            primary_reason=None if pd.isna(row.primary_reason) else str(row.primary_reason),
            is_virtual=bool(row.is_virtual),
            is_known=bool(row.is_known),
        )
        for row in cells_frame.itertuples(index=False)
    ]
    terms = [
        Term(row.relation_id, row.relation_family, row.sense, row.cell_id, float(row.coefficient))
        for row in relations_frame.itertuples(index=False)
    ]
    processes = dbt.config.get("disclosure_processes")
    workers = int(processes) if processes not in (None, "", "None") else (os.cpu_count() or 1)
    protection = protect(cells, terms, min_cell_size, workers=workers)
    failed = unproven(protection)
    if failed:
        raise DisclosureError(
            f"not published: {len(failed)} primary cell(s) not proven safe: {', '.join(failed[:20])}")

    outcomes = protection.outcomes
    final = cells_frame[["cell_id", "stat_year", "area_id", "area_level", "measure_key", "value",
                         "primary_reason", "is_virtual", "is_known"]].copy()
    final["suppression_reason"] = [outcomes[c].suppression_reason for c in final["cell_id"]]
    final["proof_up"] = [outcomes[c].proof_up for c in final["cell_id"]]
    final["proof_down"] = [outcomes[c].proof_down for c in final["cell_id"]]
    hidden = final["suppression_reason"].notna()
    not_shown = final["is_virtual"] | (final["area_level"] == "residual")
    final["status"] = "published"
    final.loc[hidden, "status"] = "suppressed"
    final.loc[not_shown, "status"] = "not_published"
    return final[["cell_id", "stat_year", "area_id", "measure_key", "value", "suppression_reason", "status",
                  "proof_up", "proof_down"]]
