"""Timing: the whole pipeline against bare pdfplumber reading the words of every page."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException
from PIL import Image

from pipeline.extract import extract_document
from pipeline.extract.document import IMAGE_SUFFIXES, OCR_DPI, page_words
from pipeline.extract.ocr import needs_ocr
from pipeline.extract.raster import load_images, render_page
from pipeline.ingest import IngestSummary, ingest_folder
from pipeline.normalize import normalize_document
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


@dataclass(frozen=True)
class OcrTiming:
    """OCR pages through the whole pipeline against bare tesseract on the same page images."""

    files: int
    pages: int
    pipeline_seconds: float  # extract (render, OCR, tables) + normalize
    bare_seconds: float  # the `tesseract` command on each page image, nothing else

    @property
    def ratio(self) -> float:
        """Pipeline pages/s over bare tesseract pages/s."""
        return self.bare_seconds / self.pipeline_seconds if self.pipeline_seconds > 0 else 0.0


def scanned_files(folder: Path, max_pages: int) -> list[Path]:
    """Files under `folder` read by OCR (image files, PDFs whose first page has no usable text
    layer), in order, up to `max_pages` pages in all."""
    chosen, pages = [], 0
    for source in find_sources(folder):
        count = _ocr_page_count(source.path, source.kind)
        if count and pages + count <= max_pages:
            chosen.append(source.path)
            pages += count
    return chosen


def _ocr_page_count(path: Path, kind: SourceKind) -> int:
    if kind is SourceKind.IMAGE:
        return len(load_images(path))
    try:
        with pdfplumber.open(path) as pdf:
            first = pdf.pages[0]
            scanned = needs_ocr(page_words(first), float(first.width), float(first.height),
                                bool(first.images)) is not None
            return len(pdf.pages) if scanned else 0
    except (PdfminerException, MalformedPDFException, IndexError):
        return 0


def bench_ocr(folder: Path, max_pages: int) -> OcrTiming:
    """Time OCR files through the pipeline, then bare tesseract on the same page images."""
    files = scanned_files(folder, max_pages)
    started = time.perf_counter()
    pages = 0
    for path in files:
        extracted = extract_document(path)
        normalize_document(extracted)
        pages += len(extracted.ocr_pages)
    pipeline_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="kinerja-bench-") as tmp:
        images = _page_images(files, Path(tmp))
        started = time.perf_counter()
        for image in images:
            subprocess.run(["tesseract", str(image), "stdout", "-l", OCR_LANGUAGES],
                           capture_output=True, check=True, env=_one_thread())
        bare_seconds = time.perf_counter() - started
    return OcrTiming(len(files), pages, pipeline_seconds, bare_seconds)


OCR_LANGUAGES = "ind+eng"  # as the pipeline reads


def _one_thread() -> dict[str, str]:
    # tesseract's own threading is slower than one thread on this 2-core machine (measured)
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


def _page_images(files: list[Path], tmp: Path) -> list[Path]:
    """The page images the pipeline OCRs: rendered at its resolution, or the image files."""
    out = []
    for n, path in enumerate(files):
        for k, page in enumerate(_images_of(path)):
            target = tmp / f"{n:03d}-{k:03d}.png"
            Image.fromarray(page).save(target)
            out.append(target)
    return out


def _images_of(path: Path) -> list:
    if path.suffix.lower() in IMAGE_SUFFIXES:
        return [p.image for p in load_images(path)]
    with pdfium.PdfDocument(str(path)) as document:
        return [render_page(document, k, OCR_DPI) for k in range(len(document))]
