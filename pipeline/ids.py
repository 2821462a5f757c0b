"""Stable ids: the same file read by the same code gets the same ids on every run.

(STYLE 4.2 places this in normalize/ids.py; it lives here because normalize/ belongs to another
work stream and the ids are written by the warehouse stage.)
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

# Read files in 1 MiB chunks: archives hold scans of several hundred MB that must not be
# loaded into memory whole just to be hashed.
HASH_CHUNK_BYTES = 1 << 20

# Derived ids keep 32 hex digits (128 bits) of their sha256: collisions stay out of reach for
# any archive, and the ids stay short enough to read in a report.
DERIVED_ID_HEX_DIGITS = 32


def document_id(path: Path) -> str:
    """sha256 (hex) of the file bytes, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(HASH_CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def hash_id(*parts: str | int | float | None) -> str:
    """Hash of the parts, encoded as a JSON list so ("a", "bc") and ("ab", "c") differ."""
    encoded = json.dumps(list(parts), ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()[:DERIVED_ID_HEX_DIGITS]


def indicator_id(doc_id: str, table_index: int, row_index: int, indicator_name: str | None,
                 occurrence: int = 0) -> str:
    """Id of an indicator row; `occurrence` tells apart rows whose other parts are equal."""
    if occurrence:
        return hash_id(doc_id, table_index, row_index, indicator_name, occurrence)
    return hash_id(doc_id, table_index, row_index, indicator_name)


def measurement_id(ind_id: str, measure: str, year: int | None, period: str,
                   occurrence: int = 0) -> str:
    """Id of one number of an indicator; `occurrence` counts repeats of the same key."""
    return hash_id(ind_id, measure, year, period, occurrence)


def finding_id(doc_id: str, rule: str, ind_id: str | None, field: str | None) -> str:
    """Id of a finding, so re-running the validators does not duplicate findings."""
    return hash_id(doc_id, rule, ind_id, field)


def statement_id(doc_id: str, ind_id: str | None, kind: str, occurrence: int) -> str:
    """Id of a printed sentence: the n-th of its kind for its row (or its document)."""
    return hash_id(doc_id, ind_id, kind, occurrence)
