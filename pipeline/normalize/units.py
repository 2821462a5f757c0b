"""Satuan, normalized lower case (SCHEMA.md indicators.unit)."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.normalize.numbers import parse_number
from pipeline.normalize.text import fold

# printed spellings -> the stored unit
SYNONYMS = {
    "persen": "%", "prosen": "%", "(%)": "%", "percent": "%",
    "rp": "rupiah", "rp.": "rupiah", "rupiah": "rupiah",
}


def normalize_unit(text: str | None) -> str | None:
    """`Persen` -> `%`, `Orang/Bulan` -> `orang/bulan`, ` UTTP` -> `uttp`; empty -> None."""
    folded = fold(text)
    if not folded or folded in {"-", "--"}:
        return None
    lower = folded.lower()
    return SYNONYMS.get(lower, lower)


def unit_of(text: str) -> str | None:
    """The unit printed with one number (`35 orang` -> orang, `50%` -> %); None for a number
    without one, or a text that is no number."""
    parsed = parse_number(text)
    if parsed.value is None:
        return None
    return "%" if parsed.is_percent else normalize_unit(parsed.unit_text)


def printed_unit(texts: Iterable[str]) -> str | None:
    """The unit every one of the printed numbers carries (`35 orang`, `5.835 ijin`, `50%`):
    a table without a Satuan column writes it with the number. None when they disagree."""
    units = {unit_of(text) for text in texts if parse_number(text).value is not None}
    return units.pop() if len(units) == 1 and None not in units else None
