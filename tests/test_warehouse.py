import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from pipeline import ids, warehouse
from pipeline.errors import WarehouseError
from pipeline.model import (BBox, CalculationRecord, DocumentMeta, IndicatorRecord, Level,
                            Measure, MeasurementRecord, NormalizedDocument, Period, Polarity,
                            Source, StatementKind, StatementRecord, TableType)
from pipeline.warehouse import DocumentRow
from tests.sample_files import CONTRACT

# "## documents: one row per source file" ... "| document_id | VARCHAR PK | stable id ... |"
TABLE_HEADING_RE = re.compile(r"""^\#\#\s+(?P<table>[a-z_]+):""", re.VERBOSE)
COLUMN_ROW_RE = re.compile(r"""^\|\s*(?P<column>[a-z_]+)\s*\|\s*(?P<type>[A-Z]*)""", re.VERBOSE)

EXTRA_COLUMNS = {
    "documents": {"file_size": "BIGINT", "table_count": "INTEGER", "ingested_at": "TIMESTAMP"},
    "indicators": {"table_index": "INTEGER", "row_index": "INTEGER"},
    "measurements": {"measurement_id": "VARCHAR", "bbox_x0": "DOUBLE", "bbox_top": "DOUBLE",
                     "bbox_x1": "DOUBLE", "bbox_bottom": "DOUBLE", "source": "VARCHAR",
                     "confidence": "DOUBLE"},
    "calculations": {},
    "findings": {"rule_id": "VARCHAR"},
}
# tables of our own beside the contract's
EXTRA_TABLES = {
    "statements": {"statement_id": "VARCHAR", "document_id": "VARCHAR",
                   "indicator_id": "VARCHAR", "kind": "VARCHAR", "text": "VARCHAR",
                   "page": "INTEGER"},
}
DOC_ID = "a" * 64


def contract_columns() -> dict[str, dict[str, str]]:
    """{table: {column: type}} from SCHEMA.md ("VARCHAR PK" -> "VARCHAR")."""
    tables: dict[str, dict[str, str]] = {}
    current = None
    for line in CONTRACT.read_text(encoding="utf-8").splitlines():
        if heading := TABLE_HEADING_RE.match(line):
            current = tables.setdefault(heading["table"], {})
        elif current is not None and (row := COLUMN_ROW_RE.match(line)):
            if row["column"] != "column":  # the header row of the markdown table
                current[row["column"]] = row["type"]
    return tables


def warehouse_columns(con: warehouse.Connection) -> dict[str, dict[str, str]]:
    rows = con.execute("SELECT table_name, column_name, data_type FROM information_schema.columns "
                       "ORDER BY table_name, ordinal_position").fetchall()
    tables: dict[str, dict[str, str]] = {}
    for table, column, data_type in rows:
        tables.setdefault(table, {})[column] = data_type
    return tables


def document_row(doc_id: str = DOC_ID, source_path: str = "a.pdf", status: str = "ok",
                 error: str | None = None) -> DocumentRow:
    return DocumentRow(document_id=doc_id, source_path=source_path, doc_type="iku",
                       organization="Dinas Kominfo", region="Kota Pasuruan", fiscal_year=2024,
                       period=None, page_count=2, ocr_page_count=0, status=status, error=error,
                       file_size=1234, table_count=1, ingested_at=datetime(2026, 1, 2, 3, 4, 5))


def indicator(row_index: int, name: str, measurements: int = 2,
              calculation: CalculationRecord | None = None) -> IndicatorRecord:
    return IndicatorRecord(
        table_type=TableType.IKU, page=1, row_no=str(row_index + 1), level=Level.SASARAN,
        code=None, parent_code=None, name="Meningkatnya kualitas layanan", indicator_name=name,
        unit="%", polarity=Polarity.POSITIVE, formula=None, data_source=None, responsible=None,
        measurements=tuple(
            MeasurementRecord(Measure.TARGET, 2020 + n, Period.YEAR, 80.0 + n, f"{80 + n},00", 1,
                              BBox(10.0, 20.0 + n, 30.0, 40.0 + n))
            for n in range(measurements)),
        calculation=calculation, table_index=0, row_index=row_index)


def normalized(*indicators: IndicatorRecord) -> NormalizedDocument:
    meta = DocumentMeta(TableType.IKU, "Dinas Kominfo", "Kota Pasuruan", 2024, None)
    return NormalizedDocument(meta=meta, table_types=(TableType.IKU,), indicators=indicators)


@pytest.fixture
def con() -> warehouse.Connection:
    connection = warehouse.connect(warehouse.IN_MEMORY)
    yield connection
    connection.close()


def test_schema_sql_holds_the_contract_columns_with_their_types_plus_the_extras(con) -> None:
    contract = contract_columns()
    assert sorted(contract) == ["calculations", "documents", "findings", "indicators",
                                "measurements"]
    assert sum(len(columns) for columns in contract.values()) == 50
    expected = {table: columns | EXTRA_COLUMNS[table] for table, columns in contract.items()}
    assert warehouse_columns(con) == expected | EXTRA_TABLES


def test_connect_reopens_an_existing_warehouse_keeping_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "folder" / "w.duckdb"
    first = warehouse.connect(path)
    warehouse.write_document(first, document_row(), None)
    first.close()
    second = warehouse.connect(path)
    assert warehouse.known_documents(second) == {"a.pdf": (DOC_ID, "ok")}
    second.close()


def test_connect_raises_a_warehouse_error_when_the_folder_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(WarehouseError, match="cannot use the warehouse .*file/w.duckdb"):
        warehouse.connect(blocker / "w.duckdb")


def test_write_document_stores_rows_with_stable_ids_and_provenance(con) -> None:
    calc = CalculationRecord("Jumlah layanan = 2; target = 4", {"Jumlah layanan": 2.0},
                             "2/4*100", 50.0, "50%", 50.0)
    warehouse.write_document(con, document_row(), normalized(
        indicator(0, "Indeks kepuasan", calculation=calc), indicator(1, "Persentase aduan", 1)))
    ind_id = ids.indicator_id(DOC_ID, 0, 0, "Indeks kepuasan")
    assert warehouse.table_counts(con) == {"documents": 1, "indicators": 2, "measurements": 3,
                                           "calculations": 1, "findings": 0}
    assert con.execute(
        "SELECT measurement_id, measure, year, period, value, raw_text, page, bbox_x0, bbox_top, "
        "bbox_x1, bbox_bottom, source, confidence FROM measurements WHERE indicator_id = ? "
        "ORDER BY year", [ind_id]).fetchall() == [
        (ids.measurement_id(ind_id, "target", 2020, "year"), "target", 2020, "year", 80.0,
         "80,00", 1, 10.0, 20.0, 30.0, 40.0, Source.TEXT_LAYER.value, None),
        (ids.measurement_id(ind_id, "target", 2021, "year"), "target", 2021, "year", 81.0,
         "81,00", 1, 10.0, 21.0, 30.0, 41.0, Source.TEXT_LAYER.value, None)]
    inputs, expression_value = con.execute(
        "SELECT inputs, expression_value FROM calculations WHERE indicator_id = ?",
        [ind_id]).fetchone()
    assert (json.loads(inputs), expression_value) == ({"Jumlah layanan": 2.0}, 50.0)
    assert con.execute("SELECT level, polarity, table_index, row_index FROM indicators "
                       "WHERE indicator_id = ?", [ind_id]).fetchone() == ("sasaran", "positive",
                                                                          0, 0)


def test_rewriting_a_document_replaces_its_rows(con) -> None:
    doc = normalized(indicator(0, "Indeks kepuasan"), indicator(1, "Persentase aduan"))
    warehouse.write_document(con, document_row(), doc)
    warehouse.write_document(con, document_row(), doc)
    assert warehouse.table_counts(con) == {"documents": 1, "indicators": 2, "measurements": 4,
                                           "calculations": 0, "findings": 0}


def test_equal_indicator_keys_get_distinct_ids_instead_of_a_key_violation(con) -> None:
    warehouse.write_document(con, document_row(), normalized(indicator(0, "Sama"),
                                                             indicator(0, "Sama")))
    assert con.execute("SELECT count(DISTINCT indicator_id) FROM indicators").fetchone() == (2,)


def test_a_new_document_at_the_same_path_replaces_the_old_one(con) -> None:
    warehouse.write_document(con, document_row(), normalized(indicator(0, "Lama")))
    new_id = "b" * 64
    warehouse.write_document(con, document_row(new_id), normalized(indicator(0, "Baru")))
    assert warehouse.known_documents(con) == {"a.pdf": (new_id, "ok")}
    assert con.execute("SELECT document_id, indicator_name FROM indicators").fetchall() == [
        (new_id, "Baru")]
    assert warehouse.table_counts(con)["measurements"] == 2


def test_a_failed_write_rolls_back_and_keeps_the_previous_rows(con) -> None:
    warehouse.write_document(con, document_row(), normalized(indicator(0, "Lama")))
    broken = IndicatorRecord(**{**indicator(0, "Rusak").__dict__, "page": "not a page number"})
    with pytest.raises(WarehouseError):
        warehouse.write_document(con, document_row(status="partial"), normalized(broken))
    assert warehouse.known_documents(con) == {"a.pdf": (DOC_ID, "ok")}
    assert con.execute("SELECT indicator_name FROM indicators").fetchall() == [("Lama",)]


def test_remove_document_deletes_every_row_of_it(con) -> None:
    warehouse.write_document(con, document_row(), normalized(indicator(0, "Lama")))
    warehouse.write_document(con, document_row("c" * 64, "c.pdf"), normalized(indicator(0, "C")))
    warehouse.remove_document(con, DOC_ID)
    assert warehouse.known_documents(con) == {"c.pdf": ("c" * 64, "ok")}
    assert warehouse.table_counts(con) == {"documents": 1, "indicators": 1, "measurements": 2,
                                           "calculations": 0, "findings": 0}


def test_statements_belong_to_their_row_or_the_document_and_are_replaced_with_it(con) -> None:
    row = IndicatorRecord(**{**indicator(0, "Program A").__dict__, "statements": (
        StatementRecord(StatementKind.FAKTOR_PENDUKUNG, "Para pedagang yang tidak kooperatif.",
                        13),)})
    footer = StatementRecord(StatementKind.E81_PENGHAMBAT, "Para pedagang yang tidak kooperatif.",
                             12)
    doc = NormalizedDocument(meta=normalized().meta, table_types=(TableType.IKU,),
                             indicators=(row,), statements=(footer,))
    warehouse.write_document(con, document_row(), doc)
    warehouse.write_document(con, document_row(), doc)
    ind_id = ids.indicator_id(DOC_ID, 0, 0, "Program A")
    assert con.execute("SELECT indicator_id, kind, text, page FROM statements "
                       "ORDER BY page").fetchall() == [
        (None, "e81_faktor_penghambat", "Para pedagang yang tidak kooperatif.", 12),
        (ind_id, "faktor_pendukung", "Para pedagang yang tidak kooperatif.", 13)]
    warehouse.remove_document(con, DOC_ID)
    assert con.execute("SELECT count(*) FROM statements").fetchone() == (0,)
