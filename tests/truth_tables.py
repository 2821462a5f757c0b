"""Truth tables as the extractor should deliver them: `RawTable`s built from a truth file.

Normalizer tests start from these, so each table type's interpretation is tested against the
truth on its own, apart from the geometry of any one PDF rendering.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.model import BBox, Cell, RawTable

TRUTH_DIR = Path(__file__).parent / "truth"


def load_truth(name: str) -> dict:
    return json.loads((TRUTH_DIR / f"{name}.json").read_text(encoding="utf-8"))


def cell_text(raw: object) -> str:
    """A truth cell's text as extracted: fractions read `num / den suffix`."""
    if isinstance(raw, str):
        return raw
    assert isinstance(raw, dict)
    if "frac" in raw:
        return f"{raw.get('prefix', '')}{raw['frac']['num']} / {raw['frac']['den']}{raw.get('suffix', '')}"
    return raw["text"]


def spans(raw: object) -> tuple[int, int]:
    return (raw.get("colspan", 1), raw.get("rowspan", 1)) if isinstance(raw, dict) else (1, 1)


def occupancy(rows: list[list]) -> list[list[tuple[int, int] | None]]:
    """For each grid slot, the (row, slot) of the printed cell covering it."""
    width = sum(spans(c)[0] if c is not None else 1 for c in rows[0])
    grid: list[list[tuple[int, int] | None]] = [[None] * width for _ in rows]
    for r, cells in enumerate(rows):
        j = 0
        for raw in cells:
            if raw is None:
                j += 1
                continue
            colspan, rowspan = spans(raw)
            for dr in range(rowspan):
                for dc in range(colspan):
                    if r + dr < len(rows):
                        grid[r + dr][j + dc] = (r, j)
            j += colspan
    return grid


def slot_texts(rows: list[list]) -> list[list[str | None]]:
    """Text at each slot's covering cell origin; None for slots covered by a merged cell."""
    out: list[list[str | None]] = []
    for cells in rows:
        line: list[str | None] = []
        for raw in cells:
            if raw is None:
                line.append(None)
                continue
            line.append(cell_text(raw))
            line.extend([None] * (spans(raw)[0] - 1))
        out.append(line)
    return out


def column_labels(header_rows: list[list]) -> tuple[str, ...]:
    texts = slot_texts(header_rows)
    grid = occupancy(header_rows)
    labels = []
    for j in range(len(grid[0])):
        parts: list[str] = []
        for r in range(len(header_rows)):
            origin = grid[r][j]
            text = texts[origin[0]][origin[1]] if origin else None
            text = " ".join((text or "").split())
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        labels.append(" / ".join(parts))
    return tuple(labels)


def raw_table_from_truth(table: dict, page: int = 1, merge_continuations: bool = False) -> RawTable:
    """The ideal extraction of a truth table.

    With `merge_continuations`, continuation rows are folded into the row above, line by line,
    as a table with rules only between indicators (Word) is read cell by cell.
    """
    body = slot_texts([r["cells"] for r in table["rows"]])
    kinds = [r["kind"] for r in table["rows"]]
    rows: list[list[str | None]] = []
    for kind, line in zip(kinds, body):
        if merge_continuations and kind == "continuation" and rows:
            rows[-1] = [join_lines(a, b) for a, b in zip(rows[-1], line)]
        else:
            rows.append(line)
    box = BBox(0.0, 0.0, 1.0, 1.0)
    cells = tuple(tuple(None if t is None else Cell(t, page, box) for t in line) for line in rows)
    header = tuple(tuple(t or "" for t in line) for line in slot_texts(table["header_rows"]))
    numbers = None
    if table["column_number_row"] is not None:
        numbers = tuple(t or "" for t in slot_texts([table["column_number_row"]])[0])
    return RawTable(columns=column_labels(table["header_rows"]), header_rows=header, rows=cells,
                    page=page, title="", method="truth", column_numbers=numbers)


def join_lines(a: str | None, b: str | None) -> str | None:
    if not b:
        return a
    if not a:
        return b
    return f"{a}\n{b}"
