"""Cells of scanned tables read again one by one: header cells, and cells whose lines the
page read lost.

Tesseract reads a whole page as one block of lines (psm 6). On a dense landscape table the
lines of neighbouring cells sit a point or two apart and tesseract drops some of them: the
E.81 name "Persentase Pasar yang / Direvitalisasi" came out as its first line only. A cell
whose image holds more lines of ink than its text has lines is read again alone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import cv2
import numpy as np

from pipeline.extract.geometry import Segment, strokes_inside
from pipeline.extract.grid import PageTable
from pipeline.extract.ocr_numbers import (PAPER_PERCENTILE, crop_inside, read_block,
                                          read_cell_text)
from pipeline.extract.raster import POINTS_PER_INCH, Gray
from pipeline.extract.stitch import NUMBER_ONLY, looks_like_body
from pipeline.model import BBox, Cell

MAX_HEADER_REREAD = 4  # header rows of a scanned table read again cell by cell
MIN_HEADER_LINES = 3  # header cells of this many lines are read line by line
# the cell's border is left out (points): the stubs of its erased rulings are no text
INSET_POINTS = 1.5
# a pixel row is ink when this share of its width is dark (a speck is not a line of text)
MIN_ROW_INK = 0.01
# a pixel is ink when darker than halfway between the cell's paper and its darkest ink: scanned
# 5-pt print is grey (its darkest pixels ~95), and a fixed level of 128 missed whole lines
INK_PERCENTILE = 0.5
MIN_CONTRAST = 40  # grey levels between paper and ink below which a cell holds no print
# a line of text is a band of ink rows at least this tall (points): the x-height of 5 pt print
MIN_LINE_POINTS = 1.8
# bands closer than this (points) are one line: the dot of an `i` above its stem
MIN_LINE_GAP_POINTS = 0.6
# lines are scaled to this height (pixels) before tesseract reads them: it reads best with
# capitals 30-40 px tall, and 5 pt print at 300 dpi is ~15 px
LINE_PX = 40
# a band is read with this much (points) of the rows above and below it: tesseract needs some
# white around the letters, and more brings in the next line's ascenders
BAND_PAD_POINTS = 0.5
LINE_PSMS = (7, 13)  # a single line, then a raw line
LINE_END_JUNK = " —–_|”“"  # what a ruling's stub at a line's end reads as
# what the page read makes of a speck or a ruling's stub on a line of its own
SPECK_READS = frozenset({":", ".", ",", "'", '"', "“", "”", "‘", "’", "`", "|", "_", "f", "i",
                         "l"})
# a re-read line needs this many letters or digits to count (`f` or `:` is a speck's read)
MIN_LINE_CHARS = 2
# a cell whose weakest word the page read gave this confidence or less is read again alone;
# kept when that read finds every line of ink and its weakest word is surer
GARBLED_CONFIDENCE = 10.0
# ... and keeps at most this confidence, below the 60 at which OCR-01 asks for a look: the
# second read is the better one, not a sure one (a clean "78,82" read alone came out "18,82")
GARBLED_READ_CONFIDENCE = 40.0


def ink_lines(image: Gray, box: BBox, dpi: float) -> list[tuple[int, int]]:
    """The bands of ink rows (pixel rows top, bottom) inside the box, one per line of text."""
    piece = crop_inside(image, box, dpi, INSET_POINTS)
    if piece.size == 0:
        return []
    px_per_pt = dpi / POINTS_PER_INCH
    paper, ink = np.percentile(piece, [PAPER_PERCENTILE, INK_PERCENTILE])
    if paper - ink < MIN_CONTRAST:
        return []
    inked = (piece < (paper + ink) / 2).mean(axis=1) >= MIN_ROW_INK
    bands: list[tuple[int, int]] = []
    for y in np.flatnonzero(inked):
        if bands and y - bands[-1][1] <= MIN_LINE_GAP_POINTS * px_per_pt:
            bands[-1] = (bands[-1][0], int(y) + 1)
        else:
            bands.append((int(y), int(y) + 1))
    return [b for b in bands if b[1] - b[0] >= MIN_LINE_POINTS * px_per_pt]


def text_lines(text: str) -> int:
    return sum(bool(line.strip()) for line in text.splitlines())


def read_lines(image: Gray, box: BBox, dpi: float,
               bands: list[tuple[int, int]]) -> tuple[str, float | None]:
    """The cell read alone, enlarged to LINE_PX per line: its lines joined by \\n and the
    lowest word confidence (a cell is as sure as its weakest word)."""
    piece = crop_inside(image, box, dpi, INSET_POINTS)
    factor = LINE_PX / float(np.median([bottom - top for top, bottom in bands]))
    text, scores = read_block(cv2.resize(piece, None, fx=factor, fy=factor,
                                         interpolation=cv2.INTER_CUBIC if factor > 1
                                         else cv2.INTER_AREA))
    read = sum(map(real_line, text.splitlines()))
    if read < len(bands):
        # the block read lost a line of a tight paragraph: each band is read as one line
        reads = [read_band(piece, band, dpi) for band in bands]
        by_band = [line for line, _ in reads if real_line(line)]
        if len(by_band) > read:
            text, scores = "\n".join(by_band), [c for line, c in reads if c is not None]
    return text, (min(scores) if scores else None)


def read_band(piece: Gray, band: tuple[int, int], dpi: float) -> tuple[str, float | None]:
    """One band of ink read as a single line, with BAND_PAD_POINTS of the rows around it: as a
    line (psm 7), else as a raw line (psm 13; psm 7 gave nothing for "koordinasi,
    sinkronisasi, dan" squeezed between two lines), rule remnants at its end dropped."""
    pad = round(BAND_PAD_POINTS * dpi / POINTS_PER_INCH)
    top, bottom = band
    line = piece[max(0, top - pad):bottom + pad]
    factor = LINE_PX / (bottom - top)
    line = cv2.resize(line, None, fx=factor, fy=factor,
                      interpolation=cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA)
    for psm in LINE_PSMS:
        text, scores = read_block(line, psm)
        text = " ".join(text.split()).rstrip(LINE_END_JUNK)
        if real_line(text):
            return text, (min(scores) if scores else None)
    return "", None


def reread_header(table: PageTable, image: Gray, dpi: float,
                  segments: Sequence[Segment]) -> PageTable:
    """The header cells of a scanned table read again one by one (the rows before the first row
    that holds a row number, a code or numbers); a typeset fraction is kept (`fraction_cell`)."""
    rows = list(table.rows)
    for r, row in enumerate(rows[:MAX_HEADER_REREAD]):
        if looks_like_body(row):
            break
        cells = []
        for cell in row:
            if cell is None or cell.bbox is None or fraction_cell(cell.bbox, segments):
                cells.append(cell)
                continue
            bands = ink_lines(image, cell.bbox, dpi)
            # a tall header read by its lines: read as one block, the narrow headers of a
            # Kesimpulan table came out "Rataan Realisasi Pngguan" for "Rata-rata Realisasi
            # Anggaran"; a short one ("K", "Rp") as before, where a rule's remnant below it
            # would be read as a line of its own
            text, confidence = (read_lines(image, cell.bbox, dpi, bands)
                                if len(bands) >= MIN_HEADER_LINES
                                else read_cell_text(image, cell.bbox, dpi))
            cells.append(dataclasses.replace(cell, text=text, confidence=confidence, words=())
                         if text else cell)
        rows[r] = tuple(cells)
    return dataclasses.replace(table, rows=tuple(rows))


def reread_lost_lines(table: PageTable, image: Gray, dpi: float,
                      segments: Sequence[Segment]) -> PageTable:
    """The table with every cell that shows more lines of ink than its text has read again
    alone, where that read finds more lines; a typeset fraction is kept (`fraction_cell`)."""
    rows = []
    for row in table.rows:
        cells: list[Cell | None] = []
        for cell in row:
            kept = cell is None or cell.bbox is None or fraction_cell(cell.bbox, segments)
            cells.append(cell if kept
                         else reread_cell(drop_speck_lines(cell), cell.bbox, image, dpi))
        rows.append(tuple(cells))
    return dataclasses.replace(table, rows=tuple(rows))


def fraction_cell(box: BBox, segments: Sequence[Segment]) -> bool:
    """A cell with a stroke inside: a typeset fraction, its text composed on one line as
    `num / den x 100%` from the lines over and under its bar. Read again line by line it loses
    the bar: the Gresik IKI formulas came out `num x 100% den`, and KK-04 could not split them."""
    return bool(strokes_inside(box, segments))


def drop_speck_lines(cell: Cell) -> Cell:
    """A cell of several lines without the lines that are one speck's read (`100,00` over a
    `:`); a cell whose only mark is one (a faint `-` read `:`) keeps it."""
    lines = cell.text.splitlines()
    kept = [line for line in lines if line.strip() not in SPECK_READS]
    if len(kept) == len(lines) or not kept:
        return cell
    return dataclasses.replace(cell, text="\n".join(kept))


def reread_cell(cell: Cell, box: BBox, image: Gray, dpi: float) -> Cell:
    """The cell read again alone when it shows more lines of ink than its text has, or when
    the page read garbled it (`garbled`); a number cell is kept (the page read re-read it with
    the number settings, and a speck under a number is no lost line)."""
    have = text_lines(cell.text)
    if have and all(NUMBER_ONLY.match(line.strip()) for line in cell.text.splitlines()
                    if line.strip()):
        return cell
    bands = ink_lines(image, box, dpi)
    mixed = garbled(cell, len(bands))
    if not bands or (len(bands) <= have and not mixed):
        return cell
    text, confidence = read_lines(image, box, dpi, bands)
    text = "\n".join(line for line in text.splitlines() if real_line(line))
    found_lost = have < len(bands) and text_lines(text) > have
    # a garbled cell has a confidence (`garbled`)
    surer = (mixed and text_lines(text) >= len(bands) and confidence is not None
             and confidence > (cell.confidence or 0.0))
    if not (found_lost or surer):
        return cell
    if surer:  # still a cell to check by eye: its numbers are not trusted more than before
        confidence = min(confidence, GARBLED_READ_CONFIDENCE)
    return dataclasses.replace(cell, text=text, confidence=confidence, words=())


def garbled(cell: Cell, bands: int) -> bool:
    """The page read was all but unsure of some word of the cell, and gave it more lines than
    it has lines of ink or a line of letters among lines of numbers. Psm 6 reads a table row
    as one block and can mix the lines of neighbouring cells: the Rencana Aksi at 200 dpi gave
    "ik / iin 1? / y" for "TW 3 = / 78,82", which the cell read alone reads whole. (A low
    confidence alone is no sign: tesseract gives a right `TW1=` 0.)"""
    if cell.confidence is None or cell.confidence >= GARBLED_CONFIDENCE:
        return False
    lines = [line for line in cell.text.splitlines() if line.strip()]
    with_digits = sum(any(c.isdigit() for c in line) for line in lines)
    return len(lines) > bands or 0 < with_digits < len(lines)


def real_line(line: str) -> bool:
    """A line of text, not the read of a speck or a ruling's stub (`f`, `:`, `|`)."""
    return sum(c.isalnum() for c in line) >= MIN_LINE_CHARS
