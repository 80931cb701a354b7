"""The publication as plain data: what the report reads, loaded read-only with DuckDB.

Only the published tables are read (the report leaves the secure environment with the
publication). A status other than ``published`` means suppressed, whatever its wording
(``suppressed``, or the older ``suppressed_primary``/``suppressed_secondary``): the value
is then ``None`` and the reason is never kept.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from lea import catalogs

LANGUAGES: tuple[str, ...] = ("fi", "sv", "en")
STUDY_AREA = "ALL"
# The study municipalities in the order of the issue (the seed's sort_order); any other
# code the publication holds comes after them, and the study area last.
MUNICIPALITY_ORDER: tuple[str, ...] = catalogs.study_municipalities()
PUBLICATION_FILE = "lea_publication.duckdb"
# The texts of an indicator's definition in the catalogue, in three languages each.
CATALOG_TEXTS: tuple[str, ...] = (
    "definition",
    "numerator",
    "denominator",
    "time_window",
    "sources",
    "limitations",
    "suppression_rule",
)


# A published number: a count (int), a share (Decimal since issue 25, float in older
# publications) or a mean.
Number = int | float | Decimal


@dataclass(frozen=True)
class Value:
    """One published cell: ``value`` is None unless the status is ``published``."""

    value: Number | None
    published: bool

    @staticmethod
    def of(value: Number | None, status: str | None) -> Value:
        published = status == "published"
        return Value(value if published else None, published)

    @property
    def shown(self) -> bool:
        return self.published and self.value is not None


SUPPRESSED = Value(None, False)


@dataclass(frozen=True)
class IndicatorCell:
    families: Value
    families_with: Value
    share: Value


@dataclass(frozen=True)
class CountCell:
    families: Value
    share: Value


@dataclass(frozen=True)
class Summary:
    families_with_children: Value
    children: Value
    mean_children_per_family: Value
    mean_moves_youngest_child: Value


@dataclass(frozen=True)
class ProfileCategory:
    breakdown: str  # all | structure | youngest_child_age | children
    category: str
    labels: Mapping[str, str]


@dataclass(frozen=True)
class FamilyType:
    id: str
    structure: str
    labels: Mapping[str, str]


@dataclass(frozen=True)
class Provenance:
    """The publication's one row of publication_info (issue 25), as text for the footer."""

    built_at: str
    lea_version: str | None
    git_commit: str | None
    git_tree_clean: bool | None
    data_origin: str  # synthetic | partly_synthetic | landing_files | not_landed
    synthetic_seed: int | None
    synthetic_families: int | None
    landing_files: str | None
    landing_sha256: str | None
    first_year: int
    last_year: int
    min_cell_size: int
    all_but_a_few: int
    min_area_families: int

    @property
    def synthetic(self) -> bool:
        return self.data_origin in ("synthetic", "partly_synthetic")


@dataclass(frozen=True)
class Area:
    code: str
    names: Mapping[str, str]  # fi, sv (en: the Finnish name, or the study area's English name)


@dataclass(frozen=True)
class Postcode:
    code: str
    municipality_code: str
    names: Mapping[str, str]


@dataclass(frozen=True)
class Indicator:
    id: str
    names: Mapping[str, str]
    texts: Mapping[str, Mapping[str, str]]  # text kind -> language -> text


@dataclass(frozen=True)
class Group:
    id: str
    labels: Mapping[str, str]
    descriptions: Mapping[str, str]


@dataclass
class Publication:
    years: list[int]
    areas: list[Area]
    postcodes: list[Postcode]
    indicators: list[Indicator]
    groups: list[Group]
    family_type_labels: dict[str, Mapping[str, str]]
    provenance: Provenance | None = None
    family_types: list[FamilyType] = field(default_factory=list)
    profile_categories: list[ProfileCategory] = field(default_factory=list)
    profile_cells: dict[tuple[int, str, str, str], CountCell] = field(default_factory=dict)
    type_indicator_cells: dict[tuple[int, str, str, str], IndicatorCell] = field(default_factory=dict)
    indicator_cells: dict[tuple[int, str, str], IndicatorCell] = field(default_factory=dict)
    postcode_indicator_cells: dict[tuple[int, str, str], IndicatorCell] = field(default_factory=dict)
    group_cells: dict[tuple[int, str, str], CountCell] = field(default_factory=dict)
    postcode_group_cells: dict[tuple[int, str, str], CountCell] = field(default_factory=dict)
    family_type_cells: dict[tuple[int, str, str], CountCell] = field(default_factory=dict)
    summaries: dict[tuple[int, str], Summary] = field(default_factory=dict)

    @property
    def latest_year(self) -> int:
        return self.years[-1]

    def area(self, code: str) -> Area:
        return next(area for area in self.areas if area.code == code)

    def postcodes_of(self, area_code: str) -> list[Postcode]:
        if area_code == STUDY_AREA:
            return list(self.postcodes)
        return [postcode for postcode in self.postcodes if postcode.municipality_code == area_code]

    def indicator(self, year: int, area: str, indicator_id: str) -> IndicatorCell:
        return self.indicator_cells.get((year, area, indicator_id), IndicatorCell(SUPPRESSED, SUPPRESSED, SUPPRESSED))

    def postcode_indicator(self, year: int, postcode: str, indicator_id: str) -> IndicatorCell:
        return self.postcode_indicator_cells.get(
            (year, postcode, indicator_id), IndicatorCell(SUPPRESSED, SUPPRESSED, SUPPRESSED)
        )

    def group(self, year: int, area: str, group_id: str) -> CountCell:
        return self.group_cells.get((year, area, group_id), CountCell(SUPPRESSED, SUPPRESSED))

    def postcode_group(self, year: int, postcode: str, group_id: str) -> CountCell:
        return self.postcode_group_cells.get((year, postcode, group_id), CountCell(SUPPRESSED, SUPPRESSED))

    def family_type(self, year: int, area: str, type_id: str) -> CountCell:
        return self.family_type_cells.get((year, area, type_id), CountCell(SUPPRESSED, SUPPRESSED))

    def profile(self, year: int, area: str, breakdown: str, category: str) -> CountCell:
        return self.profile_cells.get((year, area, breakdown, category), CountCell(SUPPRESSED, SUPPRESSED))

    def type_indicator(self, year: int, area: str, type_id: str, indicator_id: str) -> IndicatorCell:
        return self.type_indicator_cells.get(
            (year, area, type_id, indicator_id), IndicatorCell(SUPPRESSED, SUPPRESSED, SUPPRESSED)
        )

    def summary(self, year: int, area: str) -> Summary:
        return self.summaries.get((year, area), Summary(SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED))

    def area_has_published_cell(self, area_code: str) -> bool:
        """Whether any cell of the area (its own rows and its postcode areas', any year) is published."""
        postcodes = {postcode.code for postcode in self.postcodes_of(area_code)}
        for cells, keys in (
            (self.indicator_cells, {area_code}),
            (self.group_cells, {area_code}),
            (self.family_type_cells, {area_code}),
            (self.postcode_indicator_cells, postcodes),
            (self.postcode_group_cells, postcodes),
        ):
            for (_, key, _), cell in cells.items():
                if key in keys and any(value.shown for value in vars(cell).values()):
                    return True
        return any(
            value.shown
            for (_, key), summary in self.summaries.items()
            if key == area_code
            for value in vars(summary).values()
        )


def _rows(con, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _columns(con, table: str) -> set[str]:
    return {
        row[0]
        for row in con.execute(
            "select column_name from information_schema.columns where table_schema = 'main' and table_name = ?",
            [table],
        ).fetchall()
    }


def _tables(con) -> set[str]:
    return {
        row[0]
        for row in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main'"
        ).fetchall()
    }


def _provenance(con) -> Provenance | None:
    """publication_info's row; None for a publication from before issue 25."""
    if "publication_info" not in _tables(con):
        return None
    rows = _rows(con, "select * from publication_info")
    if len(rows) != 1:
        raise ValueError(f"publication_info must have one row, it has {len(rows)}")
    row = rows[0]
    generator = json.loads(row["synthetic_generator"]) if row["synthetic_generator"] else {}
    return Provenance(
        built_at=f"{row['built_at']:%Y-%m-%d %H:%M} UTC",
        lea_version=row["lea_version"],
        git_commit=row["git_commit"],
        git_tree_clean=row["git_tree_clean"],
        data_origin=row["data_origin"],
        synthetic_seed=row["synthetic_seed"],
        synthetic_families=generator.get("families"),
        landing_files=row["landing_files"],
        landing_sha256=row["landing_sha256"],
        first_year=row["first_year"],
        last_year=row["last_year"],
        min_cell_size=row["min_cell_size"],
        all_but_a_few=row["all_but_a_few"],
        min_area_families=row["min_area_families"],
    )


def _indicator_cell(row: dict) -> IndicatorCell:
    return IndicatorCell(
        Value.of(row["families"], row["families_status"]),
        Value.of(row["families_with"], row["families_with_status"]),
        Value.of(row["share_pct"], row["share_status"]),
    )


def _count_cell(row: dict) -> CountCell:
    return CountCell(Value.of(row["families"], row["families_status"]), Value.of(row["share_pct"], row["share_status"]))


def counts_columns() -> str:
    return "families, families_status, share_pct, share_status"


def _texts(row: dict, stem: str, available: set[str]) -> dict[str, str]:
    """A catalogue text in three languages; a publication from before the catalogue had
    `<stem>_fi/_sv/_en` has only the English column `<stem>`, used for every language."""
    return {
        language: str((row.get(f"{stem}_{language}") if f"{stem}_{language}" in available else row.get(stem)) or "")
        for language in LANGUAGES
    }


def load_publication(publish_dir: str | Path) -> Publication:
    """Read the publication in ``publish_dir`` (read-only) into plain data."""
    import duckdb

    path = Path(publish_dir) / PUBLICATION_FILE
    if not path.exists():
        raise FileNotFoundError(f"no publication at {path}: run `make build` (or give --publication DIR)")
    con = duckdb.connect(str(path), read_only=True)
    try:
        return _load(con)
    finally:
        con.close()


def _areas(con) -> list[Area]:
    """The municipalities in MUNICIPALITY_ORDER, any other after them, the study area last."""
    names = {
        row["municipality_code"]: row
        for row in _rows(
            con,
            "select distinct municipality_code, municipality_name_fi, municipality_name_sv "
            "from municipality_indicators",
        )
    }
    order = [code for code in MUNICIPALITY_ORDER if code in names]
    order += sorted(code for code in names if code not in order and code != STUDY_AREA)
    order += [STUDY_AREA] if STUDY_AREA in names else []
    return [
        Area(
            code,
            {
                "fi": names[code]["municipality_name_fi"],
                "sv": names[code]["municipality_name_sv"],
                "en": names[code]["municipality_name_fi"],
            },
        )
        for code in order
    ]


def _load_profile(con, publication: Publication) -> None:
    """The profile's cells and its categories (in the order they first appear)."""
    profile = _rows(
        con,
        "select year, municipality_code, breakdown, category, category_label_fi, category_label_sv, "
        f"{counts_columns()} from municipality_profile order by year, municipality_code",
    )
    seen: dict[tuple[str, str], ProfileCategory] = {}
    for row in profile:
        key = (row["breakdown"], row["category"])
        if key not in seen:
            labels = {"fi": row["category_label_fi"], "sv": row["category_label_sv"]}
            seen[key] = ProfileCategory(row["breakdown"], row["category"], labels)
        publication.profile_cells[(row["year"], row["municipality_code"], *key)] = _count_cell(row)
    publication.profile_categories = list(seen.values())


def _load(con) -> Publication:
    years = [
        row[0] for row in con.execute("select distinct year from municipality_indicators order by year").fetchall()
    ]
    if not years:
        raise ValueError("the publication's municipality_indicators is empty")

    areas = _areas(con)

    postcodes = [
        Postcode(
            row["postcode"],
            row["municipality_code"],
            {"fi": row["postcode_name_fi"], "sv": row["postcode_name_sv"], "en": row["postcode_name_fi"]},
        )
        for row in _rows(
            con,
            "select distinct postcode, municipality_code, postcode_name_fi, postcode_name_sv "
            "from postcode_indicators order by postcode",
        )
    ]

    catalog_columns = _columns(con, "indicator_catalog")
    indicators = [
        Indicator(
            row["indicator_id"],
            {language: row[f"name_{language}"] for language in LANGUAGES},
            {stem: _texts(row, stem, catalog_columns) for stem in CATALOG_TEXTS},
        )
        for row in _rows(con, "select * from indicator_catalog order by sort_order, indicator_id")
    ]
    groups = [
        Group(
            row["group_id"],
            {language: row[f"label_{language}"] for language in LANGUAGES},
            {language: row[f"description_{language}"] for language in LANGUAGES},
        )
        for row in _rows(con, "select * from wellbeing_group_catalog order by sort_order, group_id")
    ]
    family_type_labels: dict[str, Mapping[str, str]] = {
        row["type_id"]: {language: row[f"label_{language}"] for language in LANGUAGES}
        for row in _rows(con, "select * from family_type_catalog order by type_id")
    }

    family_types = [
        FamilyType(row["type_id"], row["structure"], {language: row[f"label_{language}"] for language in LANGUAGES})
        for row in _rows(con, "select * from family_type_catalog order by type_rank, type_id")
    ]
    publication = Publication(
        years, areas, postcodes, indicators, groups, family_type_labels, _provenance(con), family_types
    )
    tables = _tables(con)
    if "municipality_profile" in tables:
        _load_profile(con, publication)
    if "municipality_family_type_indicators" in tables:
        for row in _rows(
            con,
            "select year, municipality_code, type_id, indicator_id, families, families_status, families_with, "
            "families_with_status, share_pct, share_status from municipality_family_type_indicators",
        ):
            type_key = (row["year"], row["municipality_code"], row["type_id"], row["indicator_id"])
            publication.type_indicator_cells[type_key] = _indicator_cell(row)
    counts = "families, families_status, share_pct, share_status"
    indicator_values = "families, families_status, families_with, families_with_status, share_pct, share_status"
    for row in _rows(
        con, f"select year, municipality_code, indicator_id, {indicator_values} from municipality_indicators"
    ):
        publication.indicator_cells[(row["year"], row["municipality_code"], row["indicator_id"])] = _indicator_cell(row)
    for row in _rows(con, f"select year, postcode, indicator_id, {indicator_values} from postcode_indicators"):
        publication.postcode_indicator_cells[(row["year"], row["postcode"], row["indicator_id"])] = _indicator_cell(row)
    for row in _rows(con, f"select year, municipality_code, group_id, {counts} from municipality_wellbeing_groups"):
        publication.group_cells[(row["year"], row["municipality_code"], row["group_id"])] = _count_cell(row)
    for row in _rows(con, f"select year, postcode, group_id, {counts} from postcode_wellbeing_groups"):
        publication.postcode_group_cells[(row["year"], row["postcode"], row["group_id"])] = _count_cell(row)
    for row in _rows(con, f"select year, municipality_code, type_id, {counts} from municipality_family_types"):
        publication.family_type_cells[(row["year"], row["municipality_code"], row["type_id"])] = _count_cell(row)
    for row in _rows(con, "select * from municipality_summary"):
        publication.summaries[(row["year"], row["municipality_code"])] = Summary(
            *(
                Value.of(row[column], row[f"{column}_status"])
                for column in (
                    "families_with_children",
                    "children",
                    "mean_children_per_family",
                    "mean_moves_youngest_child",
                )
            )
        )
    return publication
