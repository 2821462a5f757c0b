"""Tables with one row per program and its capaian figures: the Kesimpulan Evaluasi RKPD and the
capaian recap tables (DOMAIN.md section 7, rows kesimpulan_rkpd and capaian_program).

Each row is a program-level indicator named by its program, without indicator text. A value
printed in a cell merged over several program rows belongs to the first row of the block
(the other slots are covered: None); No and Perangkat Daerah cells merged over the rows, or
printed once for the block, are inherited by the rows below.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.model import (
    Cell, IndicatorRecord, Level, Measure, MeasurementRecord, Period, RawTable, StatementKind,
    StatementRecord, TableType,
)
from pipeline.normalize.context import TableContext
from pipeline.normalize.headers import Role, map_columns
from pipeline.normalize.numbers import NumberFormat, detect_format, parse_number
from pipeline.normalize.text import fold_or_none

Row = tuple[Cell | None, ...]

# a year printed in a header: "Realisasi Anggaran Tahun 2024 (%)"
YEAR = re.compile(r"""(?<!\d)(?:19|20)\d{2}(?!\d)""", re.VERBOSE)
TEXT_MEASURES = (Measure.PREDIKAT, Measure.PREDIKAT_ANGGARAN)  # labels, value None


@dataclass(frozen=True)
class ValueRole:
    """A column of figures: its header variants and the measure its cells hold."""

    role: Role
    measure: Measure


@dataclass(frozen=True)
class TextRole:
    """A column of sentences (Faktor Penghambat ...): its header variants and their kind."""

    role: Role
    kind: StatementKind


@dataclass(frozen=True)
class Layout:
    """The header variants of one table type (data, matched with `headers.map_columns`)."""

    table_type: TableType
    no: Role
    program: Role
    organization: Role | None  # Nama Perangkat Daerah, when the table has it
    values: tuple[ValueRole, ...]
    texts: tuple[TextRole, ...] = ()


@dataclass(frozen=True)
class Inherited:
    row_no: str | None
    organization: str | None


def text_at(row: Row, index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    cell = row[index]
    return "" if cell is None else cell.text


def year_of(label: str, fiscal_year: int | None) -> int | None:
    """The year printed in the header, else the document's (the values are year to date)."""
    years = YEAR.findall(label)
    return int(years[-1]) if years else fiscal_year


def measurement(cell: Cell, measure: Measure, year: int | None,
                fmt: NumberFormat) -> MeasurementRecord:
    value = None if measure in TEXT_MEASURES else parse_number(cell.text, fmt).value
    return MeasurementRecord(measure=measure, year=year, period=Period.YEAR, value=value,
                             raw_text=cell.text, page=cell.page, bbox=cell.bbox,
                             source=cell.source, confidence=cell.confidence)


def value_columns(layout: Layout, mapping: dict[str, int]) -> list[tuple[int, Measure]]:
    by_role = {v.role.name: v.measure for v in layout.values}
    return sorted((j, by_role[name]) for name, j in mapping.items() if name in by_role)


def row_measurements(row: Row, values: Sequence[tuple[int, Measure]], years: Sequence[int | None],
                     fmt: NumberFormat) -> tuple[MeasurementRecord, ...]:
    """Every non-blank value cell (`-` included, value None); covered slots give none."""
    out = []
    for (j, measure), year in zip(values, years):
        cell = row[j] if j < len(row) else None
        if cell is not None and cell.text.strip():
            out.append(measurement(cell, measure, year, fmt))
    return tuple(out)


# a text cell that says nothing: "-", "–"
NOTHING = re.compile(r"""^[\s\-–—.]*$""", re.VERBOSE)


def row_statements(row: Row, texts: Sequence[tuple[int, StatementKind]]
                   ) -> tuple[StatementRecord, ...]:
    """The row's non-empty text cells ("-" is empty); covered slots give none."""
    out = []
    for j, kind in texts:
        cell = row[j] if j < len(row) else None
        if cell is not None and not NOTHING.match(cell.text):
            out.append(StatementRecord(kind, " ".join(cell.text.split()), cell.page))
    return tuple(out)


def inherit(row: Row, mapping: dict[str, int], above: Inherited) -> Inherited:
    """No and Perangkat Daerah of the row, or of the rows above when blank or covered."""
    row_no = fold_or_none(text_at(row, mapping.get("no")))
    organization = fold_or_none(text_at(row, mapping.get("organization")))
    return Inherited(row_no or above.row_no, organization or above.organization)


def normalize_programs(table: RawTable, ctx: TableContext, layout: Layout) -> list[IndicatorRecord]:
    """One program-level IndicatorRecord per row naming a program or printing a value."""
    roles = [layout.no, layout.program, *(v.role for v in layout.values),
             *(t.role for t in layout.texts)]
    if layout.organization is not None:
        roles.append(layout.organization)
    mapping = map_columns(table.columns, roles)
    values = value_columns(layout, mapping)
    texts = sorted((mapping[t.role.name], t.kind) for t in layout.texts if t.role.name in mapping)
    years = [year_of(table.columns[j], ctx.fiscal_year) for j, _ in values]
    fmt = detect_format((text_at(row, j) for row in table.rows for j, _ in values), ocr=table.ocr)
    records: list[IndicatorRecord] = []
    above = Inherited(None, None)
    for row_index, row in enumerate(table.rows):
        above = inherit(row, mapping, above)
        name = fold_or_none(text_at(row, mapping.get("program")))
        numbers = row_measurements(row, values, years, fmt)
        if name is None and not numbers:
            continue
        first = next((c for c in row if c is not None), None)
        records.append(IndicatorRecord(
            table_type=layout.table_type, page=first.page if first else 0, row_no=above.row_no,
            level=Level.PROGRAM, code=None, parent_code=None, name=name, indicator_name=None,
            unit=None, polarity=None, formula=None, data_source=None,
            responsible=above.organization, measurements=numbers,
            table_index=ctx.table_index, row_index=row_index,
            statements=row_statements(row, texts)))
    return records
