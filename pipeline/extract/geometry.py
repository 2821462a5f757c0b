"""Words, lines and ruling segments of one page, and the text of a region, pdfplumber-style.

Coordinates are PDF points with the origin at the page's top-left (pdfplumber's `top`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from statistics import median

from pipeline.model import BBox, Cell, Source

# pdfplumber's default x_tolerance (3 pt) merges the cells of narrow number columns whose
# padding is 2-2.5 pt each side; 1.5 pt still joins the letters of one word.
WORD_X_TOLERANCE = 1.5
# chars of one line share a baseline; a larger tolerance chains the staggered lines of
# neighbouring cells in dense tables into one line and interleaves their words
WORD_Y_TOLERANCE = 0.5
# words whose tops or middles differ by less than this share a text line
LINE_TOLERANCE = 2.5
# a ruling segment is at least this long (shorter strokes are glyph parts or underlines of a word)
MIN_RULE_LENGTH = 6.0
# a ruling splits an OCR word only with this much (points) of the word on each side: a glyph
# is wider, and a box edge overrunning the ruling by a hair is no glyph
MIN_SPLIT_SIDE = 1.5
# a fraction bar: a horizontal stroke inside a cell, at least this short of the cell's borders
FRACTION_BAR_INSET = 1.0
BOLD_MARKERS = ("bold", "black", "heavy", "semibold")
# a wrapped line sits at most this many times the text height below the previous line of the
# same cell; farther down starts a new row (the row's padding lies in between)
WRAP_PITCH = 1.3
WRAP_SLACK = 1.0  # points
# a fill colour component at or beyond this is white (gray/RGB 1.0, CMYK 0.0): exporters write
# 0.996 for "white" as often as 1.0, and no printed text is that light on purpose
WHITE_COMPONENT = 0.99


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    bold: bool
    confidence: float | None = None  # OCR confidence 0-100; None for a text-layer word

    @property
    def xmid(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def ymid(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class Segment:
    """A straight ruling stroke: horizontal (top == bottom) or vertical (x0 == x1)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def horizontal(self) -> bool:
        return self.x1 - self.x0 >= self.bottom - self.top


def word_from_pdfplumber(obj: dict) -> Word:
    font = str(obj.get("fontname", "")).lower()
    return Word(obj["text"], obj["x0"], obj["top"], obj["x1"], obj["bottom"],
                any(marker in font for marker in BOLD_MARKERS))


def segments_from_page(lines: Iterable[dict], rects: Iterable[dict]) -> list[Segment]:
    """Ruling strokes: drawn lines, and rectangles thin enough to be lines (Excel borders)."""
    out = []
    for obj in lines:
        seg = Segment(obj["x0"], obj["top"], obj["x1"], obj["bottom"])
        if max(seg.x1 - seg.x0, seg.bottom - seg.top) >= MIN_RULE_LENGTH:
            out.append(seg)
    for obj in rects:
        w, h = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
        if h <= 2 and w >= MIN_RULE_LENGTH:
            y = (obj["top"] + obj["bottom"]) / 2
            out.append(Segment(obj["x0"], y, obj["x1"], y))
        elif w <= 2 and h >= MIN_RULE_LENGTH:
            x = (obj["x0"] + obj["x1"]) / 2
            out.append(Segment(x, obj["top"], x, obj["bottom"]))
    return out


def is_white(color: object) -> bool:
    """A fill colour that paints white: gray (1,), RGB (1, 1, 1), CMYK (0, 0, 0, 0).
    None and pattern names are not white (pdfplumber gives them for unusual colour spaces)."""
    if not isinstance(color, tuple) or not all(isinstance(v, int | float) for v in color):
        return False
    if len(color) in (1, 3):
        return all(v >= WHITE_COMPONENT for v in color)
    if len(color) == 4:
        return all(v <= 1 - WHITE_COMPONENT for v in color)
    return False


def _centre_in(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def coloured_backgrounds(rects: Iterable[dict], images: Iterable[dict]) -> list[tuple[float, ...]]:
    """Boxes (x0, top, x1, bottom) a white letter can be read on: filled rectangles of a colour
    other than white (header shading) and images."""
    boxes = [(r["x0"], r["top"], r["x1"], r["bottom"]) for r in rects
             if r.get("fill") and not is_white(r.get("non_stroking_color"))]
    return boxes + [(i["x0"], i["top"], i["x1"], i["bottom"]) for i in images]


def visible_char(char: dict, page_box: tuple[float, float, float, float],
                 backgrounds: Sequence[tuple[float, ...]]) -> bool:
    """Whether a text-layer char can be seen on the printed page: not clipped away outside the
    page, and not white on white (Excel keeps old numbers in white font: "1,361,759.53" in the
    Diskanlaut lampiran). A white char on shading or an image is visible (white header text on
    a blue band). Text in render mode 3 (invisible) cannot be told here: pdfplumber does not
    expose the text render mode (pdfplumber issue #1230)."""
    if not _centre_in(char, page_box):
        return False
    if not is_white(char.get("non_stroking_color")):
        return True
    return any(_centre_in(char, box) for box in backgrounds)


def covered_blanks(chars: Sequence[dict]) -> set[int]:
    """Indexes of blank chars printed over a letter of the same line: Excel pads a right-aligned
    number with spaces whose last one overlaps the first digit ("8 4,93" read for 84,93 in the
    BPMPD Renja); as a word break it would split the number."""
    letters: dict[int, list[tuple[float, float]]] = {}
    for c in chars:
        if not c["text"].isspace():
            letters.setdefault(round(c["top"]), []).append((c["x0"], c["x1"]))
    out = set()
    for i, c in enumerate(chars):
        if not c["text"].isspace():
            continue
        x = (c["x0"] + c["x1"]) / 2
        if any(x0 < x < x1 for x0, x1 in letters.get(round(c["top"]), ())):
            out.add(i)
    return out


def split_at_rulings(words: Sequence[Word], segments: Sequence[Segment]) -> list[Word]:
    """OCR words cut where a vertical ruling crosses them, the text split in proportion to the
    width on each side. With the rulings erased, tesseract read the Kaltim photo's target
    `18,97%` and the `-` of the next column as one word `18,97%-`, and the dash was lost."""
    verticals = [s for s in segments if not s.horizontal]
    out: list[Word] = []
    for word in words:
        cuts = sorted(s.x0 for s in verticals if s.top <= word.ymid <= s.bottom
                      and word.x0 + MIN_SPLIT_SIDE < s.x0 < word.x1 - MIN_SPLIT_SIDE)
        for x in cuts:
            k = round(len(word.text) * (x - word.x0) / (word.x1 - word.x0))
            if not 0 < k < len(word.text):
                continue
            out.append(replace(word, text=word.text[:k], x1=x))
            word = replace(word, text=word.text[k:], x0=x)
        out.append(word)
    return out


def inside(word: Word, box: BBox) -> bool:
    """The word's centre lies in the box."""
    return box.x0 <= word.xmid <= box.x1 and box.top <= word.ymid <= box.bottom


def group_lines(words: Sequence[Word]) -> list[list[Word]]:
    """Words -> text lines (top to bottom), each sorted left to right.

    A word shares a line when its top or its middle is level with the line's: an OCR word box
    hugs its ink, so the top of "yang" (no ascender) lies ~2.7 pt below that of "lainnya" on
    the same 10 pt line, and a garbled read ("Ap") can hang below the line it starts on.
    """
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.ymid, w.x0)):
        if lines and (abs(lines[-1][0].top - word.top) <= LINE_TOLERANCE
                      or abs(lines[-1][0].ymid - word.ymid) <= LINE_TOLERANCE):
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def lines_text(words: Sequence[Word]) -> str:
    return "\n".join(" ".join(w.text for w in line) for line in group_lines(words))


def strokes_inside(box: BBox, segments: Sequence[Segment]) -> list[Segment]:
    """The horizontal strokes that stop short of the box's borders: fraction bars, underlines
    (the box's own rules and rules crossing it are not among them)."""
    return [seg for seg in segments if seg.horizontal
            and box.x0 + FRACTION_BAR_INSET < seg.x0 and seg.x1 < box.x1 - FRACTION_BAR_INSET
            and box.top + FRACTION_BAR_INSET < seg.top < box.bottom - FRACTION_BAR_INSET]


def fraction_bar(box: BBox, segments: Sequence[Segment], words: Sequence[Word]) -> Segment | None:
    """A horizontal stroke inside the box with words above and below it: a typeset fraction."""
    for seg in strokes_inside(box, segments):
        over = [w for w in words if w.bottom <= seg.top + 1 and seg.x0 - 2 <= w.xmid <= seg.x1 + 2]
        under = [w for w in words if w.top >= seg.top - 1 and seg.x0 - 2 <= w.xmid <= seg.x1 + 2]
        if over and under:
            return seg
    return None


def region_text(box: BBox, words: Sequence[Word], segments: Sequence[Segment]) -> str:
    """The text of a cell: lines joined by \\n; a typeset fraction reads `num / den suffix`."""
    mine = [w for w in words if inside(w, box)]
    bar = fraction_bar(box, segments, mine)
    if bar is None:
        return lines_text(mine)
    prefix = [w for w in mine if w.x1 <= bar.x0 + 1]
    suffix = [w for w in mine if w.x0 >= bar.x1 - 1]
    middle = [w for w in mine if w not in prefix and w not in suffix]
    num = [w for w in middle if w.ymid < bar.top]
    den = [w for w in middle if w.ymid >= bar.top]
    parts = [flat(prefix), f"{flat(num)} / {flat(den)}", flat(suffix)]
    return " ".join(p for p in parts if p)


def flat(words: Sequence[Word]) -> str:
    return " ".join(w.text for line in group_lines(words) for w in line)


def bbox_of(words: Sequence[Word]) -> BBox | None:
    if not words:
        return None
    return BBox(min(w.x0 for w in words), min(w.top for w in words),
                max(w.x1 for w in words), max(w.bottom for w in words))


def column_blocks(words: Sequence[Word], bars: Sequence[float] = ()) -> list[list[Word]]:
    """One column's words -> blocks of lines that belong to one cell (top to bottom).

    A line starts a new block when it sits farther below the previous line than a wrapped line
    would, unless a fraction bar (`bars`: y positions) lies between the two.
    """
    blocks: list[list[list[Word]]] = []
    for line in group_lines(words):
        height = median(w.bottom - w.top for w in line)
        if blocks:
            previous = blocks[-1][-1]
            gap = line[0].top - previous[0].top
            across_bar = any(previous[0].bottom - 1 <= y <= line[0].top + 1 for y in bars)
            if gap <= WRAP_PITCH * height + WRAP_SLACK or across_bar:
                blocks[-1].append(line)
                continue
        blocks.append([line])
    return [[w for line in block for w in line] for block in blocks]


def make_cell(text: str, page_no: int, box: BBox | None, words: Sequence[Word]) -> Cell:
    """A cell with its provenance: read by OCR (with its words' confidences, the lowest the
    cell's: the weakest link of its text) when its words carry them, else from the text layer."""
    read = tuple((w.text, w.confidence) for w in words if w.confidence is not None)
    if read:
        return Cell(text, page_no, box, Source.OCR, min(c for _, c in read), read)
    return Cell(text, page_no, box)
