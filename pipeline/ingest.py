"""Orchestration only: for each file of a folder -> extract -> normalize -> warehouse.

Each document is committed on its own, so a run that dies loses at most the file it was on, and a
re-run skips what is already stored (same path, same bytes, status ok) and redoes the rest.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from pipeline import ids, warehouse
from pipeline.errors import BatchError, InputFileError, WarehouseError
from pipeline.extract import extract_document
from pipeline.model import DocStatus, ExtractedDocument, NormalizedDocument, TableType
from pipeline.normalize import normalize_document
from pipeline.sources import (MAX_PAGES, SourceFile, SourceKind, check_pdf,
                              copy_first_pages, explain_read_error, find_sources, too_many_pages)
from pipeline.validate import Finding, validate_warehouse
from pipeline.warehouse import DocumentRow

# Name of the temporary copy holding the first MAX_PAGES pages of an oversized file.
CUT_FILE_NAME = "first_pages.pdf"

# reads one file's pages and tables: extract_document; the tests pass one that keeps each
# scan's read, so a scan OCR'd for one test is not OCR'd again for the next
Extractor = Callable[[Path], ExtractedDocument]


class Outcome(StrEnum):
    OK = "ok"
    PARTIAL = "partial"
    FAILED = "failed"
    SKIPPED = "skipped"  # already in the warehouse with these bytes and status ok
    DUPLICATE = "duplicate"  # same bytes as a file earlier in the folder (one document_id)


@dataclass(frozen=True)
class FileProgress:
    """Sent to the progress callback after each file."""

    done: int
    total: int
    source_path: str
    outcome: Outcome
    error: str | None


ProgressCallback = Callable[[FileProgress], None]


@dataclass
class IngestSummary:
    files_seen: int = 0
    ok: int = 0
    partial: int = 0
    failed: int = 0
    skipped: int = 0
    duplicates: int = 0
    tables: int = 0
    indicators: int = 0
    measurements: int = 0
    pages: int = 0  # pages read in this run (skipped files not counted)
    seconds: float = 0.0
    # what the validators found over the whole warehouse after this run (not compared: the
    # counts above describe the reading)
    findings: tuple[Finding, ...] = field(default=(), compare=False, repr=False)

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else 0.0

    def add(self, result: _FileResult) -> None:
        counter = {Outcome.OK: "ok", Outcome.PARTIAL: "partial", Outcome.FAILED: "failed",
                   Outcome.SKIPPED: "skipped", Outcome.DUPLICATE: "duplicates"}[result.outcome]
        setattr(self, counter, getattr(self, counter) + 1)
        self.pages += result.pages
        self.tables += result.tables
        self.indicators += result.indicators
        self.measurements += result.measurements


@dataclass(frozen=True)
class _FileResult:
    outcome: Outcome
    error: str | None = None
    pages: int = 0
    tables: int = 0
    indicators: int = 0
    measurements: int = 0


@dataclass(frozen=True)
class _Reading:
    """What was read from one PDF."""

    page_count: int  # pages in the file
    extracted: ExtractedDocument
    normalized: NormalizedDocument
    problems: tuple[str, ...]


def ingest_folder(folder: str | Path, db: str | Path, *, force: bool = False,
                  strict: bool = False, progress: ProgressCallback | None = None,
                  max_pages: int = MAX_PAGES,
                  extract: Extractor = extract_document) -> IngestSummary:
    """Ingest every PDF and page image under `folder` into the warehouse at `db`.

    force: re-read files already stored with status ok. strict: raise on the first file that
    cannot be read instead of recording it (for development).
    """
    root = Path(folder)
    if not root.is_dir():
        raise BatchError(f"the folder {root} does not exist or is not a folder")
    sources = find_sources(root)
    started = time.perf_counter()
    summary = IngestSummary(files_seen=len(sources))
    con = warehouse.connect(db)
    try:
        known = warehouse.known_documents(con)
        seen: set[str] = set()
        for done, source in enumerate(sources, 1):
            result = _ingest_file(con, source, known, seen, force=force, strict=strict,
                                  max_pages=max_pages, extract=extract)
            summary.add(result)
            if progress is not None:
                progress(FileProgress(done, len(sources), source.source_path, result.outcome,
                                      result.error))
        # after every document is written: the cross-document rules need them all
        summary.findings = tuple(validate_warehouse(con))
    finally:
        con.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _ingest_file(con: warehouse.Connection, source: SourceFile,
                 known: dict[str, tuple[str, str]], seen: set[str], *, force: bool, strict: bool,
                 max_pages: int, extract: Extractor) -> _FileResult:
    try:
        doc_id = ids.document_id(source.path)
    except OSError as exc:  # no bytes, no document_id: reported, but no row can hold it
        if strict:
            raise
        return _FileResult(Outcome.FAILED, _explain(exc))
    # a document stored complete (ok) or as far as it can be read (partial) is not read again;
    # a failed one is retried, as its failure may have been the pipeline's
    if not force and known.get(source.source_path) in {(doc_id, DocStatus.OK.value),
                                                        (doc_id, DocStatus.PARTIAL.value)}:
        seen.add(doc_id)
        return _FileResult(Outcome.SKIPPED)
    if doc_id in seen:
        return _FileResult(Outcome.DUPLICATE)
    seen.add(doc_id)
    base = _base_row(source, doc_id)
    try:
        reading = _read_image(source.path, extract) if source.kind is SourceKind.IMAGE \
            else _read_pdf(source.path, max_pages, extract)
    except Exception as exc:  # the per-file boundary: recorded with its type and message
        if strict:
            raise
        return _store(con, _failed(base, _explain(exc)), None, strict=strict)
    stored = _store(con, _read_row(base, reading), reading.normalized, strict=strict)
    if stored.outcome is Outcome.FAILED:
        return stored
    indicators = reading.normalized.indicators
    return replace(stored, pages=reading.extracted.page_count,
                   tables=len(reading.extracted.tables), indicators=len(indicators),
                   measurements=sum(len(i.measurements) for i in indicators))


def _read_pdf(path: Path, max_pages: int, extract: Extractor) -> _Reading:
    page_count = check_pdf(path)
    problems: list[str] = []
    if page_count > max_pages:
        with tempfile.TemporaryDirectory(prefix="kinerja-") as tmp:
            cut = Path(tmp) / CUT_FILE_NAME
            copy_first_pages(path, max_pages, cut)
            extracted = extract(cut)
        problems.append(too_many_pages(page_count, max_pages))
    else:
        extracted = extract(path)
    normalized = normalize_document(extracted)
    problems += normalized.problems  # the extraction's problems included
    return _Reading(page_count, extracted, normalized, tuple(problems))


def _read_image(path: Path, extract: Extractor) -> _Reading:
    """A page image file (.png, .jpg, .tif incl. multi-page): every page read by OCR."""
    extracted = extract(path)
    normalized = normalize_document(extracted)
    return _Reading(extracted.page_count, extracted, normalized, normalized.problems)


def _explain(exc: Exception) -> str:
    """The plain sentence stored in documents.error for a file that could not be read."""
    if isinstance(exc, InputFileError):
        return exc.reason
    if (known := explain_read_error(exc)) is not None:
        return known
    if isinstance(exc, OSError):
        return f"the file cannot be read: {exc.strerror or exc}"
    return f"the pipeline failed on this file: {type(exc).__name__}: {exc}"


def _store(con: warehouse.Connection, row: DocumentRow,
           normalized: NormalizedDocument | None, *, strict: bool) -> _FileResult:
    """Write the document; if its rows cannot be stored, store it as failed with the reason."""
    try:
        warehouse.write_document(con, row, normalized)
    except WarehouseError as exc:
        if strict:
            raise
        row = _failed(row, f"the rows of this file could not be stored: {exc.reason}")
        warehouse.write_document(con, row, None)
    return _FileResult(Outcome(row.status), row.error)


def _base_row(source: SourceFile, doc_id: str) -> DocumentRow:
    return DocumentRow(
        document_id=doc_id, source_path=source.source_path, doc_type=TableType.UNKNOWN.value,
        organization=None, region=None, fiscal_year=None, period=None, page_count=None,
        ocr_page_count=0, status=DocStatus.FAILED.value, error=None,
        file_size=source.path.stat().st_size, table_count=0,
        ingested_at=datetime.now(UTC).replace(tzinfo=None))


def _failed(row: DocumentRow, error: str) -> DocumentRow:
    return replace(row, status=DocStatus.FAILED.value, error=error, table_count=0)


def _read_row(base: DocumentRow, reading: _Reading) -> DocumentRow:
    meta = reading.normalized.meta
    status = DocStatus.PARTIAL if reading.problems else DocStatus.OK
    return replace(base, doc_type=meta.doc_type.value, organization=meta.organization,
                   region=meta.region, fiscal_year=meta.fiscal_year, period=meta.period,
                   page_count=reading.page_count, ocr_page_count=len(reading.extracted.ocr_pages),
                   status=status.value,
                   error="; ".join(reading.problems) or None,
                   table_count=len(reading.extracted.tables))
