"""Typed objects passed between the stages: extract -> normalize -> warehouse -> validate.

The enums mirror the vocabularies of ../shared/SCHEMA.md: only their values are written to
DuckDB, so the contract and the code cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class TableType(StrEnum):
    IKU = "iku"
    IKI = "iki"
    RENCANA_AKSI = "rencana_aksi"
    PERJANJIAN_KINERJA = "perjanjian_kinerja"
    E81 = "e81"
    LKJIP = "lkjip"
    KERTAS_KERJA = "kertas_kerja"
    KESIMPULAN_RKPD = "kesimpulan_rkpd"
    CAPAIAN_PROGRAM = "capaian_program"
    UNKNOWN = "unknown"


class Level(StrEnum):
    TUJUAN = "tujuan"
    SASARAN = "sasaran"
    PROGRAM = "program"
    KEGIATAN = "kegiatan"
    SUB_KEGIATAN = "sub_kegiatan"
    INDIVIDU = "individu"
    SUMMARY = "summary"


class Measure(StrEnum):
    TARGET = "target"
    REALISASI = "realisasi"
    CAPAIAN = "capaian"
    ANGGARAN = "anggaran"
    REALISASI_ANGGARAN = "realisasi_anggaran"
    CAPAIAN_ANGGARAN = "capaian_anggaran"
    PREDIKAT = "predikat"
    PREDIKAT_ANGGARAN = "predikat_anggaran"


class Period(StrEnum):
    YEAR = "year"
    TW1 = "tw1"
    TW2 = "tw2"
    TW3 = "tw3"
    TW4 = "tw4"
    RENSTRA_END = "renstra_end"
    RENSTRA_TO_PREV = "renstra_to_prev"
    RENSTRA_TO_DATE = "renstra_to_date"


class DocStatus(StrEnum):
    OK = "ok"
    PARTIAL = "partial"
    FAILED = "failed"


class Polarity(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"


class Source(StrEnum):
    """Where a cell's text came from."""

    TEXT_LAYER = "text_layer"
    OCR = "ocr"


@dataclass(frozen=True, slots=True)
class BBox:
    """A rectangle on a page in PDF points, origin at the page's TOP-left (pdfplumber's)."""

    x0: float
    top: float
    x1: float
    bottom: float

    def union(self, other: BBox) -> BBox:
        return BBox(min(self.x0, other.x0), min(self.top, other.top),
                    max(self.x1, other.x1), max(self.bottom, other.bottom))


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of an extracted table: its text as printed (lines joined by \\n) and where."""

    text: str
    page: int  # 1-based
    bbox: BBox | None
    source: Source = Source.TEXT_LAYER
    confidence: float | None = None  # OCR confidence 0-100; None for the text layer
    # the OCR words of the text and their confidences; empty when the cell was read again whole
    words: tuple[tuple[str, float], ...] = ()

    def confidence_of(self, part: str) -> float | None:
        """The confidence of a part of the text (one `TW n = v` line of a target cell): its
        weakest word's, so that one unsure quarter does not flag the cell's other three; the
        cell's when a word of the part is not among the cell's words."""
        pool = list(self.words)
        scores = []
        for token in part.split():
            found = next((k for k, (text, _) in enumerate(pool) if text == token), None)
            if found is None:
                return self.confidence
            scores.append(pool.pop(found)[1])
        return min(scores) if scores else self.confidence


EMPTY_CELL_TEXT = ""


@dataclass(frozen=True)
class RawTable:
    """A table as extracted: header labels per column and body rows, stitched across pages.

    `columns` holds one label per grid column: the header texts of that column from the top
    header row down, merged cells repeated under each column they cover, joined by " / "
    (e.g. "Target Renstra ... / K", "Realisasi Kinerja pada Triwulan Tahun 2024 / Target TW I / Rp").
    Repeated page headers and the printed column-number row are not in `rows`.
    """

    columns: tuple[str, ...]
    header_rows: tuple[tuple[str, ...], ...]  # as printed, merged cells repeated
    rows: tuple[tuple[Cell | None, ...], ...]  # None where the grid has no cell
    page: int  # first page
    title: str  # text printed just above the table (e.g. "KERTAS KERJA PERHITUNGAN ...")
    method: str  # how it was found: "lines", "text", "ocr-lines", ...
    column_numbers: tuple[str, ...] | None = None  # the printed `1 2 3 ... 14 = 6 + 12` row

    @property
    def ocr(self) -> bool:
        """Some body cell was read by OCR (its points and commas may be each other)."""
        return any(c is not None and c.source is Source.OCR for row in self.rows for c in row)


@dataclass(frozen=True)
class PageText:
    """The plain text of one page (for document metadata, titles and narrative)."""

    page: int
    text: str  # every line of the page
    free_text: str = ""  # the lines outside tables: titles, letters, narrative
    source: Source = Source.TEXT_LAYER


@dataclass(frozen=True)
class ExtractedDocument:
    """Everything read from one file before interpretation."""

    page_count: int
    pages: tuple[PageText, ...]
    tables: tuple[RawTable, ...]
    problems: tuple[str, ...] = ()  # pages/tables that could not be read, in plain words
    ocr_pages: tuple[int, ...] = ()  # 1-based pages read by OCR instead of the text layer


@dataclass(frozen=True)
class MeasurementRecord:
    measure: Measure
    year: int | None
    period: Period
    value: float | None
    raw_text: str
    page: int
    bbox: BBox | None = None
    source: Source = Source.TEXT_LAYER  # where the cell's text came from
    confidence: float | None = None  # OCR confidence 0-100; None for the text layer


@dataclass(frozen=True)
class CalculationRecord:
    inputs_text: str | None
    inputs: dict[str, float]
    expression_text: str | None
    expression_value: float | None
    result_text: str | None
    result_value: float | None


class StatementKind(StrEnum):
    """Printed sentences the validators compare (KES-03, REC-02): the `statements` table."""

    E81_PENDORONG = "e81_faktor_pendorong"  # an item under the E.81's "Faktor Pendorong ..."
    E81_PENGHAMBAT = "e81_faktor_penghambat"  # an item under "Faktor Penghambat ..."
    FAKTOR_PENGHAMBAT = "faktor_penghambat"  # a Kesimpulan row's Faktor Penghambat cell
    FAKTOR_PENDUKUNG = "faktor_pendukung"  # ... its Faktor Pendukung cell
    KETERANGAN = "keterangan"  # ... its Keterangan cell
    STATED_BUDGET = "stated_budget"  # "... anggaran sebesar Rp.X ... realisasi keuangan Rp.Y"
    STATED_RESULT = "stated_result"  # "... realisasi keuangan sebesar 36%."


@dataclass(frozen=True)
class StatementRecord:
    kind: StatementKind
    text: str  # as printed, lines folded
    page: int


@dataclass(frozen=True)
class IndicatorRecord:
    """One indicator row of a table, in the canonical schema's terms."""

    table_type: TableType
    page: int
    row_no: str | None
    level: Level | None
    code: str | None
    parent_code: str | None
    name: str | None
    indicator_name: str | None
    unit: str | None
    polarity: Polarity | None
    formula: str | None
    data_source: str | None
    responsible: str | None
    measurements: tuple[MeasurementRecord, ...] = ()
    calculation: CalculationRecord | None = None
    table_index: int = 0  # which table of the document
    row_index: int = 0  # which body row of that table (first row of the indicator)
    statements: tuple[StatementRecord, ...] = ()  # its text cells, or the narrative about it


@dataclass(frozen=True)
class DocumentMeta:
    doc_type: TableType
    organization: str | None
    region: str | None
    fiscal_year: int | None
    period: str | None


@dataclass(frozen=True)
class NormalizedDocument:
    meta: DocumentMeta
    table_types: tuple[TableType, ...]
    indicators: tuple[IndicatorRecord, ...]
    problems: tuple[str, ...] = field(default=())
    statements: tuple[StatementRecord, ...] = field(default=())  # of no one row (E.81 footer)
