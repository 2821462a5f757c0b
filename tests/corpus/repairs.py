"""Repaired twins of the seed documents (issue 6): the truth with its `repairs` applied.

A truth file may carry `repairs`, a list of edits that together remove every known
discrepancy of the document consistently:

    {"table_id": "e81", "row": 7, "column": "c6_k", "printed": "91,50", "repaired": "2,00",
     "why": "..."}                              a table cell (row indexes `rows`, column is a role)
    {"block": 42, "printed": "...", "repaired": "...", "why": "..."}
                                                a paragraph of `blocks` (narrative text)

`apply_repairs(truth)` returns a new truth whose tables and blocks carry the repaired text; its
canonical part (indicators, measurements, calculations) still describes the printed document,
so the twin is compared with validators only, never with the truth. An edit whose `printed`
is not what the cell holds is an error: the truth changed under the repair.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass


class RepairError(ValueError):
    """A repair that does not fit the truth it is applied to."""


@dataclass(frozen=True)
class Slot:
    """Where a grid column's cell sits in a row's printed cell list."""

    index: int  # position in row["cells"]
    starts_here: bool  # False when the column is covered by a colspan to its left


def slot_of(cells: list, column: int) -> Slot:
    """The printed cell covering grid column `column` (colspans expanded)."""
    covered = 0
    for index, cell in enumerate(cells):
        span = cell.get("colspan", 1) if isinstance(cell, dict) else 1
        if covered <= column < covered + span:
            return Slot(index, covered == column)
        covered += span
    raise RepairError(f"column {column} lies outside a row of {covered} slots")


# the flat reading of a fraction cell: prefix + num + FRACTION_BAR + den + suffix (README)
FRACTION_BAR = " / "


def cell_text(cell: object) -> str:
    """The cell as printed; a fraction as its flat reading."""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, dict) and "text" in cell:
        return str(cell["text"])
    if isinstance(cell, dict) and "frac" in cell:
        return (cell.get("prefix", "") + cell["frac"]["num"] + FRACTION_BAR + cell["frac"]["den"]
                + cell.get("suffix", ""))
    raise RepairError(f"cell {cell!r} holds no text (a slot covered by a rowspan)")


def with_text(cell: object, text: str) -> object:
    """The cell with new text, its spans kept; a fraction stays a fraction with the same prefix
    and suffix, its new numerator and denominator split at the first FRACTION_BAR."""
    if not isinstance(cell, dict):
        return text
    if "frac" not in cell:
        return {**cell, "text": text}
    prefix, suffix = cell.get("prefix", ""), cell.get("suffix", "")
    inner = text[len(prefix):len(text) - len(suffix)] if suffix else text[len(prefix):]
    if (not text.startswith(prefix) or not text.endswith(suffix)
            or FRACTION_BAR not in inner):
        raise RepairError(f"{text!r} is not a fraction {prefix!r} num{FRACTION_BAR}den {suffix!r}")
    num, den = inner.split(FRACTION_BAR, 1)
    return {**cell, "frac": {"num": num, "den": den}}


def _apply_cell(truth: dict, edit: dict) -> None:
    tables = {t["id"]: t for t in truth["tables"]}
    table = tables.get(edit["table_id"])
    if table is None:
        raise RepairError(f"no table {edit['table_id']!r}")
    if edit["column"] not in table["columns"]:
        raise RepairError(f"table {table['id']} has no column {edit['column']!r}")
    if not 0 <= edit["row"] < len(table["rows"]):
        raise RepairError(f"table {table['id']} has no row {edit['row']}")
    cells = table["rows"][edit["row"]]["cells"]
    slot = slot_of(cells, table["columns"].index(edit["column"]))
    where = f"{table['id']} row {edit['row']} column {edit['column']}"
    if not slot.starts_here:
        raise RepairError(f"{where} is covered by the merged cell to its left")
    current = cell_text(cells[slot.index])
    if current != edit["printed"]:
        raise RepairError(f"{where} prints {current!r}, not {edit['printed']!r}")
    cells[slot.index] = with_text(cells[slot.index], edit["repaired"])


def _apply_block(truth: dict, edit: dict) -> None:
    n = edit["block"]
    if not 0 <= n < len(truth["blocks"]) or truth["blocks"][n]["kind"] != "paragraph":
        raise RepairError(f"block {n} is not a paragraph")
    block = truth["blocks"][n]
    if block["text"] != edit["printed"]:
        raise RepairError(f"block {n} prints {block['text']!r}, not {edit['printed']!r}")
    block["text"] = edit["repaired"]


def apply_repairs(truth: dict) -> dict:
    """A copy of `truth` with every repair applied (the input is left as it is)."""
    out = copy.deepcopy(truth)
    for edit in truth.get("repairs", []):
        if "block" in edit:
            _apply_block(out, edit)
        else:
            _apply_cell(out, edit)
    return out
