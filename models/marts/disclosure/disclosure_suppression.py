"""The suppression pattern of the publication and its proof (publication.md, rules 4 and 6).

Thin wrapper around lea.disclosure (the design is in the docs block `disclosure_method`
and docs/architecture.md): reads every cell (disclosure_cells) and every relation
(disclosure_relations), and the counts of the publication this build replaces (known to
everyone: lea.disclosure.releases), and returns one row per cell with why it is hidden,
how far a verified witness moves it, and what the cell counts as the columns of
disclosure_cells (measure, indicator_id, group_id, type_id, breakdown, category), which
area_cells and the published marts join on. Fails the build, so that nothing is
published, when a disclosure var is weaker than the spec's default or when a primary cell
cannot be proven safe; the message names the var or the cells.
"""

import pandas as pd

from lea.disclosure.engine import DisclosureError, weaker_than_default
from lea.disclosure.frames import CELL_KEY_COLUMNS, suppression_frame
from lea.disclosure.previous_types import situation_counts_sql
from lea.disclosure.releases import ThisBuild, previous_publication, read_previous_release, with_previous_release
from lea.disclosure.situations import situation_cells
from lea.disclosure.structure_classes import (
    class_counts_sql,
    lone_parent_indicator,
    structure_class_cells,
    type_classes,
)
from lea.typology.wellbeing_groups import parse_wellbeing_group_rules


def is_true(value: object) -> bool:
    return str(value).strip().lower() in ("true", "1")


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
    cells = dbt.ref("disclosure_cells").df()
    relations = dbt.ref("disclosure_relations").df()
    # Issue 22: the publication this build replaces is public; what it published is known.
    previous = previous_publication(dbt.config.get("previous_publication"))
    ours, value_type = cells["cell_id"], cells["value"].dtype
    indicators = sorted(cells["indicator_id"].dropna().unique())
    facts = dbt.ref("disclosure_family_facts")
    counts = facts.query("facts", situation_counts_sql(indicators)).df()
    family_types = dbt.ref("int_family_types").df()
    # Issue 23: the type table and the profile are sums of the same situations.
    added_cells, added_relations = situation_cells(
        counts, family_types, cells, int(dbt.config.get("family_type_count"))
    )
    # Issue 23: the wellbeing-group rules hold within the lone parents and the couples.
    lone_indicator = lone_parent_indicator(relations, cells)
    structures = dbt.ref("family_structures").df()
    group_catalog = dbt.ref("wellbeing_group_catalog").df()
    rules_rows = dbt.ref("wellbeing_group_rules").df()
    rules = parse_wellbeing_group_rules(rules_rows, group_catalog["group_id"].tolist(), indicators)
    lone_structures = structures.loc[structures["is_single_parent"].map(is_true), "family_structure"]
    class_counts = facts.query("facts", class_counts_sql(indicators, lone_indicator)).df()
    class_cells, class_relations = structure_class_cells(
        class_counts, cells, rules, lone_indicator, type_classes(family_types, lone_structures)
    )
    cells = pd.concat([cells, added_cells, class_cells], ignore_index=True)
    relations = pd.concat([relations, added_relations, class_relations], ignore_index=True)
    if previous is not None and not is_true(dbt.config.get("first_release")):
        release = read_previous_release(previous, sorted(cells["stat_year"].unique()))
        allow_revisions = is_true(dbt.config.get("allow_revisions"))
        this_build = ThisBuild(cells, relations, family_types, counts)
        cells, relations = with_previous_release(this_build, release, allow_revisions)
    processes = dbt.config.get("disclosure_processes")
    # Unset: one process per statistical year, even on fewer cores. The years take about
    # the same time, so on two cores three processes end together instead of the third
    # year running alone after the first two (measured in docs/benchmarks.md).
    workers = int(processes) if processes not in (None, "", "None") else int(cells["stat_year"].nunique())
    suppression = suppression_frame(cells, relations, int(settings["min_cell_size"]), workers=workers)
    # The situations and the previous release's own type cells were proven with this
    # build's cells; they are not cells of the publication.
    # The added cells' counts are floats; the publication's contracts want this build's type.
    published = suppression[suppression["cell_id"].isin(ours)]
    # What each cell counts, as disclosure_cells says (text; NULL where the measure has no
    # such part): area_cells and the published marts join on these columns.
    keys = {column: published[column].astype("string") for column in CELL_KEY_COLUMNS}
    return published.assign(value=published["value"].astype(value_type), **keys)
