"""Kertas Kerja Perhitungan Capaian Outcome -> indicators, each with its worked calculation.

DOMAIN.md 7 (kertas_kerja) and 8 (KK-01..05). Columns are found by header text: No., Nama Tujuan/
Sasaran/ Program/ Kegiatan, Indikator ..., Formula Perhitungan, Data Masukan / Variabel, Data
Masukan / Nilai, Hasil Perhitungan, Keterangan.

* Section rows (`TUJUAN` / `INDIKATOR TUJUAN`) are headings, not indicators; their level serves
  rows whose Keterangan is empty. Otherwise the level is the Keterangan (`Sub Kegiatan`).
* A row with its own indicator, name or Keterangan text starts an indicator; a row without them
  continues the one above (the monthly Formula/Variabel/Nilai lines of the fluktuasi entries).
  An indicator without a name takes the name above (a 2nd indicator of a sasaran).
* The same table with continuation rows folded into the row above (cells joined by line
  breaks): a row whose Keterangan holds k level lines and whose indicator cell holds k lines is
  k indicators, each column's lines dealt out in order (`_unfold`). A Nilai or Hasil with fewer
  lines goes to the indicators whose Variabel has `= number` inputs (seed 001: Temuan, with
  empty inputs and no Nilai, folded with Nilai SAKIP `= 77,2`).
* Hasil -> measurement `realisasi` for the document's year and period: Kertas Kerja values are
  for the reporting quarter (DOMAIN 7).
* Calculation (SCHEMA `calculations`) for each indicator with a Nilai or Hasil: inputs from the
  `<variable> = <number>` statements of Variabel (`parse_inputs`), or, when Variabel only names
  the variables, paired line by line with the numbers of Nilai; the Nilai expression evaluated
  by `formulas.evaluate` (several lines: the mean of their values); Hasil parsed.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from statistics import fmean

from pipeline.errors import PipelineError
from pipeline.model import (
    CalculationRecord,
    Cell,
    IndicatorRecord,
    Level,
    Measure,
    MeasurementRecord,
    Period,
    RawTable,
    Source,
    TableType,
)
from pipeline.normalize.context import TableContext
from pipeline.normalize.formulas import (
    FormulaError,
    evaluate,
    fraction_reading,
    outside_parentheses,
)
from pipeline.normalize.headers import Role, map_columns, missing_roles
from pipeline.normalize.numbers import parse_number
from pipeline.normalize.polarity import polarity_of
from pipeline.normalize.text import fold, fold_or_none, key
from pipeline.normalize.units import normalize_unit

# Header variants as printed (lower case, as text.key gives them)
ROLES = (
    Role("no", ("no", "nomor")),
    Role("name", ("nama tujuan sasaran program kegiatan", "tujuan sasaran program kegiatan",
                  "nama program kegiatan", "uraian", "program kegiatan sub kegiatan")),
    Role("indicator", ("indikator tujuan sasaran program kegiatan", "indikator kinerja",
                       "indikator"), required=True),
    Role("formula", ("formula perhitungan", "formulasi perhitungan", "metode perhitungan",
                     "rumus perhitungan")),
    Role("variable", ("data masukan variabel", "variabel")),
    Role("value", ("data masukan nilai", "nilai")),
    Role("result", ("hasil perhitungan", "hasil")),
    Role("level", ("keterangan", "ket")),
    Role("unit", ("satuan",)),
    Role("data_source", ("sumber data",)),
    Role("responsible", ("penanggung jawab", "pd penanggung jawab")),
)
# Keterangan and section headings -> level (keys as text.key gives them)
LEVELS = {
    "tujuan": Level.TUJUAN, "sasaran": Level.SASARAN, "sasaran strategis": Level.SASARAN,
    "program": Level.PROGRAM, "kegiatan": Level.KEGIATAN, "sub kegiatan": Level.SUB_KEGIATAN,
    "subkegiatan": Level.SUB_KEGIATAN,
}
STARTS_INDICATOR = ("indicator", "name", "level")  # a row with text in one of these is a new one
SHARED_BY_FOLDED = ("value", "result")  # short columns dealt to the indicators that have inputs

# The numbers after `=` in a Variabel statement, one or a list:
#   "= 1"  "=12870"  "= 77,2"  "= 1.151.384.000 dari ..."  "= 100%, 100%, 100%, 100%, 100%, 50%"
#   "= 15, ∑ Bahan Pokok ..." (the comma before a name ends the list)
# not values: "... th 2023 =" (nothing), "... =\n- Rapat Koordinasi" (a dash list)
STATEMENT_VALUES = re.compile(
    r"""
    =[ \t]*
    (?P<values>
        \d+(?:\.\d+)*(?:,\d+)?%?                     # 1.151.384.000   77,2   100%
        (?:[ \t]*,[ \t]*\d+(?:\.\d+)*(?:,\d+)?%?)*   # , 100%, 50%
    )
    """,
    re.VERBOSE,
)
EQUALS = re.compile(r"""=""", re.VERBOSE)
# "Nilai SAKIP\nDisperindag Tahun\n2023 - 77,2" read by OCR from "... = 77,2": in a scanned
# Data Masukan without "=", a dash between a name and the number closing the cell is its "="
OCR_DASH_EQUALS = re.compile(
    r"""^(?P<name>[^=]*[^\W\d_][^=]*?)\s+[-–—]\s+(?P<value>\d[\d.,]*%?)\s*$""", re.VERBOSE)
# Between one statement's value (with its unit and note) and the next name on the same line:
#   "= 15, ∑ Bahan Pokok yang dipantau = 69"
#   "= 1.151.384.000 dari Target PAD pelayanan pasar Tahun 2024 = 3.129.274.170"
SAME_LINE_SEPARATOR = re.compile(r"""[,;] | \bdari\b""", re.VERBOSE)
# one number of such a list, the decimal comma binding first: "77,2" is one, "100%, 50%" two
LISTED_NUMBER = re.compile(r"""\d+(?:\.\d+)*(?:,\d+)?%?""", re.VERBOSE)


class KertasKerjaColumnsError(PipelineError):
    """The table lacks a column a Kertas Kerja cannot be read without."""


@dataclass(frozen=True)
class Section:
    level: Level


@dataclass(frozen=True)
class Block:
    """The cells of one indicator: per role, its non-empty cells top-down (one per row)."""

    row_index: int
    page: int
    cells: dict[str, tuple[Cell, ...]]

    def text(self, role: str) -> str:
        return "\n".join(c.text for c in self.cells.get(role, ()))

    def lines(self, role: str) -> list[Cell]:
        """One cell per non-empty line, keeping each line's page and bbox."""
        return [dataclasses.replace(c, text=line.strip())
                for c in self.cells.get(role, ()) for line in c.text.split("\n") if line.strip()]


# --------------------------------------------------------------------------------------------
# Rows -> sections and indicator blocks
# --------------------------------------------------------------------------------------------


def _row_cells(row: tuple[Cell | None, ...], mapping: dict[str, int]) -> dict[str, Cell]:
    """role -> the row's cell, for cells holding text."""
    return {role: cell for role, j in mapping.items()
            if j < len(row) and (cell := row[j]) is not None and cell.text.strip()}


def _section_level(cells: dict[str, Cell]) -> Level | None:
    """`TUJUAN` / `INDIKATOR TUJUAN` -> tujuan; None for other rows."""
    name_key = key(cells["name"].text) if "name" in cells else ""
    indicator_key = key(cells["indicator"].text) if "indicator" in cells else ""
    if name_key in LEVELS and indicator_key in ("", "indikator", f"indikator {name_key}"):
        return LEVELS[name_key]
    return None


def _items(table: RawTable, mapping: dict[str, int]) -> list[Section | Block]:
    items: list[Section | Block] = []
    current: Block | None = None
    for index, row in enumerate(table.rows):
        cells = _row_cells(row, mapping)
        level = _section_level(cells)
        if level is not None:
            items.append(Section(level))
            current = None
        elif any(role in cells for role in STARTS_INDICATOR) or (current is None and cells):
            page = next(c.page for c in row if c is not None)
            current = Block(index, page, {role: (cell,) for role, cell in cells.items()})
            items.append(current)
        elif current is not None and cells:
            merged = {role: current.cells.get(role, ()) + ((cells[role],) if role in cells else ())
                      for role in {*current.cells, *cells}}
            current = dataclasses.replace(current, cells=merged)
            items[-1] = current
    return items


LEVEL_MAX_LINES = 3  # a level word wrapped in a narrow Keterangan column: `Sub` / `Kegiatan`


def _level_lines(block: Block) -> list[Level] | None:
    """The levels listed in Keterangan, one per line (a level wrapped over up to three lines
    read whole, the longest reading first); None when a line is not a level."""
    lines = [key(c.text) for c in block.lines("level")]
    levels: list[Level] = []
    n = 0
    while n < len(lines):
        for span in range(min(LEVEL_MAX_LINES, len(lines) - n), 0, -1):
            level = LEVELS.get(" ".join(lines[n:n + span]))
            if level is not None:
                levels.append(level)
                n += span
                break
        else:
            return None
    return levels


def _deal(items: list[Cell], count: int, takers: list[bool] | None = None) -> list[list[Cell]]:
    """Deal a column's lines to `count` indicators: one each when the numbers agree; fewer
    lines go to the `takers` when exactly as many take, else from the top; extra lines go to
    the last indicator."""
    out: list[list[Cell]] = [[] for _ in range(count)]
    if len(items) < count:
        fits = takers is not None and sum(takers) == len(items)
        slots = [i for i, take in enumerate(takers or []) if take] if fits else range(len(items))
        for slot, item in zip(slots, items, strict=True):
            out[slot].append(item)
        return out
    for i, item in enumerate(items):
        out[min(i, count - 1)].append(item)
    return out


def _unfold(block: Block) -> list[Block]:
    """A folded row holding k indicators -> k blocks (see the module docstring)."""
    levels = _level_lines(block)
    count = len(levels) if levels else 1
    if count < 2 or len(block.lines("indicator")) != count:
        return [block]
    dealt = {role: _deal(block.lines(role), count)
             for role in block.cells if role not in SHARED_BY_FOLDED}
    takers = [bool(parse_inputs("\n".join(c.text for c in dealt.get("variable", [[]] * count)[i])))
              for i in range(count)]
    for role in SHARED_BY_FOLDED:
        dealt[role] = _deal(block.lines(role), count, takers)
    return [Block(block.row_index, block.page,
                  {role: tuple(parts[i]) for role, parts in dealt.items() if parts[i]})
            for i in range(count)]


# --------------------------------------------------------------------------------------------
# Variabel -> inputs
# --------------------------------------------------------------------------------------------


def _name_between(between: str) -> str:
    """The variable named between one statement's value (with its unit and note) and the next
    `=`: after the first line break outside parentheses (else the first line break), else after
    the first separator on the line: `dokumen (a, b)\\n∑ laporan` -> `∑ laporan`."""
    outside = outside_parentheses(between)
    newline = outside.find("\n")
    if newline < 0:
        newline = between.find("\n")
    if newline >= 0:
        return between[newline + 1:]
    separator = SAME_LINE_SEPARATOR.search(outside)
    return between[separator.end():] if separator else between


def _values(printed: str) -> list[float | None]:
    return [parse_number(number).value for number in LISTED_NUMBER.findall(printed)]


def _add_input(inputs: dict[str, float], name: str, value: float) -> None:
    """A name seen again with the same value is one input; with another value it is numbered."""
    if inputs.get(name, value) == value:
        inputs[name] = value
        return
    n = 2
    while f"{name} ({n})" in inputs:
        n += 1
    inputs[f"{name} ({n})"] = value


def parse_inputs(text: str) -> dict[str, float]:
    """`∑ barang milik daerah yang terpelihara = 1\\n∑ barang milik daerah = 4` ->
    {"∑ barang milik daerah yang terpelihara": 1.0, "∑ barang milik daerah": 4.0}; a list
    `X = 100%, 50%` -> {"X (1)": 100.0, "X (2)": 50.0}; `X =` and `X = - a` give nothing."""
    inputs: dict[str, float] = {}
    start = 0
    for equals in EQUALS.finditer(text):
        between = text[start:equals.start()]
        name = fold(between if start == 0 else _name_between(between)) or ""
        match = STATEMENT_VALUES.match(text, equals.start())
        start = match.end() if match else equals.end()
        if match is None or not name:
            continue
        values = _values(match["values"])
        for n, value in enumerate(values, start=1):
            if value is not None:
                _add_input(inputs, f"{name} ({n})" if len(values) > 1 else name, value)
    return inputs


def _paired_inputs(variables: list[Cell], values: list[Cell]) -> dict[str, float]:
    """Variabel lines naming the variables, Nilai lines giving their numbers, line by line."""
    numbers = [parse_number(c.text) for c in values]
    if not variables or len(variables) != len(values) or any(
            n.value is None or n.error for n in numbers):
        return {}
    return {fold(v.text) or "": n.value
            for v, n in zip(variables, numbers, strict=True) if n.value is not None}


# --------------------------------------------------------------------------------------------
# Nilai and Hasil
# --------------------------------------------------------------------------------------------


def _line_value(text: str) -> float | None:
    """One Nilai line evaluated; None for `-`/blank and for text that is not an expression."""
    parsed = parse_number(text)
    if parsed.value is None and parsed.error is None:
        return None
    try:
        return evaluate(fraction_reading(text)).value
    except FormulaError:
        return None


def expression_value(lines: list[str]) -> float | None:
    """The Nilai value: one line evaluated, several lines (one per month) their mean; when a
    line cannot be read alone, the lines as one expression."""
    if not lines:
        return None
    values = [_line_value(line) for line in lines]
    if all(v is not None for v in values):
        return fmean(v for v in values if v is not None)
    return _line_value(" ".join(lines)) if len(lines) > 1 else None


def _calculation(block: Block) -> CalculationRecord | None:
    value_cells = block.lines("value")
    result_text = fold_or_none(block.text("result"))
    if not value_cells and result_text is None:
        return None
    variable_text = block.text("variable")
    lines = [fold(c.text) or "" for c in value_cells]
    scanned = any(c.source is Source.OCR for c in block.lines("variable"))
    return CalculationRecord(
        inputs_text=fold_or_none(variable_text),
        inputs=(parse_inputs(variable_text)
                or (parse_inputs(OCR_DASH_EQUALS.sub(r"\g<name> = \g<value>",
                                                     " ".join(variable_text.split())))
                    if scanned else {})
                or _paired_inputs(block.lines("variable"), value_cells)),
        expression_text=" ".join(fraction_reading(line) for line in lines) or None,
        expression_value=expression_value(lines),
        result_text=result_text,
        result_value=parse_number(result_text).value if result_text else None,
    )


def _measurements(block: Block, ctx: TableContext) -> tuple[MeasurementRecord, ...]:
    period = Period(ctx.period) if ctx.period else Period.YEAR
    return tuple(
        MeasurementRecord(Measure.REALISASI, ctx.fiscal_year, period, parse_number(c.text).value,
                          c.text, c.page, c.bbox, c.source, c.confidence)
        for c in block.cells.get("result", ()))


# --------------------------------------------------------------------------------------------
# Indicators
# --------------------------------------------------------------------------------------------


def _level(block: Block, section: Level | None) -> Level | None:
    levels = _level_lines(block)
    return levels[0] if levels else section


def _record(block: Block, ctx: TableContext, level: Level | None,
            name: str | None) -> IndicatorRecord:
    indicator_name = fold_or_none(block.text("indicator"))
    return IndicatorRecord(
        table_type=TableType.KERTAS_KERJA,
        page=block.page,
        row_no=fold_or_none(block.text("no")),
        level=level,
        code=None,
        parent_code=None,
        name=name,
        indicator_name=indicator_name,
        unit=normalize_unit(block.text("unit")),
        polarity=polarity_of(indicator_name),
        formula=fold_or_none(block.text("formula")),
        data_source=fold_or_none(block.text("data_source")),
        responsible=fold_or_none(block.text("responsible")),
        measurements=_measurements(block, ctx),
        calculation=_calculation(block),
        table_index=ctx.table_index,
        row_index=block.row_index,
    )


def normalize(table: RawTable, ctx: TableContext) -> list[IndicatorRecord]:
    """The indicators of a Kertas Kerja table, each with its calculation (or None)."""
    mapping = map_columns(table.columns, ROLES)
    missing = missing_roles(mapping, ROLES)
    if missing:
        raise KertasKerjaColumnsError(
            f"Kertas Kerja table on page {table.page} has no {', '.join(missing)} column "
            f"(headers: {' | '.join(table.columns)}); add the printed header to ROLES")
    records: list[IndicatorRecord] = []
    section: Level | None = None
    name: str | None = None
    for item in _items(table, mapping):
        if isinstance(item, Section):
            section, name = item.level, None
            continue
        for block in _unfold(item):
            name = fold_or_none(block.text("name")) or name
            records.append(_record(block, ctx, _level(block, section), name))
    return records
