"""A table found on one page, as a grid of cells, before headers are told from the body."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.model import BBox, Cell


@dataclass(frozen=True)
class PageTable:
    """One table (or the part of it) on one page.

    `rows[r][j]` is the cell whose top-left slot is (r, j), None where a merged cell covers the
    slot. `row_bold[r]` says whether every word of the row is bold (a header row, in practice).
    `header_rows` is how many leading rows are header when the finder knows it (from the rules
    around the header), else None.
    """

    page: int
    bbox: BBox
    col_edges: tuple[float, ...]  # len = columns + 1
    rows: tuple[tuple[Cell | None, ...], ...]
    row_bold: tuple[bool, ...]
    method: str
    header_rows: int | None = None

    @property
    def n_cols(self) -> int:
        return len(self.col_edges) - 1

    def covering_text(self, r: int, j: int) -> str:
        """Text of the cell covering slot (r, j): itself, or the merged cell above/left of it."""
        cell = self.rows[r][j]
        if cell is not None:
            return cell.text
        x = (self.col_edges[j] + self.col_edges[j + 1]) / 2
        for rr in range(r, -1, -1):
            for jj in range(j, -1, -1):
                other = self.rows[rr][jj]
                if other is not None and other.bbox is not None and other.bbox.x0 <= x <= other.bbox.x1:
                    if rr == r or other.bbox.bottom >= self.row_top(r):
                        return other.text
                    break
        return ""

    def row_top(self, r: int) -> float:
        tops = [c.bbox.top for c in self.rows[r] if c is not None and c.bbox is not None]
        return min(tops) if tops else self.bbox.top
