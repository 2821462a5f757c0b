"""Small real input files for the ingest tests: PDFs built with reportlab, bad files by hand."""

from __future__ import annotations

import io
import shutil
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfgen import canvas

from pipeline.extract import extract_document
from pipeline.normalize import normalize_document

REPO = Path(__file__).resolve().parents[1]
SAMPLE_PDF = REPO / "data" / "raw" / "digital" / "iku_kota_pasuruan_2024__plain.pdf"
CONTRACT = REPO.parent / "shared" / "SCHEMA.md"
CHECK_SCHEMA = REPO.parent / "shared" / "tools" / "check_schema.py"


def make_pdf(path: Path, pages: int = 1, text: str = "Indikator Kinerja Utama",
             encrypt: str | None = None) -> Path:
    """A PDF of `pages` pages with one line of text each (reportlab: real text layer)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path), encrypt=encrypt, invariant=1)
    for number in range(1, pages + 1):
        pdf.drawString(72, 720, f"{text} - halaman {number}")
        pdf.showPage()
    pdf.save()
    return path


def copy_sample(path: Path) -> Path:
    """A copy of a committed one-page IKU PDF of the sample archive."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SAMPLE_PDF, path)
    return path


def make_zip(path: Path) -> Path:
    """A ZIP file (what a .docx/.xlsx is) under a .pdf name."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    path.write_bytes(buffer.getvalue())
    return path


def truncate(source: Path, path: Path) -> Path:
    """The first half of the bytes of a real PDF: a download that broke off."""
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


@dataclass(frozen=True)
class StageCounts:
    """What extract + normalize give for one file, read directly (the ingest must store these)."""

    tables: int
    indicators: int
    measurements: int
    calculations: int


@cache
def stage_counts(path: Path) -> StageCounts:
    extracted = extract_document(path)
    indicators = normalize_document(extracted).indicators
    return StageCounts(len(extracted.tables), len(indicators),
                       sum(len(i.measurements) for i in indicators),
                       sum(i.calculation is not None for i in indicators))
