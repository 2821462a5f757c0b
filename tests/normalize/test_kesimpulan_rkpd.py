"""Tests for pipeline.normalize.kesimpulan_rkpd and program_rows (DOMAIN.md 7, KES-01)."""

from __future__ import annotations

import pytest

from pipeline.model import BBox, Cell, RawTable
from pipeline.normalize.context import TableContext
from pipeline.normalize.headers import map_columns
from pipeline.normalize.kesimpulan_rkpd import LAYOUT, normalize
from pipeline.normalize.program_rows import Inherited, inherit, year_of
from tests.normalize.truth_cases import truth_cases, truth_diff


@pytest.mark.parametrize("name, table_id, merge", truth_cases("kesimpulan_rkpd"))
def test_truth_tables(name, table_id, merge):
    diff = truth_diff(name, table_id, merge, normalize)
    assert diff == [], "\n".join(diff)


SEED_HEADER = (  # seed 001, KESIMPULAN EVALUASI TERHADAP HASIL RKPD
    "No", "Nama Perangkat Daerah", "Nama Program",
    "Rata-rata Capaian Kinerja Program Prioritas RKPD Kab/Kota (%)",
    "Predikat Capaian Kinerja Program Prioritas RKPD Kab/Kota",
    "Rata-rata Realisasi Anggaran Program Prioritas RKPD Kab/Kota (%)",
    "Predikat Capaian Kinerja Anggaran Program Prioritas RKPD Kab/Kota",
    "Faktor Penghambat", "Faktor Pendukung", "Keterangan",
)


def test_header_mapping_seed():
    roles = [LAYOUT.no, LAYOUT.program, LAYOUT.organization,
             *(v.role for v in LAYOUT.values)]
    assert map_columns(SEED_HEADER, roles) == {
        "no": 0, "organization": 1, "program": 2, "capaian": 3, "predikat": 4,
        "capaian_anggaran": 5, "predikat_anggaran": 6}


@pytest.mark.parametrize("label, fiscal_year, year", [
    ("Rata-rata Capaian Kinerja Program Prioritas RKPD Kab/Kota (%)", 2024, 2024),
    ("Rata-rata Realisasi Anggaran Tahun 2023 (%)", 2024, 2023),
    ("Tribulan II / Serapan Anggaran (%)", None, None),
])
def test_year_of(label, fiscal_year, year):
    assert year_of(label, fiscal_year) == year


def cell(text: str) -> Cell:
    return Cell(text, 1, BBox(0, 0, 1, 1))


def test_inherit_merged_and_blank_cells():
    mapping = {"no": 0, "organization": 1}
    first = inherit((cell("1"), cell("Dinas Perindustrian dan Perdagangan Kota Pasuruan")),
                    mapping, Inherited(None, None))
    assert first == Inherited("1", "Dinas Perindustrian dan Perdagangan Kota Pasuruan")
    assert inherit((None, None), mapping, first) == first  # covered by the merged cells
    assert inherit((cell(""), cell("")), mapping, first) == first  # printed once per block
    assert inherit((cell("2"), cell("Dinas Koperasi")), mapping, first) == Inherited(
        "2", "Dinas Koperasi")


def test_merged_value_belongs_to_first_row_only():
    rows = ((cell("1"), cell("Dinas X"), cell("Program A"), cell("43%"), cell("Rendah"),
             cell("36%"), cell("Rendah")),
            (None, None, cell("Program B"), None, None, None, None))
    table = _table(SEED_HEADER[:7], rows)
    first, second = normalize(table, _ctx())
    assert [(m.measure.value, m.value, m.raw_text) for m in first.measurements] == [
        ("capaian", 43.0, "43%"), ("predikat", None, "Rendah"),
        ("capaian_anggaran", 36.0, "36%"), ("predikat_anggaran", None, "Rendah")]
    assert second.measurements == ()
    assert (second.row_no, second.responsible, second.name) == ("1", "Dinas X", "Program B")


def _table(columns, rows):
    return RawTable(columns=columns, header_rows=(columns,), rows=rows, page=1, title="",
                    method="test")


def _ctx():
    return TableContext(table_index=0, fiscal_year=2024, period="tw2", organization=None)
