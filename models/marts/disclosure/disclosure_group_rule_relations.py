"""The wellbeing-group rules as linear relations between an area's group counts and its
phenomenon counts (publication.md, rule 4), one row per relation and measure.

Thin wrapper: lea.disclosure.group_rules enumerates the 2^11 combinations of phenomena
against the rules of the seed `wellbeing_group_rules` (tested with pytest); change a rule
there and these relations follow. disclosure_relations applies them to every area.
"""

import pandas as pd

from lea.disclosure.group_rules import GROUP_MEASURE, PHENOMENON_MEASURE, group_rule_relations
from lea.typology.wellbeing_groups import parse_wellbeing_group_rules


def model(dbt, session):
    dbt.config(materialized="table")
    rules_rows = dbt.ref("wellbeing_group_rules").df()
    group_catalog = dbt.ref("wellbeing_group_catalog").df()
    indicator_catalog = dbt.ref("indicator_catalog").df()
    groups = group_catalog.sort_values("sort_order")["group_id"].tolist()
    phenomena = indicator_catalog.sort_values("sort_order")["indicator_id"].tolist()
    rules = parse_wellbeing_group_rules(rules_rows, groups, phenomena)
    # Each measure as the columns of disclosure_cells that name it (measure and its
    # indicator or group), which disclosure_relations joins on.
    rows = [
        (
            relation.relation_key,
            relation.kind,
            measure,
            of if measure == PHENOMENON_MEASURE else None,
            of if measure == GROUP_MEASURE else None,
            coefficient,
        )
        for relation in group_rule_relations(rules, phenomena, groups)
        for (measure, of), coefficient in relation.terms
    ]
    columns = ["relation_key", "relation_kind", "measure", "indicator_id", "group_id", "coefficient"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({"indicator_id": "string", "group_id": "string"})
