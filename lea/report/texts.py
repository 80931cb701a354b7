"""Every text of the report's user interface in Finnish, Swedish and English, and number
formats per language (decimal comma and a no-break space between thousands in Finnish and
Swedish; decimal point and a comma between thousands in English)."""

from __future__ import annotations

from decimal import Decimal

# A number the report prints: a count, a mean, or a share (an exact decimal since issue 25).
Printable = int | float | Decimal

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
    # The axis of a chart of the indicators: one of them (no_ecec) has another denominator.
    "indicator_axis": {
        "fi": "Osuus lapsiperheistä, % ({name}: perheistä, joissa on 3–5-vuotias lapsi)",
        "sv": "Andel av barnfamiljerna, % ({name}: av familjer med ett barn i åldern 3–5 år)",
        "en": "Share of families with children, % ({name}: of families with a child aged 3–5)",
    },
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
    "postcodes_strip_intro": {
        "fi": "Yksi kuva kutakin kuntaa kohden: jokainen piste on kunnan postinumeroalue, musta viiva kunnan oma "
        "taso. Salattujen alueiden määrä on rivin alussa viivoitetun neliön vieressä. Alueiden nimet ovat "
        "taulukoissa ja kuntien omilla sivuilla.",
        "sv": "En bild per kommun: varje punkt är ett postnummerområde i kommunen, det svarta strecket kommunens "
        "egen nivå. Antalet skyddade områden står vid den streckade rutan i radens början. Områdenas namn finns "
        "i tabellerna och på kommunernas egna sidor.",
        "en": "One panel per municipality: each dot is one of its postcode areas, the black bar the municipality's "
        "own level. The number of suppressed areas is beside the hatched square at the start of the row. The "
        "areas' names are in the tables and on the municipalities' own pages.",
    },
    "strip_point": {"fi": "postinumeroalue", "sv": "postnummerområde", "en": "postcode area"},
    "strip_level": {"fi": "kunnan taso", "sv": "kommunens nivå", "en": "municipality's level"},
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
    # Issue 25: provenance, comparisons, summary, the whole publication, plain language.
    "contents": {"fi": "Sisällys", "sv": "Innehåll", "en": "Contents"},
    "and": {"fi": "ja", "sv": "och", "en": "and"},
    "synthetic_banner": {
        "fi": "Synteettinen aineisto: luvut on laskettu keinotekoisista rekistereistä (siemenluku {seed}). "
        "Ne kuvaavat testiaineiston tuottajaa, eivät todellisia perheitä.",
        "sv": "Syntetiska data: talen är beräknade ur konstgjorda register (slumpfrö {seed}). "
        "De beskriver testdatagenereringen, inte verkliga familjer.",
        "en": "Synthetic data: the numbers come from artificial registers (seed {seed}). "
        "They describe the test-data generator, not real families.",
    },
    "provenance_title": {"fi": "Tietojen alkuperä", "sv": "Uppgifternas ursprung", "en": "Where the numbers come from"},
    "provenance_built": {
        "fi": "Julkaisu muodostettu {built} (LEA {version}, versio {commit}).",
        "sv": "Publiceringen skapad {built} (LEA {version}, version {commit}).",
        "en": "Publication built {built} (LEA {version}, commit {commit}).",
    },
    "provenance_uncommitted": {
        "fi": "tallentamattomin muutoksin",
        "sv": "med osparade ändringar",
        "en": "with uncommitted changes",
    },
    "provenance_unknown": {"fi": "ei tiedossa", "sv": "okänd", "en": "unknown"},
    "provenance_synthetic": {
        "fi": "Aineisto: synteettiset rekisterit (siemenluku {seed}).",
        "sv": "Data: syntetiska register (slumpfrö {seed}).",
        "en": "Data: synthetic registers (seed {seed}).",
    },
    "provenance_partly_synthetic": {
        "fi": "Aineisto: osa rekistereistä synteettisiä.",
        "sv": "Data: en del av registren är syntetiska.",
        "en": "Data: some of the registers are synthetic.",
    },
    "provenance_landing": {
        "fi": "Aineisto: rekisteripoiminnat, {files} tiedostoa, SHA-256-tiiviste {sha}.",
        "sv": "Data: registerutdrag, {files} filer, SHA-256-kontrollsumma {sha}.",
        "en": "Data: register extracts, {files} files, SHA-256 summary {sha}.",
    },
    "provenance_not_landed": {
        "fi": "Aineisto: testiajo ilman rekisteritiedostoja.",
        "sv": "Data: testkörning utan registerfiler.",
        "en": "Data: a test build without register files.",
    },
    "provenance_rules": {
        "fi": "Vuodet {first}–{last}. Tietosuoja: alle {min_cell} perheen luvut ja alle {min_area} lapsiperheen "
        "postinumeroalueet salataan.",
        "sv": "Åren {first}–{last}. Röjandeskydd: tal under {min_cell} familjer och postnummerområden med färre än "
        "{min_area} barnfamiljer skyddas.",
        "en": "Years {first}–{last}. Disclosure control: counts under {min_cell} families and postcode areas with fewer "
        "than {min_area} families with children are suppressed.",
    },
    "provenance_missing": {
        "fi": "Julkaisussa ei ole alkuperätietoja (publication_info puuttuu).",
        "sv": "Publiceringen saknar uppgifter om ursprunget.",
        "en": "The publication says nothing about its origin (no publication_info).",
    },
    "summary_title": {"fi": "Tiivistelmä", "sv": "Sammanfattning", "en": "Summary"},
    "summary_families": {
        "fi": "{name}: {families} lapsiperhettä ja {children} alle 18-vuotiasta lasta vuonna {year}.",
        "sv": "{name}: {families} barnfamiljer och {children} barn under 18 år år {year}.",
        "en": "{name}: {families} families with children and {children} children under 18 in {year}.",
    },
    "summary_versus_study": {
        "fi": "Eniten koko tutkimusalueesta poikkeavat vuonna {year} {items}.",
        "sv": "Mest avviker från hela undersökningsområdet år {year} {items}.",
        "en": "Most different from the study area in {year}: {items}.",
    },
    "summary_item_versus": {
        "fi": "{indicator} ({share}, koko alue {other}, {points})",
        "sv": "{indicator} ({share}, hela området {other}, {points})",
        "en": "{indicator} ({share}, study area {other}, {points})",
    },
    "summary_change": {
        "fi": "Eniten muuttuivat vuodesta {first} vuoteen {last} {items}.",
        "sv": "Mest förändrades från {first} till {last} {items}.",
        "en": "Largest changes from {first} to {last}: {items}.",
    },
    "summary_item_change": {
        "fi": "{indicator} ({first} → {last}, {points})",
        "sv": "{indicator} ({first} → {last}, {points})",
        "en": "{indicator} ({first} → {last}, {points})",
    },
    "summary_none": {
        "fi": "Alueelta ei ole julkaistu lukuja, joista tiivistelmän voisi kirjoittaa.",
        "sv": "För området har inga tal publicerats som en sammanfattning kunde skrivas ur.",
        "en": "The area has no published numbers to write a summary from.",
    },
    "points_unit": {"fi": "%-yks.", "sv": "procentenheter", "en": "percentage points"},
    "comparison_title": {
        "fi": "Kunnat rinnakkain vuonna {year}",
        "sv": "Kommunerna sida vid sida år {year}",
        "en": "The municipalities side by side in {year}",
    },
    "comparison_intro": {
        "fi": "Kunkin indikaattorin osuus kunnittain ja koko tutkimusalueella sekä muutos vuodesta {first} "
        "prosenttiyksikköinä.",
        "sv": "Varje indikators andel per kommun och i hela undersökningsområdet samt förändringen sedan {first} "
        "i procentenheter.",
        "en": "Each indicator's share per municipality and in the whole study area, and its change since {first} "
        "in percentage points.",
    },
    "comparison_table": {
        "fi": "Osuus {year} ja muutos {first}–{year} (%-yks.)",
        "sv": "Andel {year} och förändring {first}–{year} (procentenheter)",
        "en": "Share {year} and change {first}–{year} (percentage points)",
    },
    "change_short": {"fi": "muutos", "sv": "ändring", "en": "change"},  # a narrow column
    "dots_share": {"fi": "Osuus {year}, %", "sv": "Andel {year}, %", "en": "Share {year}, %"},
    "dots_change": {
        "fi": "Muutos {first}–{last}, %-yks.",
        "sv": "Förändring {first}–{last}, procentenheter",
        "en": "Change {first}–{last}, percentage points",
    },
    "profile_title": {
        "fi": "Perheet rakenteen, nuorimman lapsen iän ja lapsiluvun mukaan {year}",
        "sv": "Familjerna efter struktur, yngsta barnets ålder och antal barn {year}",
        "en": "Families by structure, age of the youngest child and number of children, {year}",
    },
    "profile_intro": {
        "fi": "Osuus alueen kaikista lapsiperheistä.",
        "sv": "Andel av alla barnfamiljer i området.",
        "en": "Share of all the area's families with children.",
    },
    "breakdown_structure": {"fi": "Perherakenne", "sv": "Familjestruktur", "en": "Family structure"},
    "breakdown_youngest_child_age": {
        "fi": "Nuorimman lapsen ikä",
        "sv": "Yngsta barnets ålder",
        "en": "Age of the youngest child",
    },
    "breakdown_children": {"fi": "Lapsia perheessä", "sv": "Barn i familjen", "en": "Children in the family"},
    "all_types_title": {
        "fi": "Kaikki perhetyypit rakenteen mukaan {year}",
        "sv": "Alla familjetyper efter struktur {year}",
        "en": "All family types by structure, {year}",
    },
    "all_types_intro": {
        "fi": "Jokainen perhe kuuluu yhteen tyyppiin; tyypit on ryhmitelty perherakenteen mukaan ja järjestetty "
        "koko tutkimusalueen yleisyyden mukaan.",
        "sv": "Varje familj hör till en typ; typerna är grupperade efter familjestruktur och ordnade efter hur vanliga "
        "de är i hela undersökningsområdet.",
        "en": "Every family is of one type; the types are grouped by family structure and ordered by how common they "
        "are in the whole study area.",
    },
    "heat_title": {
        "fi": "Perhetyypit ja indikaattorit {year}",
        "sv": "Familjetyper och indikatorer {year}",
        "en": "Family types and indicators, {year}",
    },
    "heat_intro": {
        "fi": "Kunkin perhetyypin perheistä se osuus, jolla ilmiö on; mitä tummempi solu, sitä suurempi osuus. "
        "Mukana tyypit, joiden perheiden määrä on julkaistu.",
        "sv": "Andelen av varje familjetyps familjer som har fenomenet; ju mörkare cell, desto större andel. "
        "Med är de typer vars antal familjer är publicerat.",
        "en": "Of each family type's families, the share with the phenomenon; the darker the cell, the larger the "
        "share. Types whose number of families is published are shown.",
    },
    "heat_none": {
        "fi": "Minkään perhetyypin perheiden määrää ei ole julkaistu tällä alueella.",
        "sv": "Inget antal familjer för någon familjetyp är publicerat för området.",
        "en": "No family type's number of families is published for the area.",
    },
    "suppression_link": {"fi": "Miksi luku on salattu?", "sv": "Varför är ett tal skyddat?", "en": "Why suppressed?"},
    "postcode_families": {"fi": "Lapsiperheitä", "sv": "Barnfamiljer", "en": "Families with children"},
    "postcode_uncertain": {
        "fi": "* Alle {count} lapsiperhettä: osuudet ovat epävarmoja, sillä yksikin perhe muuttaa niitä paljon.",
        "sv": "* Färre än {count} barnfamiljer: andelarna är osäkra, eftersom redan en familj ändrar dem mycket.",
        "en": "* Fewer than {count} families with children: the shares are uncertain, one family moves them a lot.",
    },
    "postcode_reference": {
        "fi": "katkoviiva = {name}",
        "sv": "streckad linje = {name}",
        "en": "dashed line = {name}",
    },
}


def text(key: str, language: str, **values: object) -> str:
    template = TEXTS[key][language]
    return template.format(**values) if values else template


def format_number(value: Printable, language: str, decimals: int = 0) -> str:
    """1234.5 -> '1 234,5' (fi, sv; no-break space) or '1,234.5' (en)."""
    formatted = f"{value:,.{decimals}f}"
    if language in ("fi", "sv"):
        formatted = formatted.replace(",", NBSP).replace(".", ",")
    return formatted


def format_percent(value: Printable, language: str, decimals: int = 1) -> str:
    """10.2 -> '10,2 %' (fi, sv; no-break space before %) or '10.2%' (en)."""
    number = format_number(value, language, decimals)
    return f"{number}{NBSP}%" if language in ("fi", "sv") else f"{number}%"


def format_tick(value: float, language: str) -> str:
    """An axis tick: as short as it can be, in the language's decimal sign."""
    formatted = f"{value:g}"
    return formatted.replace(".", ",") if language in ("fi", "sv") else formatted


def format_points(value: Printable, language: str, unit: bool = True) -> str:
    """A change in percentage points with its sign: '+1,2 %-yks.', '−0,4 procentenheter', '+0.0 percentage points'."""
    negative = value < 0
    number = format_number(-value if negative else value, language, 1)
    sign = "−" if negative else "+"
    return f"{sign}{number}{NBSP}{text('points_unit', language)}" if unit else f"{sign}{number}"


def parse_number(shown: str, language: str) -> float:
    """The inverse of format_number / format_percent (tests read the pages back with it)."""
    cleaned = shown.replace(NBSP, "").replace(" ", "").replace("−", "-").rstrip("%")
    cleaned = cleaned.replace(",", ".") if language in ("fi", "sv") else cleaned.replace(",", "")
    return float(cleaned)
