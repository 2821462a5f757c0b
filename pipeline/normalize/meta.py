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


# A whole LKjIP/LKIP report: many pages of prose (chapters I-IV between the capaian tables);
# the longest lampiran seen (Tangerang Selatan E.81, 17 pages) has none
LKJIP_MIN_PROSE_PAGES = 20
# characters of text outside tables that make a page prose (a table page with a title and a
# page footer has about 200-400)
PROSE_PAGE_CHARS = 1000
# the report names itself near its start ("LAPORAN KINERJA INSTANSI PEMERINTAH (LKIP)" on the
# cover, or "Laporan Kinerja ..." in chapter I when the cover is an image)
LKJIP_TITLE = re.compile(r"""laporan \s+ (?:akuntabilitas \s+)? kinerja | \b LA?K[Jj]?IP \b""",
                         re.VERBOSE | re.IGNORECASE)
LKJIP_TITLE_PAGES = 10


def is_lkjip(pages: Sequence[PageText]) -> bool:
    """A whole LKjIP report: more than LKJIP_MIN_PROSE_PAGES pages of prose and its title
    ("Laporan Kinerja", "LKIP", "LAKIP", "LKjIP") within the first pages."""
    prose = sum(1 for p in pages if len(p.free_text) >= PROSE_PAGE_CHARS)
    titled = any(LKJIP_TITLE.search(p.text) for p in pages[:LKJIP_TITLE_PAGES])
    return prose > LKJIP_MIN_PROSE_PAGES and titled


def main_type(indicators: Sequence[IndicatorRecord], table_types: Sequence[TableType],
              pages: Sequence[PageText] = ()) -> TableType:
    """`lkjip` for a whole LKjIP report (`is_lkjip`, when the pages are given); else the type
    of the table that holds most indicator rows (a Monev bundle is its E.81)."""
    if is_lkjip(pages):
        return TableType.LKJIP
    counts = Counter(i.table_type for i in indicators if i.level is None or i.level.value != "summary")
    if not counts:
        known = [t for t in table_types if t is not TableType.UNKNOWN]
        return known[0] if known else TableType.UNKNOWN
    best = max(counts.values())
    return next(t for t in MAIN_TYPE_ORDER if counts.get(t) == best)
