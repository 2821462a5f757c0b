"""Tables drawn with ruling lines: pdfplumber's line-based finder gives the cells, merges included.

Full grids (Excel) give one cell per printed cell. Word tables ruled only between indicators give
one cell per indicator block: its continuation lines stay inside the cell, joined by \\n.
"""

from __future__ import annotations

from collections.abc import Sequence

import pdfplumber.page

from pipeline.extract.geometry import Segment, Word, column_blocks, inside, region_text
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


def find_ruled_tables(page: pdfplumber.page.Page, page_no: int, words: Sequence[Word],
                      segments: Sequence[Segment]) -> list[PageTable]:
    """Every ruled table of the page, top to bottom."""
    out = []
    for found in page.find_tables(TABLE_SETTINGS):
        rows = [row.cells for row in found.rows]
        if len(rows) < MIN_ROWS or max(len(r) for r in rows) < MIN_COLUMNS:
            continue
        out.append(table_from_cells(found.bbox, rows, page_no, words, segments))
    return sorted(out, key=lambda t: t.bbox.top)


def table_from_cells(bbox: tuple, rows: list, page_no: int, words: Sequence[Word],
                     segments: Sequence[Segment]) -> PageTable:
    x_edges = sorted({c[0] for r in rows for c in r if c}) + [bbox[2]]  # pdfplumber aligns rows on these
    grid: list[tuple[Cell | None, ...]] = []
    bold: list[bool] = []
    for row in rows:
        for sub_row in split_band(row, page_no, words, segments):
            grid.append(tuple(cell for cell, _ in sub_row))
            row_words = [w for _, ws in sub_row for w in ws]
            bold.append(bool(row_words) and all(w.bold for w in row_words))
    return PageTable(page=page_no, bbox=BBox(*bbox), col_edges=tuple(x_edges), rows=tuple(grid),
                     row_bold=tuple(bold), method="lines")


SubRow = list[tuple[Cell | None, list[Word]]]


def split_band(row: Sequence, page_no: int, words: Sequence[Word],
               segments: Sequence[Segment]) -> list[SubRow]:
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
    starts: list[float] = []
    for top in sorted(min(w.top for w in b) for item in per_cell if item for b in item[1]):
        if not starts or top - starts[-1] > SUB_ROW_TOLERANCE:
            starts.append(top)
    if len(starts) <= 1:
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
                out[k].append((Cell(region_text(box, part, segments), page_no, box), part))
            elif part:
                sub_box = BBox(box.x0, min(w.top for w in part) - 1, box.x1,
                               max(w.bottom for w in part) + 1)
                out[k].append((Cell(region_text(sub_box, part, segments), page_no, sub_box), part))
            else:
                out[k].append((Cell("", page_no, None), []))
    return out


SUB_ROW_TOLERANCE = 2.5  # points: block tops this close start the same printed row
