"""Lone parents and couples: the wellbeing-group rules within each structure class.

The group rules (lea.disclosure.group_rules) relate an area's phenomena to its groups. The
type tables say more than that: a type's situations fix its families' structure, so the
numerators of a lone-parent type count lone parents with a phenomenon. And the rules treat
the two classes differently: with the default rules G03 holds lone parents only, and G01
and G02 couples only (a lone parent with nothing more is in G03, which comes first). So a
municipality's lone parents with, say, child_mental_health (summed over its lone-parent
types) and its G03 families are disjoint parts of its lone parents. The population
attacker (lea.audit_population) read eight numerators of a 3-family lone-parent type in
Laihia as [0, 2] that way on the suite's hand-made build, where no listed relation did.

So the engine gets, per year and area with type tables (the municipalities and the study
area), virtual cells of the lone parents' part:

- `lone_families_with|<indicator>`: lone parents with the phenomenon, the sum of the
  lone-parent types' numerators and of the lone part of each type whose situations hold
  both classes (the catch-all type T001 when no type has a family's structure),
  `lone_type_families_with|<type>|<indicator>`: at most the type's numerator, at most its
  lone parents (its single_parent numerator), and the rest at most its couples;
- `lone_group|<group>`: lone parents in a group the rules let a lone parent reach (the
  others have none), at most the group's families; they sum to the lone parents;

and the couples' part is what is left (area cell - lone part). Each class then obeys the
group rules enumerated over its own combinations (single_parent fixed: present for lone
parents, absent for couples), and the municipalities sum to the study area. The classes'
relations imply the area's own (the sum of the two), so nothing is lost; the population
attacker is still finer (it splits every type by combination), which is why it is run on
the suite's builds.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import pandas as pd

from lea.disclosure.cells import DisclosureError
from lea.disclosure.group_rules import GROUP_MEASURE, group_rule_relations, reachable_groups
from lea.disclosure.previous_types import (
    AT_MOST,
    CELL_COLUMNS,
    EQUAL,
    RELATION_COLUMNS,
    municipalities_and_study_area,
    spatial_sums,
)
from lea.disclosure.situations import situation_table
from lea.typology.wellbeing_groups import WellbeingGroupRule

FAMILY = "structure_classes"
LONE_WITH = "lone_families_with"
LONE_GROUP = "lone_group"
LONE_TYPE_WITH = "lone_type_families_with"
AREA_KEYS = ["stat_year", "area_id", "area_level", "municipality_code"]


def class_counts_sql(indicator_ids: Sequence[str], lone_parent_indicator: str, table: str = "facts") -> str:
    """Per year, municipality, type, group and structure class (1 = lone parent): the
    families and each indicator's numerator (over disclosure_family_facts)."""
    sums = "".join(f", sum({indicator}) as with_{indicator}" for indicator in indicator_ids)
    return (
        f"select stat_year, municipality_code, type_id, group_id, {lone_parent_indicator} as is_lone, "
        f"count(*) as families{sums} from {table} "
        f"group by stat_year, municipality_code, type_id, group_id, {lone_parent_indicator}"
    )


def lone_parent_indicator(relations: pd.DataFrame, cells: pd.DataFrame) -> str:
    """The indicator that is the lone-parent structure: the one whose area numerator
    disclosure_relations equates with the profile's mother + father families."""
    profile_terms = relations.loc[relations["relation_kind"] == "single_parent_profile", "cell_id"]
    found = cells.loc[cells["cell_id"].isin(profile_terms) & (cells["measure"] == "families_with"), "indicator_id"]
    names = sorted(found.dropna().unique())
    if len(names) != 1:
        raise DisclosureError(f"the lone-parent indicator is not one indicator in single_parent_profile: {names}")
    return str(names[0])


@dataclass(frozen=True)
class TypeClasses:
    """The types by the structures of their situations (the typology's rule applied to all
    256): all lone parents, or both classes (the rest are all couples)."""

    lone: tuple[str, ...]
    mixed: tuple[str, ...]


def type_classes(catalog: pd.DataFrame, lone_structures: Collection[str]) -> TypeClasses:
    situations = situation_table(catalog)
    share = situations["structure"].isin(list(lone_structures)).groupby(situations["type_id"]).mean()
    return TypeClasses(
        lone=tuple(sorted(share[share == 1].index)), mixed=tuple(sorted(share[(share > 0) & (share < 1)].index))
    )


def structure_class_cells(
    counts: pd.DataFrame,
    cells: pd.DataFrame,
    rules: Sequence[WellbeingGroupRule],
    lone_indicator: str,
    classes: TypeClasses,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The virtual cells of the lone parents' part and their relations (module docstring).
    `counts`: `class_counts_sql`'s rows; `cells`: disclosure_cells."""
    type_cells = cells[cells["measure"] == "type"]
    if type_cells.empty:
        return pd.DataFrame(columns=CELL_COLUMNS), pd.DataFrame(columns=RELATION_COLUMNS)
    areas = type_cells[AREA_KEYS].drop_duplicates().reset_index(drop=True)
    indicators = sorted(cells.loc[cells["measure"] == "type_families_with", "indicator_id"].dropna().unique())
    groups = sorted(cells.loc[cells["measure"] == GROUP_MEASURE, "group_id"].dropna().unique())
    lone_rules = group_rule_relations(rules, indicators, groups, {lone_indicator: True})
    couple_rules = group_rule_relations(rules, indicators, groups, {lone_indicator: False})
    lone_groups = reachable_groups(rules, indicators, {lone_indicator: True})
    lone_only = [g for g in lone_groups if g not in reachable_groups(rules, indicators, {lone_indicator: False})]
    free = [p for p in indicators if p != lone_indicator]
    lone = municipalities_and_study_area(counts[counts["is_lone"] == 1], ["group_id"], _count_columns(counts))
    new_cells = pd.concat(
        [
            _lone_cells(lone, areas, free, LONE_WITH),
            _lone_cells(lone, areas, lone_groups, LONE_GROUP),
            _mixed_cells(counts, areas, free, classes.mixed),
        ],
        ignore_index=True,
    )
    if new_cells["cell_id"].duplicated().any():
        raise DisclosureError("structure classes: a virtual cell id twice")
    book = _CellBook(cells, new_cells)
    relations: list[tuple[str, str, str, str, float]] = []
    for area in areas.itertuples(index=False):
        at = book.area(area.stat_year, area.area_id)
        relations += _parts(at, free, (lone_groups, lone_only), lone_indicator, classes)
        for class_name, class_rules in (("lone", lone_rules), ("couple", couple_rules)):
            for rule in class_rules:
                terms = [
                    (cell, sign * coefficient)
                    for measure, coefficient in rule.terms
                    for cell, sign in at.class_measure(class_name, measure, lone_indicator)
                ]
                relations += _relation(
                    f"{area.stat_year}:{class_name}_rules:{area.area_id}:{rule.relation_key}",
                    f"{class_name}_{rule.kind}",
                    AT_MOST,
                    terms,
                )
    frame = pd.DataFrame(relations, columns=["relation_id", "relation_kind", "sense", "cell_id", "coefficient"])
    frame = frame.groupby(["relation_id", "relation_kind", "sense", "cell_id"], as_index=False)["coefficient"].sum()
    frame = frame[frame["coefficient"] != 0]
    frame = frame.assign(relation_family=FAMILY, stat_year=frame["relation_id"].str.split(":", n=1).str[0].astype(int))
    spatial = _spatial(new_cells)
    return new_cells, pd.concat([frame[RELATION_COLUMNS], spatial], ignore_index=True)


def _count_columns(counts: pd.DataFrame) -> list[str]:
    return [c for c in counts.columns if c == "families" or c.startswith("with_")]


def _lone_cells(values: pd.DataFrame, areas: pd.DataFrame, parts: Sequence[str], measure: str) -> pd.DataFrame:
    """One virtual cell per area and part (a phenomenon, or a group), with its true count."""
    rows = []
    for area in areas.itertuples(index=False):
        here = values[(values["stat_year"] == area.stat_year) & (values["area_id"] == area.area_id)]
        for part in parts:
            if measure == LONE_GROUP:
                value = float(here.loc[here["group_id"] == part, "families"].sum())
            else:
                value = float(here[f"with_{part}"].sum())
            rows.append(_cell(area, f"{measure}|{part}", measure, value))
    return pd.DataFrame(rows, columns=CELL_COLUMNS)


def _mixed_cells(counts: pd.DataFrame, areas: pd.DataFrame, free: Sequence[str], mixed: Sequence[str]) -> pd.DataFrame:
    """The lone part of each mixed type's numerators."""
    lone = counts[(counts["is_lone"] == 1) & counts["type_id"].isin(list(mixed))]
    values = municipalities_and_study_area(lone, ["type_id"], _count_columns(lone))
    rows = []
    for area in areas.itertuples(index=False):
        here = values[(values["stat_year"] == area.stat_year) & (values["area_id"] == area.area_id)]
        for type_id in mixed:
            of_type = here[here["type_id"] == type_id]
            for p in free:
                value = float(of_type[f"with_{p}"].sum())
                rows.append(_cell(area, f"{LONE_TYPE_WITH}|{type_id}|{p}", LONE_TYPE_WITH, value))
    return pd.DataFrame(rows, columns=CELL_COLUMNS)


def _cell(area, key: str, measure: str, value: float) -> tuple:
    return (
        f"{area.stat_year}:{area.area_id}:{key}",
        int(area.stat_year),
        area.area_id,
        area.area_level,
        area.municipality_code,
        measure,
        key,
        value,
        True,
        False,
        None,
        None,
    )


class _CellBook:
    """The ids of the cells the relations name, per area."""

    def __init__(self, cells: pd.DataFrame, new_cells: pd.DataFrame) -> None:
        wanted = cells["measure"].isin(["families_with", "group", "type", "type_families_with"])
        self.cells = cells.loc[wanted & cells["area_level"].isin(["municipality", "all"])]
        self.new_ids = set(new_cells["cell_id"])

    def area(self, year: int, area_id: str) -> _AreaCells:
        here = self.cells[(self.cells["stat_year"] == year) & (self.cells["area_id"] == area_id)]
        return _AreaCells(f"{year}:{area_id}:", here, self.new_ids)


class _AreaCells:
    def __init__(self, prefix: str, here: pd.DataFrame, new_ids: set[str]) -> None:
        self.prefix, self.new_ids = prefix, new_ids
        columns = here[["measure", "type_id", "indicator_id", "group_id"]].fillna("")
        self.ids = dict(zip(columns.itertuples(index=False, name=None), here["cell_id"], strict=True))

    def of(self, measure: str, type_id: str = "", indicator: str = "", group: str = "") -> str:
        """This area's cell of `measure`, found by the cells' columns."""
        found = self.ids.get((measure, type_id, indicator, group))
        if found is None:
            raise DisclosureError(
                f"structure classes: no cell {measure} {type_id} {indicator} {group} at {self.prefix}"
            )
        return found

    def virtual(self, key: str) -> str | None:
        cell = self.prefix + key
        return cell if cell in self.new_ids else None

    def class_measure(self, class_name: str, measure: tuple[str, str], lone_indicator: str) -> list[tuple[str, float]]:
        """A measure of one class as cells: the lone part, or the area cell minus it."""
        kind, of = measure
        if kind == GROUP_MEASURE:
            total, lone = self.of("group", group=of), self.virtual(f"{LONE_GROUP}|{of}")
        elif of == lone_indicator:
            total = self.of("families_with", indicator=of)
            return [(total, 1.0)] if class_name == "lone" else []
        else:
            total, lone = self.of("families_with", indicator=of), self.virtual(f"{LONE_WITH}|{of}")
        if class_name == "lone":
            return [(lone, 1.0)] if lone is not None else []
        return [(total, 1.0)] + ([(lone, -1.0)] if lone is not None else [])


def _relation(relation_id: str, kind: str, sense: str, terms: list[tuple[str, float]]):
    return [(relation_id, kind, sense, cell, coefficient) for cell, coefficient in terms]


def _parts(
    at: _AreaCells,
    free: Sequence[str],
    groups: tuple[Sequence[str], Sequence[str]],
    lone_indicator: str,
    classes: TypeClasses,
):
    """Each lone part at most its total (all of it for a group no couple reaches); the lone
    groups sum to the lone parents; the lone parents with a phenomenon are the lone types'
    and the mixed types' lone parts."""
    lone_groups, lone_only = groups
    p0 = at.prefix
    lone_parents = at.of("families_with", indicator=lone_indicator)
    rows = []
    for g in lone_groups:
        part = p0 + f"{LONE_GROUP}|{g}"
        sense = EQUAL if g in lone_only else AT_MOST
        rows += _relation(
            f"{p0}lone_group_bound:{g}", "lone_part_bound", sense, [(part, 1.0), (at.of("group", group=g), -1.0)]
        )
    rows += _relation(
        f"{p0}lone_groups:{lone_indicator}",
        "lone_groups",
        EQUAL,
        [(p0 + f"{LONE_GROUP}|{g}", 1.0) for g in lone_groups] + [(lone_parents, -1.0)],
    )
    mixed = classes.mixed
    for p in free:
        part = p0 + f"{LONE_WITH}|{p}"
        total = at.of("families_with", indicator=p)
        rows += _relation(f"{p0}lone_with_bound:{p}", "lone_part_bound", AT_MOST, [(part, 1.0), (total, -1.0)])
        terms = [(part, 1.0)]
        terms += [(at.of("type_families_with", type_id=t, indicator=p), -1.0) for t in classes.lone]
        terms += [(p0 + f"{LONE_TYPE_WITH}|{t}|{p}", -1.0) for t in mixed]
        rows += _relation(f"{p0}lone_with_types:{p}", "lone_types", EQUAL, terms)
        for t in mixed:
            lone_part = p0 + f"{LONE_TYPE_WITH}|{t}|{p}"
            numerator = at.of("type_families_with", type_id=t, indicator=p)
            lone_of_type = at.of("type_families_with", type_id=t, indicator=lone_indicator)
            families = at.of("type", type_id=t)
            key = f"{p0}lone_type:{t}|{p}"
            rows += _relation(key + ":numerator", "lone_part_bound", AT_MOST, [(lone_part, 1.0), (numerator, -1.0)])
            rows += _relation(key + ":lone", "lone_part_bound", AT_MOST, [(lone_part, 1.0), (lone_of_type, -1.0)])
            rows += _relation(  # the couples' part: numerator - lone part <= families - lone parents
                key + ":couple",
                "lone_part_bound",
                AT_MOST,
                [(numerator, 1.0), (lone_part, -1.0), (families, -1.0), (lone_of_type, 1.0)],
            )
    return rows


def _spatial(new_cells: pd.DataFrame) -> pd.DataFrame:
    """A virtual cell's municipalities sum to its study-area cell."""
    frame = spatial_sums("lone_spatial", new_cells, new_cells["measure_key"])
    return frame.assign(relation_family=FAMILY) if len(frame) else frame
