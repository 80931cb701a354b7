"""The publication a build replaces is public (issue 22): its numbers are known to everyone.

Every earlier release stays in readers' hands, so a new release of a year that an earlier
one published must be proven with the earlier numbers known. This module reads the previous
publication's counts as cells of this build (same year, area and measure: the same
definition) and marks the ones it published as known to the attacker, so that the engine
proves every primary cell with them fixed. A number the previous release published with
another value than this build's true count is a *revision* (a corrected extract): the build
lists them and fails unless `allow_revisions` says the change is intended.

What is read: every count of every table (indicators, wellbeing groups, profile, summary,
family types). The type tables of a previous release with another family type catalogue
(the types are ranked on the latest year, so a release with a later year has other types)
partition the families in another way: `lea.disclosure.previous_types` reads them as cells
of their own, tied to this build's types through the families of each situation
(`with_previous_release`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from lea import catalogs

PUBLICATION_FILE = "lea_publication.duckdb"

# The indicators counted among the families with a child aged 3-5 (the seed's
# denominator_measure), as a SQL list.
_OF_FAMILIES_3_5 = ", ".join(
    f"'{indicator_id}'"
    for indicator_id, measure in catalogs.indicator_denominators().items()
    if measure == catalogs.FAMILIES_WITH_CHILD_AGED_3_5
)


def _by_denominator(of_3_5: str, of_families: str) -> str:
    """SQL: `of_3_5` for an indicator of the families with a child aged 3-5, else `of_families`."""
    return f"case when indicator_id in ({_OF_FAMILIES_3_5}) then {of_3_5} else {of_families} end"


# The columns of disclosure_cells that say what a cell counts besides its measure, in the
# order its measure_key lists them (`type_families_with|<type_id>|<indicator_id>`, ...).
CELL_KEY_PARTS = ("type_id", "indicator_id", "group_id", "breakdown", "category")


@dataclass(frozen=True)
class PublishedCount:
    """A published count column and its cell: SQL over the published table for the cell's
    measure and its key columns (disclosure_cells.measure, CELL_KEY_PARTS; a part not named
    is NULL)."""

    table: str
    column: str
    measure: str
    parts: tuple[tuple[str, str], ...] = ()

    def part(self, name: str) -> str:
        """SQL of the key column `name` of the cell (NULL when the measure has no such part)."""
        return dict(self.parts).get(name, "cast(null as varchar)")


# Every published count column and its cell; also the rows of scripts/information_loss.py,
# in this order.
PUBLISHED_COUNTS = (
    PublishedCount("municipality_indicators", "families", _by_denominator("'families_3_5'", "'families'")),
    PublishedCount("municipality_indicators", "families_with", "'families_with'", (("indicator_id", "indicator_id"),)),
    PublishedCount("postcode_indicators", "families", _by_denominator("'families_3_5'", "'families'")),
    PublishedCount("postcode_indicators", "families_with", "'families_with'", (("indicator_id", "indicator_id"),)),
    PublishedCount("municipality_wellbeing_groups", "families", "'group'", (("group_id", "group_id"),)),
    PublishedCount("postcode_wellbeing_groups", "families", "'group'", (("group_id", "group_id"),)),
    PublishedCount("municipality_family_types", "families", "'type'", (("type_id", "type_id"),)),
    PublishedCount(
        "municipality_family_type_indicators",
        "families",
        _by_denominator("'type_families_3_5'", "'type'"),
        (("type_id", "type_id"),),
    ),
    PublishedCount(
        "municipality_family_type_indicators",
        "families_with",
        "'type_families_with'",
        (("type_id", "type_id"), ("indicator_id", "indicator_id")),
    ),
    PublishedCount(
        "municipality_profile",
        "families",
        "case when breakdown = 'all' then 'families' else 'profile' end",
        (("breakdown", "nullif(breakdown, 'all')"), ("category", "case when breakdown <> 'all' then category end")),
    ),
    PublishedCount("municipality_summary", "families_with_children", "'families'"),
    PublishedCount("municipality_summary", "children", "'children'"),
)
TYPE_ATTRIBUTES = ("type_id", "structure", "youngest_child_age_band", "children_band", "youngest_parent_age_band")
PREVIOUS_COLUMNS = ["cell_id", "previous_value", "previous_status"]


@dataclass(frozen=True)
class PreviousRelease:
    """The counts of the previous publication for this build's years, one row per cell
    (cell_id, previous_value (NULL unless published), previous_status), and its family
    type catalogue (TYPE_ATTRIBUTES)."""

    path: Path
    cells: pd.DataFrame
    family_types: pd.DataFrame

    def same_family_types(self, family_types: pd.DataFrame) -> bool:
        ours = family_types[list(TYPE_ATTRIBUTES)].sort_values("type_id").reset_index(drop=True)
        return bool(self.family_types.astype(str).equals(ours.astype(str)))


def previous_publication(folder: str | None) -> Path | None:
    """The previous publication's database in `folder`, or None (a first release)."""
    if not folder:
        return None
    path = Path(folder) / PUBLICATION_FILE
    return path if path.is_file() else None


def _area_sql(table: str) -> str:
    if table.startswith("postcode"):
        return "'P' || postcode"
    return "case when municipality_code = 'ALL' then 'ALL' else 'M' || municipality_code end"


def _cell_id_sql(count: PublishedCount) -> str:
    """SQL over the published table: the id this build gives the cell (disclosure_cells.cell_id).
    The previous release is a file of another build, read before the engine runs, and its
    type cells may be of another catalogue (lea.disclosure.previous_types renames or links
    them by these ids), so it is read into this build's ids here, the one place outside
    disclosure_cells that writes a cell's id."""
    key = " || ".join([f"({count.measure})"] + [f"coalesce('|' || {count.part(name)}, '')" for name in CELL_KEY_PARTS])
    return f"cast(year as varchar) || ':' || {_area_sql(count.table)} || ':' || {key}"


def _counts_sql(counts: Iterable[PublishedCount], years: list[int]) -> str:
    in_years = ", ".join(str(int(year)) for year in years)
    selects = [
        f"select {_cell_id_sql(count)} as cell_id, "
        f"cast({count.column} as double) as previous_value, {count.column}_status as previous_status "
        f"from {count.table} where year in ({in_years})"
        for count in counts
    ]
    # A cell shown in several tables (an indicator's denominator in every indicator row) is
    # one number: one row of it.
    return "select distinct * from (" + " union all ".join(selects) + ")"


def read_previous_release(path: Path, years: Iterable[int]) -> PreviousRelease:
    """The previous release's counts of `years` and its family type catalogue."""
    wanted = sorted({int(year) for year in years})
    with duckdb.connect(str(path), read_only=True) as connection:
        previous_types = connection.execute(
            f"select {', '.join(TYPE_ATTRIBUTES)} from family_type_catalog order by type_id"
        ).df()
        cells = connection.execute(_counts_sql(PUBLISHED_COUNTS, wanted)).df() if wanted else pd.DataFrame()
    if cells.empty:
        cells = pd.DataFrame(columns=PREVIOUS_COLUMNS)
    duplicated = cells["cell_id"][cells["cell_id"].duplicated()]
    if len(duplicated):
        raise ValueError(f"{path}: the previous release shows {duplicated.iloc[0]} with two values or statuses")
    return PreviousRelease(path, cells[PREVIOUS_COLUMNS], previous_types)


def revisions(cells: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """Cells the previous release published with another value than this build's true count
    (cell_id, previous_value, value), or that it published and this build does not have."""
    shown = previous[previous["previous_status"] == "published"]
    joined = shown.merge(cells[["cell_id", "value"]], on="cell_id", how="left")
    differs = joined["value"].isna() | (joined["value"].astype(float) != joined["previous_value"].astype(float))
    return joined.loc[differs, ["cell_id", "previous_value", "value"]].sort_values("cell_id").reset_index(drop=True)


def known_from_previous(cells: pd.DataFrame, previous: pd.DataFrame) -> pd.Series:
    """Per cell of `cells`: did the previous release publish it with this very value?"""
    shown = previous[previous["previous_status"] == "published"].set_index("cell_id")["previous_value"]
    earlier = cells["cell_id"].map(shown)
    return earlier.notna() & (earlier.astype(float) == cells["value"].astype(float))


def describe(frame: pd.DataFrame, limit: int = 20) -> str:
    """The first cells of a revision list, for an error message."""
    shown = [
        f"{row.cell_id} (was {row.previous_value:g}, now {'absent' if pd.isna(row.value) else f'{row.value:g}'})"
        for row in frame.head(limit).itertuples(index=False)
    ]
    more = f" and {len(frame) - limit} more" if len(frame) > limit else ""
    return ", ".join(shown) + more


def apply_previous_release(cells: pd.DataFrame, previous: pd.DataFrame, allow_revisions: bool) -> pd.DataFrame:
    """`cells` (disclosure_cells) with `is_known` also true for every cell the previous
    release published with the same value (and for the twin a definition makes it equal to:
    `same_as_cell_id`). Raises DisclosureError naming the cells when a number was revised
    and `allow_revisions` is off, or when a primary cell's value (or a revised value of it)
    was published: it cannot be protected by suppressing anything now."""
    from lea.disclosure.engine import DisclosureError

    revised = revisions(cells, previous)
    if len(revised) and not allow_revisions:
        raise DisclosureError(
            f"not published: {len(revised)} number(s) of the previous release differ from this build "
            f"(a corrected extract? set the var allow_revisions: true if the change is intended): {describe(revised)}"
        )
    known = known_from_previous(cells, previous)
    if "same_as_cell_id" in cells.columns:
        twins = cells.loc[known & cells["same_as_cell_id"].notna(), "same_as_cell_id"]
        known = known | cells["cell_id"].isin(list(twins))
    shown_before = set(previous.loc[previous["previous_status"] == "published", "cell_id"])
    primary = cells["primary_reason"].notna() & ~cells["is_known"].astype(bool)
    # Shown before, or known through its twin (a numerator published beside its hidden count).
    exposed = cells.loc[primary & (known | cells["cell_id"].isin(shown_before)), "cell_id"].sort_values()
    if len(exposed):
        raise DisclosureError(
            f"not published: {len(exposed)} primary cell(s) were published by the previous release "
            f"(stricter vars, or a revision): {', '.join(exposed.head(20))}"
        )
    return cells.assign(is_known=cells["is_known"].astype(bool) | known)


@dataclass(frozen=True)
class ThisBuild:
    """What the engine is given (disclosure_cells, disclosure_relations), this build's family
    type catalogue and its families per year, municipality and situation
    (`lea.disclosure.previous_types.situation_counts_sql`)."""

    cells: pd.DataFrame
    relations: pd.DataFrame
    family_types: pd.DataFrame
    situation_counts: pd.DataFrame


def with_previous_release(
    build: ThisBuild, release: PreviousRelease, allow_revisions: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """This build's cells and relations, joined by the previous release: its type cells
    under this build's type ids where a previous type holds the same situations as one of
    ours, else as cells of their own tied to ours through the pairs of types
    (`lea.disclosure.previous_types`); every number it published with this build's value
    known (`apply_previous_release`). The added cells are virtual: never published."""
    from lea.disclosure.previous_types import linked_type_cells, retyped, type_links

    links = type_links(build.family_types, release.family_types)
    # Pair cells only where the previous release publishes the year: elsewhere they tie
    # this build's types to numbers nobody has, and would only move that year's pattern.
    previous_years = release.cells["cell_id"].str.split(":", n=1).str[0].astype(int).unique()
    counts = build.situation_counts[build.situation_counts["stat_year"].isin(previous_years)]
    cells_of_those_years = build.cells[build.cells["stat_year"].isin(previous_years)]
    added_cells, added_relations = linked_type_cells(counts, links, cells_of_those_years)
    joined = pd.concat([build.cells, added_cells], ignore_index=True) if len(added_cells) else build.cells
    known = apply_previous_release(joined, retyped(release.cells, links), allow_revisions)
    relations = build.relations
    related = pd.concat([relations, added_relations], ignore_index=True) if len(added_relations) else relations
    return known, related
