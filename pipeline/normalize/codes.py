"""Kode rekening (Permendagri 90/2019): level and parent from the printed code (CODE-01/02)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model import Level

# A printed code: urusan.bidang[.program[.x.kegiatan[.sub]]], also the variants met in the wild:
#   "3.30.01", "3.30.01.2.01", "3.30.01.2.01.0001", "3.30.05.2.01.05" (2-digit sub kegiatan,
#   seed 001), "1.01.01.02.01.0001" (zero-padded), "1 01 01 01" (older, space separated)
CODE = re.compile(r"""^\s*(?P<code>\d{1,2}(?:(?:\.|\s+)\d{1,4}){1,6})\s*$""", re.VERBOSE)
# the canonical Permendagri 90/2019 shape, for telling a clean code from a variant
CANONICAL = re.compile(r"^\d\.\d{2}(\.\d{2}(\.[12]\.\d{2}(\.\d{4})?)?)?$")
LEVEL_BY_SEGMENTS = {3: Level.PROGRAM, 5: Level.KEGIATAN, 6: Level.SUB_KEGIATAN}
# the older space-separated shape (Permendagri 13/2006 and 54/2010 forms, Renja Jawa Barat
# 2013-2015): "1 01 01", "1 20 03 02"; at least three segments, the later ones zero-padded, so a
# pair of numbers ("2 5", a column-number row "1 2 5") is not taken for a code
SPACED = re.compile(r"""^\d{1,2}(?:\s\d{2,4}){2,6}$""", re.VERBOSE)


@dataclass(frozen=True)
class Code:
    text: str  # as printed, whitespace trimmed
    level: Level | None  # None for urusan/bidang codes and for pre-2020 shapes
    parent: str | None
    canonical: bool  # follows CODE-01 exactly


def parse_code(text: str | None) -> Code | None:
    """`3.30.01.2.01.0001` -> sub_kegiatan with parent `3.30.01.2.01`; None if not a code."""
    if not text:
        return None
    match = CODE.match(text)
    if not match:
        return None
    printed = match["code"]
    if "." not in printed:
        # the pre-2020 levels differ from CODE-01's segment counts: level and parent unknown
        spaced = " ".join(printed.split())
        return Code(spaced, None, None, False) if SPACED.match(spaced) else None
    segments = printed.split(".")
    level = LEVEL_BY_SEGMENTS.get(len(segments))
    if level is Level.PROGRAM:  # a program sits under its bidang urusan
        parent = ".".join(segments[:2])
    elif level is Level.KEGIATAN:  # a kegiatan's parent is its program: drop x.kegiatan
        parent = ".".join(segments[:3])
    elif level is Level.SUB_KEGIATAN:
        parent = ".".join(segments[:5])
    else:
        parent = None
    return Code(printed, level, parent, bool(CANONICAL.match(printed)))


def looks_like_code(text: str | None) -> bool:
    return parse_code(text) is not None
