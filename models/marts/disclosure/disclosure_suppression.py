"""The final suppression pattern: the SQL secondary suppression, verified and if need be
completed with linear programming (lea.audit.repair_suppression).

The SQL rounds (disclosure_heuristic_suppression) protect every hidden cell within each
relation; a bottleneck spanning several relations (a block of hidden cells whose total the
published numbers fix) can still narrow a cell. Here every protected cell's interval is
computed over all relations; a cell with a narrow interval gets one more suppressed cell
from a relation that binds it, round after round, until every interval passes the audit
criterion (width and maximum >= min_cell_size). Deterministic: same input, same pattern.
"""


def model(dbt, session):
    dbt.config(materialized="table")
    from lea.audit import SuppressionCell, repair_suppression

    heuristic = dbt.ref("disclosure_heuristic_suppression").df()
    relations = dbt.ref("disclosure_relations").df()
    min_cell_size = int(dbt.config.get("min_cell_size"))
    enabled = str(dbt.config.get("secondary_suppression")).lower() in ("true", "1")
    enabled = enabled and str(dbt.config.get("lp_repair")).lower() in ("true", "1")

    added: dict[str, int] = {}
    if enabled:
        cells = [
            SuppressionCell(
                cell_id=row.cell_id,
                stat_year=int(row.stat_year),
                value=float(row.value),
                is_hidden=bool(row.is_hidden) or bool(row.is_virtual and not row.is_fixed),
                is_protected=bool(row.is_protected),
                is_candidate=not (row.is_virtual or row.is_fixed or row.area_level == "residual"),
            )
            for row in heuristic.itertuples(index=False)
        ]
        sums = relations[relations["relation_kind"] != "dependency"]
        added = repair_suppression(
            cells,
            list(sums[["relation_id", "cell_id", "side"]].itertuples(index=False, name=None)),
            min_cell_size,
        )

    final = heuristic[[
        "cell_id", "stat_year", "area_id", "measure_key", "value", "primary_reason", "is_hidden",
        "suppressed_in_round", "status",
    ]].copy()
    repaired = final["cell_id"].isin(list(added))
    final["suppressed_by"] = "none"
    final.loc[final["status"] == "suppressed_primary", "suppressed_by"] = "primary_rule"
    final.loc[final["status"] == "suppressed_secondary", "suppressed_by"] = "sql_rounds"
    final.loc[repaired, "suppressed_by"] = "lp_repair"
    final.loc[repaired, "is_hidden"] = True
    final.loc[repaired, "status"] = "suppressed_secondary"
    final["repair_round"] = final["cell_id"].map(added).astype("Int64")
    if str(dbt.config.get("secondary_suppression")).lower() in ("true", "1"):
        # A family type's single_parent numerator is fixed by the type's structure: all of
        # its families (mother, father types; primary by "all but a few") or 0 (couple
        # types). Published couple-type zeros would pin the primary ones through the sum
        # over types, so the whole single_parent block of the type table is hidden; it
        # tells nothing that the type catalogue does not.
        single_parent_block = final["cell_id"].str.contains(
            ":type_families_with|", regex=False
        ) & final["cell_id"].str.endswith("|single_parent")
        hide = single_parent_block & (final["status"] == "published")
        final.loc[hide, "is_hidden"] = True
        final.loc[hide, "status"] = "suppressed_secondary"
        final.loc[hide, "suppressed_by"] = "definition"
    return final
