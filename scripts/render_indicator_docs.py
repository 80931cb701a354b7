"""Render the indicators' docs blocks from the seed `indicator_catalog` (one source of truth).

    python scripts/render_indicator_docs.py           # rewrite models/docs/_indicators__docs.md
    python scripts/render_indicator_docs.py --check   # exit 1 when the committed file is stale

Each indicator gets a block `{% docs indicator_<id> %}` with a Finnish, a Swedish and an
English section: name, definition, numerator, denominator, time window, sources,
limitations and the suppression rule. The seed's suppression texts hold the disclosure
parameters as placeholders (`{min_cell_size}`, `{min_cell_size_minus_1}`,
`{all_but_a_few}`, `{min_area_families}`); they are filled in from the vars of
`dbt_project.yml` (the ones the marts use), or the specification's defaults where a var is
not set. The SQL side fills the same placeholders with the macro
`lea_fill_disclosure_parameters`.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import Any, Mapping, Sequence

import yaml

PROJECT = Path(__file__).resolve().parents[1]
SEED = PROJECT / "seeds" / "catalogs" / "indicator_catalog.csv"
DOCS = PROJECT / "models" / "docs" / "_indicators__docs.md"
DBT_PROJECT = PROJECT / "dbt_project.yml"

# publication.md's defaults, used where dbt_project.yml does not (yet) set the var.
DEFAULT_MIN_CELL_SIZE = 5
DEFAULT_MIN_AREA_FAMILIES = 30

LANGUAGES = ("fi", "sv", "en")
HEADINGS = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}
# (seed column stem, label in fi, sv, en) in the order of a section.
PARTS: Sequence[tuple[str, Mapping[str, str]]] = (
    ("definition", {"fi": "Määritelmä", "sv": "Definition", "en": "Definition"}),
    ("numerator", {"fi": "Osoittaja", "sv": "Täljare", "en": "Numerator"}),
    ("denominator", {"fi": "Nimittäjä", "sv": "Nämnare", "en": "Denominator"}),
    ("time_window", {"fi": "Aikajakso", "sv": "Tidsperiod", "en": "Time window"}),
    ("sources", {"fi": "Lähteet", "sv": "Källor", "en": "Sources"}),
    ("limitations", {"fi": "Rajoitukset", "sv": "Begränsningar", "en": "Limitations"}),
    ("suppression", {"fi": "Tietosuoja", "sv": "Röjandeskydd", "en": "Suppression"}),
)
DOMAINS = {
    "livelihood": {"fi": "toimeentulo", "sv": "försörjning", "en": "livelihood"},
    "work": {"fi": "työ", "sv": "arbete", "en": "work"},
    "education": {"fi": "koulutus", "sv": "utbildning", "en": "education"},
    "health": {"fi": "terveys", "sv": "hälsa", "en": "health"},
    "social": {"fi": "sosiaalipalvelut", "sv": "sociala tjänster", "en": "social services"},
    "family": {"fi": "perherakenne", "sv": "familjestruktur", "en": "family structure"},
    "mobility": {"fi": "asuminen ja muutot", "sv": "boende och flyttningar", "en": "housing and moves"},
    "everyday": {"fi": "arjen järjestelyt", "sv": "vardagens arrangemang", "en": "everyday arrangements"},
}
DOMAIN_LABEL = {"fi": "Osa-alue", "sv": "Område", "en": "Domain"}
PARAMETERS_LABEL = {
    "fi": "Salauksen parametrit",
    "sv": "Röjandeskyddets parametrar",
    "en": "Disclosure parameters",
}
PUBLISHED_IN = (
    "`indicator_id = '{id}'` in the published tables `municipality_indicators`, "
    "`postcode_indicators` and `municipality_family_type_indicators` (and `indicator_catalog`); "
    "the boolean column `{id}` of `int_family_phenomena`. Example query: "
    "`analyses/compare_municipalities_on_indicator.sql`."
)


def disclosure_parameters(dbt_vars: Mapping[str, Any]) -> dict[str, int]:
    """The placeholder values from the project's vars (the specification's defaults when unset)."""
    min_cell_size = int(dbt_vars.get("min_cell_size") or DEFAULT_MIN_CELL_SIZE)
    all_but_a_few = dbt_vars.get("all_but_a_few")
    return {
        "min_cell_size": min_cell_size,
        "min_cell_size_minus_1": min_cell_size - 1,
        "all_but_a_few": int(all_but_a_few) if all_but_a_few is not None else min_cell_size - 1,
        "min_area_families": int(dbt_vars.get("min_area_families") or DEFAULT_MIN_AREA_FAMILIES),
    }


def project_vars(path: Path = DBT_PROJECT) -> dict[str, object]:
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")).get("vars") or {})


def read_catalog(path: Path = SEED) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return sorted(csv.DictReader(handle), key=lambda row: int(row["sort_order"]))


def fill(text: str, parameters: Mapping[str, int]) -> str:
    """Replace the `{name}` placeholders of the seed's texts; an unknown one is an error."""
    filled = text
    for name, value in parameters.items():
        filled = filled.replace("{" + name + "}", str(value))
    if "{" in filled or "}" in filled:
        raise ValueError(f"unknown placeholder or brace in: {text!r}")
    return filled


def render_block(row: Mapping[str, str], parameters: Mapping[str, int]) -> str:
    indicator = row["indicator_id"]
    names = " · ".join(row[f"name_{language}"] for language in LANGUAGES)
    lines = [
        f"{{% docs indicator_{indicator} %}}",
        f"### {names}",
        "",
        PUBLISHED_IN.format(id=indicator),
    ]
    for language in LANGUAGES:
        lines += [
            "",
            f"#### {HEADINGS[language]}: {row[f'name_{language}']}",
            "",
            f"- **{DOMAIN_LABEL[language]}:** {DOMAINS[row['domain']][language]} (`{row['domain']}`)",
        ]
        for stem, labels in PARTS:
            lines.append(f"- **{labels[language]}:** {fill(row[f'{stem}_{language}'], parameters)}")
        settings = ", ".join(
            f"`{name}` = {parameters[name]}" for name in ("min_cell_size", "all_but_a_few", "min_area_families")
        )
        lines.append(f"- **{PARAMETERS_LABEL[language]}:** {settings}")
    lines.append("{% enddocs %}")
    return "\n".join(lines)


def render(rows: Sequence[Mapping[str, str]], parameters: Mapping[str, int]) -> str:
    header = (
        "{#- GENERATED by scripts/render_indicator_docs.py from seeds/catalogs/indicator_catalog.csv:\n"
        "    edit the seed and re-run the script; tests/python/test_indicator_docs.py fails when this\n"
        "    file differs from a fresh render. -#}\n"
    )
    blocks = [render_block(row, parameters) for row in rows]
    return header + "\n\n".join(blocks) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when the committed file is stale")
    args = parser.parse_args(argv)
    text = render(read_catalog(), disclosure_parameters(project_vars()))
    if args.check:
        if not DOCS.exists() or DOCS.read_text(encoding="utf-8") != text:
            print(f"{DOCS.relative_to(PROJECT)} is stale: run python scripts/render_indicator_docs.py")
            return 1
        return 0
    DOCS.parent.mkdir(parents=True, exist_ok=True)
    DOCS.write_text(text, encoding="utf-8")
    print(f"wrote {DOCS.relative_to(PROJECT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
