"""pipeline.normalize.iki against the truth files; the jabatan comes from the table's title."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.model import RawTable
from pipeline.normalize import iki
from pipeline.normalize.indicator_columns import map_table_columns
from tests.normalize.indicator_truth import context, diff, reversed_columns, table_cases
from tests.truth_tables import raw_table_from_truth


def title_before(truth: dict, table_id: str) -> str:
    """The lines of the last title block printed before the table, as the extractor's title."""
    lines: list[str] = []
    for block in truth["blocks"]:
        if block["kind"] == "title":
            lines = block["lines"]
        if block["kind"] == "table" and block["table_id"] == table_id:
            return "\n".join(lines)
    raise AssertionError(f"table {table_id} is not in the blocks")


def raw_with_title(truth: dict, table_index: int, merge: bool) -> RawTable:
    table = truth["tables"][table_index]
    raw = raw_table_from_truth(table, merge_continuations=merge)
    return dataclasses.replace(raw, title=title_before(truth, table["id"]))


@pytest.mark.parametrize("truth, table_index, merge", table_cases("iki"))
def test_iki_tables_match_truth(truth, table_index, merge):
    problems = diff(iki.normalize, truth, table_index, raw_with_title(truth, table_index, merge))
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("truth, table_index, merge", table_cases("iki"))
def test_iki_columns_in_another_order(truth, table_index, merge):
    raw = reversed_columns(raw_with_title(truth, table_index, merge))
    problems = diff(iki.normalize, truth, table_index, raw)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("title, expected", [
    ("INDIKATOR KINERJA INDIVIDU\nKepala Sub Bagian Program dan Pelaporan",   # seed 003
     "Kepala Sub Bagian Program dan Pelaporan"),
    ("INDIKATOR KINERJA INDIVIDU\nFASILITATOR PERDAGANGAN", "FASILITATOR PERDAGANGAN"),
    ("INDIKATOR KINERJA INDIVIDU Kepala Sub Bagian Program dan Pelaporan",
     "Kepala Sub Bagian Program dan Pelaporan"),
    ("INDIKATOR KINERJA INDIVIDU (IKI) : Seksi Industri Mikro", "Seksi Industri Mikro"),
    ("INDIKATOR KINERJA UTAMA 2023\n2 Jabatan : Kepala Dinas", "Kepala Dinas"),
    ("KERTAS KERJA PERHITUNGAN CAPAIAN OUTCOME", None),
    ("", None),
])
def test_jabatan(title, expected):
    assert iki.jabatan(title) == expected


def test_row_numbers_under_the_kinerja_header_number_the_kinerja():
    truth = next(c.values[0] for c in table_cases("iki"))
    index = next(n for n, t in enumerate(truth["tables"]) if t["id"] == "iki_kasubag_program")
    cols = map_table_columns(raw_table_from_truth(truth["tables"][index]), 2021)
    assert (cols.text["no"], cols.text["name"], cols.no_numbers_name) == (0, 1, True)


def test_without_a_title_responsible_is_none():
    case = table_cases("iki")[0]
    truth, table_index, _ = case.values
    raw = raw_table_from_truth(truth["tables"][table_index])
    got = iki.normalize(raw, context(truth, table_index))
    assert {r.responsible for r in got} == {None}
