"""Disclosure control of the publication: the relations the wellbeing-group rules imply
(`group_rules`) and the engine that chooses the suppression pattern and proves it
(`engine`, the interface of the modules listed in its docstring). The dbt Python models
`disclosure_group_rule_relations` and `disclosure_suppression` are thin wrappers around them."""
