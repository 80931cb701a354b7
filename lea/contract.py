"""The register landing contract (../shared/spec/registers.md) as data.

One place in Python that names every landed table, its columns, their contract types and
the enumerated codes. The synthetic generator writes to it, and a test checks that the dbt
source declarations (models/staging/*/_*__sources.yml) declare exactly the same tables and
columns, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

# Contract types: how a value is parsed in staging.
TEXT = "text"
DATE = "date"
INTEGER = "integer"
DECIMAL = "decimal"


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool = False


@dataclass(frozen=True)
class Table:
    name: str  # landing file stem, e.g. dvv_persons
    source: str  # dbt source (register keeper), e.g. dvv
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


SEXES = ("1", "2")
RELATION_TYPES = ("biological", "adoptive")
PARTNERSHIP_TYPES = ("marriage", "registered_partnership")
DEGREE_LEVELS = ("3", "4", "5", "6", "7", "8")
# Basic social assistance, a Kela benefit code (and the name of the phenomenon it makes).
SOCIAL_ASSISTANCE_BENEFIT = "social_assistance"
BENEFIT_CODES = (
    "child_benefit",
    "housing_allowance",
    SOCIAL_ASSISTANCE_BENEFIT,
    "home_care_allowance",
    "basic_unemployment_allowance",
    "labour_market_subsidy",
    "sickness_allowance",
    "parental_allowance",
)
NON_TAXABLE_BENEFITS = ("child_benefit", "housing_allowance", SOCIAL_ASSISTANCE_BENEFIT)
SERVICE_AREAS = (
    "general_practice",
    "mental_health",
    "substance_abuse",
    "child_health_clinic",
    "school_health",
    "maternity_clinic",
    "other",
)
CARE_TYPES = ("inpatient", "outpatient")
CHILD_WELFARE_MEASURES = (
    "notification",
    "open_care_support",
    "open_care_placement",
    "urgent_placement",
    "care_order",
    "aftercare",
)
JOBSEEKER_STATUSES = ("unemployed", "laid_off", "in_services", "employed_jobseeker")
PROVIDER_TYPES = ("municipal", "purchased", "private")


def _c(name: str, type_: str = TEXT, nullable: bool = False) -> Column:
    return Column(name, type_, nullable)


TABLES: tuple[Table, ...] = (
    Table(
        "dvv_persons",
        "dvv",
        (
            _c("person_id"),
            _c("birth_date", DATE),
            _c("sex"),
            _c("mother_tongue"),
            _c("death_date", DATE, nullable=True),
        ),
    ),
    Table(
        "dvv_residences",
        "dvv",
        (
            _c("person_id"),
            _c("dwelling_id"),
            _c("municipality_code"),
            _c("postcode"),
            _c("start_date", DATE),
            _c("end_date", DATE, nullable=True),
        ),
    ),
    Table(
        "dvv_parent_child",
        "dvv",
        (
            _c("parent_id"),
            _c("child_id"),
            _c("relation_type"),
        ),
    ),
    Table(
        "dvv_partnerships",
        "dvv",
        (
            _c("person_id_a"),
            _c("person_id_b"),
            _c("partnership_type"),
            _c("start_date", DATE),
            _c("end_date", DATE, nullable=True),
        ),
    ),
    Table(
        "sf_degrees",
        "sf",
        (
            _c("person_id"),
            _c("degree_level"),
            _c("completion_date", DATE),
        ),
    ),
    Table(
        "vero_income",
        "vero",
        (
            _c("person_id"),
            _c("tax_year", INTEGER),
            _c("earned_income_eur", DECIMAL),
            _c("capital_income_eur", DECIMAL),
            _c("taxes_paid_eur", DECIMAL),
        ),
    ),
    Table(
        "kela_benefits",
        "kela",
        (
            _c("person_id"),
            _c("benefit_code"),
            _c("payment_month", DATE),
            _c("amount_eur", DECIMAL),
        ),
    ),
    Table(
        "kela_medicine_purchases",
        "kela",
        (
            _c("person_id"),
            _c("purchase_date", DATE),
            _c("atc_code"),
            _c("ddd", DECIMAL),
        ),
    ),
    Table(
        "thl_avohilmo_visits",
        "thl",
        (
            _c("visit_id"),
            _c("person_id"),
            _c("visit_date", DATE),
            _c("service_area"),
            _c("icd10_code", nullable=True),
        ),
    ),
    Table(
        "thl_hilmo_episodes",
        "thl",
        (
            _c("episode_id"),
            _c("person_id"),
            _c("start_date", DATE),
            _c("end_date", DATE),
            _c("specialty_code"),
            _c("icd10_code"),
            _c("care_type"),
        ),
    ),
    Table(
        "thl_child_welfare",
        "thl",
        (
            _c("child_id"),
            _c("measure"),
            _c("start_date", DATE),
            _c("end_date", DATE, nullable=True),
        ),
    ),
    Table(
        "tem_jobseeker_periods",
        "tem",
        (
            _c("person_id"),
            _c("status"),
            _c("start_date", DATE),
            _c("end_date", DATE, nullable=True),
        ),
    ),
    Table(
        "varda_ecec_decisions",
        "varda",
        (
            _c("child_id"),
            _c("start_date", DATE),
            _c("end_date", DATE, nullable=True),
            _c("hours_per_week", DECIMAL),
            _c("provider_type"),
        ),
    ),
)

TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
