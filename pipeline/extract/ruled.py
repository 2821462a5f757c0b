"""Tables drawn with ruling lines: pdfplumber's line-based finder gives the cells, merges included.

Full grids (Excel) give one cell per printed cell. Word tables ruled only between indicators give
one cell per indicator block: its continuation lines stay inside the cell, joined by \\n.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import pdfplumber.page

from pipeline.extract.geometry import (Segment, Word, column_blocks, inside, make_cell,
                                       region_text, split_at_rulings)
from pipeline.extract.grid import PageTable
from pipeline.model import BBox, Cell

TABLE_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    # Word and Excel draw borders as separate strokes that meet within a point or two
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
    "edge_min_length": 6,
}
MIN_COLUMNS = 2
MIN_ROWS = 2
# a filled rectangle thicker than this both ways is cell shading, not a border (borders drawn as
# filled rectangles are 0.5-1 pt thick)
MAX_BORDER_THICKNESS = 2.0
# shading fills closer than this touch: Word shades one header cell with 3 x 3 fills (padding
# left/right/top/bottom and text) that meet exactly, while two cells' fills are a border
# (0.48 pt and more) apart
SHADING_TOUCH = 0.25


def is_shading(obj: dict) -> bool:
    """A filled, unstroked rectangle wider and taller than a border: a cell's background."""
    return (obj.get("object_type") == "rect" and bool(obj.get("fill")) and not obj.get("stroke")
            and obj["x1"] - obj["x0"] > MAX_BORDER_THICKNESS
            and obj["bottom"] - obj["top"] > MAX_BORDER_THICKNESS)


# rules closer than this (points) are one stroke, as pdfplumber's snap/join tolerance has it
RULE_JOIN = 3.0


@dataclass(frozen=True)
class _Rule:
    """A horizontal rule of the page: strokes at one height joined end to end."""

    top: float
    x0: float
    x1: float
    doctop: float


def _rules(edges: Sequence[dict]) -> list[_Rule]:
    out: list[_Rule] = []
    for e in sorted(edges, key=lambda e: (round(e["top"]), e["x0"])):
        last = out[-1] if out else None
        if (last is not None and abs(last.top - e["top"]) <= RULE_JOIN
                and e["x0"] <= last.x1 + RULE_JOIN):
            out[-1] = _Rule(last.top, last.x0, max(last.x1, e["x1"]), last.doctop)
        else:
            out.append(_Rule(e["top"], e["x0"], e["x1"], e["doctop"]))
    return out


def _leaves(v: dict, top: float) -> bool:
    """The vertical edge runs down from the rule at `top` (Word breaks column borders at every
    row of a neighbouring column, so a border need not span a merged cell's whole height)."""
    return v["top"] <= top + RULE_JOIN and v["bottom"] > top + RULE_JOIN


def open_sides(page: pdfplumber.page.Page) -> list[dict]:
    """Vertical edges closing tables drawn without side borders (a Word style ruling only
    between rows and columns, Inspektorat Jabar lampiran): between two horizontal rules that
    end at the same x, with a column border crossing the band between them (so the band is a
    table row), and no side drawn there, the side is added."""
    edges = page.filter(lambda obj: not is_shading(obj)).edges
    verticals = [e for e in edges if e["orientation"] == "v"]
    rules = _rules([e for e in edges if e["orientation"] == "h"
                    and e["width"] >= TABLE_SETTINGS["edge_min_length"]])
    out = []
    for side in ("x0", "x1"):
        by_x: dict[int, list[_Rule]] = {}
        for rule in rules:
            by_x.setdefault(round(getattr(rule, side)), []).append(rule)
        for group in by_x.values():
            for a, b in pairwise(group):
                x, inner = getattr(a, side), (max(a.x0, b.x0), min(a.x1, b.x1))
                row = any(inner[0] + RULE_JOIN < v["x0"] < inner[1] - RULE_JOIN
                          and _leaves(v, a.top) for v in verticals)
                drawn = any(abs(v["x0"] - x) <= RULE_JOIN and _leaves(v, a.top)
                            for v in verticals)
                if row and not drawn:
                    out.append({"object_type": "line", "x0": x, "x1": x, "top": a.top,
                                "bottom": b.top, "width": 0.0, "height": b.top - a.top,
                                "doctop": a.doctop})
    return out


def _touch(a: float, b: float) -> bool:
    return abs(a - b) <= SHADING_TOUCH


def _merge_pass(rects: list[dict], across: bool) -> list[dict]:
    """Merge fills that touch side by side (`across`) or one above the other, with the same
    extent the other way."""
    start, end, lo, hi = ("x0", "x1", "top", "bottom") if across else ("top", "bottom", "x0", "x1")
    out: list[dict] = []
    for rect in sorted(rects, key=lambda r: (round(r[lo]), round(r[hi]), r[start])):
        last = out[-1] if out else None
        if (last is not None and _touch(last[lo], rect[lo]) and _touch(last[hi], rect[hi])
                and _touch(last[end], rect[start])):
            out[-1] = {**last, end: rect[end]}
        else:
            out.append(dict(rect))
    return out


def merge_shading(rects: Sequence[dict]) -> list[dict]:
    """Cell shading fills merged into one rectangle per shaded cell (see SHADING_TOUCH), with
    the fields pdfplumber's edge finder reads. Their outer edges still rule a table whose
    header band has no border of its own at the sides."""
    merged = _merge_pass(_merge_pass(list(rects), across=True), across=False)
    # a merge keeps the first fill's top (and y1, doctop) and moves its right or bottom side
    return [{**r, "width": r["x1"] - r["x0"], "height": r["bottom"] - r["top"],
             "y0": r["y1"] - (r["bottom"] - r["top"])} for r in merged]


def segment_to_line(seg: Segment) -> dict:
    """A ruling line found on a page image, as pdfplumber's explicit table lines take it."""
    return {"object_type": "line", "x0": seg.x0, "x1": seg.x1, "top": seg.top,
            "bottom": seg.bottom, "width": seg.x1 - seg.x0, "height": seg.bottom - seg.top}


def find_ruled_tables(page: pdfplumber.page.Page, page_no: int, words: Sequence[Word],
                      segments: Sequence[Segment], scanned: bool = False) -> list[PageTable]:
    """Every ruled table of the page, top to bottom. On a scanned page the rules are the
    `segments` found in its image (the page itself has no line objects)."""
    out = []
    if scanned:
        words = split_at_rulings(words, segments)
        lines = [segment_to_line(s) for s in segments]
        settings = {**TABLE_SETTINGS, "vertical_strategy": "explicit",
                    "horizontal_strategy": "explicit",
                    "explicit_vertical_lines": [ln for ln in lines if ln["width"] < ln["height"]],
                    "explicit_horizontal_lines": [ln for ln in lines if ln["width"] >= ln["height"]]}
        if len(settings["explicit_vertical_lines"]) < 2 or len(settings["explicit_horizontal_lines"]) < 2:
            return []
        finder_page = page
    else:
        shading = merge_shading([r for r in page.rects if is_shading(r)])
        settings = {**TABLE_SETTINGS, "explicit_vertical_lines": shading + open_sides(page),
                    "explicit_horizontal_lines": shading}
        finder_page = page.filter(lambda obj: not is_shading(obj))
    for found in finder_page.find_tables(settings):
        rows = [row.cells for row in found.rows]
        if len(rows) < MIN_ROWS or max(len(r) for r in rows) < MIN_COLUMNS:
            continue
        out.append(table_from_cells(found.bbox, rows, page_no, words, segments,
                                    split_rows=not scanned))
    return sorted(out, key=lambda t: t.bbox.top)


def table_from_cells(bbox: tuple, rows: list, page_no: int, words: Sequence[Word],
                     segments: Sequence[Segment], split_rows: bool = True) -> PageTable:
    """pdfplumber's cells -> a PageTable. `split_rows`: split a ruled band into its printed rows
    by where cell texts start (off for OCR words, whose tight glyph boxes misjudge line pitch)."""
    x_edges = sorted({c[0] for r in rows for c in r if c}) + [bbox[2]]  # pdfplumber aligns rows on these
    grid: list[tuple[Cell | None, ...]] = []
    bold: list[bool] = []
    for row in rows:
        for sub_row in split_band(row, page_no, words, segments, split_rows):
            grid.append(tuple(cell for cell, _ in sub_row))
            row_words = [w for _, ws in sub_row for w in ws]
            bold.append(bool(row_words) and all(w.bold for w in row_words))
    return PageTable(page=page_no, bbox=BBox(*bbox), col_edges=tuple(x_edges), rows=tuple(grid),
                     row_bold=tuple(bold), method="lines")


SubRow = list[tuple[Cell | None, list[Word]]]


def split_band(row: Sequence, page_no: int, words: Sequence[Word],
               segments: Sequence[Segment], split: bool = True) -> list[SubRow]:
    """One ruled row -> its printed rows. Word tables ruled only between indicators hold
    continuation rows (a quarter line, a second indicator) inside one ruled band; every cell's
    text is top-aligned, so a printed row starts where some cell starts a new block of lines."""
    per_cell: list[tuple[BBox, list[list[Word]]] | None] = []
    for c in row:
        if c is None:
            per_cell.append(None)
            continue
        box = BBox(*c)
        mine = [w for w in words if inside(w, box)]
        bars = [s.top for s in segments if s.horizontal and box.x0 < s.x0 and s.x1 < box.x1
                and box.top < s.top < box.bottom]
        per_cell.append((box, column_blocks(mine, bars)))
    per_cell = join_wrapped(per_cell)
    starts: list[float] = []
    for top in sorted(min(w.top for w in b) for item in per_cell if item for b in item[1]):
        if not starts or top - starts[-1] > SUB_ROW_TOLERANCE:
            starts.append(top)
    # no cell holds two blocks: one printed row whose cells are aligned differently (Tangerang
    # Selatan prints the Rp cell of a row centred, below its top-aligned K cell)
    if (not split or len(starts) <= 1
            or all(item is None or len(item[1]) <= 1 for item in per_cell)):
        starts = [float("-inf")]
    out: list[SubRow] = [[] for _ in starts]
    for item in per_cell:
        if item is None:
            for sub in out:
                sub.append((None, []))
            continue
        box, blocks = item
        parts: list[list[Word]] = [[] for _ in starts]
        for block in blocks:
            top = min(w.top for w in block)
            k = max(i for i, s in enumerate(starts) if s <= top + SUB_ROW_TOLERANCE)
            parts[k].extend(block)
        for k, part in enumerate(parts):
            if len(starts) == 1:
                out[k].append((make_cell(region_text(box, part, segments), page_no, box, part), part))
            elif part:
                sub_box = BBox(box.x0, min(w.top for w in part) - 1, box.x1,
                               max(w.bottom for w in part) + 1)
                out[k].append((make_cell(region_text(sub_box, part, segments), page_no, sub_box, part),
                               part))
            else:
                out[k].append((Cell("", page_no, None), []))
    return out


SUB_ROW_TOLERANCE = 2.5  # points: block tops this close start the same printed row
# a block this many line heights below the previous one may still be its wrapped continuation
# (Word paragraphs with 1.5 or double line spacing, Disperindag Jabar LKIP Tabel 3.2)
MAX_WRAP_GAP = 2.5


def _wrapped(above: Sequence[Word], below: Sequence[Word], box: BBox) -> bool:
    """`below` continues `above` after a line wrap: it starts within MAX_WRAP_GAP line heights,
    all lines start at the same x (left-aligned text; centred lines "Data ODS" / "Data ODS"
    would look wrapped too), and its first word would not have fitted after the last line of
    `above` (with the cell's left padding kept on the right as well)."""
    last = [w for w in above if abs(w.top - max(v.top for v in above)) <= 1]
    first = min(below, key=lambda w: (round(w.top), w.x0))
    height = max(w.bottom - w.top for w in last)
    if first.top - max(w.bottom for w in last) > MAX_WRAP_GAP * height:
        return False
    lines_x0 = {round(min(w.x0 for w in above)), round(min(w.x0 for w in last)),
                round(min(w.x0 for w in below if abs(w.top - first.top) <= 1))}
    if len(lines_x0) > 1:
        return False  # centred or indented text: a new paragraph, not a wrap
    padding = min(w.x0 for w in above) - box.x0
    space = first.bottom - first.top  # generous: a space is about a third of the height
    return max(w.x1 for w in last) + space / 3 + (first.x1 - first.x0) > box.x1 - padding


def join_wrapped(per_cell: list[tuple[BBox, list[list[Word]]] | None]
                 ) -> list[tuple[BBox, list[list[Word]]] | None]:
    """Each cell's blocks with wrapped continuations joined to the block they continue, where
    every block starting at that height is one (`_wrapped`): a block beside a fresh start in
    another cell opens a printed row ("Data ODS" under "Data ODS" beside a second indicator)."""
    def top(block: list[Word]) -> int:
        return round(min(w.top for w in block) / SUB_ROW_TOLERANCE)

    fresh: set[int] = set()
    for item in per_cell:
        if item is None:
            continue
        box, blocks = item
        for i, block in enumerate(blocks):
            if i == 0 or not _wrapped(blocks[i - 1], block, box):
                fresh.add(top(block))
    out: list[tuple[BBox, list[list[Word]]] | None] = []
    for item in per_cell:
        if item is None:
            out.append(None)
            continue
        box, blocks = item
        joined: list[list[Word]] = []
        for i, block in enumerate(blocks):
            if i > 0 and top(block) not in fresh:
                joined[-1] = joined[-1] + block
            else:
                joined.append(block)
        out.append((box, joined))
    return out
