"""Document fields (SCHEMA.md documents): organization, region, fiscal year, period.

Read from the text outside tables (letterheads, titles, preambles) in page order: the first
occurrence wins, as the first page names the issuing office and the year.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from pipeline.model import IndicatorRecord, PageText, TableType
from pipeline.normalize.quarters import quarter_number

# `Kota Pasuruan`, `KABUPATEN GRESIK`, `Provinsi Kalimantan Timur`, `Kab. Gresik`; not the
# generic `Kabupaten/Kota`
REGION = re.compile(r"""\b(?P<kind>Kota|Kabupaten|Kab\.|Provinsi|Prov\.)[ \t]+
                        (?P<name>[A-Z][A-Za-z]+(?:[ \t]+[A-Z][A-Za-z]+){0,2})""",
                    re.VERBOSE | re.IGNORECASE)
REGION_KIND = {"kota": "Kota", "kabupaten": "Kabupaten", "kab.": "Kabupaten",
               "provinsi": "Provinsi", "prov.": "Provinsi"}
# words that end a region name (`KOTA PASURUAN TAHUN 2024`, `Kota Pasuruan Tribulan II`)
REGION_STOP = {"tahun", "tribulan", "triwulan", "nomor", "di", "pada", "dan", "yth"}
# the issuing office: `DINAS PERINDUSTRIAN DAN PERDAGANGAN`, `Dinas Perindustrian, Perdagangan,
# Koperasi, Usaha Kecil dan Menengah`, up to the region, the year or the end of the line
OFFICE = re.compile(r"""\b(?P<office>(?:Dinas|Badan|Inspektorat|Biro|Sekretariat|Kantor|Satuan)
                        \b[^\n:]*?)
                        (?=\s+(?:Kota|Kabupaten|Kab\.|Provinsi|Prov\.|Tahun|TAHUN)\b|\s*$|\s*\n)""",
                    re.VERBOSE | re.IGNORECASE | re.MULTILINE)
YEAR_AFTER_TAHUN = re.compile(r"\bTAHUN\s+(?P<year>(19|20)\d{2})\b", re.IGNORECASE)
BARE_YEAR = re.compile(r"\b(?P<year>20\d{2})\b")
PERIOD = re.compile(r"\b(?:Triwulan|Tribulan|TW)\.?\s+(?P<q>IV|I{1,3}|[1-4])\b", re.IGNORECASE)
SMALL_WORDS = {"dan", "di", "ke", "dari", "pada", "yang", "untuk", "serta", "atau"}
# table types in the order they make a bundle's main type on a tie
MAIN_TYPE_ORDER = (TableType.E81, TableType.LKJIP, TableType.IKU, TableType.RENCANA_AKSI,
                   TableType.PERJANJIAN_KINERJA, TableType.KERTAS_KERJA, TableType.IKI,
                   TableType.KESIMPULAN_RKPD, TableType.CAPAIAN_PROGRAM)


def title_case(text: str) -> str:
    """`DINAS PERINDUSTRIAN DAN PERDAGANGAN` -> `Dinas Perindustrian dan Perdagangan`;
    mixed-case text is kept as printed."""
    if text != text.upper():
        return text
    words = text.split()
    return " ".join(w.lower() if n and w.lower() in SMALL_WORDS else w.capitalize()
                    for n, w in enumerate(words))


def find_region(text: str) -> str | None:
    for match in REGION.finditer(text):
        words = []
        for word in match["name"].split():
            if word.lower() in REGION_STOP:
                break
            words.append(word)
        if words:
            return f"{REGION_KIND[match['kind'].lower()]} {title_case(' '.join(words)).title()}"
    return None


# a title line broken after a conjunction or comma goes on in the next line
DANGLING_BREAK = re.compile(r"(\b(?:dan|serta)|,)[ \t]*\n", re.IGNORECASE)


def find_organization(text: str) -> str | None:
    for match in OFFICE.finditer(DANGLING_BREAK.sub(r"\1 ", text)):
        office = " ".join(match["office"].split()).rstrip(",. ")
        if len(office.split()) >= 2:
            return title_case(office)
    return None


def find_year(text: str) -> int | None:
    match = YEAR_AFTER_TAHUN.search(text) or BARE_YEAR.search(text)
    return int(match["year"]) if match else None


def find_period(text: str) -> str | None:
    match = PERIOD.search(text)
    return f"tw{quarter_number(match['q'])}" if match else None


def free_text(pages: Sequence[PageText]) -> str:
    return "\n".join(p.free_text for p in pages)


def main_type(indicators: Sequence[IndicatorRecord], table_types: Sequence[TableType]) -> TableType:
    """The type of the table that holds most indicator rows (a Monev bundle is its E.81)."""
    counts = Counter(i.table_type for i in indicators if i.level is None or i.level.value != "summary")
    if not counts:
        known = [t for t in table_types if t is not TableType.UNKNOWN]
        return known[0] if known else TableType.UNKNOWN
    best = max(counts.values())
    return next(t for t in MAIN_TYPE_ORDER if counts.get(t) == best)
