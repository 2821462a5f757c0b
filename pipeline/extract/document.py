"""Open a PDF once, read each page once: page texts and tables."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from pipeline.model import ExtractedDocument, PageText


def extract_document(path: Path) -> ExtractedDocument:
    """Read the text layer of every page. (Tables: issue 4, in progress.)"""
    with pdfplumber.open(path) as pdf:
        pages = tuple(PageText(n, page.extract_text() or "") for n, page in enumerate(pdf.pages, 1))
        return ExtractedDocument(page_count=len(pdf.pages), pages=pages, tables=())
