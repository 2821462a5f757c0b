"""pipeline.normalize.iku (and the shared indicator_table) against the truth files."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.model import Level, Measure, Period
from pipeline.normalize import iku
from pipeline.normalize.indicator_cells import clean_name, level_prefix, running_number
from pipeline.normalize.indicator_columns import (
    header_quarter,
    header_year,
    holds_numbers,
    measure_columns,
    measure_word,
    quarters_in_order,
)
from tests.normalize.indicator_truth import diff, reversed_columns, table_cases
from tests.truth_tables import raw_table_from_truth


@pytest.mark.parametrize("truth, table_index, merge", table_cases("iku"))
def test_iku_tables_match_truth(truth, table_index, merge):
    raw = raw_table_from_truth(truth["tables"][table_index], merge_continuations=merge)
    problems = diff(iku.normalize, truth, table_index, raw)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("truth, table_index, merge", table_cases("iku"))
def test_iku_columns_in_another_order(truth, table_index, merge):
    raw = raw_table_from_truth(truth["tables"][table_index], merge_continuations=merge)
    problems = diff(iku.normalize, truth, table_index, reversed_columns(raw))
    assert problems == [], "\n".join(problems)


def test_folded_row_with_wrapped_lines():
    """Seed 000 folded, its names wrapped inside the cells as a PDF prints them."""
    truth = next(c.values[0] for c in table_cases("iku") if c.values[0]["name"].endswith("2024"))
    raw = raw_table_from_truth(truth["tables"][0], merge_continuations=True)
    wrapped = {"Nilai SAKIP PD\nPersentase Temuan yang Ditindaklanjuti":
               "Nilai SAKIP PD\nPersentase Temuan\nyang Ditindaklanjuti",
               "Disperindag\nDisperindag": "Disperindag"}  # one merged cell
    rows = tuple(tuple(c if c is None else dataclasses.replace(c, text=wrapped.get(c.text, c.text))
                       for c in row) for row in raw.rows)
    problems = diff(iku.normalize, truth, 0, dataclasses.replace(raw, rows=rows))
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("label, measure, year, quarter", [
    ("Realisasi 2023", Measure.REALISASI, 2023, None),       # seed 000
    ("Target 2024", Measure.TARGET, 2024, None),
    ("Target 2023", Measure.TARGET, 2023, None),             # seed 002
    ("Triwulan III", None, None, 3),
    ("Realisasi Kinerja pada Triwulan Tahun 2024 / Target TW I / K", Measure.TARGET, 2024, 1),
    ("Realisasi Kinerja pada Triwulan Tahun 2024 / Realisasi TW II / Rp", Measure.REALISASI,
     2024, 2),
    ("Capaian (%)", Measure.CAPAIAN, None, None),
    ("Indikator Kinerja Utama", None, None, None),
    ("Penjelasan Formulasi Perhitungan", None, None, None),
    ("Tahun 20241", None, None, None),                       # not a year
])
def test_header_parts(label, measure, year, quarter):
    assert (measure_word(label), header_year(label), header_quarter(label)) == (
        measure, year, quarter)


def test_quarter_columns_take_the_target_year():
    columns = ("No.", "Indikator Kinerja Utama", "Satuan", "Target 2023", "Triwulan I",
               "Triwulan II", "Triwulan III", "Triwulan IV", "Keterangan")
    got = [(m.index, m.measure, m.year, m.period) for m in measure_columns(columns, 2030)]
    assert got == [(3, Measure.TARGET, 2023, Period.YEAR), (4, Measure.TARGET, 2023, Period.TW1),
                   (5, Measure.TARGET, 2023, Period.TW2), (6, Measure.TARGET, 2023, Period.TW3),
                   (7, Measure.TARGET, 2023, Period.TW4)]


def test_quarter_columns_without_a_year_take_the_documents():
    got = [(m.year, m.period) for m in measure_columns(("Uraian", "TW I", "TW II"), 2024)]
    assert got == [(2024, Period.TW1), (2024, Period.TW2)]


@pytest.mark.parametrize("text, expected", [
    ("1 Peningkatan Kontribusi Lapangan Industri Pengolahan Non Migas dan Non Batubara",
     "Peningkatan Kontribusi Lapangan Industri Pengolahan Non Migas dan Non Batubara"),
    ("4 Indeks Keberdayaan Konsumen (IKK)", "Indeks Keberdayaan Konsumen (IKK)"),
    ("Tujuan: Kontribusi Sektor Unggulan Meningkat", "Kontribusi Sektor Unggulan Meningkat"),
    ("Sasaran: Meningkatnya Produksi Sektor Unggulan", "Meningkatnya Produksi Sektor Unggulan"),
    ("- Jumlah IKM yang dibina", "Jumlah IKM yang dibina"),
    ("· Jumlah bahan logistik kantor yang disediakan",
     "Jumlah bahan logistik kantor yang disediakan"),
    ("Pertumbuhan omzet pedagang pasar rakyat yang telah dibangun/\ndirevitalisasi",
     "Pertumbuhan omzet pedagang pasar rakyat yang telah dibangun/ direvitalisasi"),
    ("% Pertumbuhan nilai ekspor", "% Pertumbuhan nilai ekspor"),
    ("1 (satu) Daerah Kabupaten/Kota", "1 (satu) Daerah Kabupaten/Kota"),  # not a running number
    ("·", None),
    ("", None),
])
def test_clean_name(text, expected):
    assert clean_name(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("4 Indeks Keberdayaan Konsumen (IKK)", "4"),
    ("3 Disparitas Harga Antar Wilayah", "3"),
    ("Nilai SAKIP PD", None),
    ("1 (satu) Daerah", None),
])
def test_running_number(text, expected):
    assert running_number(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Tujuan: Kontribusi Sektor Unggulan Meningkat", Level.TUJUAN),
    ("Sasaran: Meningkatnya Penjualan Produk Sektor Unggulan", Level.SASARAN),
    ("Meningkatnya Kinerja Koperasi dan UMKM", None),
])
def test_level_prefix(text, expected):
    assert level_prefix(text) == expected


@pytest.mark.parametrize("texts, expected", [
    (["-", "0,24 %", "9,91 %", "72,36\n100%"], True),          # seed 000 Realisasi 2023
    (["1.118\nTriliun", "54 Triliun", "4,15%"], True),         # seed 002 Target 2023
    ([], True),
    (["Jumlah dari Persentase Kontribusi Sektor -\nIndustri dan Sektor Perdagangan",
      "Persentase dari Selisih Jumlah Nilai Produksi"], False),  # a misread header over text
])
def test_holds_numbers(texts, expected):
    assert holds_numbers(texts) is expected


def test_four_quarter_columns_misread_by_ocr_take_their_print_order():
    columns = ["Satuan", "Target 2023", "Triwulan |", "Triwulan ll", "Triwulan ll", "Triwulan IV",
               "Keterangan"]
    assert quarters_in_order(columns) == {2: 1, 3: 2, 4: 3, 5: 4}
    assert quarters_in_order(["Target 2023", "Triwulan I", "Triwulan II", "Triwulan III",
                              "Triwulan IV"]) == {}
