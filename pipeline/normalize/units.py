"""Satuan, normalized lower case (SCHEMA.md indicators.unit)."""

from __future__ import annotations

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
