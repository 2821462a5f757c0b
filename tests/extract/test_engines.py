"""The engine scorer (tests/extract/cell_score.py) on hand-made tables and on one real table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.extract.cell_score import EngineTable, Tally, score_document
from tests.extract.engines import RUNNERS, Sample, digital_samples, score_sample

HEADER = ["No", "Indikator", "Target", "Realisasi"]
ROWS = [["1", "Persentase A", "95", "0,00%"],
        ["2", "Persentase B", "80", "0,00%"],
        ["3", "Nilai SAKIP", "76", "0,00%"]]


def table(rows: list[list], kinds: list[str] | None = None) -> dict:
    kinds = kinds or ["data"] * len(rows)
    return {"id": "t", "table_type": "iku", "header_rows": [HEADER], "column_number_row": None,
            "rows": [{"kind": k, "cells": r} for k, r in zip(kinds, rows)]}


def score(truth: dict, *extracted: list[list[str]]) -> Tally:
    tables = [EngineTable(tuple(tuple(r) for r in rows), (1,) * len(rows)) for rows in extracted]
    return score_document([truth], {"t": [1] * len(truth["rows"])}, tables).tables[0].tally


def test_perfect_extraction_scores_one():
    tally = score(table(ROWS), ROWS)
    assert (tally.tp, tally.truth, tally.got) == (12, 12, 12)
    assert (tally.precision, tally.recall, tally.f1) == (1.0, 1.0, 1.0)


def test_a_dropped_row_lowers_recall_by_its_cells():
    tally = score(table(ROWS), [ROWS[0], ROWS[2]])
    assert (tally.tp, tally.truth, tally.got) == (8, 12, 8)
    assert tally.precision == 1.0
    assert tally.recall == pytest.approx(8 / 12)


def test_header_rows_and_whitespace_do_not_count_against_an_engine():
    got = [HEADER, ["1", "Persentase\nA", " 95", "0,00%"], ROWS[1], ROWS[2]]
    assert score(table(ROWS), got).f1 == 1.0


def test_a_title_row_lowers_precision_only():
    tally = score(table(ROWS), [["INDIKATOR KINERJA UTAMA 2024"], *ROWS])
    assert (tally.tp, tally.truth, tally.got) == (12, 12, 13)


def test_repeated_values_are_placed_in_reading_order():
    # the `0,00%` cells sit in rows of their own: each goes to the next group, not all to one
    got = [["1", "Persentase A", "95"], ["0,00%"], ["2", "Persentase B", "80"], ["0,00%"],
           ["3", "Nilai SAKIP", "76"], ["0,00%"]]
    assert score(table(ROWS), got).tp == 12


def test_a_split_cell_scores_as_wrong_text():
    got = [["1", "Persentase", "95", "0,00%"], ["A"], ROWS[1], ROWS[2]]
    tally = score(table(ROWS), got)
    assert (tally.tp, tally.truth, tally.got) == (11, 12, 13)


CONTINUED = [["1", "Persentase A", "TW 1 = 95", "0,00%"],
             [None, None, "TW 2 = 95", None],
             ["2", "Persentase B", "80", "0,00%"]]


def test_continuation_lines_score_joined_or_on_their_own_rows():
    truth = table([[{"text": c, "rowspan": 2} if c in ("1", "Persentase A", "0,00%") else c
                    for c in CONTINUED[0]], CONTINUED[1], CONTINUED[2]],
                  ["data", "continuation", "data"])
    separate = [["1", "Persentase A", "TW 1 = 95", "0,00%"], ["TW 2 = 95"], CONTINUED[2]]
    joined = [["1", "Persentase A", "TW 1 = 95\nTW 2 = 95", "0,00%"], CONTINUED[2]]
    assert (score(truth, separate).f1, score(truth, joined).f1) == (1.0, 1.0)
    assert (score(truth, separate).truth, score(truth, joined).truth) == (9, 8)


def test_a_stacked_fraction_counts_without_its_bar():
    frac = {"frac": {"num": "Realisasi", "den": "Target"}, "suffix": " x 100%"}
    truth = table([["1", "Persentase A", frac, "0,00%"]])
    assert score(truth, [["1", "Persentase A", "Realisasi x 100%\nTarget", "0,00%"]]).f1 == 1.0


def test_a_table_matching_nothing_is_extra():
    tables = [EngineTable(tuple(tuple(r) for r in ROWS), (1, 1, 1)),
              EngineTable((("Kepala Dinas",),), (1,))]
    result = score_document([table(ROWS)], {"t": [1, 1, 1]}, tables)
    assert (result.extra_tables, result.tables[0].tally.got, result.tables[0].pieces) == (1, 13, 1)


def small_sample() -> Sample:
    return next(s for s in digital_samples()
                if s.name == "iku_kota_pasuruan_2024" and s.style == "excel")


@pytest.mark.parametrize(("engine", "expected"), [
    ("project", Tally(43, 43, 43)),  # the project's reader reads this table whole
    # camelot's lattice joins text running over a column rule into the next cell
    # ("1 Tujuan: ...", "49,10 % Persentase ..."): 12 of 43 cells missed, 7 of its 38 wrong
    ("camelot-lattice", Tally(31, 43, 38)),
])
def test_both_engines_on_one_real_table(engine: str, expected: Tally):
    sample = small_sample()
    result = score_sample(sample, RUNNERS[engine](sample))
    assert [(t.table_id, t.tally) for t in result.tables] == [("iku", expected)]


def test_the_index_lists_fifteen_digital_samples():
    samples = digital_samples()
    index = json.loads(Path("data/raw/INDEX.json").read_text(encoding="utf-8"))
    assert len(samples) == 15 == sum(f["variant"] == "digital" for f in index["files"])


def test_identical_tables_on_two_pages_are_told_apart_by_page():
    twin = {**table(ROWS), "id": "u"}
    tables = [EngineTable(tuple(tuple(r) for r in ROWS), (page,) * 3) for page in (1, 2)]
    result = score_document([table(ROWS), twin], {"t": [1, 1, 1], "u": [2, 2, 2]}, tables)
    assert [(t.table_id, t.tally, t.pieces) for t in result.tables] == [
        ("t", Tally(12, 12, 12), 1), ("u", Tally(12, 12, 12), 1)]
