"""Shared reading of indicator-list tables (IKU, IKI): one row per sasaran/kinerja, its indicators.

Rules: DOMAIN.md section 7 (header variants), IKU-00 (continuation rows inherit the name from the
row above), NUM-01..04 (numbers), POL-02 (polarity from the name). The same indicators come out
of both shapes a table can be extracted in:

* (a) a further indicator on its own row, the merged cells above it None (or "");
* (b) that row folded into the row above, cell by cell, joined with "\\n".

In shape (b) a row holds k indicators and each per-indicator cell is dealt out to them
(`folded_cells`); name, No and tujuan cells belong to the whole row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.model import Cell, IndicatorRecord, Level, RawTable, TableType
from pipeline.normalize.context import TableContext
from pipeline.normalize.folded_cells import deal_numbers, deal_text, indicator_count
from pipeline.normalize.indicator_cells import (
    cell_lines,
    cell_text,
    clean_name,
    clean_text,
    first_page,
    inferred_unit,
    level_prefix,
    measurement,
    running_number,
    slot,
)
from pipeline.normalize.indicator_columns import (
    PER_INDICATOR_ROLES,
    Columns,
    MeasureColumn,
    map_table_columns,
)
from pipeline.normalize.polarity import polarity_of
from pipeline.normalize.text import fold_or_none
from pipeline.normalize.units import normalize_unit


@dataclass(frozen=True)
class TableSpec:
    """What differs between the table types read by `read_indicator_table`."""

    table_type: TableType
    default_level: Level  # level of rows without a "Tujuan:"/"Sasaran:" prefix
    responsible: str | None = None  # for tables without a Penanggung Jawab column (IKI jabatan)


@dataclass
class RowState:
    """What later rows inherit (IKU-00): the name, its level and number, the per-indicator
    texts of merged cells."""

    name: str | None = None
    level: Level | None = None
    name_no: str | None = None
    texts: dict[str, str | None] = field(default_factory=dict)


def row_indicator_count(row: tuple[Cell | None, ...], cols: Columns) -> int:
    """How many indicators a (possibly folded) row holds."""
    numbers = [cell_lines(slot(row, m.index)) for m in cols.measures]
    return indicator_count(numbers, cell_lines(slot(row, cols.text.get("indicator"))),
                           cell_lines(slot(row, cols.text.get("unit"))))


# a heading row spanning the table: one cell of text, the other slots covered by it
MIN_SPANNED_SLOTS = 3


def spanning_heading(row: tuple[Cell | None, ...]) -> str | None:
    """The text of a row printed as one cell across the table from its first column ("Sasaran ke-1 : Meningkatnya
    ...", "Misi Kedua : ..." in an LKjIP capaian table); None for other rows."""
    texts = [c for c in row if c is not None and c.text.strip()]
    covered = sum(1 for c in row if c is None)
    if len(texts) != 1 or covered < MIN_SPANNED_SLOTS or texts[0] is not row[0]:
        return None
    return texts[0].text


def row_is_blank(row: tuple[Cell | None, ...]) -> bool:
    """An empty row printed in the table (seed 004 rows 60, 207)."""
    return all(c is None or not c.text.strip() for c in row)


@dataclass(frozen=True)
class RowReading:
    """One body row as dealt out to its k indicators."""

    index: int
    page: int
    row_nos: list[str | None]  # per indicator: the printed No, or the one inherited with the name
    texts: dict[str, list[str | None]]  # role -> one text per indicator
    numbers: list[tuple[MeasureColumn, Cell, list[str | None]]]  # column, cell, one per indicator


def update_name(row: tuple[Cell | None, ...], cols: Columns, spec: TableSpec,
                state: RowState) -> None:
    """A printed name (and its No) replaces the inherited one; a None or empty cell keeps it."""
    no = fold_or_none(cell_text(slot(row, cols.text.get("no"))))
    printed = cell_text(slot(row, cols.text.get("name")))
    if printed is not None and printed.strip():
        state.name = clean_name(printed)
        state.level = level_prefix(printed) or spec.default_level
        state.name_no = no
    elif no is not None:
        state.name_no = no


# texts one cell may give a whole group of indicators (merged over their rows)
GROUP_ROLES = frozenset({"data_source", "responsible"})


def row_texts(row: tuple[Cell | None, ...], cols: Columns, k: int, state: RowState,
              unruled: bool = False) -> dict[str, list[str | None]]:
    """Per-indicator texts; a None slot (covered by a merged cell) inherits the text above. In
    a table without rules a merged cell cannot be seen: there a blank Sumber Data or Penanggung
    Jawab, which a table leaves blank only under a cell merged over several rows, inherits too."""
    out: dict[str, list[str | None]] = {}
    for role in PER_INDICATOR_ROLES:
        j = cols.text.get(role)
        if j is None:
            continue
        cell = slot(row, j)
        unseen_merge = (unruled and role in GROUP_ROLES and cell is not None
                        and not cell.text.strip() and state.texts.get(role) is not None)
        if cell is None or unseen_merge:
            parts = [state.texts.get(role)] * k
        else:
            parts = deal_text(cell_lines(cell), k, shared=True)
        state.texts[role] = parts[-1]
        out[role] = parts
    return out


def read_row(table: RawTable, r: int, cols: Columns, spec: TableSpec,
             state: RowState) -> RowReading:
    """Row r dealt out to its indicators; updates what later rows inherit."""
    row = table.rows[r]
    update_name(row, cols, spec, state)
    k = row_indicator_count(row, cols)
    printed_no = fold_or_none(cell_text(slot(row, cols.text.get("no"))))
    row_no = printed_no or (state.name_no if cols.no_numbers_name else None)
    # a No of its own numbers the row's first indicator; one under the name's header, all of them
    row_nos = [row_no] + [row_no if cols.no_numbers_name else None] * (k - 1)
    numbers = []
    for m in cols.measures:
        cell = slot(row, m.index)
        if cell is not None:
            numbers.append((m, cell, deal_numbers(cell_lines(cell), k)))
    texts = row_texts(row, cols, k, state, unruled=table.method == "text")
    return RowReading(r, first_page(row, table.page), row_nos, texts, numbers)


def indicator_of(reading: RowReading, i: int, spec: TableSpec, state: RowState,
                 table_index: int) -> IndicatorRecord | None:
    """The i-th indicator of a row; None when that part holds neither indicator nor number."""
    texts = {role: parts[i] for role, parts in reading.texts.items()}
    measurements = tuple(measurement(cell, part, m.measure, m.year, m.period, fmt=m.fmt)
                         for m, cell, parts in reading.numbers
                         if (part := parts[i]) is not None)
    indicator_text = texts.get("indicator")
    if not measurements and not clean_name(indicator_text):
        return None
    indicator_name = clean_name(indicator_text)
    unit = (normalize_unit(texts.get("unit")) if "unit" in texts
            else inferred_unit(indicator_name, measurements))
    responsible = clean_text(texts["responsible"]) if "responsible" in texts else spec.responsible
    return IndicatorRecord(
        table_type=spec.table_type, page=reading.page,
        row_no=running_number(indicator_text) or reading.row_nos[i], level=state.level,
        code=None, parent_code=None, name=state.name, indicator_name=indicator_name,
        unit=unit, polarity=polarity_of(indicator_name),
        formula=clean_text(texts.get("formula")), data_source=clean_text(texts.get("data_source")),
        responsible=responsible,
        measurements=measurements, table_index=table_index, row_index=reading.index)


def tujuan_indicator(table: RawTable, r: int, cols: Columns, spec: TableSpec,
                     table_index: int) -> IndicatorRecord | None:
    """The "Indikator Tujuan" printed on a row (Kaltim): level tujuan, numbered by the row's No;
    the row's Satuan, source and responsible belong to its IKU, not to the tujuan."""
    row = table.rows[r]
    indicator_name = clean_name(cell_text(slot(row, cols.text.get("tujuan_indicator"))))
    if indicator_name is None:
        return None
    return IndicatorRecord(
        table_type=spec.table_type, page=first_page(row, table.page),
        row_no=fold_or_none(cell_text(slot(row, cols.text.get("no")))), level=Level.TUJUAN,
        code=None, parent_code=None, name=clean_name(cell_text(slot(row, cols.text.get("tujuan")))),
        indicator_name=indicator_name, unit=None, polarity=polarity_of(indicator_name),
        formula=None, data_source=None, responsible=None, table_index=table_index, row_index=r)


def read_indicator_table(table: RawTable, ctx: TableContext,
                         spec: TableSpec) -> list[IndicatorRecord]:
    """All indicators of an IKU/IKI-style table, in table order (row, then left to right)."""
    cols = map_table_columns(table, ctx.fiscal_year)
    state = RowState()
    out: list[IndicatorRecord] = []
    for r, row in enumerate(table.rows):
        if row_is_blank(row):
            continue
        if (heading := spanning_heading(row)) is not None:
            # a sasaran heading names the indicators below it; a misi heading names none
            level = level_prefix(heading)
            state.name, state.level = (clean_name(heading), level) if level else (None, None)
            state.texts.clear()
            continue
        tujuan = tujuan_indicator(table, r, cols, spec, ctx.table_index)
        if tujuan is not None:
            out.append(tujuan)
        reading = read_row(table, r, cols, spec, state)
        for i in range(len(reading.row_nos)):
            record = indicator_of(reading, i, spec, state, ctx.table_index)
            if record is not None:
                out.append(record)
    return out
