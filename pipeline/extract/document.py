"""Open a PDF once, read each page once: page texts and tables."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pdfplumber
import pdfplumber.page

from pipeline.extract.geometry import (WORD_X_TOLERANCE, WORD_Y_TOLERANCE, Segment, Word,
                                       group_lines, segments_from_page, word_from_pdfplumber)
from pipeline.extract.grid import PageTable
from pipeline.extract.ruled import find_ruled_tables
from pipeline.extract.stitch import stitch
from pipeline.extract.unruled import find_unruled_tables
from pipeline.model import ExtractedDocument, PageText

TITLE_LINES = 12  # lines of text above a table kept as its title (letters put fields in between)
MAX_PAGES = 2000  # a larger file is read up to here: the batch must not stall on one document


def page_words(page: pdfplumber.page.Page) -> list[Word]:
    raw = page.extract_words(x_tolerance=WORD_X_TOLERANCE, y_tolerance=WORD_Y_TOLERANCE,
                             keep_blank_chars=False, use_text_flow=False,
                             extra_attrs=["fontname"])
    return [word_from_pdfplumber(w) for w in raw]


def page_tables(page: pdfplumber.page.Page, page_no: int, words: Sequence[Word],
                segments: Sequence[Segment]) -> list[PageTable]:
    ruled = find_ruled_tables(page, page_no, words, segments)
    unruled = find_unruled_tables(page_no, float(page.width), words, segments,
                                  [t.bbox for t in ruled])
    return sorted(ruled + unruled, key=lambda t: t.bbox.top)


def title_above(table: PageTable, words: Sequence[Word], tables: Sequence[PageTable]) -> str:
    """The last lines of text above the table on its page that belong to no table."""
    free = [w for w in words if w.bottom <= table.bbox.top
            and not any(t.bbox.top - 1 <= w.ymid <= t.bbox.bottom + 1 for t in tables)]
    lines = group_lines(free)[-TITLE_LINES:]
    return "\n".join(" ".join(w.text for w in line) for line in lines)


def lines_to_text(words: Sequence[Word]) -> str:
    return "\n".join(" ".join(w.text for w in line) for line in group_lines(words))


def extract_document(path: Path) -> ExtractedDocument:
    """Page texts and stitched tables of a PDF's text layer."""
    texts: list[PageText] = []
    tables: list[PageTable] = []
    titles: dict[int, str] = {}
    problems: list[str] = []
    with pdfplumber.open(path) as pdf:
        page_count = len(pdf.pages)
        if page_count > MAX_PAGES:
            problems.append(f"the file has {page_count} pages, above the limit of {MAX_PAGES}; "
                            f"only the first {MAX_PAGES} were read")
        for page_no, page in enumerate(pdf.pages[:MAX_PAGES], start=1):
            words = page_words(page)
            segments = segments_from_page(page.lines, page.rects)
            found = page_tables(page, page_no, words, segments)
            for table in found:
                titles[len(tables)] = title_above(table, words, found)
                tables.append(table)
            free = [w for w in words if not any(t.bbox.top - 1 <= w.ymid <= t.bbox.bottom + 1
                                                and t.bbox.x0 - 1 <= w.xmid <= t.bbox.x1 + 1
                                                for t in found)]
            texts.append(PageText(page_no, lines_to_text(words), lines_to_text(free)))
            page.flush_cache()  # keep memory flat on long documents
    return ExtractedDocument(page_count=page_count, pages=tuple(texts),
                             tables=tuple(stitch(tables, titles)), problems=tuple(problems))
