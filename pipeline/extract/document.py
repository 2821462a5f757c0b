"""Open a PDF once, read each page once: page texts and tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pdfplumber.page

from pipeline.extract.geometry import (WORD_X_TOLERANCE, WORD_Y_TOLERANCE, Segment, Word,
                                       coloured_backgrounds, covered_blanks, group_lines,
                                       segments_from_page,
                                       visible_char, word_from_pdfplumber)
from pipeline.extract.grid import PageTable
from pipeline.extract.ruled import find_ruled_tables
from pipeline.extract.stitch import stitch
from pipeline.extract.unruled import Region, build_tables, find_unruled_regions
from pipeline.model import ExtractedDocument, PageText

TITLE_LINES = 12  # lines of text above a table kept as its title (letters put fields in between)
MAX_PAGES = 2000  # a larger file is read up to here: the batch must not stall on one document


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


def extract_document(path: Path) -> ExtractedDocument:
    """Page texts and stitched tables of a PDF's text layer."""
    problems: list[str] = []
    pages: list[PageRead] = []
    regions: list[Region] = []
    with pdfplumber.open(path) as pdf:
        page_count = len(pdf.pages)
        if page_count > MAX_PAGES:
            problems.append(f"the file has {page_count} pages, above the limit of {MAX_PAGES}; "
                            f"only the first {MAX_PAGES} were read")
        for page_no, page in enumerate(pdf.pages[:MAX_PAGES], start=1):
            words = page_words(page)
            segments = segments_from_page(page.lines, page.rects)
            ruled = find_ruled_tables(page, page_no, words, segments)
            regions += find_unruled_regions(page_no, float(page.width), words, segments,
                                            [t.bbox for t in ruled])
            pages.append(PageRead(words, ruled))
            page.flush_cache()  # keep memory flat on long documents
    for table in build_tables(regions):  # unruled tables share columns across their pages
        pages[table.page - 1].tables.append(table)
    texts: list[PageText] = []
    tables: list[PageTable] = []
    titles: dict[int, str] = {}
    for page_no, read in enumerate(pages, start=1):
        found = sorted(read.tables, key=lambda t: t.bbox.top)
        for table in found:
            titles[len(tables)] = title_above(table, read.words, found)
            tables.append(table)
        free = [w for w in read.words if not any(t.bbox.top - 1 <= w.ymid <= t.bbox.bottom + 1
                                                 and t.bbox.x0 - 1 <= w.xmid <= t.bbox.x1 + 1
                                                 for t in found)]
        texts.append(PageText(page_no, lines_to_text(read.words), lines_to_text(free)))
    return ExtractedDocument(page_count=page_count, pages=tuple(texts),
                             tables=tuple(stitch(tables, titles)), problems=tuple(problems))
