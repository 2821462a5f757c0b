"""Tables with hardly any rules: a line over and under the header, one under the last row.

Region: from a long horizontal rule followed closely by a second one of the same extent (the
header's top and bottom) down to the next such rule, or to the last text of the page when the
table goes on overleaf. Columns: the gaps that no body word covers. Rows: every cell's text is
top-aligned, so a row starts where some column starts a new block of lines (a wrapped line
follows its predecessor at the line pitch; a new row leaves the cell padding in between).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.extract.geometry import Segment, Word, column_blocks, group_lines, region_text
from pipeline.extract.grid import PageTable
from pipeline.model import BBox, Cell

LONG_RULE_SHARE = 0.4  # of the page width: shorter rules are underlines, fraction bars, signatures
SAME_EXTENT = 4.0  # points: two rules belong to one table when their ends agree this well
MAX_HEADER_HEIGHT = 160.0  # points between the header's top and bottom rules
MIN_GAP = 2.0  # points: narrower empty runs are spaces inside a phrase, not column gutters
# labels of rows that span several columns and must not hide the gutters between them
SPANNING_LABEL = re.compile(r"^\s*(jumlah|total|rata|predikat)", re.IGNORECASE)
MIN_COLUMNS = 2
# a token of the printed column-number row: `1`, `14`, `=`, `+`, `/`, `x`, `100`, `%`
NUMBERING_TOKEN = re.compile(r"^(\d{1,3}|[=+/x×%()-])$")
# header text of unruled tables is set bold; letterhead rules around plain text are no table
MIN_BOLD_HEADER_SHARE = 0.6


def long_rules(segments: Sequence[Segment], page_width: float) -> list[Segment]:
    rules = [s for s in segments if s.horizontal and s.x1 - s.x0 >= LONG_RULE_SHARE * page_width]
    return sorted(rules, key=lambda s: s.top)


def same_extent(a: Segment, b: Segment) -> bool:
    return abs(a.x0 - b.x0) <= SAME_EXTENT and abs(a.x1 - b.x1) <= SAME_EXTENT


def find_unruled_tables(page_no: int, page_width: float, words: Sequence[Word],
                        segments: Sequence[Segment], taken: Sequence[BBox]) -> list[PageTable]:
    """Header-ruled tables outside the areas already taken by ruled tables."""
    rules = [r for r in long_rules(segments, page_width)
             if not any(t.top - 2 <= r.top <= t.bottom + 2 for t in taken)]
    tables, n = [], 0
    while n + 1 < len(rules):
        top, head = rules[n], rules[n + 1]
        header_words = [w for w in words if top.top < w.ymid < head.top and top.x0 <= w.xmid <= top.x1]
        bold_share = sum(w.bold for w in header_words) / max(len(header_words), 1)
        if (not same_extent(top, head) or head.top - top.top > MAX_HEADER_HEIGHT
                or bold_share < MIN_BOLD_HEADER_SHARE):
            n += 1
            continue
        end = next((r for r in rules[n + 2:] if same_extent(r, top)), None)
        bottom = end.top if end else max((w.bottom for w in words if w.top > head.top), default=head.top)
        table = build(page_no, BBox(top.x0, top.top, top.x1, bottom), head.top, words, segments)
        if table is not None:
            tables.append(table)
        n = rules.index(end) + 1 if end else len(rules)
    return tables


def free_runs(body: Sequence[Word]) -> list[tuple[float, float]]:
    """x-runs that no body word covers (rows spanning columns, e.g. `Jumlah ...`, left out)."""
    lines = [line for line in group_lines(body) if not SPANNING_LABEL.match(line[0].text)]
    covered = sorted((w.x0, w.x1) for line in lines for w in line)
    runs, reach = [], None
    for x0, x1 in covered:
        if reach is not None and x0 - reach >= MIN_GAP:
            runs.append((reach, x0))
        reach = x1 if reach is None else max(reach, x1)
    return runs


def header_cells(lines: Sequence[Sequence[Word]]) -> list[tuple[int, int, float, float]]:
    """Header phrases grouped into cells: the lines of one centred cell share their centre,
    with nothing else printed between them in that column (a vertically centred neighbour
    may sit on the lines in between). Returns (first line, last line, x0, x1) per cell."""
    cells: list[list[float]] = []  # [first, last, x0, x1, centre]
    for n, line in enumerate(lines):
        for p in phrases(line):
            a, b = p[0].x0, p[-1].x1
            centre = (a + b) / 2
            same = None
            for c in reversed(cells):
                if c[3] > a and c[2] < b and c[1] < n:  # the nearest cell above in this column
                    same = c if abs(c[4] - centre) <= SAME_CENTRE else None
                    break
            if same is not None:
                same[1], same[2], same[3] = n, min(same[2], a), max(same[3], b)
            else:
                cells.append([n, n, a, b, centre])
    return [(int(c[0]), int(c[1]), c[2], c[3]) for c in cells]


def header_lines(header: Sequence[Word]) -> list[list[Word]]:
    """Header text lines without the printed column-number row (its numbers centre on column
    groups, not columns)."""
    return [line for line in group_lines(header)
            if not all(NUMBERING_TOKEN.match(w.text) for w in line)]


def leaf_headers(header: Sequence[Word], runs: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """x-extents of the lowest header cells (the columns' own labels), left to right.

    A header cell is a leaf unless a cell of a lower line lies under it (`K` and `Rp` under
    `Target Renstra ...`) or it is a group label centred over a gutter: lower cells on both
    sides of its middle and no body text under it (`Data Masukan` over `Variabel`, `Nilai`).
    """
    cells = header_cells(header_lines(header))
    leaves = []
    for first, last, a, b in cells:
        lower = [(a2, b2) for f2, _, a2, b2 in cells if f2 > last]
        if any(a2 < b and b2 > a for a2, b2 in lower):
            continue
        middle, width = (a + b) / 2, b - a
        left = any(b2 <= middle and b2 >= a - width for a2, b2 in lower)
        right = any(a2 >= middle and a2 <= b + width for a2, b2 in lower)
        over_gutter = any(ra <= middle <= rb for ra, rb in runs)
        if left and right and over_gutter:
            continue
        leaves.append((a, b))
    return sorted(leaves)


def column_edges(box: BBox, header: Sequence[Word], body: Sequence[Word]) -> tuple[float, ...]:
    """Column boundaries: one column per leaf header cell. Between two leaves the boundary lies
    right of every header cell over the left leaf alone and left of every one over the right
    leaf alone; inside that window, in the widest gutter the body leaves (else its middle)."""
    runs = free_runs(body)
    leaves = leaf_headers(header, runs)
    cells = [(a, b) for _, _, a, b in header_cells(header_lines(header))]
    edges = [box.x0]
    for (la, lb), (ra, rb) in zip(leaves, leaves[1:]):
        def over(a: float, b: float, x0: float, x1: float) -> bool:
            return a < x1 and b > x0
        left_only = [b for a, b in cells if over(a, b, la, lb) and not over(a, b, ra, rb)]
        right_only = [a for a, b in cells if over(a, b, ra, rb) and not over(a, b, la, lb)]
        low, high = max(left_only + [lb]), min(right_only + [ra])
        if high < low:  # header cells overlap: fall back to the leaves themselves
            low, high = lb, ra
        inside = [(max(a, low), min(b, high)) for a, b in runs if a < high and b > low]
        if inside:
            a, b = max(inside, key=lambda r: r[1] - r[0])
            edges.append((a + b) / 2)
        else:
            edges.append((low + high) / 2)
    edges.append(box.x1)
    return tuple(numbering_column(edges, body, runs))


ROW_NUMBER = re.compile(r"^\d{1,3}\.?$")


def numbering_column(edges: list[float], body: Sequence[Word],
                     runs: Sequence[tuple[float, float]]) -> list[float]:
    """Split off a row-number column that has no header of its own (`KINERJA` printed over
    both the numbers and the texts): a gutter in the first column with only numbers left of it."""
    first_end = edges[1]
    for a, b in runs:
        if edges[0] < a and b < first_end:
            left = [w for w in body if w.x1 <= a]
            if left and all(ROW_NUMBER.match(w.text) for w in left):
                return [edges[0], (a + b) / 2, *edges[1:]]
    return edges


def build(page_no: int, box: BBox, header_bottom: float, words: Sequence[Word],
          segments: Sequence[Segment]) -> PageTable | None:
    inside_box = [w for w in words if box.x0 <= w.xmid <= box.x1 and box.top < w.ymid < box.bottom + 1]
    body = [w for w in inside_box if w.ymid > header_bottom]
    header = [w for w in inside_box if w.ymid <= header_bottom]
    edges = column_edges(box, header, body)
    if len(edges) - 1 < MIN_COLUMNS:
        return None
    header_rows = header_grid(page_no, header, edges)
    body_rows = body_grid(page_no, body, edges, segments)
    rows = header_rows + body_rows
    bold = [True] * len(header_rows) + [False] * len(body_rows)
    return PageTable(page=page_no, bbox=box, col_edges=edges, rows=tuple(rows), row_bold=tuple(bold),
                     method="text", header_rows=len(header_rows))


def column_of(x: float, edges: Sequence[float]) -> int:
    for j in range(len(edges) - 1):
        if x < edges[j + 1]:
            return j
    return len(edges) - 2


def body_grid(page_no: int, body: Sequence[Word], edges: Sequence[float],
              segments: Sequence[Segment]) -> list[tuple[Cell | None, ...]]:
    by_col: list[list[Word]] = [[] for _ in range(len(edges) - 1)]
    for w in body:
        by_col[column_of(w.xmid, edges)].append(w)
    blocks = []
    for j, col in enumerate(by_col):
        bars = [s.top for s in segments if s.horizontal and edges[j] - 1 <= s.x0 and s.x1 <= edges[j + 1] + 1
                and s.x1 - s.x0 < edges[j + 1] - edges[j] + 2]
        blocks += [(j, block) for block in column_blocks(col, bars)]
    starts: list[float] = []
    for top in sorted(min(w.top for w in b) for _, b in blocks):
        if not starts or top - starts[-1] > ROW_START_TOLERANCE:
            starts.append(top)
    grid: list[list[Cell | None]] = [[None] * (len(edges) - 1) for _ in starts]
    for j, block in blocks:
        top = min(w.top for w in block)
        r = max(i for i, s in enumerate(starts) if s <= top + ROW_START_TOLERANCE)
        box = BBox(edges[j], top - 1, edges[j + 1], max(w.bottom for w in block) + 1)
        text = region_text(box, block, segments)
        previous = grid[r][j]
        if previous is not None:  # a second block starting in the same row: one cell
            text, box = f"{previous.text}\n{text}", previous.bbox.union(box) if previous.bbox else box
        grid[r][j] = Cell(text, page_no, box)
    return [tuple(Cell("", page_no, None) if c is None else c for c in row) for row in grid]


ROW_START_TOLERANCE = 2.5  # points: cell tops this close start the same row


def header_grid(page_no: int, header: Sequence[Word], edges: Sequence[float]) -> list[tuple[Cell | None, ...]]:
    """One row per header line. A header cell (its wrapped lines joined) sits at its first line
    in the first column its text reaches into; the other slots it covers are None (merged).
    A centred group label covers the columns under its text, which may be fewer than it spans."""
    lines = header_lines(header)
    cells = header_cells(lines)
    unheaded = {j for j in range(len(edges) - 1)
                if not any(min(b, edges[j + 1]) - max(a, edges[j]) > HEADER_OVERLAP for _, _, a, b in cells)}
    grid: list[list[Cell | None]] = [[Cell("", page_no, None) for _ in edges[1:]] for _ in lines]
    for first, last, a, b in cells:
        covered = [j for j in range(len(edges) - 1)
                   if min(b, edges[j + 1]) - max(a, edges[j]) > HEADER_OVERLAP] or [column_of((a + b) / 2, edges)]
        covered = centred_span(covered, (a + b) / 2, edges, unheaded)
        words = [w for n in range(first, last + 1) for w in lines[n] if a - 0.5 <= w.xmid <= b + 0.5]
        box = BBox(edges[covered[0]], min(w.top for w in words), edges[covered[-1] + 1],
                   max(w.bottom for w in words))
        grid[first][covered[0]] = Cell(" ".join(w.text for w in words), page_no, box)
        for n in range(first, last + 1):
            for j in covered[(1 if n == first else 0):]:
                grid[n][j] = None
    return [tuple(row) for row in grid]


HEADER_OVERLAP = 0.5  # points a header text must reach into a column to label it
SPAN_SLACK = 0.1  # share of a centred header's half-span its estimated edges may be off by


def centred_span(covered: list[int], centre: float, edges: Sequence[float],
                 unheaded: set[int]) -> list[int]:
    """Extend a centred header over neighbouring columns that have no header text of their
    own, as far as its centre says it spans (`KINERJA` over the row numbers and the texts)."""
    left, right = covered[0], covered[-1]
    reach = max(centre - edges[left], edges[right + 1] - centre)
    reach = reach * (1 + SPAN_SLACK) + 1  # edges are estimated from gutters, not drawn
    while left - 1 in unheaded and centre - edges[left - 1] <= reach:
        left -= 1
    while right + 1 in unheaded and edges[right + 2] - centre <= reach:
        right += 1
    return list(range(left, right + 1))
SAME_CENTRE = 2.5  # points: lines of one centred header cell share their centre this well
PHRASE_GAP = 3.0  # points: words closer than this read as one phrase (a space is ~2 pt;
# neighbouring cells are at least twice the cell padding apart)


def phrases(line: Sequence[Word]) -> list[list[Word]]:
    out: list[list[Word]] = []
    for w in line:
        if out and w.x0 - out[-1][-1].x1 < PHRASE_GAP:
            out[-1].append(w)
        else:
            out.append([w])
    return out
