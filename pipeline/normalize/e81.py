"""Form E.81 (Evaluasi terhadap hasil Renja Perangkat Daerah) -> indicators with measurements.

Rules: DOMAIN.md 1.2-1.6 and 5; columns are mapped by header text in `e81_columns`.

* A row with a code is a program / kegiatan / sub kegiatan (level and parent from the code,
  CODE-02); a row without a code in a table that has a code column is a sasaran row.
* A row without No, code and name but with an indicator (or numbers) is a further indicator
  of the row above: it inherits No, code, level and name (DOMAIN 5, seed 001 row 55).
  Tables ruled only between indicators fold such rows into the row above, each cell's lines
  joined by "\\n"; `unstack` splits them back so both shapes give the same indicators.
* Summary rows (Jumlah ..., Total Rata-Rata ..., Predikat Kinerja) become level `summary`.
  Their values are placed by the column printed above them; a money total printed under a
  K header (seed 001 prints three of four that way, DOMAIN 1.3) is the Rp measure of its group.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.model import (
    Cell, IndicatorRecord, Level, Measure, MeasurementRecord, RawTable, Source, TableType,
)
from pipeline.normalize.codes import parse_code
from pipeline.normalize.context import TableContext
from pipeline.normalize.e81_columns import E81Columns, Kind, NumberColumn, map_e81_columns
from pipeline.normalize.numbers import NumberFormat, detect_format, parse_number
from pipeline.normalize.polarity import polarity_of
from pipeline.normalize.text import fold, fold_or_none, key
from pipeline.normalize.units import normalize_unit

Row = tuple[Cell | None, ...]

# summary labels (text.key form): "Jumlah Anggaran dan Realisasi dari Seluruh Program",
# "Total Rata-Rata Capaian Kinerja dan Anggaran Seluruh Program (%)", "Rata-rata capaian
# kinerja (%)", "Predikat Kinerja", "Predikat kinerja dari seluruh program"
SUMMARY_LABEL = re.compile(r"""^(?:jumlah|total|rata\s?rata|predikat)\b""", re.VERBOSE)
PREDIKAT_LABEL = re.compile(r"""\bpredikat\b""", re.VERBOSE)
# narrative footer rows printed inside the grid (S3): "Faktor pendorong keberhasilan kinerja",
# "Tindak lanjut yang diperlukan dalam triwulan berikutnya", "Rekomendasi yang diperlukan ..."
FOOTER_LABEL = re.compile(r"""^(?:faktor|tindak\s lanjut|rekomendasi)\b""", re.VERBOSE)
# a money amount: "20.057.264.366", "Rp 5.499.715.177", "1.151.384.000,-" (not "2.080,00")
MONEY_TEXT = re.compile(
    r"""^\s* (?:Rp\.?\s*)? \d{1,3}(?:\.\d{3}){2,} (?:,-)? \s*$""", re.VERBOSE | re.IGNORECASE)
# a kode rekening printed at the start of the name cell (national layout, column 3):
#   "3.30.01 Program Penunjang Urusan ..." -> "3.30.01", "Program Penunjang Urusan ..."
LEADING_CODE = re.compile(r"""^\s*(?P<code>\d{1,2}(?:\.\d{1,4}){1,5})\s+(?P<rest>\S.*)$""",
                          re.VERBOSE | re.DOTALL)
# a word starting a new indicator line inside a folded cell ("Jumlah ...", "Persentase ...")
FIRST_WORD = re.compile(r"""^\W*(?P<word>\w+)""", re.VERBOSE)


@dataclass(frozen=True)
class Identity:
    """What a continuation row inherits from the row that holds its code."""

    row_no: str | None
    level: Level | None
    code: str | None
    parent_code: str | None
    name: str | None
    responsible: str | None


def text_at(row: Row, index: int | None) -> str:
    """The cell text in a slot; "" for a missing column, a covered slot or an empty cell."""
    if index is None or index >= len(row):
        return ""
    cell = row[index]
    return "" if cell is None else cell.text


def first_cell(row: Row) -> Cell | None:
    return next((c for c in row if c is not None), None)


# --------------------------------------------------------------------------------------------
# Folded rows (continuation lines joined into the row above)
# --------------------------------------------------------------------------------------------


def stack_depth(row: Row, columns: E81Columns) -> int:
    """How many indicators a row holds: the most lines in a number cell (numbers never wrap,
    names and a Satuan such as "Pelaku\nUsaha" may). On a row read by OCR two number cells
    must show them: one cell's extra line is a speck read under its number ("1.200.000\nN")."""
    depths = sorted((len(t.split("\n")) for c in columns.numbers
                     if (t := text_at(row, c.index).strip())), reverse=True)
    if not depths:
        return 1
    ocr = any(cell is not None and cell.source is Source.OCR for cell in row)
    return depths[1] if ocr and len(depths) > 1 else depths[0]


def split_lines(text: str, n: int) -> list[str]:
    """One line per indicator, top-aligned: `"5,00\\n20,00"` -> ["5,00", "20,00"];
    `"153.431.948.970"`, 2 -> ["153.431.948.970", ""]."""
    lines = text.split("\n")
    return (lines + [""] * n)[:n] if len(lines) <= n else [text] + [""] * (n - 1)


def split_indicators(text: str, n: int) -> list[str]:
    """Indicator names of a folded cell; a name wrapped over several lines stays whole when
    the new names start with the first name's first word, or else with a capital letter:
    `"Jumlah dokumen A\\nyang tersusun\\nJumlah dokumen B"`, 2 -> ["Jumlah dokumen A\\nyang
    tersusun", "Jumlah dokumen B"]. Names that cannot be told apart stay in the first."""
    lines = text.split("\n")
    if len(lines) <= n:
        return split_lines(text, n)
    first = FIRST_WORD.match(lines[0])
    same_word = [i for i, line in enumerate(lines) if i and first and
                 (m := FIRST_WORD.match(line)) and m["word"] == first["word"]]
    capital = [i for i, line in enumerate(lines) if i and line[:1].isupper()]
    starts = next((s for s in (same_word, capital) if len(s) == n - 1), None)
    if starts is None:
        return [text] + [""] * (n - 1)
    bounds = [0, *starts, len(lines)]
    return ["\n".join(lines[a:b]) for a, b in zip(bounds, bounds[1:])]


def split_units(text: str, n: int) -> list[str]:
    """One Satuan per indicator, or one wrapped Satuan repeated: `"Dokumen\nLaporan"`, 2 ->
    ["Dokumen", "Laporan"]; `"Pelaku\nUsaha\nPelaku\nUsaha"`, 2 -> ["Pelaku\nUsaha"] * 2."""
    lines = text.split("\n")
    return lines if len(lines) == n else split_repeated(text, n)


def split_repeated(text: str, n: int) -> list[str]:
    """A cell repeated for each indicator: `"Dinas X\\nDinas X"`, 2 -> ["Dinas X", "Dinas X"];
    anything else is one text for all (`"Dinas Perindustrian\\ndan Perdagangan"`)."""
    lines = text.split("\n")
    size = len(lines) // n
    chunks = ["\n".join(lines[i * size:(i + 1) * size]) for i in range(n)]
    if size and len(lines) % n == 0 and len(set(chunks)) == 1:
        return chunks
    return [text] * n


def _split_cell(text: str, n: int, index: int, columns: E81Columns) -> list[str]:
    identity = columns.identity
    if index == identity.get("indicator"):
        return split_indicators(text, n)
    if index == identity.get("responsible"):
        return split_repeated(text, n)
    if index == identity.get("unit"):
        return split_units(text, n)
    if columns.number_at(index) is not None:
        return split_lines(text, n)
    return [text] + [""] * (n - 1)  # No, code, name: printed once, for the first indicator


def unstack(row: Row, columns: E81Columns) -> list[Row]:
    """A row holding n folded indicators -> n rows, as if each had its own grid row."""
    n = stack_depth(row, columns)
    if n == 1:
        return [row]
    split = [None if cell is None else _split_cell(cell.text, n, j, columns)
             for j, cell in enumerate(row)]
    return [tuple(None if cell is None or parts is None else replace(cell, text=parts[i])
                  for cell, parts in zip(row, split)) for i in range(n)]


# --------------------------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------------------------


def measurement(cell: Cell, column: NumberColumn, measure: Measure,
                fmt: NumberFormat) -> MeasurementRecord:
    value = None if measure in (Measure.PREDIKAT, Measure.PREDIKAT_ANGGARAN) else (
        parse_number(cell.text, fmt).value)
    return MeasurementRecord(measure=measure, year=column.year, period=column.period,
                             value=value, raw_text=cell.text, page=cell.page, bbox=cell.bbox,
                             source=cell.source, confidence=cell.confidence)


def _filled(row: Row, column: NumberColumn) -> Cell | None:
    cell = row[column.index] if column.index < len(row) else None
    return cell if cell is not None and cell.text.strip() else None


def row_measurements(row: Row, columns: E81Columns,
                     fmt: NumberFormat) -> tuple[MeasurementRecord, ...]:
    """Every non-blank number cell (`-` included, value None), by its column's meaning."""
    return tuple(measurement(cell, c, c.measure, fmt) for c in columns.numbers
                 if (cell := _filled(row, c)) is not None)


def summary_measure(text: str, column: NumberColumn, predikat: bool) -> Measure:
    """Predikat rows hold labels; a money total under a K header is its group's Rp measure."""
    if predikat:
        return Measure.PREDIKAT_ANGGARAN if column.kind is Kind.RP else Measure.PREDIKAT
    return column.anggaran if MONEY_TEXT.match(text) else column.measure


def summary_measurements(row: Row, columns: E81Columns, label: str,
                         fmt: NumberFormat) -> tuple[MeasurementRecord, ...]:
    predikat = bool(PREDIKAT_LABEL.search(key(label)))
    return tuple(measurement(cell, c, summary_measure(cell.text, c, predikat), fmt)
                 for c in columns.numbers if (cell := _filled(row, c)) is not None)


# --------------------------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------------------------


def row_label(row: Row, columns: E81Columns) -> tuple[int, str] | None:
    """The first text printed left of the number columns: a summary or footer label sits
    there (merged over No .. Satuan)."""
    first_number = min((c.index for c in columns.numbers), default=len(row))
    return next(((j, t) for j in range(min(first_number, len(row)))
                 if (t := text_at(row, j).strip())), None)


def summary_label(row: Row, columns: E81Columns) -> str | None:
    """`Jumlah Anggaran dan Realisasi ...` -> the label; None for an indicator row (a
    continuation indicator named "Jumlah ..." sits in the indicator column with a Satuan; in a
    table without Satuan column, "Predikat SAKIP" there is an indicator, Tangerang Selatan)."""
    found = row_label(row, columns)
    if found is None or not SUMMARY_LABEL.match(key(found[1])):
        return None
    in_indicator = found[0] == columns.identity.get("indicator")
    has_unit = ("unit" not in columns.identity
                or bool(text_at(row, columns.identity.get("unit")).strip()))
    return None if in_indicator and has_unit else fold(found[1])


def is_footer(row: Row, columns: E81Columns) -> bool:
    found = row_label(row, columns)
    return found is not None and bool(FOOTER_LABEL.match(key(found[1])))


def code_and_name(row: Row, columns: E81Columns) -> tuple[str | None, str | None]:
    """The code cell (its parts joined by a space where the code spans several columns) and the
    name; a code printed at the start of the name (no code column) is taken out of it."""
    parts = [text_at(row, j) for j in (columns.identity.get("code"), *columns.code_span)]
    code = fold_or_none(" ".join(p for p in parts if p and p.strip()))
    name = text_at(row, columns.identity.get("name"))
    if code is None and "code" not in columns.identity and (m := LEADING_CODE.match(name)):
        code, name = m["code"], m["rest"]
    return code, fold_or_none(name)


def identity_of(row: Row, columns: E81Columns) -> Identity | None:
    """No, code, level and name of a row that starts an indicator; None for a continuation."""
    row_no = fold_or_none(text_at(row, columns.identity.get("no")))
    code_text, name = code_and_name(row, columns)
    sasaran = fold_or_none(text_at(row, columns.identity.get("sasaran")))
    if row_no is None and code_text is None and name is None and sasaran is None:
        return None
    code = parse_code(code_text)
    level, parent = (code.level, code.parent) if code else (None, None)
    if code_text is None and ("code" in columns.identity or (name is None and sasaran)):
        level = Level.SASARAN  # no code where codes are printed, or only the Sasaran cell
    responsible = fold_or_none(text_at(row, columns.identity.get("responsible")))
    return Identity(row_no, level, code_text, parent, name or sasaran, responsible)


def indicator(row: Row, who: Identity, columns: E81Columns, fmt: NumberFormat,
              ctx: TableContext, row_index: int) -> IndicatorRecord | None:
    """The indicator of a row, or None for a heading row without indicator and numbers."""
    name = fold_or_none(text_at(row, columns.identity.get("indicator")))
    numbers = row_measurements(row, columns, fmt)
    if name is None and not numbers:
        return None
    first = first_cell(row)
    responsible = fold_or_none(text_at(row, columns.identity.get("responsible")))
    return IndicatorRecord(
        table_type=TableType.E81, page=first.page if first else 0, row_no=who.row_no,
        level=who.level, code=who.code, parent_code=who.parent_code, name=who.name,
        indicator_name=name, unit=normalize_unit(text_at(row, columns.identity.get("unit"))),
        polarity=polarity_of(name), formula=None, data_source=None,
        responsible=responsible or who.responsible, measurements=numbers,
        table_index=ctx.table_index, row_index=row_index)


def summary(row: Row, label: str, columns: E81Columns, fmt: NumberFormat, ctx: TableContext,
            row_index: int) -> IndicatorRecord:
    first = first_cell(row)
    return IndicatorRecord(
        table_type=TableType.E81, page=first.page if first else 0, row_no=None,
        level=Level.SUMMARY, code=None, parent_code=None, name=None, indicator_name=label,
        unit=None, polarity=None, formula=None, data_source=None, responsible=None,
        measurements=summary_measurements(row, columns, label, fmt),
        table_index=ctx.table_index, row_index=row_index)


def number_format(table: RawTable, columns: E81Columns) -> NumberFormat:
    return detect_format((text_at(row, c.index) for row in table.rows for c in columns.numbers),
                         ocr=table.ocr)


NO_IDENTITY = Identity(None, None, None, None, None, None)


def normalize(table: RawTable, ctx: TableContext) -> list[IndicatorRecord]:
    """One IndicatorRecord per indicator row and per summary row, in table order."""
    columns = map_e81_columns(table.columns, ctx.fiscal_year)
    fmt = number_format(table, columns)
    records: list[IndicatorRecord] = []
    current = NO_IDENTITY
    for row_index, row in enumerate(table.rows):
        label = summary_label(row, columns)
        if label is not None:
            records.append(summary(row, label, columns, fmt, ctx, row_index))
            continue
        if is_footer(row, columns):
            continue
        for line in unstack(row, columns):
            current = identity_of(line, columns) or current
            record = indicator(line, current, columns, fmt, ctx, row_index)
            if record is not None:
                records.append(record)
    return records
