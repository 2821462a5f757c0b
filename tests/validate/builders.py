"""Small DocumentFacts / warehouse fixtures built from printed cell texts (seed values)."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import count
from typing import Any

from pipeline.normalize.numbers import parse_number
from pipeline.validate.facts import Calculation, DocumentFacts, Indicator, Number, Statement

DOC_ID = "d" * 64
QUARTER_LABEL = re.compile(r"""^\s*TW\s*\d\s*=\s*""", re.IGNORECASE)
_ids = count(1)

# (measure, period, printed text[, year]) -> Number; the year is the document's unless given
Cell = tuple[str, str, str] | tuple[str, str, str, int]


def number(measure: str, period: str, text: str, year: int = 2024, page: int = 3) -> Number:
    """A printed cell; Rencana Aksi cells "TW 2 = 585" are read after their quarter label."""
    value = (None if measure.startswith("predikat")
             else parse_number(QUARTER_LABEL.sub("", text)).value)
    return Number(measure, year, period, value, text, page)


def indicator(*cells: Cell, table_type: str = "e81", level: str | None = "sub_kegiatan",
              code: str | None = None, name: str | None = None, unit: str | None = None,
              polarity: str | None = "positive", row_no: str | None = None,
              calculation: Calculation | None = None, **fields: Any) -> Indicator:
    n = next(_ids)
    parent = ".".join(code.split(".")[:-1]) if code else None
    if code and len(code.split(".")) == 5:
        parent = ".".join(code.split(".")[:3])
    base = Indicator(
        indicator_id=f"ind{n}", table_type=table_type, page=3, row_no=row_no, level=level,
        code=code, parent_code=parent, name=fields.pop("row_name", None), indicator_name=name,
        unit=unit, polarity=polarity, formula=None, data_source=None, responsible="Dinas",
        table_index=0, row_index=n, numbers=tuple(number(*c) for c in cells),
        calculation=calculation)
    return replace(base, **fields)


def document(*indicators: Indicator, doc_id: str = DOC_ID, doc_type: str = "e81",
             fiscal_year: int = 2024,
             statements: tuple[Statement, ...] = ()) -> DocumentFacts:
    return DocumentFacts(doc_id, "monev.pdf", doc_type, "Dinas Perindustrian dan Perdagangan",
                         "Kota Pasuruan", fiscal_year, "tw2", tuple(indicators), statements)


def said(kind: str, text: str, page: int = 12) -> Statement:
    """A printed sentence of `kind` (model.StatementKind value)."""
    return Statement(kind, text, page)


def calculation(inputs_text: str, inputs: dict[str, float], expression: str,
                expression_value: float, result: str) -> Calculation:
    return Calculation(inputs_text, inputs, expression, expression_value, result,
                       parse_number(result).value)
