"""The wellbeing-group rules within the lone parents and the couples (issue 23).

A hand-made municipality: T001 (married couples, and fathers when no type is theirs) and
T002 (mothers). Three mothers: one with child_mental_health (G07), two with nothing more
(G03). Four married couples: two with child_mental_health (G07), two with nothing (G01).
Published: the lone parents (3), G03 (2), G01 (2), G07 (3), the families with
child_mental_health (3), the families (7), T001's lone parents (0). Hidden: T002's
numerator of child_mental_health (1).

An attacker who reads the group rules per structure class pins it: lone parents with the
phenomenon are at most 3 - G03 = 1, and couples with it at most 4 - G01 = 2, so at least
1 lone parent has it. The area's own group relations (families with p <= the groups that
p reaches) leave it free between 0 and 3; the population attacker found the same leak on
the suite's hand-made build (Laihia, a 3-family lone-parent type, read as [0, 2]).
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

from lea.catalogs import wellbeing_group_rules
from lea.disclosure.group_rules import group_rule_relations
from lea.disclosure.previous_types import CELL_COLUMNS
from lea.disclosure.structure_classes import (
    LONE_GROUP,
    LONE_TYPE_WITH,
    class_counts_sql,
    structure_class_cells,
    type_classes,
)
from lea.typology.phenomena import PHENOMENON_IDS

YEAR, AREA = 2021, "M001"
GROUPS = [f"G{n:02d}" for n in range(1, 11)]
LONE = "single_parent"
CATALOG = pd.DataFrame(
    {
        "type_id": ["T001", "T002"],
        "type_rank": [1, 2],
        "structure": ["married_couple", "mother"],
        "youngest_child_age_band": ["0-2", "0-2"],
        "children_band": ["1", "1"],
        "youngest_parent_age_band": ["25-34", "25-34"],
    }
)
# (type, group, child_mental_health, lone parent?) per family
FAMILIES = [("T002", "G07", 1, 1), ("T002", "G03", 0, 1), ("T002", "G03", 0, 1)]
FAMILIES += [("T001", "G07", 1, 0)] * 2 + [("T001", "G01", 0, 0)] * 2
HIDDEN = f"{YEAR}:{AREA}:type_families_with|T002|child_mental_health"


def facts() -> pd.DataFrame:
    rows = []
    for type_id, group_id, mental_health, lone in FAMILIES:
        row = {p: 0 for p in PHENOMENON_IDS} | {"child_mental_health": mental_health, LONE: lone}
        rows.append({"stat_year": YEAR, "municipality_code": "001", "type_id": type_id, "group_id": group_id} | row)
    return pd.DataFrame(rows)


def cell(key: str, measure: str, value: float, **columns: str) -> dict:
    return {
        "cell_id": f"{YEAR}:{AREA}:{key}",
        "stat_year": YEAR,
        "area_id": AREA,
        "area_level": "municipality",
        "municipality_code": "001",
        "measure": measure,
        "measure_key": key,
        "value": value,
        "is_virtual": False,
        "is_known": False,
        "primary_reason": None,
        "same_as_cell_id": None,
        "indicator_id": columns.get("indicator_id"),
        "group_id": columns.get("group_id"),
        "type_id": columns.get("type_id"),
    }


def build_cells() -> pd.DataFrame:
    f = facts()
    rows = [cell("families", "families", len(f))]
    for p in PHENOMENON_IDS:
        rows.append(cell(f"families_with|{p}", "families_with", float(f[p].sum()), indicator_id=p))
    for g in GROUPS:
        rows.append(cell(f"group|{g}", "group", float((f["group_id"] == g).sum()), group_id=g))
    for t in ("T001", "T002"):
        of_type = f[f["type_id"] == t]
        rows.append(cell(f"type|{t}", "type", len(of_type), type_id=t))
        for p in PHENOMENON_IDS:
            key = f"type_families_with|{t}|{p}"
            rows.append(cell(key, "type_families_with", float(of_type[p].sum()), type_id=t, indicator_id=p))
    return pd.DataFrame(rows)


def class_counts() -> pd.DataFrame:
    with duckdb.connect() as connection:
        connection.register("facts", facts())
        return connection.sql(class_counts_sql(list(PHENOMENON_IDS), LONE)).df()


def area_relations(cells: pd.DataFrame) -> list[tuple[dict[str, float], str]]:
    """What any attacker has without the classes: the area's group rules, the groups and the
    types summing to the families, the types' numerators summing to the area's."""
    ids = dict(zip(cells["measure_key"], cells["cell_id"], strict=True))
    relations: list[tuple[dict[str, float], str]] = []
    for rule in group_rule_relations(wellbeing_group_rules(), PHENOMENON_IDS, GROUPS):
        terms = {ids[f"{'families_with' if m == 'families_with' else 'group'}|{of}"]: c for (m, of), c in rule.terms}
        relations.append((terms, "le"))
    relations.append(({ids[f"group|{g}"]: 1.0 for g in GROUPS} | {ids["families"]: -1.0}, "eq"))
    relations.append(({ids["type|T001"]: 1.0, ids["type|T002"]: 1.0, ids["families"]: -1.0}, "eq"))
    for p in PHENOMENON_IDS:
        terms = {ids[f"type_families_with|{t}|{p}"]: 1.0 for t in ("T001", "T002")}
        relations.append((terms | {ids[f"families_with|{p}"]: -1.0}, "eq"))
        for t in ("T001", "T002"):
            relations.append(({ids[f"type_families_with|{t}|{p}"]: 1.0, ids[f"type|{t}"]: -1.0}, "le"))
    return relations


def interval(cells: pd.DataFrame, relations: list[tuple[dict[str, float], str]], target: str) -> tuple[float, float]:
    """min and max of `target` over every non-negative point of the relations with the
    published cells held at their values."""
    published = {"families", f"families_with|{LONE}", "group|G03", "group|G01", "group|G07"}
    published |= {"families_with|child_mental_health", f"type_families_with|T001|{LONE}"}
    index = {c: i for i, c in enumerate(cells["cell_id"])}
    bounds = []
    for row in cells.itertuples(index=False):
        fixed = row.measure_key in published or row.value == 0 and row.measure_key.startswith("families_with")
        bounds.append((row.value, row.value) if fixed else (0.0, None))
    a_eq, a_ub = [], []
    for terms, sense in relations:
        vector = np.zeros(len(index))
        for cell_id, coefficient in terms.items():
            vector[index[cell_id]] += coefficient
        (a_eq if sense == "eq" else a_ub).append(vector)
    found = []
    for sign in (1.0, -1.0):
        objective = np.zeros(len(index))
        objective[index[target]] = sign
        result = linprog(
            objective,
            A_ub=np.array(a_ub) if a_ub else None,
            b_ub=np.zeros(len(a_ub)) if a_ub else None,
            A_eq=np.array(a_eq) if a_eq else None,
            b_eq=np.zeros(len(a_eq)) if a_eq else None,
            bounds=bounds,
            method="highs",
        )
        assert result.status == 0, result.message
        found.append(sign * result.fun)
    return found[0], found[1]


def test_the_types_hold_lone_parents_couples_or_both() -> None:
    """The catch-all T001 takes the fathers (no type is theirs): it holds both classes."""
    classes = type_classes(CATALOG, {"mother", "father"})
    assert classes.lone == ("T002",) and classes.mixed == ("T001",)


def test_the_class_cells_hold_at_the_true_counts() -> None:
    cells = build_cells()
    added, relations = structure_class_cells(
        class_counts(), cells, wellbeing_group_rules(), LONE, type_classes(CATALOG, {"mother", "father"})
    )
    assert list(added.columns) == CELL_COLUMNS and added["is_virtual"].all()
    value = dict(zip(pd.concat([cells, added])["cell_id"], pd.concat([cells, added])["value"], strict=True))
    assert value[f"{YEAR}:{AREA}:{LONE_GROUP}|G03"] == 2 and value[f"{YEAR}:{AREA}:{LONE_GROUP}|G07"] == 1
    assert value[f"{YEAR}:{AREA}:{LONE_TYPE_WITH}|T001|child_mental_health"] == 0
    assert f"{YEAR}:{AREA}:{LONE_GROUP}|G01" not in value  # no lone parent is in G01
    activity = relations.assign(v=relations["cell_id"].map(value) * relations["coefficient"])
    assert activity["v"].notna().all()
    by_relation = activity.groupby(["relation_id", "sense"])["v"].sum().reset_index()
    assert (by_relation.loc[by_relation["sense"] == "eq", "v"].abs() < 1e-9).all()
    assert (by_relation.loc[by_relation["sense"] == "le", "v"] <= 1e-9).all()


@pytest.mark.parametrize("with_classes", [False, True])
def test_the_classes_pin_a_lone_parent_types_numerator(with_classes: bool) -> None:
    cells = build_cells()
    relations = area_relations(cells)
    if with_classes:
        added, extra = structure_class_cells(
            class_counts(), cells, wellbeing_group_rules(), LONE, type_classes(CATALOG, {"mother", "father"})
        )
        cells = pd.concat([cells, added], ignore_index=True)
        for (_, sense), terms in extra.groupby(["relation_id", "sense"]):
            relations.append((dict(zip(terms["cell_id"], terms["coefficient"], strict=True)), sense))
    low, high = interval(cells, relations, HIDDEN)
    assert (round(low, 6), round(high, 6)) == ((1.0, 1.0) if with_classes else (0.0, 3.0))
