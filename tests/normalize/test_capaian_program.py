"""Tests for pipeline.normalize.capaian_program (DOMAIN.md 7, row capaian_program)."""

from __future__ import annotations

import pytest

from pipeline.model import BBox, Cell, Measure, Period, RawTable
from pipeline.normalize.capaian_program import LAYOUT, normalize
from pipeline.normalize.context import TableContext
from pipeline.normalize.headers import map_columns
from tests.normalize.truth_cases import truth_cases, truth_diff


@pytest.mark.parametrize("name, table_id, merge", truth_cases("capaian_program"))
def test_truth_tables(name, table_id, merge):
    diff = truth_diff(name, table_id, merge, normalize)
    assert diff == [], "\n".join(diff)


@pytest.mark.parametrize("columns, expected", [
    (("No", "Nama Program", "Tribulan II / Capaian Kinerja (%)",
      "Tribulan II / Serapan Anggaran (%)"),  # seed 001 narrative
     {"no": 0, "program": 1, "capaian": 2, "capaian_anggaran": 3}),
    (("No.", "Program", "Realisasi Anggaran (%)", "Capaian Kinerja (%)"),  # other order
     {"no": 0, "program": 1, "capaian": 3, "capaian_anggaran": 2}),
])
def test_header_mapping(columns, expected):
    roles = [LAYOUT.no, LAYOUT.program, *(v.role for v in LAYOUT.values)]
    assert map_columns(columns, roles) == expected


def test_row_values_are_year_to_date():
    box = BBox(0, 0, 1, 1)
    columns = ("No", "Nama Program", "Tribulan II / Capaian Kinerja (%)",
               "Tribulan II / Serapan Anggaran (%)")
    row = tuple(Cell(t, 3, box) for t in (
        "4", "PROGRAM STABILISASI HARGA BARANG KEBUTUHAN POKOK DAN BARANG PENTING", "1%", "78%"))
    table = RawTable(columns=columns, header_rows=(columns,), rows=(row,), page=3, title="",
                     method="test")
    (record,) = normalize(table, TableContext(0, 2024, "tw2", None))
    assert (record.row_no, record.level.value, record.responsible) == ("4", "program", None)
    assert [(m.measure, m.year, m.period, m.value, m.page) for m in record.measurements] == [
        (Measure.CAPAIAN, 2024, Period.YEAR, 1.0, 3),
        (Measure.CAPAIAN_ANGGARAN, 2024, Period.YEAR, 78.0, 3)]
