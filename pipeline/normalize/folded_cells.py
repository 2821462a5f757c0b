"""Folded rows: one extracted row holding k indicators, each cell's lines joined by "\\n".

A Word table ruled only between sasaran folds a further indicator into the row above, and
the PDF wraps every long text, so a cell's lines are both paragraph ends and wraps:
"Data BPS dan Bank\\nIndonesia\\nDinas Perindagkop &\\nUKM Prov. Kaltim" is two sources.

* How many indicators (k): the values of the number columns (numbers do not wrap, but a scale
  word may: "1.118\\nTriliun" is one value), else the items of the indicator column opened by
  running numbers or bullets ("2 Presentase ...\\n3 Disparitas ..."), else lines opening with
  the first line's first word ("Jumlah koperasi ...\\nJumlah koperasi ..."), else the lines of
  the Satuan column ("Persen\\nPersen").
* Where a text cell splits (`deal_text`): at its lines when there are k; at running numbers or
  bullets when they give k items; else at the k-1 line breaks that look most like paragraph
  ends: the next line does not open in lower case, opens with the cell's first word (parallel
  items: "Kepala Bidang ..." twice), and its first word would have fitted on the line above
  (so the break was not a wrap).
"""

from __future__ import annotations

import re
from itertools import pairwise

from pipeline.normalize.numbers import parse_number

# a line opening an item with a running number or a bullet: "5 Nilai Omset UKM", "- Jumlah IKM",
# "· Jumlah bahan"; not "1 (satu)" nor "-5"
ITEM_MARKER_RE = re.compile(r"""^\s* (?: \d{1,3}\.?\s+(?=[^\W\d_]) | [-–·•▪◦]\s+ )""", re.VERBOSE)
# a line opening in lower case is the wrap of the line above: "direvitalisasi", "dan ODS"
LOWER_START_RE = re.compile(r"""^\s* [a-z]""", re.VERBOSE)


def first_word(line: str) -> str:
    """The first word of a line, lower case ("" for a blank line)."""
    words = line.split()
    return words[0].lower() if words else ""


def is_value_line(line: str) -> bool:
    """A line that is a number or an empty marker by itself: "1.118", "-", "54 Triliun";
    not "Triliun" (the wrapped scale word of the line above)."""
    parsed = parse_number(line)
    return parsed.error is None and (parsed.value is not None or not any(c.isalpha() for c in line))


def value_items(lines: list[str]) -> list[str]:
    """Lines of a number cell grouped by value: ["1.118", "Triliun", "54 Triliun"] ->
    ["1.118\\nTriliun", "54 Triliun"]."""
    items: list[str] = []
    for line in lines:
        if items and not is_value_line(line):
            items[-1] = f"{items[-1]}\n{line}"
        else:
            items.append(line)
    return items


def marker_items(lines: list[str]) -> list[str]:
    """Lines grouped into items opened by running numbers or bullets; [] when the first line
    opens none."""
    if not lines or not ITEM_MARKER_RE.match(lines[0]):
        return []
    items: list[str] = []
    for line in lines:
        if items and not ITEM_MARKER_RE.match(line):
            items[-1] = f"{items[-1]}\n{line}"
        else:
            items.append(line)
    return items


def repeated_openers(lines: list[str]) -> int:
    """How many lines open with the first line's first word (parallel items)."""
    opener = first_word(lines[0]) if lines else ""
    return sum(1 for line in lines if opener and first_word(line) == opener)


def break_rank(lines: list[str], i: int, width: int) -> tuple[bool, bool, bool, int]:
    """How much the break before line i looks like a paragraph end (higher is likelier)."""
    above, line = lines[i - 1], lines[i]
    room = width - len(above.rstrip()) - 1
    return (not LOWER_START_RE.match(line), first_word(line) == first_word(lines[0]),
            len(first_word(line)) <= room, room)


def split_at_paragraphs(lines: list[str], k: int) -> list[str]:
    """k items, split at the k-1 likeliest paragraph ends (module docstring)."""
    width = max(len(line.rstrip()) for line in lines)
    ranked = sorted(range(1, len(lines)), key=lambda i: break_rank(lines, i, width),
                    reverse=True)
    cuts = [0, *sorted(ranked[:k - 1]), len(lines)]
    return ["\n".join(lines[a:b]) for a, b in pairwise(cuts)]


def deal_text(lines: list[str], k: int, shared: bool) -> list[str | None]:
    """Give each of a row's k indicators its part of a text cell. One line of a shared (merged)
    cell is every indicator's; fewer lines than k go to the first indicators."""
    parts: list[str | None]
    if len(lines) == k:
        parts = list(lines)
    elif len(lines) == 1 and shared:
        parts = [lines[0]] * k
    elif len(lines) > k:
        items = marker_items(lines)
        parts = list(items if len(items) == k else split_at_paragraphs(lines, k))
    else:
        parts = [*lines, *([None] * (k - len(lines)))]
    return parts


def deal_numbers(lines: list[str], k: int) -> list[str | None]:
    """Give each of a row's k indicators its value of a number cell; a value is never shared."""
    items = value_items(lines)
    if len(items) > k:
        items = [*items[:k - 1], "\n".join(items[k - 1:])]
    return [*items, *([None] * (k - len(items)))]


def indicator_count(numbers: list[list[str]], indicator: list[str], unit: list[str]) -> int:
    """How many indicators a row holds, from the lines of its number cells, its indicator cell
    and its Satuan cell (module docstring)."""
    values = max((len(value_items(lines)) for lines in numbers), default=0)
    if values:
        return values
    for count in (len(marker_items(indicator)), repeated_openers(indicator), len(unit)):
        if count > 1:
            return count
    return 1
