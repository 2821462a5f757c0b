"""apply_repairs: every edit lands exactly on its cell; an edit that does not fit is an error."""

import copy
import json

import pytest

from tests.corpus.generate import load_truths
from tests.corpus.repairs import RepairError, apply_repairs, cell_text, slot_of

TRUTHS = [t for _, t in load_truths(None)]


def truth(*rows: list, repairs: list, blocks: list | None = None) -> dict:
    table = {"id": "t", "columns": ["no", "name", "k", "rp", "pct"],
             "rows": [{"kind": "data", "cells": list(r)} for r in rows]}
    return {"tables": [table], "blocks": blocks or [], "repairs": repairs}


def edit(row: int, column: str, printed: str, repaired: str) -> dict:
    return {"table_id": "t", "row": row, "column": column, "printed": printed,
            "repaired": repaired, "why": "test"}


def cells(t: dict, row: int) -> list:
    return t["tables"][0]["rows"][row]["cells"]


def test_a_plain_cell_is_replaced_and_the_input_kept():
    before = truth(["1", "a", "91,50", "29.537.200", "2312,50%"],
                   repairs=[edit(0, "k", "91,50", "2,00"), edit(0, "pct", "2312,50%", "75,00%")])
    kept = copy.deepcopy(before)
    after = apply_repairs(before)
    assert cells(after, 0) == ["1", "a", "2,00", "29.537.200", "75,00%"]
    assert before == kept


def test_colspans_are_counted_and_spans_kept():
    before = truth([{"text": "Jumlah", "colspan": 2}, {"text": "8", "rowspan": 2}, "12", ""],
                   repairs=[edit(0, "rp", "12", "13"), edit(0, "k", "8", "9")])
    assert cells(apply_repairs(before), 0) == [{"text": "Jumlah", "colspan": 2},
                                               {"text": "9", "rowspan": 2}, "13", ""]


def test_a_fraction_stays_a_fraction():
    frac = {"frac": {"num": "2", "den": "4"}, "prefix": "(", "suffix": ") x 100"}
    before = truth(["1", "a", frac, "", ""], repairs=[edit(0, "k", "(2 / 4) x 100",
                                                           "(1 / 4) x 100")])
    assert cells(apply_repairs(before), 0)[2] == {"frac": {"num": "1", "den": "4"},
                                                  "prefix": "(", "suffix": ") x 100"}


def test_a_paragraph_is_replaced():
    before = truth(["1", "a", "", "", ""], blocks=[{"kind": "paragraph", "text": "sebesar 36%"}],
                   repairs=[{"block": 0, "printed": "sebesar 36%", "repaired": "sebesar 44%",
                             "why": "test"}])
    assert apply_repairs(before)["blocks"] == [{"kind": "paragraph", "text": "sebesar 44%"}]


@pytest.mark.parametrize(("bad", "message"), [
    (edit(0, "k", "91,5", "2,00"), "prints '91,50', not '91,5'"),
    (edit(1, "k", "91,50", "2,00"), "no row 1"),
    (edit(0, "satuan", "91,50", "2,00"), "no column 'satuan'"),
    ({**edit(0, "k", "91,50", "2,00"), "table_id": "e81"}, "no table 'e81'"),
    ({"block": 0, "printed": "x", "repaired": "y", "why": "test"}, "not a paragraph"),
])
def test_an_edit_that_does_not_fit_is_an_error(bad, message):
    with pytest.raises(RepairError, match=message):
        apply_repairs(truth(["1", "a", "91,50", "", ""], repairs=[bad]))


def test_a_column_under_a_merged_cell_cannot_be_edited():
    before = truth([{"text": "Jumlah", "colspan": 3}, "12", ""], repairs=[edit(0, "k", "", "1")])
    with pytest.raises(RepairError, match="covered by the merged cell"):
        apply_repairs(before)


def test_a_fraction_repaired_without_its_bar_is_an_error():
    frac = {"frac": {"num": "2", "den": "4"}}
    with pytest.raises(RepairError, match="is not a fraction"):
        apply_repairs(truth(["1", "a", frac, "", ""], repairs=[edit(0, "k", "2 / 4", "0,5")]))


@pytest.mark.parametrize("t", TRUTHS, ids=lambda t: t["name"])
def test_every_repair_of_the_truth_files_is_applied(t):
    after = apply_repairs(t)
    tables = {x["id"]: x for x in after["tables"]}
    assert t["repairs"]
    for r in t["repairs"]:
        if "block" in r:
            assert after["blocks"][r["block"]]["text"] == r["repaired"]
            continue
        table = tables[r["table_id"]]
        row = table["rows"][r["row"]]["cells"]
        assert cell_text(row[slot_of(row, table["columns"].index(r["column"])).index]) == \
            r["repaired"], json.dumps(r, ensure_ascii=False)


@pytest.mark.parametrize("t", TRUTHS, ids=lambda t: t["name"])
def test_one_edit_per_cell_and_a_reason_each(t):
    cells_edited = [(r["table_id"], r["row"], r["column"]) for r in t["repairs"]
                    if "block" not in r]
    assert len(cells_edited) == len(set(cells_edited))
    assert all(r["why"].strip() and r["printed"] != r["repaired"] for r in t["repairs"])
