"""Per family and year: the situation, the family type and the wellbeing group.

Thin wrapper: the rules are in `lea.typology` (tested with pytest); this model only reads
its inputs and writes the result with a fixed schema. Invalid rules in the seed
`wellbeing_group_rules` stop the build with a message naming the rule.
"""

from lea.typology.models import FAMILY_TYPOLOGY_SCHEMA, build_family_typology, to_arrow, to_pandas


def model(dbt, session):
    dbt.config(materialized="table")
    phenomena = to_pandas(dbt.ref("int_family_phenomena"))
    family_types = to_pandas(dbt.ref("int_family_types"))
    rules = to_pandas(dbt.ref("wellbeing_group_rules"))
    group_catalog = to_pandas(dbt.ref("wellbeing_group_catalog"))
    typology = build_family_typology(phenomena, family_types, rules, group_catalog)
    return to_arrow(typology, FAMILY_TYPOLOGY_SCHEMA)
