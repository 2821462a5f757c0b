"""Truth tables of one table type, in both extraction shapes, as pytest parameters."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pipeline.model import IndicatorRecord, RawTable
from pipeline.normalize.context import TableContext
from tests.compare import diff_indicators, truth_indicators
from tests.truth_tables import TRUTH_DIR, load_truth, raw_table_from_truth

SHAPES = {False: "separate", True: "folded"}  # continuation rows on their own / folded above


def truth_cases(table_type: str) -> list:
    """(truth name, table id, merge_continuations) for every table of the type."""
    cases = []
    for path in sorted(TRUTH_DIR.glob("*.json")):
        truth = load_truth(path.stem)
        for table in truth.get("tables", []):
            if table["table_type"] == table_type:
                for merge, shape in SHAPES.items():
                    cases.append(pytest.param(path.stem, table["id"], merge,
                                              id=f"{path.stem}-{table['id']}-{shape}"))
    return cases


def truth_diff(name: str, table_id: str, merge: bool,
               normalize: Callable[[RawTable, TableContext], list[IndicatorRecord]]) -> list[str]:
    """Normalize a truth table and diff it against the truth's canonical indicators."""
    truth = load_truth(name)
    table = next(t for t in truth["tables"] if t["id"] == table_id)
    index = truth["tables"].index(table)
    document = truth["document"]
    ctx = TableContext(table_index=index, fiscal_year=document["fiscal_year"],
                       period=document["period"], organization=document["organization"])
    got = normalize(raw_table_from_truth(table, merge_continuations=merge), ctx)
    return diff_indicators(got, truth_indicators(truth, table_id))

