"""Re-reading numbers on a page image with settings for numbers: a character whitelist, eng.

The page read (`ind+eng`, whole page) slips on the symbols around digits: `=44` reads `-44`,
`9,91%` reads `9901Y`. Number words are cut out, scaled to one text height, stacked into one
column image and read in one tesseract call with a whitelist (one call per page, not per word).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import cv2
import numpy as np
import pytesseract

from pipeline.extract.geometry import Word
from pipeline.extract.raster import POINTS_PER_INCH, Gray, binarize, crop, limit_threads
from pipeline.model import BBox

# `eng` alone reads `=`, `%` and the decimal comma more reliably than `ind+eng` (measured on
# the sample scans); with the whitelist no word of either language can be forced on a number
NUMBER_LANGUAGES = "eng"
# digits, separators, signs, `Rp`, and the `TW`/`TWI` of quarter lines (`TW1 = 44`)
NUMBER_WHITELIST = "0123456789.,%-=+()/RpTWI"
# a word is re-read when it has a digit and at most this many letters (`TW1-44`, `Rp5.000`,
# `9901Y`); `Th(n-1)` or `2023Tahun` are text
MAX_LETTERS = 2
# psm 6 on a stack of number crops (one block, a crop per line); psm 7 on a single cell
STACK_PSM = 6
CELL_PSM = 7
# crops are scaled so their ink is this tall (pixels): at 40 px `1,25` read `125`, at 56-72 px
# right (a 300 dpi scan of 8 pt digits is ~25 px)
CELL_TEXT_PX = 64
# white margin around each crop in the stack (pixels): keeps the lines apart for psm 6
CELL_BORDER_PX = 12
# a crop's paper shade is this percentile of its grey levels: print covers under a tenth of it
PAPER_PERCENTILE = 90.0
# a short word the page read was unsure of (`ee` for a lone `3` between erased rulings) is
# re-read too, and replaced only when the number read is sure: below LOW_CONFIDENCE on the page
# read, at least SURE_CONFIDENCE on the re-read (tesseract's 0-100 word confidence)
SHORT_WORD = 3
LOW_CONFIDENCE = 50.0
SURE_CONFIDENCE = 85.0
# a number's separator marks, as the ink shows them (`separator_marks`): a glyph is a blob at
# least GLYPH_SHARE of the crop tall; a mark is at most MARK_SHARE of a digit wide and tall,
# at least MIN_MARK_SHARE across (less is a speck), its top in the lowest MARK_SHARE of the digits
SEPARATORS = ".,"
GLYPH_SHARE = 0.5
MARK_SHARE = 0.4
MIN_MARK_SHARE = 0.12
# a number whose ink shows a separator its text lacks keeps at most this confidence, below the
# 60 at which OCR-01 asks for a look
LOST_MARK_CONFIDENCE = 50.0
# crops per stacked image: tesseract refuses images taller than 32767 px (a dense page has
# 400+ number words; 200 slots of 88 px make 17600 px)
STACK_SLOTS = 200
# a word box is widened by this (points) before cutting: tesseract's boxes hug the ink and a
# faint `%` or comma at the edge would be lost
WORD_PAD_POINTS = 1.0
# the crop of a table cell leaves out this much of its bbox (points): its ruling lines
CELL_INSET_POINTS = 1.0


@dataclass(frozen=True, slots=True)
class Reading:
    text: str
    confidence: float | None  # mean word confidence 0-100; None when nothing was read


def number_like(text: str) -> bool:
    """A number or quarter line as tesseract may have slipped on it: `9,91%`, `9901Y`, `TW1-44`."""
    letters = sum(c.isalpha() for c in text)
    return any(c.isdigit() for c in text) and letters <= MAX_LETTERS


def reread_numbers(image: Gray, dpi: float, words: Sequence[Word]) -> list[Word]:
    """The words with number-like (and unsure short) words re-read with the number settings.

    A re-read that finds nothing, or an unsure one of a word that was not a number, keeps the
    page read's word unchanged.
    """
    chosen = [i for i, w in enumerate(words) if number_like(w.text) or unsure_short(w)]
    if not chosen:
        return list(words)
    pieces = [cut(image, word_box(words[i]), dpi, 0.0) for i in chosen]
    out = list(words)
    for i, piece, reading in zip(chosen, pieces, read_stack(pieces), strict=True):
        marks = separator_marks(piece)
        take = accept(words[i], reading) and not drops_a_mark(words[i].text, reading.text, marks)
        word = (replace(words[i], text=reading.text, confidence=reading.confidence)
                if take else words[i])
        out[i] = unsure_of_lost_marks(word, marks)
    return out


def separators(text: str) -> int:
    return sum(c in SEPARATORS for c in text)


def drops_a_mark(page_read: str, reread: str, marks: int) -> bool:
    """The re-read lacks a separator the ink shows and the page read has: the Kaltim scan's
    `4,15%`, read right on the page at 92, was re-read `415%` at 17."""
    return separators(reread) < marks <= separators(page_read)


def unsure_of_lost_marks(word: Word, marks: int) -> Word:
    """The word with its confidence capped at LOST_MARK_CONFIDENCE when its ink shows more
    separator marks (`separator_marks`) than its text has: tesseract read a scanned `13,5` as
    `135` at 92, a number the grammar accepts and only the ink tells wrong."""
    if word.confidence is None or marks <= separators(word.text):
        return word
    return replace(word, confidence=min(word.confidence, LOST_MARK_CONFIDENCE))


def separator_marks(piece: Gray) -> int:
    """How many separator marks (`.` or `,`) the crop of a number shows: small blobs on the
    baseline in a gap between glyphs as tall as a digit."""
    if piece.size == 0:
        return 0
    _, ink = cv2.threshold(piece, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    count, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    blobs = [tuple(int(v) for v in stats[n][:4]) for n in range(1, count)]
    glyphs = [b for b in blobs if b[3] >= GLYPH_SHARE * piece.shape[0]]
    if len(glyphs) < 2:
        return 0
    digit = float(np.median([h for _, _, _, h in glyphs]))
    baseline = float(np.median([y + h for _, y, _, h in glyphs]))
    left, right = min(x for x, *_ in glyphs), max(x + w for x, _, w, _ in glyphs)

    def mark(x: int, y: int, w: int, h: int) -> bool:
        middle = x + w / 2
        return (max(w, h) <= MARK_SHARE * digit and w * h >= (MIN_MARK_SHARE * digit) ** 2
                and y >= baseline - MARK_SHARE * digit and left < middle < right
                and not any(gx < middle < gx + gw for gx, _, gw, _ in glyphs))
    return sum(mark(*b) for b in blobs)


def unsure_short(word: Word) -> bool:
    return (len(word.text) <= SHORT_WORD and word.confidence is not None
            and word.confidence < LOW_CONFIDENCE)


def accept(word: Word, reading: Reading) -> bool:
    """A number word takes any re-read but one that only drops the letters the whitelist cannot
    spell and is less sure ("x100" at 73 re-read "100" at 0: the times sign was right); an
    unsure short word only a sure number."""
    if not reading.text:
        return False
    if number_like(word.text):
        dropped_only = "".join(c for c in word.text if c in NUMBER_WHITELIST) == reading.text
        return not (dropped_only and (reading.confidence or 0.0) < (word.confidence or 0.0))
    return (reading.confidence is not None and reading.confidence >= SURE_CONFIDENCE
            and any(c.isdigit() for c in reading.text))


def word_box(word: Word) -> BBox:
    return BBox(word.x0 - WORD_PAD_POINTS, word.top - WORD_PAD_POINTS,
                word.x1 + WORD_PAD_POINTS, word.bottom + WORD_PAD_POINTS)


def refine_numeric_cell(image: Gray, bbox_pt: BBox, dpi: float) -> tuple[str, float | None]:
    """Re-read one cell (points, on `image`) as a line of number characters.

    Returns the text and tesseract's mean word confidence (None when nothing was read).
    """
    piece = cut(image, bbox_pt, dpi, CELL_INSET_POINTS)
    if piece.size == 0:
        return "", None
    padded = pad(piece)
    limit_threads()
    data = pytesseract.image_to_data(
        padded, lang=NUMBER_LANGUAGES,
        config=f"--psm {CELL_PSM} -c tessedit_char_whitelist={NUMBER_WHITELIST}",
        output_type=pytesseract.Output.DICT)
    reading = join_words([(t, float(c)) for t, c in zip(data["text"], data["conf"], strict=True)])
    return reading.text, reading.confidence


def pad(piece: Gray) -> Gray:
    """The crop on a margin of CELL_BORDER_PX in its own paper shade. On white, tesseract read
    the grey-filled header "Target / 2023" of the Kaltim IKU photo as "T / ti»"."""
    paper = int(np.percentile(piece, PAPER_PERCENTILE))
    return cv2.copyMakeBorder(piece, CELL_BORDER_PX, CELL_BORDER_PX, CELL_BORDER_PX,
                              CELL_BORDER_PX, cv2.BORDER_CONSTANT, value=paper)


def crop_inside(image: Gray, box: BBox, dpi: float, inset: float) -> Gray:
    """The image inside a box (points), `inset` points in from each side (its rulings)."""
    px_per_pt = dpi / POINTS_PER_INCH
    return crop(image, [round((box.x0 + inset) * px_per_pt), round((box.top + inset) * px_per_pt),
                        round((box.x1 - inset) * px_per_pt),
                        round((box.bottom - inset) * px_per_pt)])


def cut(image: Gray, box: BBox, dpi: float, inset: float) -> Gray:
    """The ink of a box (points) on the image, scaled to CELL_TEXT_PX tall; empty if no ink."""
    piece = trim_to_ink(crop_inside(image, box, dpi, inset), dpi)
    if piece.size == 0:
        return piece
    factor = CELL_TEXT_PX / piece.shape[0]
    return cv2.resize(piece, None, fx=factor, fy=factor,
                      interpolation=cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA)


def trim_to_ink(piece: Gray, dpi: float) -> Gray:
    """The crop cut down to the box around its ink."""
    if piece.size == 0:
        return piece
    points = cv2.findNonZero(binarize(piece, dpi))
    if points is None:
        return piece[:0, :0]
    x, y, w, h = cv2.boundingRect(points)
    return piece[y:y + h, x:x + w]


def read_stack(pieces: Sequence[Gray]) -> list[Reading]:
    """Read crops stacked one per line, STACK_SLOTS per tesseract call; a Reading per crop."""
    return [reading for start in range(0, len(pieces), STACK_SLOTS)
            for reading in read_column(pieces[start:start + STACK_SLOTS])]


def read_column(pieces: Sequence[Gray]) -> list[Reading]:
    """Read crops stacked one per line in one tesseract call; a Reading per crop."""
    width = max((p.shape[1] for p in pieces), default=0) + 2 * CELL_BORDER_PX
    slot = CELL_TEXT_PX + 2 * CELL_BORDER_PX
    canvas = np.full((slot * len(pieces), width), 255, dtype=np.uint8)
    for n, piece in enumerate(pieces):
        if piece.size:
            top = n * slot + CELL_BORDER_PX
            canvas[top:top + piece.shape[0], CELL_BORDER_PX:CELL_BORDER_PX + piece.shape[1]] = piece
    limit_threads()
    data = pytesseract.image_to_data(
        canvas, lang=NUMBER_LANGUAGES,
        config=f"--psm {STACK_PSM} -c tessedit_char_whitelist={NUMBER_WHITELIST}",
        output_type=pytesseract.Output.DICT)
    per_slot: list[list[tuple[str, float]]] = [[] for _ in pieces]
    for i, text in enumerate(data["text"]):
        middle = data["top"][i] + data["height"][i] / 2
        n = int(middle // slot)
        if 0 <= n < len(pieces):
            per_slot[n].append((text, float(data["conf"][i])))
    return [join_words(pairs) for pairs in per_slot]


def join_words(pairs: Sequence[tuple[str, float]]) -> Reading:
    """One crop's words joined without spaces (a number is one token), mean confidence."""
    kept = [(t.strip(), c) for t, c in pairs if t.strip() and c >= 0]
    if not kept:
        return Reading("", None)
    return Reading("".join(t for t, _ in kept), sum(c for _, c in kept) / len(kept))


# header cells are re-read alone: whole-page OCR garbles bold text on shaded header cells
TEXT_LANGUAGES = "ind+eng"
TEXT_PSM = 6  # a block of lines: a header cell wraps over several
HEADER_SCALE = 2.0  # header text is small; tesseract reads it better enlarged


def read_cell_text(image: Gray, bbox_pt: BBox, dpi: float) -> tuple[str, float | None]:
    """Re-read one text cell (points, on `image`): its lines joined by \\n, and the mean word
    confidence (None when nothing was read)."""
    piece = cut(image, bbox_pt, dpi, CELL_INSET_POINTS)
    if piece.size == 0:
        return "", None
    piece = cv2.resize(piece, None, fx=HEADER_SCALE, fy=HEADER_SCALE, interpolation=cv2.INTER_CUBIC)
    text, scores = read_block(piece)
    return text, (sum(scores) / len(scores) if scores else None)


def read_block(piece: Gray, psm: int = TEXT_PSM) -> tuple[str, list[float]]:
    """A crop read as a block of lines (psm 6, `ind+eng`) on a margin of its paper: the lines
    joined by \\n, and the confidence of each word read."""
    padded = pad(piece)
    limit_threads()
    data = pytesseract.image_to_data(padded, lang=TEXT_LANGUAGES, config=f"--psm {psm}",
                                     output_type=pytesseract.Output.DICT)
    lines: dict[tuple[int, int, int], list[str]] = {}
    scores = []
    for text, conf, block, par, line in zip(data["text"], data["conf"], data["block_num"],
                                            data["par_num"], data["line_num"], strict=True):
        if text.strip() and float(conf) >= 0:
            lines.setdefault((block, par, line), []).append(text.strip())
            scores.append(float(conf))
    return "\n".join(" ".join(words) for _, words in sorted(lines.items())), scores
