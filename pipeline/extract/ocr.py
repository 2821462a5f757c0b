"""OCR of page images with tesseract: words with confidence and ruling lines, in PDF points.

`needs_ocr` decides per page whether the text layer can be used; `ocr_page` turns a page image
upright, straightens it, finds its ruling lines, erases them and reads the words;
`refine_numeric_cell` re-reads one cell with settings for numbers.
Coordinates are PDF points, origin at the top-left of the upright, straightened page.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import pytesseract

from pipeline.extract.geometry import Segment, Word
from pipeline.extract.ocr_lines import erase_lines, find_segments
from pipeline.extract.raster import (POINTS_PER_INCH, Gray, binarize, crop, deskew, orientation,
                                     turn_upright)
from pipeline.model import BBox

# `ind` alone has no `%` in its character set (it reads `96`, `Yo`); `eng` brings it
LANGUAGES = "ind+eng"
# psm 6 reads the page as one block of lines, left to right across cell borders; chosen by
# measurement against the digital twins (ocr_measure.py): see the module's report
PAGE_PSM = 6
# one line of text (a number cell)
CELL_PSM = 7
NUMBER_WHITELIST = "0123456789.,%-Rp"
# tesseract's OpenMP threads fight each other on a busy 2-core machine: one thread read a
# 300 dpi page in 1.9 s, the default (all cores) in 7-10 s. Pages run in parallel processes.
OMP_THREADS = "1"
# a number cell is re-read at a size where digits are ~40 px tall (tesseract's LSTM was trained
# on ~30-50 px lines); smaller crops are scaled up
CELL_TEXT_PX = 40
# white border around a cell crop (pixels): tesseract misses glyphs touching the image edge
CELL_BORDER_PX = 12
# the crop of a cell leaves out this much of its bbox (points) so the ruling lines stay outside
CELL_INSET_POINTS = 1.0

# --- deciding on OCR -------------------------------------------------------------------------
# a page with an image and fewer words than this has no real text layer (a stamp, a page number)
MIN_LAYER_WORDS = 3
# a text layer is garbage when more than this share of its letter/digit tokens look like no
# word or number (a good digital layer scores < 5%, a bad invisible OCR layer > 30%)
MAX_GARBAGE_SHARE = 0.3
# judged only with enough tokens: a short layer (a title page) is trusted
MIN_JUDGED_TOKENS = 20

# "1.151.384.000"  "36,79%"  "(n-1)"  "Rp.2.585.049.200,-"  "3.30.01.2.01"  "2024/2025"
NUMBER_TOKEN_RE = re.compile(
    r"""
    ^(?:Rp\.?)?                 # Rp.2.585.049.200
    [-+(]?\d[\d.,/]*            # 1.151.384.000  2024/2025
    (?:%|,-)?                   # 36,79%   200,-
    [)]?$
    """,
    re.VERBOSE,
)
# "Indikator"  "PDRB"  "Th(n-1)"  "kab/kota"  "e-Kinerja"  "TW1"  "S.Sos"
WORD_TOKEN_RE = re.compile(
    r"""
    ^[A-Za-zÀ-ÿ]+               # letters first
    (?:[-/.'’][A-Za-zÀ-ÿ]+)*    # e-Kinerja  kab/kota  S.Sos
    (?:\d{1,2}|\(n(?:-1)?\))?   # TW1  Th(n-1)
    \.?$
    """,
    re.VERBOSE,
)
VOWELS = frozenset("aeiouAEIOUyY")
# five consonants in a row occur in no Indonesian or English word ("strengths" has 4 + th)
CONSONANT_RUN_RE = re.compile(r"[b-df-hj-np-tv-xzB-DF-HJ-NP-TV-XZ]{5}")
# a lower-case letter followed by an upper-case one inside a word ("peRsentase") is an OCR slip
MIXED_CASE_RE = re.compile(r"[a-z][A-Z]")
# edge punctuation that does not change whether a token is a word: "(Persen)"  "Daerah,"  "1)"
EDGE_PUNCT = "\"'“”‘’()[]{}:;,.!?*"


@dataclass(frozen=True, slots=True)
class OcrPage:
    """The OCR result of one page image."""

    words: list[Word]
    segments: list[Segment]
    rotation: int  # clockwise quarter turns applied to make the page upright (0/90/180/270)
    skew: float  # degrees the content was turned (CCW+), undone before reading
    width: float  # points, of the upright page
    height: float
    image: Gray  # the upright, straightened page with its ruling lines erased (for re-reads)
    dpi: float  # pixels per inch of `image`

    @property
    def mean_confidence(self) -> float | None:
        scores = [w.confidence for w in self.words if w.confidence is not None]
        return sum(scores) / len(scores) if scores else None


def needs_ocr(words: Sequence[Word], page_width: float, page_height: float,
              has_images: bool) -> str | None:
    """None when the page's text layer can be read; else why the page must be OCR'd."""
    if not words:
        return "no text layer" if has_images else None
    if has_images and len(words) < MIN_LAYER_WORDS:
        return f"text layer nearly empty ({len(words)} words) over an image"
    inside = [w for w in words if w.x1 > 0 and w.bottom > 0
              and w.x0 < page_width and w.top < page_height]
    if not inside:
        return "text layer lies outside the page"
    judged = [t for t in (w.text.strip(EDGE_PUNCT) for w in inside) if any(c.isalnum() for c in t)]
    if len(judged) < MIN_JUDGED_TOKENS:
        return None
    garbage = sum(not plausible_token(t) for t in judged)
    share = garbage / len(judged)
    if share > MAX_GARBAGE_SHARE:
        return (f"text layer is garbage: {share:.0%} of {len(judged)} words are not "
                f"word- or number-like")
    return None


def plausible_token(token: str) -> bool:
    """The token reads as an Indonesian/English word, an acronym or a number."""
    if NUMBER_TOKEN_RE.match(token):
        return True
    if not WORD_TOKEN_RE.match(token):
        return False
    letters = "".join(c for c in token if c.isalpha())
    if letters.isupper():
        return len(letters) <= 6 or any(c in VOWELS for c in letters)
    return (any(c in VOWELS for c in letters) and not CONSONANT_RUN_RE.search(letters)
            and not MIXED_CASE_RE.search(letters))


def ocr_page(image: Gray, dpi: float, page_width_pt: float, page_height_pt: float,
             detect_orientation: bool = True) -> OcrPage:
    """Read a page image: upright, straight, ruling lines found and erased, words by tesseract.

    `dpi` is the image's resolution; the page size in points fixes the scale from pixels to
    points (a rendered PDF page: width_px * 72 / dpi == page_width_pt).
    """
    height_px, width_px = image.shape
    sideways_page = (width_px > height_px) != (page_width_pt > page_height_pt)
    pt_per_px = (page_height_pt if sideways_page else page_width_pt) / width_px
    turns = orientation(image, dpi) if detect_orientation else 0
    upright = turn_upright(image, turns)
    straight, skew = deskew(upright, dpi)
    scale_dpi = POINTS_PER_INCH / pt_per_px
    ink = binarize(straight, scale_dpi)
    segments = find_segments(ink, scale_dpi)
    clean = erase_lines(straight, ink, scale_dpi)
    words = read_words(clean, scale_dpi, PAGE_PSM)
    height, width = (n * pt_per_px for n in straight.shape)
    return OcrPage(words, segments, turns, skew, width, height, clean, scale_dpi)


def read_words(image: Gray, dpi: float, psm: int) -> list[Word]:
    """Tesseract's words (level 5 of image_to_data) with confidence, in points."""
    os.environ.setdefault("OMP_THREAD_LIMIT", OMP_THREADS)
    data = pytesseract.image_to_data(image, lang=LANGUAGES,
                                     config=f"--psm {psm} --dpi {round(dpi)}",
                                     output_type=pytesseract.Output.DICT)
    pt_per_px = POINTS_PER_INCH / dpi
    words = []
    for i, text in enumerate(data["text"]):
        text = text.strip()
        confidence = float(data["conf"][i])
        if not text or confidence < 0:
            continue
        left, top = data["left"][i], data["top"][i]
        words.append(Word(text, left * pt_per_px, top * pt_per_px,
                          (left + data["width"][i]) * pt_per_px,
                          (top + data["height"][i]) * pt_per_px, False, confidence))
    return words


def refine_numeric_cell(image: Gray, bbox_pt: BBox, dpi: float) -> tuple[str, float | None]:
    """Re-read one cell (points, on `image`) as a line of number characters.

    Returns the text and tesseract's mean word confidence (None when nothing was read).
    """
    px_per_pt = dpi / POINTS_PER_INCH
    inset = CELL_INSET_POINTS
    box = [round((bbox_pt.x0 + inset) * px_per_pt), round((bbox_pt.top + inset) * px_per_pt),
           round((bbox_pt.x1 - inset) * px_per_pt), round((bbox_pt.bottom - inset) * px_per_pt)]
    cell = trim_to_ink(crop(image, box), dpi)
    if cell.size == 0:
        return "", None
    if cell.shape[0] < CELL_TEXT_PX:
        factor = CELL_TEXT_PX / cell.shape[0]
        cell = cv2.resize(cell, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    padded = cv2.copyMakeBorder(cell, CELL_BORDER_PX, CELL_BORDER_PX, CELL_BORDER_PX,
                                CELL_BORDER_PX, cv2.BORDER_CONSTANT, value=255)
    os.environ.setdefault("OMP_THREAD_LIMIT", OMP_THREADS)
    data = pytesseract.image_to_data(
        padded, lang=LANGUAGES,
        config=f"--psm {CELL_PSM} -c tessedit_char_whitelist={NUMBER_WHITELIST}",
        output_type=pytesseract.Output.DICT)
    pairs = [(t.strip(), float(c)) for t, c in zip(data["text"], data["conf"], strict=True)
             if t.strip() and float(c) >= 0]
    if not pairs:
        return "", None
    return " ".join(t for t, _ in pairs), sum(c for _, c in pairs) / len(pairs)


def trim_to_ink(cell: Gray, dpi: float) -> Gray:
    """The cell crop cut down to the box around its ink (one text line of a number)."""
    if cell.size == 0:
        return cell
    ink = binarize(cell, dpi)
    points = cv2.findNonZero(ink)
    if points is None:
        return cell[:0, :0]
    x, y, w, h = cv2.boundingRect(points)
    return cell[y:y + h, x:x + w]
