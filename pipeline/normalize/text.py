"""Text as stored: whitespace folded, conversion artefacts gone, and a lower-case key for matching."""

from __future__ import annotations

import re

WHITESPACE = re.compile(r"\s+")
# a bullet printed at the start of a cell line: "· ", "• ", "- " (list items inside one cell)
LEADING_BULLET = re.compile(r"^\s*[·•▪◦]\s*")


def fold(text: str | None) -> str | None:
    """Trim and fold runs of whitespace (line breaks included) to one space; None stays None."""
    if text is None:
        return None
    folded = WHITESPACE.sub(" ", text).strip()
    return folded


def fold_or_none(text: str | None) -> str | None:
    """fold(), with an empty result as None (an empty cell holds no name)."""
    folded = fold(text)
    return folded or None


def key(text: str | None) -> str:
    """Lower-case, punctuation-free form for fuzzy matching (never stored)."""
    return WHITESPACE.sub(" ", re.sub(r"[^0-9a-z%]+", " ", (text or "").lower())).strip()


def strip_bullet(text: str) -> str:
    return LEADING_BULLET.sub("", text)
