"""Page tables -> RawTables: headers told from bodies, tables continued overleaf joined.

A table goes on overleaf when the next page starts with a table of the same columns (same
count, edges within a few points) right after this page ended with one. Its repeated header
and column-number row are dropped; the body rows are appended.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from pipeline.extract.grid import PageTable
from pipeline.model import Cell, RawTable, Source

SAME_EDGE = 3.0  # points: column edges of a continued table agree this well
# a scanned page lies a few points off its neighbour on the scanner glass: edges are compared
# after taking out the shift of the whole table, up to this much (points)
MAX_SHIFT = 20.0
SAME_ESTIMATED_EDGE = 12.0  # points: the same, for edges estimated from gutters (unruled tables)
# the printed column-number row: `1 2 3 4 5`, `14 = 6 + 12`, `15 = 14 / 5 x 100 %`, `(1)`
NUMBERING_CELL = re.compile(r"""^\(?\d{1,2}\)?(\s*=\s*[\d\s+\-/x×*:%()]+)?$""", re.VERBOSE)
MIN_NUMBERED_CELLS = 3
# an OCR numbering row with this many numbers read is one even with one cell garbled
MIN_NUMBERS_TO_FORGIVE_ONE = 6
# a row repeats a header row when their texts agree this well (rapidfuzz ratio): OCR reads the
# same header a little differently on every page ("Sasaran/" and "Sasaran!")
SAME_HEADER_ROW = 80.0


@dataclass(frozen=True)
class Part:
    """A page table with its header rows counted and its numbering row found."""

    table: PageTable
    header: int  # leading header rows
    numbering: int | None  # row index of the column-number row, if any

    @property
    def body_start(self) -> int:
        return (self.numbering + 1) if self.numbering is not None else self.header


def is_numbering_row(cells: Sequence[Cell | None]) -> bool:
    present = [c for c in cells if c is not None and c.text.strip()]
    numbered = [c.text.strip() for c in present if NUMBERING_CELL.match(c.text.strip())]
    garbled = len(present) - len(numbered)
    # OCR garbles a small numeral now and then (the 200-dpi Rencana Aksi scan reads "7" as "(re")
    ocr = any(c.source is Source.OCR for c in present)
    forgiven = 1 if ocr and len(numbered) >= MIN_NUMBERS_TO_FORGIVE_ONE else 0
    if len(numbered) < MIN_NUMBERED_CELLS or garbled > forgiven:
        return False
    firsts = [int(re.match(r"\(?(\d+)", t).group(1)) for t in numbered]  # type: ignore[union-attr]
    return firsts == sorted(firsts) and len(set(firsts)) == len(firsts)


# the first cell of a body row: a row number (`1`, `1.`, `2)`) or a kode rekening
ROW_START = re.compile(r"^\(?\d{1,3}[.)]?$|^\d{1,2}(\.\d{1,4}){1,5}$")
# a cell holding one printed number: `98,00`, `1.151.384.000`, `36,79%`, `-`
NUMBER_ONLY = re.compile(r"^[-–]$|^[-+(]?(Rp\.?\s?)?\d[\d.,]*\)?\s?%?$")
MAX_UNMARKED_HEADER_ROWS = 4  # header rows guessed without bold type (OCR pages)
MIN_CAPITALS = 3  # letters a row needs to be judged by its case (`NO` alone is too little)


def looks_like_body(cells: Sequence[Cell | None]) -> bool:
    texts = [c.text.strip() for c in cells if c is not None and c.text.strip()]
    if not texts:
        return False
    return bool(ROW_START.match(texts[0])) or sum(bool(NUMBER_ONLY.match(t)) for t in texts) >= 2


def capitals_only(cells: Sequence[Cell | None]) -> bool:
    """A row whose letters are all capitals (`KINERJA`, `SUMBER DATA`): a header's type, where
    the body below is written in sentences."""
    letters = [ch for c in cells if c is not None for ch in c.text if ch.isalpha()]
    return len(letters) >= MIN_CAPITALS and not any(ch.islower() for ch in letters)


def split_header(table: PageTable) -> Part:
    if table.header_rows is not None:
        header = table.header_rows
    elif any(table.row_bold):
        header = 0
        while header < len(table.rows) and table.row_bold[header]:
            header += 1
    else:  # no type to go by (OCR): the rows set in capitals, else the rows before the
        # first row number, code or numbers
        header = 0
        upper = bool(table.rows) and capitals_only(table.rows[0])
        while (header < min(len(table.rows), MAX_UNMARKED_HEADER_ROWS)
               and not looks_like_body(table.rows[header])
               and (not upper or capitals_only(table.rows[header]))):
            header += 1
    # the numbering row closes the header (bold or not)
    numbering = next((r for r in (header - 1, header)
                      if 0 <= r < len(table.rows) and is_numbering_row(table.rows[r])), None)
    if numbering is None and not any(table.row_bold) and table.header_rows is None:
        numbering = numbering_below(table, header)
    return Part(table, header if numbering is None else numbering, numbering)


def numbering_below(table: PageTable, header: int) -> int | None:
    """OCR garbles header rows of small print (`K | Rp` read `ie`, `2`) into rows that look
    like numbers: a column-numbering row further down still closes the header."""
    return next((r for r in range(header + 1, min(len(table.rows), MAX_UNMARKED_HEADER_ROWS + 1))
                 if is_numbering_row(table.rows[r]) and numbers_most_columns(table, r)), None)


def numbers_most_columns(table: PageTable, r: int) -> bool:
    """The row numbers at least half of its cells (merged cells count once), from 1."""
    cells = [c for c in table.rows[r] if c is not None]
    texts = [c.text.strip() for c in cells if c.text.strip()]
    return len(texts) * 2 >= len(cells) and re.match(r"\(?1\b", texts[0]) is not None


def column_labels(part: Part) -> tuple[str, ...]:
    labels = []
    for j in range(part.table.n_cols):
        pieces: list[str] = []
        for r in range(part.header):
            text = " ".join(part.table.covering_text(r, j).split())
            if text and (not pieces or pieces[-1] != text):
                pieces.append(text)
        labels.append(" / ".join(pieces))
    return tuple(labels)


def continues(prev: Part, nxt: Part) -> bool:
    """Same columns: edges that agree (ruled), or the same repeated header (unruled tables,
    whose edges are estimated from each page's text)."""
    a, b = prev.table, nxt.table
    if b.page != a.page + 1 or b.n_cols != a.n_cols:
        return False
    tolerance = SAME_EDGE if a.method == "lines" else SAME_ESTIMATED_EDGE
    offsets = sorted(x - y for x, y in zip(a.col_edges, b.col_edges))
    shift = offsets[len(offsets) // 2]
    same_edges = abs(shift) <= MAX_SHIFT and all(abs(d - shift) <= tolerance for d in offsets)
    return same_edges or (nxt.header > 0 and column_labels(prev) == column_labels(nxt))


def repeated_header(first: Part, part: Part) -> Part:
    """A continuation's header is the rows repeating the first page's header rows, and its
    numbering row after them, however its own header was guessed. OCR guesses a header by its
    looks: it took an indicator's rows for header rows when its No. cell read a speck ("!"),
    and on the 200-dpi Rencana Aksi it kept the repeated `URAIAN | INDIKATOR KINERJA | Satuan`
    row and the column numbers `1 2 3 | 4 5: 7` (a speck after the 5) as body rows."""
    if part.numbering is not None:
        return part
    rows = part.table.rows
    same = 0
    while (same < min(first.header, len(rows))
           and repeats(first.table.rows[same], rows[same])):
        same += 1
    if same < first.header:
        return part
    if (first.numbering is not None and same < len(rows)
            and repeats(first.table.rows[first.numbering], rows[same])):
        return Part(part.table, same, same)
    return Part(part.table, same, None) if part.header != same else part


def repeats(header_row: Sequence[Cell | None], row: Sequence[Cell | None]) -> bool:
    return fuzz.ratio(row_text(header_row), row_text(row)) >= SAME_HEADER_ROW


def row_text(cells: Sequence[Cell | None]) -> str:
    return " ".join(" ".join(c.text.split()) for c in cells if c is not None)


def stitch(tables: Sequence[PageTable], titles: dict[int, str]) -> list[RawTable]:
    """Page tables in reading order -> RawTables; `titles[i]` is the text above table i."""
    out: list[RawTable] = []
    groups: list[list[int]] = []
    split = [split_header(t) for t in tables]
    for i, table in enumerate(tables):
        prev = tables[i - 1] if i else None
        last_on_page = prev is not None and not any(t.page == prev.page and t.bbox.top > prev.bbox.top
                                                   for t in tables[i:])
        first_on_page = prev is not None and prev.page != table.page
        if prev is not None and last_on_page and first_on_page and continues(split[i - 1], split[i]):
            groups[-1].append(i)
        else:
            groups.append([i])
    for group in groups:
        first = split[group[0]]
        parts = [first, *(repeated_header(first, split[i]) for i in group[1:])]
        rows: list[tuple[Cell | None, ...]] = []
        for part in parts:
            rows.extend(part.table.rows[part.body_start:])
        numbers = None
        if first.numbering is not None:
            numbers = tuple(c.text.strip() if c else "" for c in first.table.rows[first.numbering])
        out.append(RawTable(
            columns=column_labels(first),
            header_rows=tuple(tuple(first.table.covering_text(r, j) for j in range(first.table.n_cols))
                              for r in range(first.header)),
            rows=tuple(rows), page=first.table.page, title=titles.get(group[0], ""),
            method=first.table.method, column_numbers=numbers))
    return out
