"""Timing: the whole pipeline against bare pdfplumber reading the words of every page."""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from pipeline.ingest import IngestSummary, ingest_folder
from pipeline.sources import SourceKind, find_sources


@dataclass(frozen=True)
class BareTiming:
    files: int  # PDFs opened
    unreadable: int  # PDFs pdfplumber could not open (not timed further)
    pages: int
    seconds: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class BenchResult:
    pipeline: IngestSummary
    bare: BareTiming

    @property
    def ratio(self) -> float:
        """Pipeline pages/s over bare pdfplumber pages/s (1.0 = no overhead)."""
        bare = self.bare.pages_per_second
        return self.pipeline.pages_per_second / bare if bare > 0 else 0.0


def bare_pdfplumber(folder: Path) -> BareTiming:
    """Open every PDF under `folder` with pdfplumber and extract the words of every page."""
    pdfs = [s.path for s in find_sources(folder) if s.kind is SourceKind.PDF]
    pages = unreadable = 0
    started = time.perf_counter()
    for path in pdfs:
        try:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_words()
                    pages += 1
        except (PdfminerException, MalformedPDFException):
            unreadable += 1  # counted and reported; the pipeline records why per file
    return BareTiming(len(pdfs), unreadable, pages, time.perf_counter() - started)


def bench_folder(folder: Path) -> BenchResult:
    """Ingest `folder` into a fresh temporary warehouse, then time bare pdfplumber on it."""
    with tempfile.TemporaryDirectory(prefix="kinerja-bench-") as tmp:
        summary = ingest_folder(folder, Path(tmp) / "bench.duckdb")
    return BenchResult(summary, bare_pdfplumber(folder))
