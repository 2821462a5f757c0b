"""Truth tables of one table type (IKU, IKI, Rencana Aksi), in both extracted shapes, as pytest
parameters; the diff against the truth; the same table with its columns reordered."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable

import pytest

from pipeline.model import IndicatorRecord, RawTable
from pipeline.normalize.context import TableContext
from tests.compare import diff_indicators, truth_indicators
from tests.truth_tables import TRUTH_DIR

SHAPES = {False: "rows", True: "folded"}  # merge_continuations -> shape name in the test id


def truth_files() -> list[dict]:
    files = (json.loads(p.read_text(encoding="utf-8")) for p in sorted(TRUTH_DIR.glob("*.json")))
    return [t for t in files if "tables" in t]


def table_cases(table_type: str) -> list:
    """One parameter (truth, table index, merge_continuations) per table of the type and shape."""
    return [pytest.param(truth, n, merge, id=f"{truth['name']}:{table['id']}:{SHAPES[merge]}")
            for truth in truth_files()
            for n, table in enumerate(truth["tables"]) if table["table_type"] == table_type
            for merge in SHAPES]


def context(truth: dict, table_index: int) -> TableContext:
    doc = truth["document"]
    return TableContext(table_index=table_index, fiscal_year=doc["fiscal_year"],
                        period=doc["period"], organization=doc["organization"])


def diff(normalize: Callable[[RawTable, TableContext], list[IndicatorRecord]], truth: dict,
         table_index: int, raw: RawTable) -> list[str]:
    got = normalize(raw, context(truth, table_index))
    return diff_indicators(got, truth_indicators(truth, truth["tables"][table_index]["id"]))


def reversed_columns(raw: RawTable) -> RawTable:
    """The same table printed with its columns in the opposite order (mapping is by header)."""
    numbers = None if raw.column_numbers is None else raw.column_numbers[::-1]
    return dataclasses.replace(raw, columns=raw.columns[::-1],
                               header_rows=tuple(r[::-1] for r in raw.header_rows),
                               rows=tuple(r[::-1] for r in raw.rows), column_numbers=numbers)
