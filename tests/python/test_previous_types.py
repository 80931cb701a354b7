"""Issue 22: a previous release with another family type catalogue, proven together with this
build (lea.disclosure.previous_types). Hand-made catalogues and counts with known answers;
the union is attacked by a linear programme over the families of each situation, written
here from the definitions, not from the engine's relations."""

from __future__ import annotations

import pandas as pd
import pytest
from scipy.optimize import linprog

from lea.disclosure.engine import DisclosureError
from lea.disclosure.frames import suppression_frame
from lea.disclosure.previous_types import retyped_cell_id, type_links
from lea.disclosure.releases import PreviousRelease, ThisBuild, with_previous_release

YEAR = 2021
ATTRIBUTES = ["structure", "youngest_child_age_band", "children_band", "youngest_parent_age_band"]
# Three situations carry every family of the tests.
SITUATIONS = {
    "a": ("married_couple", "0-2", "1", "25-34"),
    "b": ("married_couple", "0-2", "2", "25-34"),
    "c": ("mother", "3-6", "1", "25-34"),
}


def catalog(*situations: str) -> pd.DataFrame:
    rows = [(f"T{rank:03d}", rank, *SITUATIONS[s]) for rank, s in enumerate(situations, start=1)]
    return pd.DataFrame(rows, columns=["type_id", "type_rank", *ATTRIBUTES])


# This build: T001 married couples (a and b: every couple situation falls back to it), T002
# mothers. The previous release: T001 = a, T002 = b, T003 = mothers (this build's T002).
THIS = catalog("a", "c")
PREVIOUS = catalog("a", "b", "c")
THIS_TYPE = {"a": "T001", "b": "T001", "c": "T002"}
PREVIOUS_TYPE = {"a": "T001", "b": "T002", "c": "T003"}


def test_types_with_the_same_situations_are_renamed_and_the_others_linked() -> None:
    links = type_links(THIS, PREVIOUS)
    assert links.renamed == {"T003": "T002"}
    pairs = set(map(tuple, links.linked[["type_id", "previous_type_id"]].drop_duplicates().to_numpy()))
    assert pairs == {("T001", "T001"), ("T001", "T002")}
    # Every situation has one type in each catalogue; the mothers' are renamed, not linked.
    assert len(links.situations) == 256
    assert (links.linked["structure"] != "mother").all()


def test_a_previous_cell_is_read_under_this_builds_id_or_as_a_previous_type() -> None:
    links = type_links(THIS, PREVIOUS)
    assert retyped_cell_id("2021:M837:type|T003", links) == "2021:M837:type|T002"
    assert retyped_cell_id("2021:ALL:type_families_3_5|T003", links) == "2021:ALL:type_families_3_5|T002"
    assert (
        retyped_cell_id("2021:M837:type_families_with|T002|low_income", links)
        == "2021:M837:type_previous_families_with|T002|low_income"
    )
    assert retyped_cell_id("2021:M837:type|T001", links) == "2021:M837:type_previous|T001"
    assert retyped_cell_id("2021:M837:families", links) == "2021:M837:families"


# Families per municipality and situation.
COUNTS = {"M1": {"a": 40, "b": 3, "c": 20}, "M2": {"a": 50, "b": 30, "c": 25}}
AREAS = {"M1": ("municipality", "1"), "M2": ("municipality", "2"), "ALL": ("all", None)}


def families(area: str, situations: str) -> int:
    municipalities = list(COUNTS) if area == "ALL" else [area]
    return sum(COUNTS[m][s] for m in municipalities for s in situations)


def this_builds_cells(primary: set[str]) -> pd.DataFrame:
    """The type table of this build (families and families with a child aged 3-5 per type)
    and the families per area, as disclosure_cells has them."""
    rows = []
    for area, (level, code) in AREAS.items():
        measures = [("families", "families", None, families(area, "abc"))]
        for type_id, situations in (("T001", "ab"), ("T002", "c")):
            measures.append(("type", f"type|{type_id}", type_id, families(area, situations)))
            measures.append(("type_families_3_5", f"type_families_3_5|{type_id}", type_id, 0))
        for measure, key, type_id, value in measures:
            cell_id = f"{YEAR}:{area}:{key}"
            rows.append(
                {
                    "cell_id": cell_id,
                    "stat_year": YEAR,
                    "area_id": area,
                    "area_level": level,
                    "municipality_code": code,
                    "measure": measure,
                    "measure_key": key,
                    "indicator_id": None,
                    "type_id": type_id,
                    "denominator_cell_id": None,
                    "breakdown": None,
                    "category": None,
                    "value": float(value),
                    "is_virtual": False,
                    "is_known": False,
                    "primary_reason": "min_cell" if cell_id in primary else None,
                    "same_as_cell_id": None,
                }
            )
    return pd.DataFrame(rows)


def this_builds_relations() -> pd.DataFrame:
    rows = []

    def relation(relation_id: str, family: str, sense: str, terms: list[tuple[str, float]]) -> None:
        for cell, coefficient in terms:
            rows.append((relation_id, family, family, sense, YEAR, f"{YEAR}:{cell}", coefficient))

    for key in ("families", "type|T001", "type|T002", "type_families_3_5|T001", "type_families_3_5|T002"):
        relation(f"spatial:{key}", "spatial", "eq", [(f"ALL:{key}", 1.0), (f"M1:{key}", -1.0), (f"M2:{key}", -1.0)])
    for area in AREAS:
        relation(
            f"types:{area}",
            "family_types",
            "eq",
            [(f"{area}:families", 1.0), (f"{area}:type|T001", -1.0), (f"{area}:type|T002", -1.0)],
        )
        for type_id in ("T001", "T002"):
            relation(
                f"subsets:{area}:{type_id}",
                "subsets",
                "le",
                [(f"{area}:type_families_3_5|{type_id}", 1.0), (f"{area}:type|{type_id}", -1.0)],
            )
    columns = ["relation_id", "relation_family", "relation_kind", "sense", "stat_year", "cell_id", "coefficient"]
    return pd.DataFrame(rows, columns=columns)


def situation_counts() -> pd.DataFrame:
    rows = [
        (YEAR, municipality[1:], *SITUATIONS[s], n, 0)
        for municipality, by_situation in COUNTS.items()
        for s, n in by_situation.items()
    ]
    return pd.DataFrame(rows, columns=["stat_year", "municipality_code", *ATTRIBUTES, "families", "families_3_5"])


def previous_release(published: dict[str, int]) -> PreviousRelease:
    """The previous release's type table: `published` ({area:type: families}) shown, every
    other of its type cells suppressed."""
    rows = []
    for area in AREAS:
        for type_id in ("T001", "T002", "T003"):
            key = f"{area}:{type_id}"
            shown = key in published
            rows.append((f"{YEAR}:{area}:type|{type_id}", published.get(key), "published" if shown else "suppressed"))
    cells = pd.DataFrame(rows, columns=["cell_id", "previous_value", "previous_status"])
    return PreviousRelease(path=None, cells=cells, family_types=PREVIOUS)  # type: ignore[arg-type]


def protected(primary: set[str], release: PreviousRelease | None) -> pd.DataFrame:
    cells, relations = this_builds_cells(primary), this_builds_relations()
    if release is not None:
        cells, relations = with_previous_release(ThisBuild(cells, relations, THIS, situation_counts()), release, False)
    return suppression_frame(cells, relations, min_cell_size=5)


def attacker_interval(
    suppression: pd.DataFrame, release: PreviousRelease, target: tuple[str, str]
) -> tuple[float, float]:
    """The families of `target` (municipality, situations) read off by a linear programme
    over the families of each municipality and situation, held to every number either
    release published (written from the definitions of both catalogues)."""
    variables = [(m, s) for m in COUNTS for s in SITUATIONS]
    rows, values = [], []

    def held(area: str, situations: set[str], value: float) -> None:
        municipalities = set(COUNTS) if area == "ALL" else {area}
        rows.append([1.0 if m in municipalities and s in situations else 0.0 for m, s in variables])
        values.append(value)

    shown = suppression[suppression["status"] == "published"]
    for cell in shown.itertuples():
        area, key = cell.cell_id.split(":", 2)[1:]
        if key == "families":
            held(area, set(SITUATIONS), cell.value)
        elif key.startswith("type|"):
            held(area, {s for s, t in THIS_TYPE.items() if t == key[5:]}, cell.value)
    for cell in release.cells[release.cells["previous_status"] == "published"].itertuples():
        area, key = cell.cell_id.split(":", 2)[1:]
        held(area, {s for s, t in PREVIOUS_TYPE.items() if t == key[5:]}, cell.previous_value)
    objective = [1.0 if (m, s) == (target[0], s) and s in target[1] else 0.0 for m, s in variables]
    low = linprog(objective, A_eq=rows, b_eq=values, bounds=(0, None))
    high = linprog([-c for c in objective], A_eq=rows, b_eq=values, bounds=(0, None))
    return low.fun, -high.fun


TARGET = f"{YEAR}:M1:type|T001"


def test_a_cell_that_the_previous_release_pins_cannot_be_published_around() -> None:
    """The previous release showed its T001 in M1 (situation a: 40) and its T002 in M2 and in
    the study area (b: 30 and 33), so this build's T001 in M1 (a + b = 43) is known whatever
    this build hides: the build fails, naming the cell. Without the previous release the
    engine would protect it, and the union would give it away."""
    release = previous_release({"M1:T001": 40, "M2:T002": 30, "ALL:T002": 33})
    alone = protected({TARGET}, None)
    assert alone.set_index("cell_id").loc[TARGET, "status"] == "suppressed"
    assert attacker_interval(alone, release, ("M1", "ab")) == pytest.approx((43, 43))
    with pytest.raises(DisclosureError, match=r"2021:M1:type\|T001"):
        protected({TARGET}, release)


def test_the_pattern_is_proven_against_the_union_of_both_releases() -> None:
    """The previous release showed its T001 (situation a) everywhere and its T003 (the
    mothers, this build's T002) in both municipalities. Protecting this build's T001 in M1
    alone hides M1's and M2's two types: read with the previous release, M1's T002 is
    known, so T001 = families - T002 = 43 is given away. Proven with the previous release,
    the pattern hides the families of the municipalities instead, and the attacker of the
    union is left an interval of at least 5 reaching 5 (b moves between municipalities)."""
    release = previous_release(
        {"M1:T001": 40, "M2:T001": 50, "ALL:T001": 90, "M1:T003": 20, "M2:T003": 25, "ALL:T003": 45}
    )
    alone = protected({TARGET}, None)
    assert attacker_interval(alone, release, ("M1", "ab")) == pytest.approx((43, 43))
    together = protected({TARGET}, release)
    low, high = attacker_interval(together, release, ("M1", "ab"))
    assert high - low >= 5 - 1e-6 and high >= 5
    hidden = set(together.loc[together["status"] == "suppressed", "cell_id"])
    assert hidden == {f"{YEAR}:M1:type|T001", f"{YEAR}:M2:type|T001", f"{YEAR}:M1:families", f"{YEAR}:M2:families"}
    # The previous release's own cells are proven with this build's but never published.
    added = together[together["cell_id"].str.contains("type_pair|type_previous", regex=True)]
    assert len(added) and (added["status"] == "not_published").all()


def test_the_types_and_the_profile_are_sums_of_the_same_situations() -> None:
    """lea.disclosure.situations on the hand-made catalogue: this build's T001 holds every
    couple and father situation (the fallback), T002 the mothers; each type and each
    profile category of an area is the sum of its situations, the relations hold at the
    true counts, the latest year's ranking is there, and with fewer types than
    family_type_count every other situation is known to be empty in the latest year."""
    from lea.disclosure.situations import situation_cells

    cells = this_builds_cells(set())
    profile = cells[cells["measure"] == "families"].assign(measure="profile")
    profile = profile.assign(
        breakdown="structure",
        category="mother",
        measure_key="profile|structure|mother",
        cell_id=profile["cell_id"].str.replace("families", "profile|structure|mother"),
        value=[float(families(area, "c")) for area in profile["area_id"]],
    )
    cells = pd.concat([cells, profile], ignore_index=True)
    counts = situation_counts().drop(columns="families_3_5")
    added, relations = situation_cells(counts, THIS, cells, 2)
    assert len(added) == 256 * len(AREAS) and added["is_virtual"].all()
    assert not added["is_known"].any()  # a full catalogue: nothing is known of the others
    terms = relations.groupby(["relation_kind", "relation_id"]).size()
    mothers = terms["situation_type"][f"{YEAR}:situation_type:{YEAR}:M1:type|T002"]
    assert mothers == 1 + 64  # the type and its 64 situations
    assert terms["situation_profile"][f"{YEAR}:situation_profile:{YEAR}:M1:profile|structure|mother"] == 1 + 64
    assert (terms["situation_rank"] == 2).all() and len(terms["situation_rank"]) == 255
    value = dict(zip(pd.concat([cells, added])["cell_id"], pd.concat([cells, added])["value"], strict=True))
    activity = relations.assign(v=relations["cell_id"].map(value) * relations["coefficient"])
    by_relation = activity.groupby(["relation_id", "sense"])["v"].sum().reset_index()
    assert (by_relation.loc[by_relation["sense"] == "eq", "v"].abs() < 1e-9).all()
    assert (by_relation.loc[by_relation["sense"] == "le", "v"] <= 1e-9).all()


def test_a_short_catalogue_says_the_other_situations_are_empty() -> None:
    """With fewer types than family_type_count every situation with a family in the latest
    year is a type: the other situations are known to be empty there. The catalogue of a
    and c (100 possible) leaves 254 known per area when b has no family; with b's families
    (T001 took them: a typology made with family_type_count = 2) the counts contradict a
    short catalogue, and the build stops naming the situation rather than tell the engine
    a wrong relation."""
    from lea.disclosure.cells import DisclosureError
    from lea.disclosure.situations import situation_cells

    cells = this_builds_cells(set())
    counts = situation_counts().drop(columns="families_3_5")
    without_b = counts[counts["children_band"] != "2"]
    added, _ = situation_cells(without_b, THIS, cells, 100)
    assert int(added["is_known"].sum()) == 254 * len(AREAS)
    assert (added.loc[added["is_known"], "value"] == 0).all()
    with pytest.raises(DisclosureError, match=r"2 types, fewer than family_type_count = 100.*married_couple\|0-2\|2\|"):
        situation_cells(counts, THIS, cells, 100)


def test_a_child_aged_3_5_is_counted_in_the_situations_whose_youngest_child_can_be_3_5() -> None:
    """Each situation's families with a child aged 3-5 are a virtual cell too: each type's
    such families are their sum, each is at most its situation's families, and where the
    youngest child's band starts above 5 (7-12, 13-17) there are none, known. Found by the
    population attacker: a type of 1 family read as [0, 4] through a published 0 of its
    families with a child aged 3-5 (tests/python/test_publication_build.py's build, Laihia)."""
    from lea.disclosure.situations import MEASURE_3_5, situation_cells

    cells = this_builds_cells(set())
    added, relations = situation_cells(situation_counts(), THIS, cells, 2)
    child_3_5 = added[added["measure"] == MEASURE_3_5]
    assert len(child_3_5) == 256 * len(AREAS)
    older = child_3_5["measure_key"].str.contains(r"\|(?:7-12|13-17)\|")
    assert (child_3_5.loc[older, "is_known"]).all() and not child_3_5.loc[~older, "is_known"].any()
    kinds = set(relations["relation_kind"])
    assert {"situation_type_3_5", "situation_3_5_bound", "situation_3_5_spatial"} <= kinds
    value = dict(zip(pd.concat([cells, added])["cell_id"], pd.concat([cells, added])["value"], strict=True))
    activity = relations.assign(v=relations["cell_id"].map(value) * relations["coefficient"])
    by_relation = activity.groupby(["relation_id", "sense"])["v"].sum().reset_index()
    assert (by_relation.loc[by_relation["sense"] == "eq", "v"].abs() < 1e-9).all()
    assert (by_relation.loc[by_relation["sense"] == "le", "v"] <= 1e-9).all()


def test_pair_cells_are_made_only_for_the_years_the_previous_release_publishes() -> None:
    """This build's situations of a later year (which the previous release does not hold)
    get no pair or previous-type cells: nothing published ties them, and they would only
    move that year's pattern away from the unchained build's."""
    counts = situation_counts()
    both_years = pd.concat([counts, counts.assign(stat_year=YEAR + 1)], ignore_index=True)
    build = ThisBuild(this_builds_cells(set()), this_builds_relations(), THIS, both_years)
    cells, relations = with_previous_release(build, previous_release({"M1:T001": 40}), False)
    added = cells[cells["cell_id"].str.contains("type_pair|type_previous", regex=True)]
    assert len(added) and set(added["stat_year"]) == {YEAR}
    assert set(relations["stat_year"]) == {YEAR}
