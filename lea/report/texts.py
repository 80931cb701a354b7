"""Every text of the report's user interface in Finnish, Swedish and English, and number
formats per language (decimal comma and a no-break space between thousands in Finnish and
Swedish; decimal point and a comma between thousands in English)."""

from __future__ import annotations

NBSP = "\u00a0"

TEXTS: dict[str, dict[str, str]] = {
    "language_name": {"fi": "suomi", "sv": "svenska", "en": "English"},
    "report_title": {
        "fi": "Lapsiperheiden hyvinvointi",
        "sv": "Barnfamiljernas välfärd",
        "en": "Wellbeing of families with children",
    },
    "index_intro": {
        "fi": "Tulokset kunnittain ja koko tutkimusalueelta, julkaistuista taulukoista.",
        "sv": "Resultaten per kommun och för hela undersökningsområdet, ur de publicerade tabellerna.",
        "en": "Results per municipality and for the whole study area, from the published tables.",
    },
    "study_area": {"fi": "Koko tutkimusalue", "sv": "Hela undersökningsområdet", "en": "Study area"},
    "area": {"fi": "Alue", "sv": "Område", "en": "Area"},
    "areas": {"fi": "Alueet", "sv": "Områden", "en": "Areas"},
    "language": {"fi": "Kieli", "sv": "Språk", "en": "Language"},
    "index": {"fi": "Kaikki sivut", "sv": "Alla sidor", "en": "All pages"},
    "year": {"fi": "Vuosi", "sv": "År", "en": "Year"},
    "suppressed": {"fi": "salattu", "sv": "skyddad", "en": "suppressed"},
    "not_available": {"fi": "ei tietoa", "sv": "uppgift saknas", "en": "not available"},
    "share_axis": {"fi": "Osuus perheistä, %", "sv": "Andel av familjerna, %", "en": "Share of families, %"},
    "share": {"fi": "Osuus, %", "sv": "Andel, %", "en": "Share, %"},
    "families": {"fi": "Perheitä", "sv": "Familjer", "en": "Families"},
    "families_with": {"fi": "Perheitä, joilla ilmiö", "sv": "Familjer med fenomenet", "en": "Families with it"},
    "denominator_families": {"fi": "Perheitä (nimittäjä)", "sv": "Familjer (nämnare)", "en": "Families (denominator)"},
    "indicator": {"fi": "Indikaattori", "sv": "Indikator", "en": "Indicator"},
    "group": {"fi": "Hyvinvointiryhmä", "sv": "Välfärdsgrupp", "en": "Wellbeing group"},
    "family_type": {"fi": "Perhetyyppi", "sv": "Familjetyp", "en": "Family type"},
    "rank": {"fi": "Sija", "sv": "Plats", "en": "Rank"},
    "postcode": {"fi": "Postinumero", "sv": "Postnummer", "en": "Postcode"},
    "postcode_name": {"fi": "Postinumeroalue", "sv": "Postnummerområde", "en": "Postcode area"},
    "municipality": {"fi": "Kunta", "sv": "Kommun", "en": "Municipality"},
    "chart_data": {
        "fi": "Kuvion tiedot taulukkona",
        "sv": "Diagrammets data som tabell",
        "en": "The chart's data as a table",
    },
    # Sections
    "key_figures": {"fi": "Perustiedot", "sv": "Grunduppgifter", "en": "Key figures"},
    "families_with_children": {"fi": "Lapsiperheitä", "sv": "Barnfamiljer", "en": "Families with children"},
    "children": {"fi": "Lapsia (alle 18 v.)", "sv": "Barn (under 18 år)", "en": "Children (under 18)"},
    "mean_children_per_family": {"fi": "Lapsia perhettä kohden", "sv": "Barn per familj", "en": "Children per family"},
    "mean_moves_youngest_child": {
        "fi": "Nuorimman lapsen muuttoja (3 v.), keskim.",
        "sv": "Yngsta barnets flyttningar (3 år), medeltal",
        "en": "Moves of the youngest child (3 years), mean",
    },
    "indicators_title": {
        "fi": "Yksitoista indikaattoria vuonna {year}",
        "sv": "Elva indikatorer år {year}",
        "en": "The eleven indicators in {year}",
    },
    "indicators_intro": {
        "fi": "Osuus alueen lapsiperheistä, joilla ilmiö on, verrattuna koko tutkimusalueeseen.",
        "sv": "Andelen av områdets barnfamiljer som har fenomenet, jämfört med hela undersökningsområdet.",
        "en": "Share of the area's families with children that have the phenomenon, against the study area.",
    },
    "trends_title": {"fi": "Kehitys {first}–{last}", "sv": "Utveckling {first}–{last}", "en": "Trend {first}–{last}"},
    "trends_intro": {
        "fi": "Kunkin indikaattorin osuus vuosittain. Salattu vuosi näkyy katkona ja merkittynä raitana.",
        "sv": "Varje indikators andel per år. Ett skyddat år visas som ett avbrott med ett markerat band.",
        "en": "Each indicator's share per year. A suppressed year shows as a gap with a marked band.",
    },
    "groups_title": {
        "fi": "Hyvinvointiryhmät vuonna {year}",
        "sv": "Välfärdsgrupper år {year}",
        "en": "Wellbeing groups in {year}",
    },
    "groups_intro": {
        "fi": "Jokainen perhe kuuluu yhteen kymmenestä ryhmästä; osuus alueen lapsiperheistä.",
        "sv": "Varje familj hör till en av tio grupper; andel av områdets barnfamiljer.",
        "en": "Every family is in one of ten groups; share of the area's families with children.",
    },
    "family_types_title": {
        "fi": "Kymmenen yleisintä perhetyyppiä vuonna {year}",
        "sv": "De tio vanligaste familjetyperna år {year}",
        "en": "The ten most common family types in {year}",
    },
    "family_types_intro": {
        "fi": "Yleisimmät julkaistut perhetyypit perheiden määrän mukaan; osuus alueen lapsiperheistä.",
        "sv": "De vanligaste publicerade familjetyperna efter antalet familjer; andel av områdets barnfamiljer.",
        "en": "The most common published family types by number of families; share of the area's families.",
    },
    "family_types_few": {
        "fi": "Vain {count} perhetyypin luku on julkaistu.",
        "sv": "Endast {count} familjetyper har publicerade tal.",
        "en": "Only {count} family types have published numbers.",
    },
    "postcodes_title": {
        "fi": "Postinumeroalueet vuonna {year}",
        "sv": "Postnummerområden år {year}",
        "en": "Postcode areas in {year}",
    },
    "postcodes_intro": {
        "fi": "Alueet järjestettynä osuuden mukaan, suurin ylimpänä; salatut alueet alimpana.",
        "sv": "Områdena ordnade efter andel, störst överst; skyddade områden nederst.",
        "en": "Areas ranked by share, largest at the top; suppressed areas at the bottom.",
    },
    "postcodes_none": {
        "fi": "Alueella ei ole postinumeroalueita julkaisussa.",
        "sv": "Området har inga postnummerområden i publiceringen.",
        "en": "The area has no postcode areas in the publication.",
    },
    "postcode_indicators_chart": {
        "fi": "Postinumeroalueet indikaattoreittain",
        "sv": "Postnummerområden per indikator",
        "en": "Postcode areas by indicator",
    },
    "postcode_groups_chart": {
        "fi": "Postinumeroalueet hyvinvointiryhmittäin",
        "sv": "Postnummerområden per välfärdsgrupp",
        "en": "Postcode areas by wellbeing group",
    },
    "postcode_indicators_table": {
        "fi": "Indikaattorit postinumeroalueittain (osuus, %)",
        "sv": "Indikatorer per postnummerområde (andel, %)",
        "en": "Indicators by postcode area (share, %)",
    },
    "postcode_groups_table": {
        "fi": "Hyvinvointiryhmät postinumeroalueittain (osuus, %)",
        "sv": "Välfärdsgrupper per postnummerområde (andel, %)",
        "en": "Wellbeing groups by postcode area (share, %)",
    },
    "definitions_title": {"fi": "Määritelmät", "sv": "Definitioner", "en": "Definitions"},
    "group_definitions": {"fi": "Hyvinvointiryhmät", "sv": "Välfärdsgrupper", "en": "Wellbeing groups"},
    "definition": {"fi": "Määritelmä", "sv": "Definition", "en": "Definition"},
    "numerator": {"fi": "Osoittaja", "sv": "Täljare", "en": "Numerator"},
    "denominator": {"fi": "Nimittäjä", "sv": "Nämnare", "en": "Denominator"},
    "time_window": {"fi": "Aikajakso", "sv": "Tidsperiod", "en": "Time window"},
    "sources": {"fi": "Lähteet", "sv": "Källor", "en": "Sources"},
    "limitations": {"fi": "Rajoitukset", "sv": "Begränsningar", "en": "Limitations"},
    "suppression_rule": {"fi": "Tietosuoja", "sv": "Röjandeskydd", "en": "Suppression"},
    "suppression_title": {
        "fi": "Salattujen lukujen lukeminen",
        "sv": "Så läser du skyddade tal",
        "en": "How to read suppression",
    },
    "suppression_text": {
        "fi": "Jotta yhtäkään perhettä ei voi tunnistaa, pienet luvut ja luvut, joista pieni luku voitaisiin "
        "laskea, on salattu. Salattu luku ei ole nolla eikä puuttuva tieto: se on olemassa, mutta sitä ei "
        "julkaista. Taulukoissa salattu luku on merkitty sanalla ”salattu”; kuvioissa salattu arvo on "
        "katko, jonka kohdalla on harmaa vinoviivoitettu merkki. Salattuja lukuja ei voi päätellä "
        "laskemalla yhteen tai vähentämällä muita lukuja, eikä kunnan lukua pidä laskea "
        "postinumeroalueista.",
        "sv": "För att ingen familj ska kunna identifieras är små tal, och tal ur vilka ett litet tal kunde "
        "räknas fram, skyddade. Ett skyddat tal är varken noll eller en saknad uppgift: det finns men "
        "publiceras inte. I tabellerna står ordet ”skyddad” i stället för talet; i diagrammen är ett "
        "skyddat värde ett avbrott med en grå, snett streckad markering. Skyddade tal kan inte räknas ut "
        "genom att addera eller subtrahera andra tal, och kommunens tal ska inte summeras ur "
        "postnummerområdena.",
        "en": "So that no family can be identified, small numbers, and numbers from which a small one could be "
        "worked out, are suppressed. A suppressed value is neither zero nor missing data: it exists but is "
        "not published. Tables show the word “suppressed” in its place; charts show a gap with a grey "
        "hatched marker. Suppressed values cannot be worked out by adding or subtracting others, and a "
        "municipality's value must not be summed from its postcode areas.",
    },
    "legend_value": {"fi": "julkaistu arvo", "sv": "publicerat värde", "en": "published value"},
    "all_suppressed": {
        "fi": "Kaikki tämän alueen luvut on salattu: julkaisussa ei ole yhtään alueen lukua, joka voitaisiin "
        "näyttää. Koko tutkimusalueen luvut näytetään vertailuna.",
        "sv": "Alla tal för detta område är skyddade: publiceringen har inget tal för området som kan visas. "
        "Talen för hela undersökningsområdet visas som jämförelse.",
        "en": "Every value of this area is suppressed: the publication has no value of the area that can be "
        "shown. The study area's values are shown for comparison.",
    },
    "source_note": {
        "fi": "Lähde: LEA-julkaisu (salatut taulukot), {file}. Luvut vuosilta {first}–{last}.",
        "sv": "Källa: LEA-publiceringen (skyddade tabeller), {file}. Tal för åren {first}–{last}.",
        "en": "Source: the LEA publication (suppressed tables), {file}. Values for {first}–{last}.",
    },
}


def text(key: str, language: str, **values: object) -> str:
    template = TEXTS[key][language]
    return template.format(**values) if values else template


def format_number(value: float, language: str, decimals: int = 0) -> str:
    """1234.5 -> '1 234,5' (fi, sv; no-break space) or '1,234.5' (en)."""
    formatted = f"{value:,.{decimals}f}"
    if language in ("fi", "sv"):
        formatted = formatted.replace(",", NBSP).replace(".", ",")
    return formatted


def format_percent(value: float, language: str, decimals: int = 1) -> str:
    """10.2 -> '10,2 %' (fi, sv; no-break space before %) or '10.2%' (en)."""
    number = format_number(value, language, decimals)
    return f"{number}{NBSP}%" if language in ("fi", "sv") else f"{number}%"


def format_tick(value: float, language: str) -> str:
    """An axis tick: as short as it can be, in the language's decimal sign."""
    formatted = f"{value:g}"
    return formatted.replace(".", ",") if language in ("fi", "sv") else formatted


def parse_number(shown: str, language: str) -> float:
    """The inverse of format_number / format_percent (tests read the pages back with it)."""
    cleaned = shown.replace(NBSP, "").replace(" ", "").rstrip("%")
    cleaned = cleaned.replace(",", ".") if language in ("fi", "sv") else cleaned.replace(",", "")
    return float(cleaned)
