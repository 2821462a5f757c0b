"""The files of an archive: which ones to read, and plain reasons why one cannot be read.

Everything here looks at file bytes and library exceptions only; reading pages is extract/'s job.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from pipeline.errors import InputFileError

PDF_SUFFIXES = frozenset({".pdf"})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})

# A PDF reader accepts the `%PDF-` header anywhere in the first 1024 bytes (PDF 1.7 annex H.3),
# so junk before it (a mail header, a BOM) does not make a file "not a PDF".
PDF_MAGIC = b"%PDF-"
HEADER_SEARCH_BYTES = 1024

# Files above this many pages are cut: pdfplumber keeps every page's objects, and a 5000-page
# scan bundle would eat the memory of the whole batch. 2000 is above any single LKjIP/Monev file.
MAX_PAGES = 2000

# How much of a non-PDF's first bytes an error message quotes, and how long a library's reason may
# get before it is cut: enough to recognise the file type or the fault, short enough to read.
SHOWN_HEADER_BYTES = 8
MAX_REASON_CHARS = 120

EMPTY_FILE = "the file is empty (0 bytes)"
ENCRYPTED = "the file is encrypted and needs a password"
UNSUPPORTED_SECURITY = "the file is encrypted with a security scheme that cannot be opened"

# First bytes of common files that get renamed to .pdf, and what to call them.
KNOWN_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"PK", "a ZIP/Office file?"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Excel file?"),
    (b"\x89PNG", "a PNG image?"),
    (b"\xff\xd8\xff", "a JPEG image?"),
    (b"II*\x00", "a TIFF image?"),
    (b"MM\x00*", "a TIFF image?"),
    (b"<", "an HTML/XML page?"),
    (b"{", "a JSON file?"),
)

# PDFium's reason inside "Failed to load document (PDFium: Data format error)."
PDFIUM_REASON_RE = re.compile(r"""\((?P<reason>PDFium:[^)]*)\)""", re.VERBOSE)

_PRINTABLE = frozenset(string.printable.encode()) - frozenset(b"\t\n\r\x0b\x0c")


class SourceKind(StrEnum):
    PDF = "pdf"
    IMAGE = "image"


@dataclass(frozen=True)
class SourceFile:
    path: Path
    source_path: str  # relative to the ingested folder, '/'-separated
    kind: SourceKind


def find_sources(folder: Path) -> list[SourceFile]:
    """Every PDF (any case of `.pdf`) and page image under `folder`, sorted by relative path."""
    found = []
    for path in folder.rglob("*"):
        suffix = path.suffix.lower()
        if not path.is_file() or suffix not in PDF_SUFFIXES | IMAGE_SUFFIXES:
            continue
        kind = SourceKind.PDF if suffix in PDF_SUFFIXES else SourceKind.IMAGE
        found.append(SourceFile(path, path.relative_to(folder).as_posix(), kind))
    return sorted(found, key=lambda source: source.source_path)


def damaged(reason: str) -> str:
    return f"the PDF is damaged and cannot be parsed: {reason}"


def too_many_pages(page_count: int, limit: int) -> str:
    return (f"the file has {page_count} pages, above the limit of {limit}; "
            f"only the first {limit} were read")


def not_a_pdf(head: bytes) -> str:
    """"not a PDF: the file starts with 'PK' (a ZIP/Office file?)"."""
    shown = bytes(_take_printable(head[:SHOWN_HEADER_BYTES])).decode("ascii")
    start = repr(shown) if shown else "bytes " + head[:4].hex(" ")
    hint = next((name for magic, name in KNOWN_SIGNATURES if head.startswith(magic)), None)
    if hint is None and shown and len(shown) == min(len(head), SHOWN_HEADER_BYTES):
        hint = "a text file?"
    return f"not a PDF: the file starts with {start}" + (f" ({hint})" if hint else "")


def _take_printable(data: bytes) -> list[int]:
    taken = []
    for byte in data:
        if byte not in _PRINTABLE:
            break
        taken.append(byte)
    return taken


def check_pdf(path: Path) -> int:
    """Page count of a PDF that can be opened; InputFileError with a plain reason otherwise."""
    with path.open("rb") as handle:
        head = handle.read(HEADER_SEARCH_BYTES)
    if not head:
        raise InputFileError(path, EMPTY_FILE)
    if PDF_MAGIC not in head:
        raise InputFileError(path, not_a_pdf(head))
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise InputFileError(path, explain_pdfium(exc)) from exc
    try:
        return len(pdf)
    finally:
        pdf.close()


def copy_first_pages(path: Path, page_limit: int, target: Path) -> None:
    """Write the first `page_limit` pages of `path` to `target` (for files above MAX_PAGES)."""
    source = pdfium.PdfDocument(path)
    copy = pdfium.PdfDocument.new()
    try:
        copy.import_pages(source, list(range(page_limit)))
        copy.save(target)
    finally:
        copy.close()
        source.close()


def explain_pdfium(exc: pdfium.PdfiumError) -> str:
    if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
        return ENCRYPTED
    if exc.err_code == pdfium_c.FPDF_ERR_SECURITY:
        return UNSUPPORTED_SECURITY
    match = PDFIUM_REASON_RE.search(str(exc))
    return damaged(match["reason"] if match else _short(exc))


def explain_read_error(exc: Exception) -> str | None:
    """A plain sentence for an exception of the PDF libraries; None for anything else."""
    inner = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc
    if isinstance(inner, PDFEncryptionError):
        return ENCRYPTED
    if isinstance(inner, PSException | MalformedPDFException):
        return damaged(_short(inner))
    if isinstance(inner, pdfium.PdfiumError):
        return explain_pdfium(inner)
    return None


def _short(exc: BaseException) -> str:
    """"PSEOF: Unexpected EOF", cut to MAX_REASON_CHARS."""
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return text if len(text) <= MAX_REASON_CHARS else text[:MAX_REASON_CHARS - 1] + "…"
