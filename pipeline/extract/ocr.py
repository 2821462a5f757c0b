"""OCR of page images with tesseract: words with confidence and ruling lines, in PDF points.

`needs_ocr` decides per page whether the text layer can be used; `ocr_page` turns a page image
upright, straightens it, finds its ruling lines, erases them and reads the words;
`refine_numeric_cell` re-reads one cell with settings for numbers.
Coordinates are PDF points, origin at the top-left of the upright, straightened page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import pytesseract

from pipeline.extract.geometry import Segment, Word
from pipeline.extract.ocr_lines import erase_lines, find_rulings, line_pixels
from pipeline.extract.ocr_numbers import refine_numeric_cell, reread_numbers
from pipeline.extract.raster import (
    POINTS_PER_INCH,
    Gray,
    binarize,
    deskew,
    despeckle,
    flatten,
    limit_threads,
    orientation,
    turn_upright,
)

__all__ = ["OcrPage", "OcrSettings", "needs_ocr", "ocr_page", "plausible_token",
           "refine_numeric_cell"]

# `ind` alone has no `%` in its character set (it reads `96`, `Yo`); `eng` brings it
LANGUAGES = "ind+eng"
# psm 6 reads the page as one block of lines, left to right across cell borders. Measured on 5
# sample pages against their digital twins (tests/extract/ocr_measure.py): word recall psm 6 0.82,
# psm 11 0.80, psm 4 0.73; numbers 0.75 / 0.77 / 0.65 before the number re-read
PAGE_PSM = 6
# page segmentation modes that read a whole page: 3 auto, 4 one column of lines, 6 one block,
# 11/12 sparse text
TABLE_PSMS = (3, 4, 6, 11, 12)
# tesseract reads a page resampled to this resolution (None: as scanned). Resampling to 400
# dpi gained 1 point of word recall for ~10% more time: not worth it by default
READ_DPI: float | None = None
MIN_READ_DPI, MAX_READ_DPI = 100.0, 600.0

# tokens without a letter or digit that tables really print; any other (`|`, `_`, `‘`, `~`) is
# a leftover of a ruling line, the paper's edge or dirt
KEEP_SYMBOLS = frozenset({"-", "–", "—", "%", ":", "=", "+", "×", "x", "/", "(", ")", "∑",
                          "Σ"})
# symbols wider than tall: a "dash" read from a box this many times taller than wide is the
# stub of a vertical ruling next to a cell's text (`Jumlah Stand —`)
FLAT_SYMBOLS = frozenset({"-", "–", "—", "=", "+"})
UPRIGHT_RATIO = 2.0
# words this close to the image's border (points) are the paper's edge or the scanner's shadow
EDGE_POINTS = 8.0

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
# the `(n-1)` of `Th(n-1)`: a year index, not a digit inside a word
YEAR_SUFFIX_RE = re.compile(r"\(n(?:-1)?\)")
VOWELS = frozenset("aeiouAEIOUyY")
# acronyms without vowels are short: PDRB, SKPD, LHE; abbreviations too: Th, dll, yg, dgn
MAX_ACRONYM = 6
MAX_ABBREVIATION = 3
# five consonants in a row occur in no Indonesian or English word ("strengths" has 4 + th)
CONSONANT_RUN_RE = re.compile(r"[b-df-hj-np-tv-xzB-DF-HJ-NP-TV-XZ]{5}")
# a lower-case letter followed by an upper-case one inside a word ("peRsentase") is an OCR slip
MIXED_CASE_RE = re.compile(r"[a-z][A-Z]")
# edge punctuation that does not change whether a token is a word: "(Persen)"  "Daerah,"  "1)"
EDGE_PUNCT = "\"'“”‘’()[]{}:;,.!?*"


@dataclass(frozen=True, slots=True)
class OcrSettings:
    """How a page is read; the defaults are the measured best (tests/extract/ocr_measure.py)."""

    languages: str = LANGUAGES
    psm: int = PAGE_PSM
    # tesseract reads the page resampled to this resolution (None: as scanned)
    read_dpi: float | None = READ_DPI
    detect_orientation: bool = True
    # number words are read a second time with a whitelist (ocr_numbers.py)
    reread_numbers: bool = True

    def __post_init__(self) -> None:
        if self.psm not in TABLE_PSMS:
            raise ValueError(f"psm must be one of {TABLE_PSMS} (page layouts), got {self.psm}")
        if self.read_dpi is not None and not MIN_READ_DPI <= self.read_dpi <= MAX_READ_DPI:
            raise ValueError(f"read_dpi must be in [{MIN_READ_DPI}, {MAX_READ_DPI}], "
                             f"got {self.read_dpi}")


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
    if MIXED_CASE_RE.search(token):
        return False
    if any(c.isdigit() for c in YEAR_SUFFIX_RE.sub("", token)) and not letters.isupper():
        return False  # TW1, UU23 are upper case; ll11, Kjn4 are misreads
    if letters.isupper() or len(letters) <= MAX_ABBREVIATION:
        return len(letters) <= MAX_ACRONYM or any(c in VOWELS for c in letters)
    return any(c in VOWELS for c in letters) and not CONSONANT_RUN_RE.search(letters)


def ocr_page(image: Gray, dpi: float, page_width_pt: float, page_height_pt: float,
             settings: OcrSettings | None = None) -> OcrPage:
    """Read a page image: upright, straight, ruling lines found and erased, words by tesseract.

    `dpi` is the image's resolution; the page size in points fixes the scale from pixels to
    points (a rendered PDF page: width_px * 72 / dpi == page_width_pt).
    """
    height_px, width_px = image.shape
    sideways_page = (width_px > height_px) != (page_width_pt > page_height_pt)
    pt_per_px = (page_height_pt if sideways_page else page_width_pt) / width_px
    settings = settings or OcrSettings()
    turns = orientation(image, dpi) if settings.detect_orientation else 0
    upright = turn_upright(image, turns)
    straight, skew = deskew(upright, dpi)
    scale_dpi = POINTS_PER_INCH / pt_per_px
    ink = binarize(straight, scale_dpi)
    rulings = find_rulings(ink, scale_dpi)
    segments = rulings.segments
    lines = line_pixels(rulings)
    clean = despeckle(erase_lines(flatten(straight, scale_dpi), lines), ink, lines, scale_dpi)
    height, width = (n * pt_per_px for n in straight.shape)
    words = [w for w in read_words(clean, scale_dpi, settings) if real_word(w, width, height)]
    if settings.reread_numbers:
        words = reread_numbers(clean, scale_dpi, words)
    return OcrPage(words, segments, turns, skew, width, height, clean, scale_dpi)


def real_word(word: Word, width: float, height: float) -> bool:
    """Not a read of dirt: some letter, digit or table symbol, away from the paper's edge."""
    if not (any(c.isalnum() for c in word.text) or word.text in KEEP_SYMBOLS):
        return False
    if word.text in FLAT_SYMBOLS and word.bottom - word.top > UPRIGHT_RATIO * (word.x1 - word.x0):
        return False  # a dash standing upright is what is left of a vertical ruling
    return (word.x0 >= EDGE_POINTS and word.top >= EDGE_POINTS
            and word.x1 <= width - EDGE_POINTS and word.bottom <= height - EDGE_POINTS)


def read_words(image: Gray, dpi: float, settings: OcrSettings) -> list[Word]:
    """Tesseract's words (level 5 of image_to_data) with confidence, in points."""
    if settings.read_dpi is not None and settings.read_dpi != dpi:
        factor = settings.read_dpi / dpi
        image = cv2.resize(image, None, fx=factor, fy=factor,
                           interpolation=cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA)
        dpi = settings.read_dpi
    limit_threads()
    data = pytesseract.image_to_data(image, lang=settings.languages,
                                     config=f"--psm {settings.psm} --dpi {round(dpi)}",
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
