"""Columns of indicator-list tables (IKU, IKI): text roles by header variant, number columns
by their measure word, year and quarter (DOMAIN.md section 7, header-synonym sets)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.model import Measure, Period, RawTable
from pipeline.normalize.folded_cells import is_value_line
from pipeline.normalize.headers import Role, map_columns
from pipeline.normalize.numbers import NumberFormat, column_formats
from pipeline.normalize.quarters import QUARTER, quarter_number
from pipeline.normalize.text import key

# --------------------------------------------------------------------------------------------
# Header variants (data): text columns of IKU/IKI tables, matched by headers.map_columns
# --------------------------------------------------------------------------------------------

TEXT_ROLES = (
    Role("no", ("no", "no.", "nomor", "nomor urut")),
    Role("tujuan", ("tujuan",)),
    Role("tujuan_indicator", ("indikator tujuan",)),
    Role("name", ("sasaran strategis", "tujuan sasaran strategis", "sasaran", "kinerja",
                  "kinerja utama", "sasaran kinerja utama", "sasaran kinerja")),
    Role("indicator", ("indikator kinerja", "indikator kinerja utama", "indikator",
                       "indikator kinerja individu", "indikator sasaran")),
    Role("unit", ("satuan", "sat")),
    Role("formula", ("metode formulasi perhitungan", "penjelasan formulasi perhitungan",
                     "formula perhitungan", "formulasi perhitungan",
                     "penjelasan formulasi penghitungan", "metode perhitungan",
                     "cara perhitungan")),
    Role("data_source", ("sumber data",)),
    Role("responsible", ("penanggung jawab", "pd penanggung jawab", "unit pd penanggung jawab")),
)
# columns holding one value per indicator; the others (no, tujuan, name) hold one per row
PER_INDICATOR_ROLES = ("indicator", "unit", "formula", "data_source", "responsible")
NO_LABEL = "No"

# measure words of number-column headers; the one printed last wins
# ("Realisasi Kinerja pada Triwulan / Target TW I" is a target)
MEASURE_WORDS = (("target", Measure.TARGET), ("realisasi", Measure.REALISASI),
                 ("capaian", Measure.CAPAIAN), ("pencapaian", Measure.CAPAIAN))

# a year in a header: "Realisasi 2023", "Target 2024", "TARGET TAHUN 2023"; not "20231"
YEAR_RE = re.compile(r"""(?<!\d) (?P<year>(?:19|20)\d{2}) (?!\d)""", re.VERBOSE)
# a quarter inside a header: "Triwulan I", "Target TW I", "TW 2"; not "Triwulan Tahun 2024"
HEADER_QUARTER_RE = re.compile(rf"""(?<![A-Za-z]) {QUARTER}""", re.VERBOSE | re.IGNORECASE)
# a printed row number: "1", "12", "3.", "2)"
ROW_NO_RE = re.compile(r"""^\s* (?P<no>\d{1,3}) [.)]? \s*$""", re.VERBOSE)


@dataclass(frozen=True)
class MeasureColumn:
    """A number column: what its cells measure, for which year and period."""

    index: int
    measure: Measure
    year: int | None
    period: Period
    fmt: NumberFormat = NumberFormat.INDONESIAN  # NUM-02: decided per column from its cells


@dataclass(frozen=True)
class Columns:
    """Where a table keeps what: text roles and number columns."""

    text: dict[str, int]  # role name -> column index
    measures: tuple[MeasureColumn, ...]
    no_numbers_name: bool  # the No column sits under the name's header: it numbers the name


def measure_word(label: str) -> Measure | None:
    """The measure word printed last in a header label: "Realisasi 2023" -> realisasi."""
    words = key(label).split()
    found = [(i, m) for i, w in enumerate(words) for word, m in MEASURE_WORDS if w == word]
    return max(found)[1] if found else None


def header_year(label: str) -> int | None:
    """The last year printed in a header label: "Target 2024" -> 2024."""
    years = YEAR_RE.findall(label)
    return int(years[-1]) if years else None


def header_quarter(label: str) -> int | None:
    """The quarter named in a header label: "Triwulan III" -> 3, "Target TW I" -> 1."""
    match = HEADER_QUARTER_RE.search(label)
    return quarter_number(match["q"]) if match else None


# a quarter word whatever its numeral reads: OCR turns `I` into `|`, `l` or `1`
QUARTER_WORD_RE = re.compile(r"""(?<![A-Za-z]) (?:T\s?W|Trw|Tri[bw]ulan) \b""",
                             re.VERBOSE | re.IGNORECASE)


def quarters_in_order(columns: Sequence[str]) -> dict[int, int]:
    """Four side-by-side quarter columns are I to IV in print order: where their numerals do
    not read as four different quarters (OCR reads `Triwulan II` and `Triwulan III` both as
    `Triwulan ll`), the order decides."""
    found = [j for j, label in enumerate(columns) if QUARTER_WORD_RE.search(label)]
    if len(found) != 4 or found != list(range(found[0], found[0] + 4)):
        return {}
    if sorted(q or 0 for q in (header_quarter(columns[j]) for j in found)) == [1, 2, 3, 4]:
        return {}  # the numerals read: they decide, whatever the order
    return {j: q for q, j in enumerate(found, start=1)}


def measure_columns(columns: Sequence[str], fiscal_year: int | None) -> tuple[MeasureColumn, ...]:
    """Number columns from their labels. A quarter column without a measure word is a target
    ("Triwulan I" beside "Target 2023"); without a year it takes the year of the table's other
    number columns, else the document's."""
    quarters = quarters_in_order(columns)
    parsed = [(j, measure_word(label), header_year(label), quarters.get(j, header_quarter(label)))
              for j, label in enumerate(columns)]
    years = [year for _, measure, year, _ in parsed if measure is not None and year is not None]
    table_year = years[-1] if years else fiscal_year
    out = []
    for j, measure, year, quarter in parsed:
        if measure is None and quarter is None:
            continue
        period = Period(f"tw{quarter}") if quarter else Period.YEAR
        out.append(MeasureColumn(j, measure or Measure.TARGET, year or table_year, period))
    return tuple(out)


def column_texts(table: RawTable, j: int) -> list[str]:
    """The texts of a body column, merged slots left out."""
    return [cell.text for row in table.rows if j < len(row) and (cell := row[j]) is not None]


def number_column_labels(table: RawTable) -> tuple[str, ...]:
    """Column labels with a row-number column under a shared (or no) header renamed "No": the
    Gresik "KINERJA" header spans the printed 1, 2, 3 and the kinerja text."""
    labels = list(table.columns)
    for j in range(len(labels) - 1):
        # under one header; or, in a table without rules, the numbers' column left unlabelled
        # because the header centred over both is printed over the text column only
        if labels[j] != labels[j + 1] and "" not in (labels[j], labels[j + 1]):
            continue
        for side in (j, j + 1):
            texts = [t for t in column_texts(table, side) if t.strip()]
            if texts and all(ROW_NO_RE.match(t) for t in texts):
                labels[side] = NO_LABEL
                break
    return tuple(labels)


def holds_numbers(texts: Sequence[str]) -> bool:
    """Whether a column headed like a number column holds numbers: at least half its lines are
    values ("0,24 %", "-", "1.118"); a header misread over a text column ("Realisasi /
    Definisi Operasional") does not. An empty column keeps its header's word."""
    lines = [line for text in texts for line in text.split("\n") if line.strip()]
    return 2 * sum(1 for line in lines if is_value_line(line)) >= len(lines)


LABEL_SEPARATOR = " / "
# a last header part under at least this many columns and this share of the labelled ones is
# a spanning body row; a group header sits above its columns, not under them ("Realisasi /
# 2015", "Realisasi / 2016" share their first part)
MIN_SPANNED_COLUMNS = 3
SPANNED_SHARE = 2 / 3


def without_spanning_row(labels: Sequence[str]) -> tuple[str, ...]:
    """Labels without a last header part printed under most columns: a body row spanning the
    table ("Misi Pertama : Meningkatkan daya saing ...", Disperindag Jabar Tabel 3.2, under
    all columns but "Sumber / data") taken into the header would make every label match every
    role."""
    parts = [label.split(LABEL_SEPARATOR) if label.strip() else [] for label in labels]
    lasts = Counter(p[-1] for p in parts if p)
    if not lasts:
        return tuple(labels)
    spanning, count = lasts.most_common(1)[0]
    if count < MIN_SPANNED_COLUMNS or count < SPANNED_SHARE * sum(lasts.values()):
        return tuple(labels)
    return tuple(LABEL_SEPARATOR.join(p[:-1]) if p and p[-1] == spanning else label
                 for p, label in zip(parts, labels, strict=True))


def labels_over_cells(table: RawTable, labels: Sequence[str]) -> tuple[str, ...]:
    """A label over grid columns that hold no cell (slots covered by the cell to their left)
    moves to the nearest unlabelled column on its left that holds cells: a header cell centred
    over a merged body cell ("Capaian Kinerja (%)" over three grid columns, Disperindag Jabar
    Tabel 3.2) labels a grid column the body never uses."""
    out = list(labels)
    for j, label in enumerate(labels):
        if not label.strip() or column_texts(table, j) or not table.rows:
            continue
        k = j - 1
        while k >= 0 and not out[k].strip() and not column_texts(table, k):
            k -= 1
        if k >= 0 and not out[k].strip():
            out[k], out[j] = label, ""
    return tuple(out)


def map_table_columns(table: RawTable, fiscal_year: int | None) -> Columns:
    """Number columns by their labels, then text roles by header variant among the others."""
    labels = labels_over_cells(table, without_spanning_row(number_column_labels(table)))
    numbered = [m for m in measure_columns(labels, fiscal_year)
                if holds_numbers(column_texts(table, m.index))]
    formats = column_formats((column_texts(table, m.index) for m in numbered), ocr=table.ocr)
    measures = tuple(replace(m, fmt=fmt) for m, fmt in zip(numbered, formats, strict=True))
    measure_idx = {m.index for m in measures}
    text_labels = [("" if j in measure_idx else label) for j, label in enumerate(labels)]
    text = map_columns(text_labels, TEXT_ROLES)
    no = text.get("no")
    shared = no is not None and labels[no] == NO_LABEL and table.columns[no] != NO_LABEL
    return Columns(text, measures, shared)
