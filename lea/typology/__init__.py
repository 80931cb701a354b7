"""The typology of families: situations, family types and wellbeing groups.

Small typed pure functions on pandas frames, called by the dbt Python models of
`models/intermediate/typology/`. The definitions are the spec's
(families-and-indicators.md, "Family types", "Wellbeing groups" and "Decisions on edge
cases" → Typology).

- `situation` / `situations_of`: a family's situation as four band codes;
- `rank_family_types`: the most frequent situations of the latest year, with the spec's
  tie-break; `assign_family_types`: longest-prefix assignment; `label_family_types`;
- `parse_wellbeing_group_rules`: the validated rules of the seed;
  `assign_wellbeing_groups`: the first matching rule's group;
- `models`: the two dbt models as functions of frames.
"""

from lea.typology.family_types import (
    DEFAULT_TYPE_COUNT,
    assign_family_types,
    label_family_types,
    rank_family_types,
    type_id,
)
from lea.typology.phenomena import PHENOMENON_IDS, phenomenon_flags
from lea.typology.situation import (
    ATTRIBUTE_CODES,
    SITUATION_ATTRIBUTES,
    Situation,
    situation,
    situations_of,
)
from lea.typology.wellbeing_groups import (
    WellbeingGroupRule,
    WellbeingGroupRuleError,
    assign_wellbeing_groups,
    parse_wellbeing_group_rules,
    wellbeing_group,
)

__all__ = [
    "ATTRIBUTE_CODES",
    "DEFAULT_TYPE_COUNT",
    "PHENOMENON_IDS",
    "SITUATION_ATTRIBUTES",
    "Situation",
    "WellbeingGroupRule",
    "WellbeingGroupRuleError",
    "assign_family_types",
    "assign_wellbeing_groups",
    "label_family_types",
    "parse_wellbeing_group_rules",
    "phenomenon_flags",
    "rank_family_types",
    "situation",
    "situations_of",
    "type_id",
    "wellbeing_group",
]
