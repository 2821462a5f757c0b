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
from dataclasses import dataclass

from pipeline.extract.geometry import (WRAP_PITCH, WRAP_SLACK, Segment, Word, column_blocks,
                                       group_lines, make_cell, region_text)
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


@dataclass(frozen=True)
class Region:
    """Where a header-ruled table (or its part on one page) lies, with its words."""

    page: int
    box: BBox
    header: tuple[Word, ...]
    body: tuple[Word, ...]
    segments: tuple[Segment, ...]
    closed: bool  # the rule under its last row is on this page: the table ends here

    def header_text(self) -> str:
        return " ".join(w.text for line in group_lines(self.header) for w in line)


def find_unruled_regions(page_no: int, page_width: float, words: Sequence[Word],
                         segments: Sequence[Segment], taken: Sequence[BBox]) -> list[Region]:
    """Header-ruled table regions outside the areas already taken by ruled tables."""
    rules = [r for r in long_rules(segments, page_width)
             if not any(t.top - 2 <= r.top <= t.bottom + 2 for t in taken)]
    regions, n = [], 0
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
        box = BBox(top.x0, top.top, top.x1, bottom)
        inside_box = [w for w in words if box.x0 <= w.xmid <= box.x1 and box.top < w.ymid < box.bottom + 1]
        regions.append(Region(page_no, box, tuple(header_words),
                              tuple(w for w in inside_box if w.ymid > head.top), tuple(segments),
                              closed=end is not None))
        n = rules.index(end) + 1 if end else len(rules)
    return regions


def same_table(a: Region, b: Region) -> bool:
    """A table's part overleaf repeats its header at the same place."""
    return (not a.closed and b.page == a.page + 1 and a.header_text() == b.header_text()
            and abs(a.box.x0 - b.box.x0) <= SAME_EXTENT and abs(a.box.x1 - b.box.x1) <= SAME_EXTENT)


def build_tables(regions: Sequence[Region]) -> list[PageTable]:
    """Regions (document order) -> page tables. The parts of one table on consecutive pages share
    their columns, estimated from the body text of all of them (a column empty on one page, or
    a stretch left blank in it, does not move the gutters)."""
    groups: list[list[Region]] = []
    for region in regions:
        if groups and same_table(groups[-1][-1], region):
            groups[-1].append(region)
        else:
            groups.append([region])
    tables = []
    for group in groups:
        body = [w for r in group for w in r.body]
        first = group[0]
        box = BBox(first.box.x0, first.box.top, first.box.x1, first.box.bottom)
        bars = [b for r in group for b in fraction_bars(r.segments, r.box)]
        edges = column_edges(box, first.header, body, bars)
        if len(edges) - 1 < MIN_COLUMNS:
            continue
        runs = free_runs(body, bars)
        for region in group:
            header_rows = header_grid(region.page, region.header, edges, runs)
            body_rows = body_grid(region.page, region.body, edges, region.segments)
            tables.append(PageTable(
                page=region.page, bbox=region.box, col_edges=edges,
                rows=tuple(header_rows + body_rows),
                row_bold=tuple([True] * len(header_rows) + [False] * len(body_rows)),
                method="text", header_rows=len(header_rows)))
    return tables


def free_runs(body: Sequence[Word], bars: Sequence[Segment] = ()) -> list[tuple[float, float]]:
    """x-runs that no body word covers (rows spanning columns, e.g. `Jumlah ...`, left out).
    A typeset fraction covers from its bar to the suffix printed beside it (`x 100%`)."""
    lines = [line for line in group_lines(body) if not SPANNING_LABEL.match(line[0].text)]
    covered = sorted([(w.x0, w.x1) for line in lines for w in line]
                     + [fraction_extent(bar, body) for bar in bars])
    runs, reach = [], None
    for x0, x1 in covered:
        if reach is not None and x0 - reach >= MIN_GAP:
            runs.append((reach, x0))
        reach = x1 if reach is None else max(reach, x1)
    return runs


SUFFIX_REACH = 6.0  # points between a fraction bar's end and its suffix (`x 100%`)
# a fraction's suffix starts with a multiplication sign: `x 100%`, `× 100%`, `x100%`
SUFFIX_START = re.compile(r"^[x×*](100%?)?$", re.IGNORECASE)


def fraction_extent(bar: Segment, body: Sequence[Word]) -> tuple[float, float]:
    """From a fraction bar to the end of the `x 100%` suffix printed level with it, if any."""
    beside = sorted((w for w in body if abs(w.ymid - bar.top) <= (w.bottom - w.top) / 2
                     and w.x0 >= bar.x1 - 1), key=lambda w: w.x0)
    if not beside or beside[0].x0 > bar.x1 + SUFFIX_REACH or not SUFFIX_START.match(beside[0].text):
        return bar.x0, bar.x1
    right = beside[0].x1
    for w in beside[1:]:
        if w.x0 - right > PHRASE_GAP:
            break
        right = w.x1
    return bar.x0, right


def fraction_bars(segments: Sequence[Segment], box: BBox) -> list[Segment]:
    """Short horizontal strokes inside a table's body: the bars of typeset fractions."""
    return [s for s in segments if s.horizontal and box.x0 < s.x0 and s.x1 < box.x1
            and box.top < s.top < box.bottom and s.x1 - s.x0 < LONG_RULE_SHARE * (box.x1 - box.x0)]


def header_cells(lines: Sequence[Sequence[Word]]) -> list[tuple[int, int, float, float]]:
    """Header phrases grouped into cells: the lines of one centred cell share their centre and
    follow each other at the line pitch (a vertically centred neighbour may sit on a line in
    between; a sub-header below is farther, past the cell padding). Returns (first line, last
    line, x0, x1) per cell."""
    cells: list[list[float]] = []  # [first, last, x0, x1, centre, last top]
    for n, line in enumerate(lines):
        for p in phrases(line):
            a, b = p[0].x0, p[-1].x1
            centre, top = (a + b) / 2, p[0].top
            height = max(w.bottom - w.top for w in p)
            same = None
            for c in reversed(cells):
                if c[3] > a and c[2] < b and c[1] < n:  # the nearest cell above in this column
                    wrapped = top - c[5] <= WRAP_PITCH * height + WRAP_SLACK
                    same = c if abs(c[4] - centre) <= SAME_CENTRE and wrapped else None
                    break
            if same is not None:
                same[1], same[2], same[3], same[5] = n, min(same[2], a), max(same[3], b), top
            else:
                cells.append([n, n, a, b, centre, top])
    return [(int(c[0]), int(c[1]), c[2], c[3]) for c in cells]


def header_lines(header: Sequence[Word]) -> list[list[Word]]:
    """Header text lines without the printed column-number row (its numbers centre on column
    groups, not columns)."""
    return [line for line in group_lines(header)
            if not all(NUMBERING_TOKEN.match(w.text) for w in line)]


Cell4 = tuple[int, int, float, float]


def is_group(cell: Cell4, cells: Sequence[Cell4], runs: Sequence[tuple[float, float]]) -> bool:
    """A header cell over other header cells (`Target Renstra ...` over `K` and `Rp`), or a
    group label centred over a gutter: lower cells on both sides of its middle and no body text
    under it (`Data Masukan` over `Variabel`, `Nilai`)."""
    _, last, a, b = cell
    lower = [(a2, b2) for f2, _, a2, b2 in cells if f2 > last]
    if any(a2 < b and b2 > a for a2, b2 in lower):
        return True
    middle, width = (a + b) / 2, b - a
    left = any(a - width <= b2 <= middle for _, b2 in lower)
    right = any(middle <= a2 <= b + width for a2, _ in lower)
    return left and right and any(ra <= middle <= rb for ra, rb in runs)


def leaf_headers(header: Sequence[Word], runs: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """x-extents of the lowest header cells (the columns' own labels), left to right."""
    cells = header_cells(header_lines(header))
    return sorted((a, b) for cell in cells if not is_group(cell, cells, runs) for _, _, a, b in [cell])


CELL_PAD_GUESS = 3.0  # points between a cell's border and flush text (Word ~5, Excel ~2)
FLUSH = 0.75  # points: words flush with one cell side share their x0 (or x1) this well


def boundary_in(run: tuple[float, float], body: Sequence[Word]) -> float:
    """Where the border lies in a gutter: a cell padding before the text flush with its right
    side (left-aligned column), or after the text flush with its left side (right-aligned
    numbers); the middle when neither side is flush."""
    a, b = run
    starts = sum(abs(w.x0 - b) <= FLUSH for w in body)
    ends = sum(abs(w.x1 - a) <= FLUSH for w in body)
    if starts > ends and b - a > 2 * CELL_PAD_GUESS:
        return b - CELL_PAD_GUESS
    if ends > starts and b - a > 2 * CELL_PAD_GUESS:
        return a + CELL_PAD_GUESS
    return (a + b) / 2


def column_edges(box: BBox, header: Sequence[Word], body: Sequence[Word],
                 bars: Sequence[Segment] = ()) -> tuple[float, ...]:
    """Column boundaries: one column per leaf header cell. Between two leaves the boundary lies
    right of every (non-group) header cell over the left leaf alone and left of every one over
    the right leaf alone; inside that window, in the widest gutter the body leaves (else its
    middle)."""
    runs = free_runs(body, bars)
    leaves = leaf_headers(header, runs)
    all_cells = header_cells(header_lines(header))
    # the labels stacked over one column (a group label over several says nothing of borders)
    cells = [(a, b) for cell in all_cells if not is_group(cell, all_cells, runs)
             for _, _, a, b in [cell]]
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
            edges.append(boundary_in(max(inside, key=lambda r: r[1] - r[0]), body))
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


def column_of(x: float, edges: Sequence[float]) -> int:
    for j in range(len(edges) - 1):
        if x < edges[j + 1]:
            return j
    return len(edges) - 2


def body_grid(page_no: int, body: Sequence[Word], edges: Sequence[float],
              segments: Sequence[Segment]) -> list[tuple[Cell | None, ...]]:
    by_col: list[list[Word]] = [[] for _ in range(len(edges) - 1)]
    for line in group_lines(body):
        for phrase in phrases(line):
            if SPANNING_LABEL.match(phrase[0].text):  # `Jumlah ...` over several columns: one cell
                by_col[column_of(phrase[0].xmid, edges)].extend(phrase)
            else:
                for w in phrase:
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
        box = BBox(edges[j], top - 1, max(edges[j + 1], max(w.x1 for w in block) + 1),
                   max(w.bottom for w in block) + 1)  # a spanning label reaches past its column
        text = region_text(box, block, segments)
        previous = grid[r][j]
        if previous is not None:  # a second block starting in the same row: one cell
            text, box = f"{previous.text}\n{text}", previous.bbox.union(box) if previous.bbox else box
        grid[r][j] = make_cell(text, page_no, box, block)
    return [tuple(Cell("", page_no, None) if c is None else c for c in row) for row in grid]


ROW_START_TOLERANCE = 2.5  # points: cell tops this close start the same row


def header_grid(page_no: int, header: Sequence[Word], edges: Sequence[float],
                runs: Sequence[tuple[float, float]]) -> list[tuple[Cell | None, ...]]:
    """One row per header line. A header cell (its wrapped lines joined) sits at its first line
    in the first column it covers; the other slots it covers are None (merged). A leaf covers
    the columns its text reaches into; a group label the columns of the span it is centred on."""
    lines = header_lines(header)
    cells = header_cells(lines)
    unheaded = {j for j in range(len(edges) - 1)
                if not any(min(b, edges[j + 1]) - max(a, edges[j]) > HEADER_OVERLAP for _, _, a, b in cells)}
    def under_text(a: float, b: float) -> list[int]:
        return [j for j in range(len(edges) - 1)
                if min(b, edges[j + 1]) - max(a, edges[j]) > HEADER_OVERLAP] or [column_of((a + b) / 2, edges)]

    spans = []
    for cell in cells:
        first, last, a, b = cell
        covered = under_text(a, b)
        if is_group(cell, cells, runs):
            blocked = {j for other in cells if other != cell and other[0] <= last and other[1] >= first
                       for j in under_text(other[2], other[3])}
            covered = centred_group(covered, (a + b) / 2, edges, blocked)
        else:
            covered = centred_span(covered, (a + b) / 2, edges, unheaded)
        spans.append((cell, covered))
    grid: list[list[Cell | None]] = [[Cell("", page_no, None) for _ in edges[1:]] for _ in lines]
    for (first, last, a, b), covered in spans:
        words = [w for n in range(first, last + 1) for w in lines[n] if a - 0.5 <= w.xmid <= b + 0.5]
        box = BBox(edges[covered[0]], min(w.top for w in words), edges[covered[-1] + 1],
                   max(w.bottom for w in words))
        grid[first][covered[0]] = Cell(" ".join(w.text for w in words), page_no, box)
        for n in range(first, last + 1):
            for j in covered[(1 if n == first else 0):]:
                grid[n][j] = None
    return [tuple(row) for row in grid]


def centred_group(covered: list[int], centre: float, edges: Sequence[float],
                  blocked: set[int]) -> list[int]:
    """The columns a group label spans: the smallest run of columns around the ones its text
    reaches into whose middle is the label's centre (labels are centred on their span), not
    reaching into columns another label on its lines covers."""
    n = len(edges) - 1
    candidates = [(left, right) for left in range(max(0, covered[0] - MAX_GROUP_GROWTH), covered[0] + 1)
                  for right in range(covered[-1], min(n, covered[-1] + MAX_GROUP_GROWTH + 1))
                  if not blocked & set(range(left, right + 1))]
    def error(lr: tuple[int, int]) -> float:
        return abs((edges[lr[0]] + edges[lr[1] + 1]) / 2 - centre)

    fitting = [lr for lr in candidates
               if error(lr) <= GROUP_CENTRE_TOLERANCE * (edges[lr[1] + 1] - edges[lr[0]]) + 2]
    if not fitting:
        return covered
    best = min(error(lr) for lr in fitting)
    left, right = min((lr for lr in fitting if error(lr) <= best + GROUP_CENTRE_TIE),
                      key=lambda lr: (lr[1] - lr[0], lr[0]))
    return list(range(left, right + 1))


MAX_GROUP_GROWTH = 8  # columns a group label may span beyond those under its text
GROUP_CENTRE_TIE = 1.0  # points: spans centred this alike are a tie, won by the narrower
GROUP_CENTRE_TOLERANCE = 0.05  # share of the span's width its centre may miss the label's by
# (the edges of unruled tables are estimated from gutters, a few points off)


HEADER_OVERLAP = 0.5  # points a header text must reach into a column to label it
CENTRE_GAIN = 1.0  # points a wider span must centre a header better by to be taken
SPAN_SLACK = 0.1  # share of a centred header's half-span its estimated edges may be off by


def centred_span(covered: list[int], centre: float, edges: Sequence[float],
                 unheaded: set[int]) -> list[int]:
    """Extend a centred header over neighbouring columns that have no header text of their
    own, as far as its centre says it spans (`KINERJA` printed over both the row numbers and
    the texts): the wider span centres it better, or lies within its reach."""
    def error(left: int, right: int) -> float:
        return abs((edges[left] + edges[right + 1]) / 2 - centre)

    left, right = covered[0], covered[-1]
    reach = max(centre - edges[left], edges[right + 1] - centre) * (1 + SPAN_SLACK) + 1
    while left - 1 in unheaded and (error(left - 1, right) < error(left, right) - CENTRE_GAIN
                                    or centre - edges[left - 1] <= reach):
        left -= 1
    while right + 1 in unheaded and (error(left, right + 1) < error(left, right) - CENTRE_GAIN
                                     or edges[right + 2] - centre <= reach):
        right += 1
    return list(range(left, right + 1))


SAME_CENTRE = 2.5  # points: lines of one centred header cell share their centre this well
PHRASE_GAP = 3.0  # points: words closer than this read as one phrase (a space is ~2 pt;
# neighbouring cells are at least twice the cell padding apart)


def phrases(line: Sequence[Word]) -> list[list[Word]]:
    """A line's words -> phrases: runs of words at word spacing (one cell's text)."""
    out: list[list[Word]] = []
    for w in line:
        if out and w.x0 - out[-1][-1].x1 < PHRASE_GAP:
            out[-1].append(w)
        else:
            out.append([w])
    return out
