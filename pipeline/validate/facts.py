"""What the validators read: one document's indicators, numbers and worked formulas, as typed
objects loaded from the warehouse once (rules never query row by row)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

import duckdb

from pipeline.model import CalculationRecord

Connection = duckdb.DuckDBPyConnection

DOCUMENTS_SQL = ("SELECT document_id, source_path, doc_type, organization, region, fiscal_year, "
                 "period FROM documents WHERE status <> 'failed' ORDER BY source_path")
INDICATORS_SQL = ("SELECT indicator_id, table_type, page, row_no, level, code, parent_code, name, "
                  "indicator_name, unit, polarity, formula, data_source, responsible, "
                  "table_index, row_index FROM indicators WHERE document_id = ? "
                  "ORDER BY table_index, row_index, indicator_id")
MEASUREMENTS_SQL = ("SELECT m.indicator_id, m.measure, m.year, m.period, m.value, m.raw_text, "
                    "m.page, m.source, m.confidence FROM measurements m "
                    "JOIN indicators i USING (indicator_id) "
                    "WHERE i.document_id = ? ORDER BY m.indicator_id, m.measurement_id")
STATEMENTS_SQL = ("SELECT indicator_id, kind, text, page FROM statements WHERE document_id = ? "
                  "ORDER BY page, statement_id")
CALCULATIONS_SQL = ("SELECT c.indicator_id, c.inputs_text, c.inputs, c.expression_text, "
                    "c.expression_value, c.result_text, c.result_value FROM calculations c "
                    "JOIN indicators i USING (indicator_id) WHERE i.document_id = ?")


@dataclass(frozen=True)
class Number:
    """One printed number (a `measurements` row)."""

    measure: str
    year: int | None
    period: str
    value: float | None
    raw_text: str
    page: int | None
    source: str | None = None  # "ocr" for a number read from a page image
    confidence: float | None = None  # the OCR confidence of its cell, 0-100


@dataclass(frozen=True)
class Statement:
    """A printed sentence (a `statements` row): E.81 footer factor, Kesimpulan text cell,
    the narrative around a recap table."""

    kind: str  # model.StatementKind value
    text: str
    page: int | None


# a worked formula of a Kertas Kerja, as the normalizer produced it
Calculation = CalculationRecord


@dataclass(frozen=True)
class Indicator:
    indicator_id: str
    table_type: str
    page: int | None
    row_no: str | None
    level: str | None
    code: str | None
    parent_code: str | None
    name: str | None
    indicator_name: str | None
    unit: str | None
    polarity: str | None
    formula: str | None
    data_source: str | None
    responsible: str | None
    table_index: int
    row_index: int
    numbers: tuple[Number, ...] = ()
    calculation: Calculation | None = None
    statements: tuple[Statement, ...] = ()

    def said(self, kind: str) -> list[Statement]:
        return [s for s in self.statements if s.kind == kind]

    def get(self, measure: str, period: str, year: int | None = None) -> Number | None:
        """The first number printed for (measure, period), None when the cell is blank; with a
        year, the one of that year when there is one (the Permendagri 54/2010 Renja table
        prints a target for year n-1 in column 6 and for year n in column 9)."""
        found = [n for n in self.numbers if n.measure == measure and n.period == period]
        same_year = [n for n in found if year is not None and n.year == year]
        return (same_year or found or [None])[0]

    def value(self, measure: str, period: str) -> float | None:
        number = self.get(measure, period)
        return None if number is None else number.value

    def all_of(self, measure: str, period: str) -> list[Number]:
        return [n for n in self.numbers if n.measure == measure and n.period == period]

    @property
    def label(self) -> str:
        """How a message names the indicator: `row 8 "Jumlah dokumen ..."`."""
        text = self.indicator_name or self.name or "(no name)"
        return f'row {self.row_no} "{text}"' if self.row_no else f'"{text}"'


@dataclass(frozen=True)
class DocumentFacts:
    document_id: str
    source_path: str
    doc_type: str | None
    organization: str | None
    region: str | None
    fiscal_year: int | None
    period: str | None
    indicators: tuple[Indicator, ...] = field(default=())
    statements: tuple[Statement, ...] = field(default=())  # of no one row (E.81 footer)

    def of_type(self, table_type: str) -> list[Indicator]:
        return [i for i in self.indicators if i.table_type == table_type]

    def said(self, kind: str) -> list[Statement]:
        return [s for s in self.statements if s.kind == kind]


def document_ids(con: Connection, only: Sequence[str] | None = None) -> list[str]:
    """Ids of the readable documents (all, or those of `only` that exist), in path order."""
    rows = con.execute(DOCUMENTS_SQL).fetchall()
    wanted = None if only is None else set(only)
    return [r[0] for r in rows if wanted is None or r[0] in wanted]


def load_documents(con: Connection, ids: Sequence[str]) -> Iterator[DocumentFacts]:
    """DocumentFacts of each id, in the order given."""
    meta = {r[0]: r for r in con.execute(DOCUMENTS_SQL).fetchall()}
    for doc_id in ids:
        row = meta[doc_id]
        said: dict[str | None, list[Statement]] = {}
        for ind_id, *values in con.execute(STATEMENTS_SQL, [doc_id]).fetchall():
            said.setdefault(ind_id, []).append(Statement(*values))
        yield replace(DocumentFacts(*row), indicators=tuple(_indicators(con, doc_id, said)),
                      statements=tuple(said.get(None, ())))


def _indicators(con: Connection, doc_id: str,
                said: dict[str | None, list[Statement]]) -> list[Indicator]:
    numbers: dict[str, list[Number]] = {}
    for ind_id, *values in con.execute(MEASUREMENTS_SQL, [doc_id]).fetchall():
        numbers.setdefault(ind_id, []).append(Number(*values))
    calculations = {r[0]: _calculation(r[1:])
                    for r in con.execute(CALCULATIONS_SQL, [doc_id]).fetchall()}
    return [replace(Indicator(*row), numbers=tuple(numbers.get(row[0], ())),
                    calculation=calculations.get(row[0]), statements=tuple(said.get(row[0], ())))
            for row in con.execute(INDICATORS_SQL, [doc_id]).fetchall()]


def _calculation(row: Sequence[object]) -> Calculation:
    inputs_text, inputs_json, expression_text, expression_value, result_text, result_value = row
    inputs = json.loads(str(inputs_json)) if inputs_json else {}
    return Calculation(inputs_text=inputs_text,  # type: ignore[arg-type]
                       inputs={str(k): float(v) for k, v in inputs.items()},
                       expression_text=expression_text,  # type: ignore[arg-type]
                       expression_value=expression_value,  # type: ignore[arg-type]
                       result_text=result_text,  # type: ignore[arg-type]
                       result_value=result_value)  # type: ignore[arg-type]
