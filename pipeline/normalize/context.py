"""What a table normalizer knows about the document around the table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableContext:
    table_index: int  # position of the table in the document (part of indicator ids)
    fiscal_year: int | None  # the document's year, for headers that print none
    period: str | None  # "tw2" for a quarterly report, None for annual documents
    organization: str | None
