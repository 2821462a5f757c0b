"""Header labels -> column roles, by fuzzy match against tables of printed variants (data).

A table type declares its roles as data, e.g.
    ROLES = (Role("target", ("target", "target kinerja")), Role("unit", ("satuan",)), ...)
and `map_columns` assigns each role the column whose label matches one of its variants best.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from pipeline.normalize.text import key

MIN_SCORE = 85.0  # rapidfuzz 0-100: below this a header is not taken for a variant


@dataclass(frozen=True)
class Role:
    """A column role and the header texts printed for it (lower case, as `text.key` gives)."""

    name: str
    variants: tuple[str, ...]
    required: bool = False


def label_score(label: str, variant: str) -> float:
    """How well a column label matches a variant: whole-label similarity, or the variant as
    a word-aligned part of a longer label (`realisasi 2023` in `realisasi 2023 k`)."""
    label_key, variant_key = key(label), key(variant)
    if not label_key or not variant_key:
        return 0.0
    if label_key == variant_key:
        return 100.0
    whole = fuzz.ratio(label_key, variant_key)
    part = fuzz.token_set_ratio(label_key, variant_key) if len(variant_key) > 3 else 0.0
    return max(whole, part - 5)  # a partial match ranks just below an equally good whole match


def map_columns(columns: Sequence[str], roles: Sequence[Role]) -> dict[str, int]:
    """role name -> column index; each column serves one role, best matches first."""
    scored = sorted(((max(label_score(label, v) for v in role.variants), -j, role.name, j)
                     for role in roles for j, label in enumerate(columns)), reverse=True)
    taken_roles: dict[str, int] = {}
    taken_cols: set[int] = set()
    for score, _, role_name, j in scored:
        if score < MIN_SCORE or role_name in taken_roles or j in taken_cols:
            continue
        taken_roles[role_name] = j
        taken_cols.add(j)
    return taken_roles


def missing_roles(mapping: dict[str, int], roles: Sequence[Role]) -> list[str]:
    return [r.name for r in roles if r.required and r.name not in mapping]
