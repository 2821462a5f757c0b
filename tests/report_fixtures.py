"""A warehouse of one real E.81 Monev PDF with hand-written findings, for the report tests.

The findings sit on real indicators and real cells (the E.81 row 8 "2312,50%" Renstra capaian),
plus the awkward cases: a document-level finding, text from a document that looks like HTML or
an Excel formula, and a finding on a document whose file is not under the raw folder.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from pipeline.ingest import ingest_folder
from pipeline.warehouse import Connection, connect
from tests.sample_files import REPO

MONEV_NAME = "monev_tw2_kota_pasuruan_2024__excel.pdf"
MONEV_PDF = REPO / "data" / "raw" / "digital" / MONEV_NAME
MONEV_SOURCE = f"digital/{MONEV_NAME}"
MISSING_SOURCE = "lain/hilang.pdf"  # stored in the warehouse, absent from the raw folder
MISSING_DOCUMENT_ID = "0" * 64

SCRIPT_TEXT = "<script>window.injected = 1</script>"
FORMULA_TEXT = "=2/4*100"

INSERT_FINDING = """
    INSERT INTO findings (finding_id, document_id, indicator_id, page, rule, severity, field,
                          reported, expected, message, rule_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
INSERT_DOCUMENT = """
    INSERT INTO documents (document_id, source_path, doc_type, page_count, ocr_page_count, status)
    VALUES (?, ?, 'iku', 1, 0, 'ok')
"""
ROW_8 = """
    SELECT indicator_id, document_id FROM indicators
    WHERE table_type = 'e81' AND row_no = '8' AND indicator_name LIKE 'Jumlah dokumen perencanaan%'
"""
ROW_9 = """
    SELECT indicator_id FROM indicators
    WHERE table_type = 'e81' AND row_no = '9' AND indicator_name LIKE 'Jumlah Laporan Capaian%'
"""
FIRST_CALCULATION = """
    SELECT c.indicator_id, i.page FROM calculations c JOIN indicators i USING (indicator_id)
    WHERE c.expression_text = '3 / 3 x 100' ORDER BY i.page, i.row_index LIMIT 1
"""


@dataclass(frozen=True)
class Sample:
    raw: Path  # the ingested folder
    db: Path
    document_id: str
    row_8: str
    row_9: str
    calculation: str
    calculation_page: int
    indicators: int  # rows the ingest read from the Monev PDF


# (finding_id, indicator key, page, rule, severity, field, reported, expected, message, rule_id);
# the indicator key names a Sample attribute, None for a document-level finding.
FINDINGS = (
    ("f-renstra", "row_8", 8, "implausible_capaian", "error", "capaian/renstra_to_date",
     "2312,50%", "23,13%",
     "Capaian Renstra printed 2312,50% but realisasi s/d 2024 92,50 / target Renstra 4,00 x 100 "
     "= 2312,50% is not plausible for a count of documents", "E81-09"),
    ("f-tw2", "row_8", 8, "quarter_mismatch", "warning", "realisasi/year", "1,00", "1,00",
     "Realisasi 2024 1,00 equals the TW II realisasi 1,00 alone", "E81-05"),
    ("f-row9", "row_9", 8, "capaian_mismatch", "error", "capaian/year", "40,00%", "40,00%",
     "Capaian 2024 printed 40,00% but realisasi 2,00 / target 5,00 x 100 = 40,00%", "E81-06"),
    ("f-formula", "calculation", None, "formula_mismatch", "info", "expression", "3 / 3 x 100",
     "100", "The worked formula 3 / 3 x 100 = 100% agrees with its inputs 3 and 3", None),
    ("f-doc", None, 1, "missing_value", "info", None, FORMULA_TEXT, None,
     f"The cover page reads {SCRIPT_TEXT}", None),
)


def build_sample(folder: Path) -> Sample:
    """Ingest the Monev PDF into folder/w.duckdb and add FINDINGS (and one absent document)."""
    raw = folder / "raw"
    (raw / "digital").mkdir(parents=True)
    shutil.copyfile(MONEV_PDF, raw / MONEV_SOURCE)
    db = folder / "w.duckdb"
    ingest_folder(raw, db)
    con = connect(db)
    try:
        row_8, document_id = con.execute(ROW_8).fetchone()
        (row_9,) = con.execute(ROW_9).fetchone()
        calculation, calculation_page = con.execute(FIRST_CALCULATION).fetchone()
        (indicators,) = con.execute("SELECT count(*) FROM indicators").fetchone()
        sample = Sample(raw, db, document_id, row_8, row_9, calculation, calculation_page,
                        indicators)
        _insert_findings(con, sample)
    finally:
        con.close()
    return sample


def _insert_findings(con: Connection, sample: Sample) -> None:
    con.execute("DELETE FROM findings")  # those of the validators the ingest ran: not ours
    for fid, key, page, *rest in FINDINGS:
        indicator = getattr(sample, key) if key else None
        con.execute(INSERT_FINDING, [fid, sample.document_id, indicator, page, *rest])
    con.execute(INSERT_DOCUMENT, [MISSING_DOCUMENT_ID, MISSING_SOURCE])
    con.execute(INSERT_FINDING, ["f-missing", MISSING_DOCUMENT_ID, None, 1, "parse_error",
                                 "warning", "target/year", "4,OO", None,
                                 "The target cell 4,OO could not be read as a number", None])


def without_findings(sample: Sample, folder: Path) -> Sample:
    """A copy of the sample warehouse with an empty findings table (same raw folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "empty.duckdb"
    shutil.copyfile(sample.db, db)
    con = connect(db)
    try:
        con.execute("DELETE FROM findings")
        con.execute("DELETE FROM documents WHERE document_id = ?", [MISSING_DOCUMENT_ID])
    finally:
        con.close()
    return replace(sample, db=db)


_SHARED: dict[int, Sample] = {}


def shared_sample(factory: pytest.TempPathFactory) -> Sample:
    """One ingest of the Monev PDF (~4 s) per test session, shared by the report test modules
    (tests must not change it: they take `without_findings` copies)."""
    key = id(factory)
    if key not in _SHARED:
        _SHARED[key] = build_sample(factory.mktemp("report_sample"))
    return _SHARED[key]
