"""Compare what OCR read on a scanned page with the text layer of its digital twin.

The scan simulator slides the sheet on the platen by up to a few millimetres, so OCR positions
are compared after removing the median offset (registration) of words or lines found on both.
"""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

from pipeline.extract.document import page_words
from pipeline.extract.geometry import Segment, Word, segments_from_page
from pipeline.normalize.numbers import parse_number

REPO = Path(__file__).resolve().parents[2]
RAW = REPO / "data" / "raw"
# a word's centre may sit this far (points) from its twin after registration: tesseract's
# boxes hug the ink, pdfplumber's span the font's ascent and descent
MATCH_POINTS = 4.0
# a word used for registration is at least this long: short words ("1", "%") repeat
MIN_ANCHOR_CHARS = 4
# a printed number as the PDF's text layer splits it: `1.151.384.000`, `36,79%`, `(3)`, `-5,2`
NUMBER_RE = re.compile(r"^[-+(]?\d[\d.,]*%?\)?$")


@dataclass(frozen=True)
class Twin:
    """The digital page a scanned page was made from."""

    words: list[Word]
    segments: list[Segment]
    width: float
    height: float


def index_entry(path: str) -> dict:
    """The INDEX.json record of a file of the sample archive (path relative to data/raw)."""
    index = json.loads((RAW / "INDEX.json").read_text())
    return next(f for f in index["files"] if f["path"] == path)


def twin_path(entry: dict) -> str:
    """The digital PDF of the same truth and style."""
    index = json.loads((RAW / "INDEX.json").read_text())
    return next(f["path"] for f in index["files"] if f["variant"] == "digital"
                and f["truth"] == entry["truth"] and f["style"] == entry["style"])


def load_twin(path: str, page_index: int) -> Twin:
    with pdfplumber.open(RAW / path) as pdf:
        page = pdf.pages[page_index]
        return Twin(page_words(page), segments_from_page(page.lines, page.rects),
                    float(page.width), float(page.height))


def word_offset(ocr: list[Word], digital: list[Word]) -> tuple[float, float]:
    """Median (dx, dy) from digital to OCR over words that occur once on both pages."""
    counts_o = Counter(w.text for w in ocr)
    counts_d = Counter(w.text for w in digital)
    by_text = {w.text: w for w in ocr if counts_o[w.text] == 1}
    pairs = [(by_text[w.text], w) for w in digital if counts_d[w.text] == 1
             and w.text in by_text and len(w.text) >= MIN_ANCHOR_CHARS]
    if not pairs:
        return 0.0, 0.0
    return (statistics.median(o.xmid - d.xmid for o, d in pairs),
            statistics.median(o.ymid - d.ymid for o, d in pairs))


def near(word: Word, others: list[Word], dx: float, dy: float) -> list[Word]:
    """The words of `others` at the place of `word` moved by (dx, dy)."""
    reach = max(MATCH_POINTS, (word.x1 - word.x0) / 2)
    return [o for o in others if abs(o.xmid - word.xmid - dx) <= reach
            and abs(o.ymid - word.ymid - dy) <= MATCH_POINTS]


def joined_texts(d: Word, ocr: list[Word], digital: list[Word], dx: float,
                 dy: float) -> tuple[str, str, float | None]:
    """(OCR text, printed text, lowest OCR confidence) over the span of a digital word.

    Spaces are removed.

    Tokenization differs (`0,24 %` is two words in the PDF, `0,24%` one word for tesseract), so
    a number is compared as the text of the smallest span of words both sides agree on.
    """
    over = sorted((o for o in ocr if abs(o.ymid - d.ymid - dy) <= MATCH_POINTS
                   and o.x0 - dx < d.x1 + 1 and o.x1 - dx > d.x0 - 1), key=lambda o: o.x0)
    if not over:
        return "", d.text, None
    x0, x1 = min(o.x0 for o in over) - dx, max(o.x1 for o in over) - dx
    under = sorted((w for w in digital if abs(w.ymid - d.ymid) <= MATCH_POINTS
                    and w.x0 < x1 - 1 and w.x1 > x0 + 1), key=lambda w: w.x0)
    scores = [o.confidence for o in over if o.confidence is not None]
    return ("".join(o.text for o in over), "".join(w.text for w in under),
            min(scores) if scores else None)


@dataclass(frozen=True)
class WordScore:
    digital_words: int
    ocr_words: int
    recalled: int  # digital words with an OCR word of the same text at their place
    precise: int  # OCR words with a digital word of the same text at their place
    numbers: int  # number tokens of the digital page
    # (printed, read, lowest confidence) of numbers not read exactly
    number_misses: list[tuple[str, str, float | None]]

    @property
    def number_rate(self) -> float:
        return (self.numbers - len(self.number_misses)) / self.numbers if self.numbers else 1.0


def score_words(ocr: list[Word], digital: list[Word]) -> WordScore:
    dx, dy = word_offset(ocr, digital)
    recalled = sum(any(o.text == d.text for o in near(d, ocr, dx, dy)) for d in digital)
    precise = sum(any(d.text == o.text for d in near(o, digital, -dx, -dy)) for o in ocr)
    numbers = [d for d in digital if NUMBER_RE.match(d.text)]
    misses = []
    for d in numbers:
        read, printed, confidence = joined_texts(d, ocr, digital, dx, dy)
        if read != printed:
            misses.append((printed, read, confidence))
    return WordScore(len(digital), len(ocr), recalled, precise, len(numbers), misses)


def wrong_value(printed: str, read: str) -> bool:
    """The misread number parses to another value (`0,244` for `0,24%`), not just other text
    (`0.24%` for `0,24%` reads 0.24, flagged ambiguous)."""
    a, b = parse_number(printed), parse_number(read)
    return (a.value, a.is_percent) != (b.value, b.is_percent)


def unflagged(read: str, confidence: float | None, low_confidence: float) -> bool:
    """Nothing would warn an auditor: it parses cleanly and OCR was sure of it."""
    parsed = parse_number(read)
    return (parsed.value is not None and parsed.error is None and not parsed.ambiguous
            and confidence is not None and confidence >= low_confidence)


def segment_offset(found: list[Segment], printed: list[Segment]) -> tuple[float, float]:
    """Median (dx, dy) from printed to found: nearest vertical lines for x, horizontal for y."""
    def offsets(horizontal: bool) -> list[float]:
        pos = (lambda s: s.top) if horizontal else (lambda s: s.x0)
        mine = [pos(s) for s in found if s.horizontal == horizontal]
        return [min((m - pos(s) for m in mine), key=abs) for s in printed
                if s.horizontal == horizontal and mine]
    xs, ys = offsets(False), offsets(True)
    return (statistics.median(xs) if xs else 0.0, statistics.median(ys) if ys else 0.0)


def covered(seg: Segment, others: list[Segment], dx: float, dy: float, tolerance: float) -> bool:
    """Another segment of the same direction lies on `seg` (moved by dx, dy) along its length."""
    for o in others:
        if o.horizontal != seg.horizontal:
            continue
        if seg.horizontal:
            if (abs(o.top - seg.top - dy) <= tolerance and o.x0 <= seg.x0 + dx + tolerance
                    and o.x1 >= seg.x1 + dx - tolerance):
                return True
        elif (abs(o.x0 - seg.x0 - dx) <= tolerance and o.top <= seg.top + dy + tolerance
              and o.bottom >= seg.bottom + dy - tolerance):
            return True
    return False
