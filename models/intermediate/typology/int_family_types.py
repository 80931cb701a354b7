"""The family types of the build: the most frequent situations of the latest year.

Thin wrapper: the rules are in `lea.typology` (tested with pytest); this model only reads
its inputs and writes the result with a fixed schema.
"""

from lea.typology.models import FAMILY_TYPES_SCHEMA, build_family_types, to_arrow, to_pandas


def model(dbt, session):
    dbt.config(materialized="table")
    type_count = int(dbt.config.get("family_type_count"))
    phenomena = to_pandas(dbt.ref("int_family_phenomena"))
    attribute_labels = to_pandas(dbt.ref("situation_attribute_labels"))
    family_types = build_family_types(phenomena, attribute_labels, type_count)
    return to_arrow(family_types, FAMILY_TYPES_SCHEMA)
