"""Open a PDF once, read each page once: page texts and tables."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pdfplumber.page
import pypdfium2 as pdfium
from PIL import Image

from pipeline.extract.geometry import (WORD_X_TOLERANCE, WORD_Y_TOLERANCE, Word,
                                       coloured_backgrounds, covered_blanks, group_lines,
                                       segments_from_page,
                                       visible_char, word_from_pdfplumber)
from pipeline.extract.grid import PageTable
from pipeline.extract.ocr import needs_ocr, ocr_page
from pipeline.extract.ocr_cells import reread_header, reread_lost_lines
from pipeline.extract.stitch import stitch
from pipeline.extract.raster import Gray, PageImage, load_images, render_page
from pipeline.extract.ruled import find_ruled_tables
from pipeline.extract.unruled import Region, build_tables, find_unruled_regions
from pipeline.model import ExtractedDocument, PageText, Source

TITLE_LINES = 12  # lines of text above a table kept as its title (letters put fields in between)
MAX_PAGES = 2000  # a larger file is read up to here: the batch must not stall on one document
# a scanned page with no words is a problem only when it has ink: a blank page (the empty back
# of a sheet) has none left once specks are removed; a page of text has ~1% ink
INK_LEVEL = 128
BLANK_INK_SHARE = 0.0005


def page_words(page: pdfplumber.page.Page) -> list[Word]:
    """The words a reader sees: chars clipped off the page and white-on-white chars dropped
    (`geometry.visible_char`), and padding spaces printed over a digit (`covered_blanks`)."""
    backgrounds = coloured_backgrounds(page.rects, page.images)
    chars = page.chars
    hidden = {id(chars[i]) for i in covered_blanks(chars)}
    visible = page.filter(lambda obj: obj.get("object_type") != "char"
                          or (id(obj) not in hidden and visible_char(obj, page.bbox, backgrounds)))
    raw = visible.extract_words(x_tolerance=WORD_X_TOLERANCE, y_tolerance=WORD_Y_TOLERANCE,
                                keep_blank_chars=False, use_text_flow=False,
                                extra_attrs=["fontname"])
    return [word_from_pdfplumber(w) for w in raw]


def title_above(table: PageTable, words: Sequence[Word], tables: Sequence[PageTable]) -> str:
    """The last lines of text above the table on its page that belong to no table."""
    free = [w for w in words if w.bottom <= table.bbox.top
            and not any(t.bbox.top - 1 <= w.ymid <= t.bbox.bottom + 1 for t in tables)]
    lines = group_lines(free)[-TITLE_LINES:]
    return "\n".join(" ".join(w.text for w in line) for line in lines)


def lines_to_text(words: Sequence[Word]) -> str:
    return "\n".join(" ".join(w.text for w in line) for line in group_lines(words))


@dataclass
class PageRead:
    """What one page gave before tables are built across pages."""

    words: list[Word]
    tables: list[PageTable]


# image-only pages are rendered at this resolution for OCR: the sample scans are 200-300 dpi
# and tesseract reads 9 pt table text reliably from 300 dpi (the OCR measurement in
# tests/extract/test_ocr.py)
OCR_DPI = 300.0
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
PageImageSource = Callable[[int], tuple[Gray, float]]  # 0-based page -> (image, dpi)


class PdfPageImages:
    """Renders pages of a PDF for OCR, opening it with PDFium only once a page needs it."""

    def __init__(self, path: Path):
        self.path = path
        self.document: pdfium.PdfDocument | None = None

    def __call__(self, index: int) -> tuple[Gray, float]:
        if self.document is None:
            self.document = pdfium.PdfDocument(str(self.path))
        return render_page(self.document, index, OCR_DPI), OCR_DPI

    def close(self) -> None:
        if self.document is not None:
            self.document.close()


def images_to_pdf(images: Sequence[PageImage]) -> bytes:
    """Page images as an image-only PDF (page size from each image's dpi), so image files go
    through the same page model as scanned PDFs."""
    frames = [Image.fromarray(p.image) for p in images]
    out = io.BytesIO()
    frames[0].save(out, "PDF", resolution=images[0].dpi, save_all=True, append_images=frames[1:])
    return out.getvalue()


def extract_document(path: Path) -> ExtractedDocument:
    """Page texts and stitched tables of a PDF (text layer, or OCR where a page has none) or of
    a page image file (.png, .jpg, .tif incl. multi-page)."""
    if path.suffix.lower() in IMAGE_SUFFIXES:
        images = load_images(path)
        with pdfplumber.open(io.BytesIO(images_to_pdf(images))) as pdf:
            return read_pdf(pdf, lambda i: (images[i].image, images[i].dpi), always_ocr=True)
    rendered = PdfPageImages(path)
    try:
        with pdfplumber.open(path) as pdf:
            return read_pdf(pdf, rendered)
    finally:
        rendered.close()




def read_pdf(pdf: pdfplumber.PDF, page_image: PageImageSource,
             always_ocr: bool = False) -> ExtractedDocument:
    problems: list[str] = []
    pages: list[PageRead] = []
    regions: list[Region] = []
    ocr_pages: list[int] = []
    blank_pages: list[int] = []  # scanned pages without ink (the empty back of a sheet)
    page_count = len(pdf.pages)
    if page_count > MAX_PAGES:
        problems.append(f"the file has {page_count} pages, above the limit of {MAX_PAGES}; "
                        f"only the first {MAX_PAGES} were read")
    for page_no, page in enumerate(pdf.pages[:MAX_PAGES], start=1):
        words = [] if always_ocr else page_words(page)
        scanned = always_ocr or needs_ocr(words, float(page.width), float(page.height),
                                          bool(page.images)) is not None
        if scanned:
            image, dpi = page_image(page_no - 1)
            read = ocr_page(image, dpi, float(page.width), float(page.height))
            words, segments = read.words, read.segments
            ocr_pages.append(page_no)
            if not words and (read.image < INK_LEVEL).mean() > BLANK_INK_SHARE:
                problems.append(f"page {page_no}: no text could be read (OCR found no words)")
            elif not words:
                blank_pages.append(page_no)
        else:
            segments = segments_from_page(page.lines, page.rects)
        ruled = find_ruled_tables(page, page_no, words, segments, scanned=scanned)
        if scanned:
            ruled = [reread_lost_lines(reread_header(t, read.image, read.dpi, segments),
                                       read.image, read.dpi, segments) for t in ruled]
        regions += find_unruled_regions(page_no, float(page.width), words, segments,
                                        [t.bbox for t in ruled])
        pages.append(PageRead(words, ruled))
        page.flush_cache()  # keep memory flat on long documents
    if blank_pages and len(blank_pages) == len(pages):
        problems.append(f"no text could be read: every page is blank ({len(pages)} scanned)")
    for table in build_tables(regions):  # unruled tables share columns across their pages
        pages[table.page - 1].tables.append(table)
    texts: list[PageText] = []
    tables: list[PageTable] = []
    titles: dict[int, str] = {}
    for page_no, read_page in enumerate(pages, start=1):
        found = sorted(read_page.tables, key=lambda t: t.bbox.top)
        for table in found:
            titles[len(tables)] = title_above(table, read_page.words, found)
            tables.append(table)
        free = [w for w in read_page.words if not any(t.bbox.top - 1 <= w.ymid <= t.bbox.bottom + 1
                                                      and t.bbox.x0 - 1 <= w.xmid <= t.bbox.x1 + 1
                                                      for t in found)]
        source = Source.OCR if page_no in ocr_pages else Source.TEXT_LAYER
        texts.append(PageText(page_no, lines_to_text(read_page.words), lines_to_text(free), source))
    return ExtractedDocument(page_count=page_count, pages=tuple(texts),
                             tables=tuple(stitch(tables, titles)), problems=tuple(problems),
                             ocr_pages=tuple(ocr_pages))
