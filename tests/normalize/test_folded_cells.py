"""pipeline.normalize.folded_cells: splitting folded rows, with cell texts as the PDFs print them
(data/raw/digital/*__word.pdf of seeds 000, 002, 003)."""

from __future__ import annotations

import pytest

from pipeline.normalize.folded_cells import (
    deal_numbers,
    deal_text,
    indicator_count,
    is_value_line,
    value_items,
)


@pytest.mark.parametrize("lines, k, shared, expected", [
    (["Persen", "Persen"], 2, True, ["Persen", "Persen"]),
    (["Disperindag"], 2, True, ["Disperindag", "Disperindag"]),       # one merged cell
    (["Sekretariat"], 2, False, ["Sekretariat", None]),
    # Kaltim (Word): wrapped and folded
    (["2 Presentase Ekspor Non", "Migas dan Non Batubara", "Terhadap Total Ekspor", "Kaltim",
      "3 Disparitas Harga Antar", "Wilayah"], 2, True,
     ["2 Presentase Ekspor Non\nMigas dan Non Batubara\nTerhadap Total Ekspor\nKaltim",
      "3 Disparitas Harga Antar\nWilayah"]),
    (["Data BPS dan Bank", "Indonesia", "Dinas Perindagkop &", "UKM Prov. Kaltim"], 2, True,
     ["Data BPS dan Bank\nIndonesia", "Dinas Perindagkop &\nUKM Prov. Kaltim"]),
    (["Kepala Bidang", "Perdagangan", "Kepala Bidang", "Perdagangan"], 2, True,
     ["Kepala Bidang\nPerdagangan", "Kepala Bidang\nPerdagangan"]),
    (["Nilao Omset Koperasi", "Dihitung Dari Total Omset", "Koperasi Pada Tahun n",
      "Nilao Omset UKM", "Dihitung Dari Total Omset", "UKM Pada Tahun n"], 2, True,
     ["Nilao Omset Koperasi\nDihitung Dari Total Omset\nKoperasi Pada Tahun n",
      "Nilao Omset UKM\nDihitung Dari Total Omset\nUKM Pada Tahun n"]),
    (["Data BPS dan Bank", "Indonesia", "Perhitungan Perbedaan", "Selisih Antar Bapokting",
      "Tiap Daerah Kab/Kota"], 2, True,
     ["Data BPS dan Bank\nIndonesia",
      "Perhitungan Perbedaan\nSelisih Antar Bapokting\nTiap Daerah Kab/Kota"]),
    # Pasuruan: a wrap opening in lower case stays with its line
    (["Nilai SAKIP PD", "Persentase Temuan", "yang Ditindaklanjuti"], 2, True,
     ["Nilai SAKIP PD", "Persentase Temuan\nyang Ditindaklanjuti"]),
])
def test_deal_text(lines, k, shared, expected):
    assert deal_text(lines, k, shared) == expected


@pytest.mark.parametrize("line, expected", [
    ("1.118", True), ("54 Triliun", True), ("-", True), ("18,97%", True), ("Triliun", False),
    ("TW 1 = 95", False),
])
def test_is_value_line(line, expected):
    assert is_value_line(line) is expected


def test_value_items_keep_a_wrapped_scale_word():
    assert value_items(["1.118", "Triliun", "54 Triliun"]) == ["1.118\nTriliun", "54 Triliun"]


@pytest.mark.parametrize("lines, k, expected", [
    (["1.118", "Triliun", "54 Triliun"], 2, ["1.118\nTriliun", "54 Triliun"]),
    (["73"], 2, ["73", None]),
    (["-", "-"], 2, ["-", "-"]),
])
def test_deal_numbers(lines, k, expected):
    assert deal_numbers(lines, k) == expected


@pytest.mark.parametrize("numbers, indicator, unit, expected", [
    ([["18,97%", "17%"], ["-", "-"]], [], [], 2),
    ([["1.118", "Triliun"]], ["5 Nilai Omset Koperasi"], ["Rupiah"], 1),
    ([], ["2 Presentase Ekspor Non", "Kaltim", "3 Disparitas Harga Antar", "Wilayah"], [], 2),
    ([], ["1 Pertumbuhan Sektor", "Industri Pengolahan Non", "Terhadap PDRB"], ["Persen"], 1),
    ([], ["Jumlah koperasi akif yang melaksanakan RAT", "Jumlah koperasi yang dinilai",
          "kesehatannya", "Jumlah koperasi yang mendapatkan penghargaan"], [], 3),
    ([], ["Kontribusi Sektor", "Industri Pengolahan", "Batubara Terhadap"], [], 1),
    ([], ["Nilai"], ["Persen", "Persen"], 2),
])
def test_indicator_count(numbers, indicator, unit, expected):
    assert indicator_count(numbers, indicator, unit) == expected
