"""A tiny warehouse written row by row (SQL inserts) for the warehouse-scope rules."""

from __future__ import annotations

import json
from itertools import count

import duckdb

from pipeline import warehouse
from tests.validate.builders import number

_ids = count(1)


def fresh() -> duckdb.DuckDBPyConnection:
    return warehouse.connect(warehouse.IN_MEMORY)


def add_document(con: duckdb.DuckDBPyConnection, doc_id: str, path: str, doc_type: str,
                 organization: str = "Dinas Perindustrian dan Perdagangan",
                 fiscal_year: int = 2024) -> str:
    con.execute("INSERT INTO documents (document_id, source_path, doc_type, organization, "
                "fiscal_year, status) VALUES (?, ?, ?, ?, ?, 'ok')",
                [doc_id, path, doc_type, organization, fiscal_year])
    return doc_id


def add_indicator(con: duckdb.DuckDBPyConnection, doc_id: str, table_type: str,
                  *cells: tuple[str, str, str] | tuple[str, str, str, int],
                  name: str | None = None, level: str = "program", code: str | None = None,
                  row_name: str | None = None, unit: str | None = "%",
                  polarity: str = "positive", inputs: dict[str, float] | None = None) -> str:
    n = next(_ids)
    ind_id = f"w{n}"
    con.execute("INSERT INTO indicators (indicator_id, document_id, table_type, page, level, "
                "code, name, indicator_name, unit, polarity, table_index, row_index) "
                "VALUES (?, ?, ?, 2, ?, ?, ?, ?, ?, ?, 0, ?)",
                [ind_id, doc_id, table_type, level, code, row_name, name, unit, polarity, n])
    for cell in cells:
        m = number(*cell[:3], year=cell[3] if len(cell) > 3 else 2024)  # type: ignore[misc]
        con.execute("INSERT INTO measurements (measurement_id, indicator_id, measure, year, "
                    "period, value, raw_text, page) VALUES (?, ?, ?, ?, ?, ?, ?, 2)",
                    [f"{ind_id}-{m.measure}-{m.period}", ind_id, m.measure, m.year, m.period,
                     m.value, m.raw_text])
    if inputs is not None:
        con.execute("INSERT INTO calculations (indicator_id, inputs_text, inputs) VALUES "
                    "(?, ?, ?)", [ind_id, "", json.dumps(inputs)])
    return ind_id
