"""Tests for pipeline.normalize.e81 and e81_columns (DOMAIN.md 1.2-1.6, E81-00, section 5)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.model import BBox, Cell, Level, Measure, Period, RawTable, Source
from pipeline.normalize.context import TableContext
from pipeline.normalize.e81 import (
    MONEY_TEXT, code_and_name, normalize, split_indicators, split_lines, split_repeated,
    split_units, stack_depth, summary_label, summary_measure, unstack,
)
from pipeline.normalize.e81_columns import (
    Kind, group_key, header_year, kind_of, map_e81_columns, quarter_of,
)
from tests.normalize.truth_cases import truth_cases, truth_diff

@pytest.mark.parametrize("name, table_id, merge", truth_cases("e81"))
def test_truth_tables(name, table_id, merge):
    diff = truth_diff(name, table_id, merge, normalize)
    assert diff == [], "\n".join(diff)


# --------------------------------------------------------------------------------------------
# Header mapping
# --------------------------------------------------------------------------------------------

S = " / "


def k_rp(group: str) -> list[str]:
    return [group + S + "K", group + S + "Rp"]


def described(columns: list[str], fiscal_year: int | None) -> list[object]:
    """Per column: its identity role name, (measure, period, year), or None (not read)."""
    mapped = map_e81_columns(columns, fiscal_year)
    out: list[object] = [None] * len(columns)
    for name, j in mapped.identity.items():
        out[j] = name
    for c in mapped.numbers:
        out[c.index] = (c.measure.value, c.period.value, c.year)
    return out


def test_mapping_national_layout():
    """DOMAIN 1.2: columns 1-15, realisation per quarter only, "n-2" instead of years."""
    quarter = "Realisasi Kinerja Pada Triwulan"
    columns = ["No", "Sasaran", "Program / Kegiatan",
               "Indikator Kinerja Program (outcome) / Kegiatan (output)",
               *k_rp("Target Renstra PD pada Tahun ... (Akhir Periode Renstra PD)"),
               *k_rp("Realisasi Capaian Kinerja Renstra PD sampai dengan Renja PD Tahun Lalu "
                     "(n-2)"),
               *k_rp("Target Kinerja dan Anggaran Renja PD Tahun Berjalan (Tahun n-1) yang "
                     "dievaluasi"),
               *(label for q in ("I", "II", "III", "IV") for label in k_rp(quarter + S + q)),
               *k_rp("Realisasi Capaian Kinerja dan Anggaran Renja PD yang dievaluasi"),
               *k_rp("Realisasi Kinerja dan Anggaran Renstra PD s/d tahun ... (Akhir Tahun "
                     "Pelaksanaan Renja)"),
               *k_rp("Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra PD s/d tahun ... "
                     "(%)"),
               "Unit PD Penanggung Jawab"]
    assert described(columns, 2024) == [
        "no", "sasaran", "name", "indicator",
        ("target", "renstra_end", None), ("anggaran", "renstra_end", None),
        ("realisasi", "renstra_to_prev", 2023), ("realisasi_anggaran", "renstra_to_prev", 2023),
        ("target", "year", 2024), ("anggaran", "year", 2024),
        ("realisasi", "tw1", 2024), ("realisasi_anggaran", "tw1", 2024),
        ("realisasi", "tw2", 2024), ("realisasi_anggaran", "tw2", 2024),
        ("realisasi", "tw3", 2024), ("realisasi_anggaran", "tw3", 2024),
        ("realisasi", "tw4", 2024), ("realisasi_anggaran", "tw4", 2024),
        ("realisasi", "year", 2024), ("realisasi_anggaran", "year", 2024),
        ("realisasi", "renstra_to_date", 2024), ("realisasi_anggaran", "renstra_to_date", 2024),
        ("capaian", "renstra_to_date", 2024), ("capaian_anggaran", "renstra_to_date", 2024),
        "responsible"]


def test_mapping_permendagri_54_2010_layout():
    """Rekapitulasi Evaluasi Hasil Pelaksanaan Renja, columns 1-12 (SOURCE.md file 7)."""
    lalu = "Target dan Realisasi Kinerja Program dan Kegiatan Tahun Lalu (n-2)"
    berjalan = "Perkiraan Realisasi Capaian Target Renstra BPMPD s/d Tahun Berjalan"
    columns = ["Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
               "Indikator Kinerja Program (Outcomes)/Kegiatan (Output)",
               "Target Kinerja Capaian Program (Renstra) Tahun 2015",
               "Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s/d tahun 2012",
               lalu + S + "Target Renja BPMPD Tahun 2013",
               lalu + S + "Realisasi Renja BPMPD Tahun 2013",
               lalu + S + "Tingkat Realisasi (%)",
               berjalan + S + "Target Program dan Kegiatan (Renja BPMPD) Tahun 2014",
               berjalan + S + "Realisasi Capaian Program dan Kegiatan s/d Tahun berjalan 2014",
               berjalan + S + "Tingkat Capaian Realisasi Target Renstra s/d Tahun berjalan "
                              "2014 (%)",
               "Catatan"]
    assert described(columns, 2015) == [
        "code", "name", "indicator",
        ("target", "renstra_end", 2015), ("realisasi", "renstra_to_prev", 2012),
        ("target", "year", 2013), ("realisasi", "year", 2013), ("capaian", "year", 2013),
        ("target", "year", 2014), ("realisasi", "renstra_to_date", 2014),
        ("capaian", "renstra_to_date", 2014), None]


def test_mapping_tangerang_selatan_extract():
    """SOURCE.md file 25: E.81 columns 2, 3, 7-10 (K / Rp per quarter) and 14."""
    quarter = "Realisasi Kinerja Pada Triwulan I - IV Tahun 2023"
    columns = ["Urusan/Bidang Urusan/Program/Kegiatan",
               "Indikator Kinerja Program (Outcome)/Indikator Kinerja Kegiatan (Output)",
               *(label for q in ("I", "II", "III", "IV") for label in k_rp(quarter + S + q)),
               "Perangkat Daerah Penanggung Jawab"]
    assert described(columns, None) == [
        "name", "indicator",
        *(m for q in ("tw1", "tw2", "tw3", "tw4")
          for m in (("realisasi", q, 2023), ("realisasi_anggaran", q, 2023))),
        "responsible"]


def test_mapping_seed_years_and_defect():
    """Seed 001: "(2023)" is column 6's year; "s/d Tahun 2026" (column 15) is a defect."""
    columns = [*k_rp("Realisasi Capaian Kinerja Renstra Perangkat Daerah s/d Renja PD Tahun "
                     "Lalu (2023)"),
               *k_rp("Realisasi Kinerja pada Triwulan Tahun 2024" + S + "Target TW II"),
               *k_rp("Tingkat Capaian Kinerja dan Realisasi Anggaran Renstra s/d Tahun 2026 (%)")]
    assert described(columns, None) == [
        ("realisasi", "renstra_to_prev", 2023), ("realisasi_anggaran", "renstra_to_prev", 2023),
        ("target", "tw2", 2024), ("anggaran", "tw2", 2024),
        ("capaian", "renstra_to_date", 2024), ("capaian_anggaran", "renstra_to_date", 2024)]


@pytest.mark.parametrize("parts, expected", [
    (["Realisasi Kinerja pada Triwulan Tahun 2024", "Target TW I"], (1, 1, True)),
    (["Realisasi Kinerja pada Triwulan Tahun 2024", "Realisasi TW II"], (1, 2, False)),
    (["Realisasi Kinerja Pada Triwulan", "IV"], (1, 4, False)),
    (["Realisasi Kinerja Pada Triwulan I - IV Tahun 2023", "I"], (1, 1, False)),
    (["Target Tribulan III"], (0, 3, True)),
    # as OCR read them on the 300-dpi Monev scan
    (["Realisasi Kinerja pada Triwulan Tahun 2024", "Target TW |"], (1, 1, True)),
    (["Realisasi Kinerja pada Triwulan Tahun 2024", "Realisasi TW Il"], (1, 2, False)),
    (["Realisasi Kinerja Pada Triwulan", "lll"], (1, 3, False)),
    (["Realisasi Kinerja pada Triwulan Tahun 2024"], None),  # the group, not a quarter
    (["Realisasi Kinerja Pada Triwulan I - IV Tahun 2023"], None),  # a range
    (["Target Renstra Perangkat Daerah", "I"], None),  # a bare numeral outside a quarter group
])
def test_quarter_of(parts, expected):
    assert quarter_of(parts) == expected


@pytest.mark.parametrize("parts, kind", [
    (["Target Renstra ...", "K"], Kind.K), (["Realisasi TW I", "Rp"], Kind.RP),
    (["Tingkat Realisasi (%)"], None), (["PD Penanggung Jawab"], None),
])
def test_kind_of(parts, kind):
    assert kind_of(parts) == kind


@pytest.mark.parametrize("text, year", [
    ("Realisasi Capaian Kinerja Renstra Perangkat Daerah s/d Renja PD Tahun Lalu (2023)", 2023),
    ("Target Kinerja Capaian Program (Renstra OPD) Tahun 2013-2018", 2018),
    ("Realisasi Capaian Kinerja Renstra PD sampai dengan Renja PD Tahun Lalu (n-2)", None),
    ("Jumlah 12024 dokumen", None),  # digits inside a longer number are no year
])
def test_header_year(text, year):
    assert header_year(text) == year


def test_group_key_drops_years_and_percent():
    assert group_key("Tingkat Capaian Kinerja dan Realisasi Anggaran Renja Tahun 2024 (%)") == (
        "tingkat capaian kinerja dan realisasi anggaran renja tahun")
    assert group_key("Target Kinerja dan Anggaran Renja PD Tahun Berjalan (Tahun n-1) yang "
                     "dievaluasi") == (
        "target kinerja dan anggaran renja pd tahun berjalan tahun yang dievaluasi")


# --------------------------------------------------------------------------------------------
# Folded rows
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, n, parts", [
    ("5,00\n20,00", 2, ["5,00", "20,00"]),  # seed 001 row 55 + continuation, 5 K
    ("153.431.948.970", 2, ["153.431.948.970", ""]),  # 5 Rp: the continuation's is blank
    ("Dokumen\nDokumen", 2, ["Dokumen", "Dokumen"]),
    ("0,00\n2,00\n1,00", 2, ["0,00\n2,00\n1,00", ""]),  # more lines than indicators: kept
])
def test_split_lines(text, n, parts):
    assert split_lines(text, n) == parts


@pytest.mark.parametrize("text, parts", [
    ("Jumlah Dokumen Hasil Koordinasi (UPT. Industri Logam)\nJumlah Dokumen Hasil Koordinasi",
     ["Jumlah Dokumen Hasil Koordinasi (UPT. Industri Logam)", "Jumlah Dokumen Hasil Koordinasi"]),
    ("Jumlah dokumen perencanaan\nperangkat daerah\nJumlah laporan evaluasi",
     ["Jumlah dokumen perencanaan\nperangkat daerah", "Jumlah laporan evaluasi"]),
    ("Persentase Temuan yang\nditindaklanjuti\nNilai SAKIP PD",
     ["Persentase Temuan yang\nditindaklanjuti", "Nilai SAKIP PD"]),
    ("Persentase A\nB\nC", ["Persentase A\nB\nC", ""]),  # cannot tell: kept whole
])
def test_split_indicators(text, parts):
    assert split_indicators(text, 2) == parts


@pytest.mark.parametrize("text, parts", [
    ("Dinas Perindustrian dan Perdagangan\nDinas Perindustrian dan Perdagangan",
     ["Dinas Perindustrian dan Perdagangan"] * 2),
    ("Dinas Perindustrian\ndan Perdagangan", ["Dinas Perindustrian\ndan Perdagangan"] * 2),
])
def test_split_repeated(text, parts):
    assert split_repeated(text, 2) == parts


@pytest.mark.parametrize("text, parts", [
    ("Dokumen\nDokumen", ["Dokumen", "Dokumen"]),
    ("Dokumen\nLaporan", ["Dokumen", "Laporan"]),
    ("Pelaku\nUsaha\nPelaku\nUsaha", ["Pelaku\nUsaha", "Pelaku\nUsaha"]),
])
def test_split_units(text, parts):
    assert split_units(text, 2) == parts


BOX = BBox(10.0, 20.0, 30.0, 40.0)
SEED_COLUMNS = ["No", "Kode Rekening",
                "Urusan / Bidang Urusan Pemerintahan Daerah Dan Program / Kegiatan / Sub Kegiatan",
                "Indikator Kinerja Program (Outcome) / Kegiatan (Output Kegiatan) / Sub Kegiatan "
                "(Output Sub Kegiatan)", "Satuan",
                *k_rp("Target Renstra Perangkat Daerah pada Tahun 2024 (Akhir Periode Renstra "
                      "Perangkat Daerah)"),
                "PD Penanggung Jawab"]


def row(*texts: str | None, page: int = 2) -> tuple[Cell | None, ...]:
    return tuple(None if t is None else Cell(t, page, BOX) for t in texts)


def test_wrapped_satuan_is_not_a_second_indicator():
    columns = map_e81_columns(SEED_COLUMNS, 2024)
    wrapped = row("46", "3.30.05.2.01.0002", "Pameran Dagang Nasional",
                  "Jumlah pelaku usaha yang\ndifasilitasi", "Pelaku\nUsaha", "140,00",
                  "7.174.297.200", "Dinas Perindustrian\ndan Perdagangan")
    assert stack_depth(wrapped, columns) == 1
    assert unstack(wrapped, columns) == [wrapped]


def test_a_speck_read_under_one_ocr_number_does_not_fold_the_row():
    # the 300-dpi Monev scan, kegiatan 3.30.01.2.03: a speck under "98,00" read "5"
    columns = map_e81_columns(SEED_COLUMNS, 2024)
    texts = ("14", "3.30.01.2.03", "Administrasi Barang Milik Daerah",
             "Persentase Laporan Barang Milik Daerah", "%", "98,00\n5", "256.781.400",
             "Dinas Perindustrian")
    scanned = tuple(Cell(t, 9, BOX, Source.OCR, 90.0) for t in texts)
    assert stack_depth(scanned, columns) == 1
    # printed so in a text layer, the second line is a folded indicator's
    assert stack_depth(row(*texts), columns) == 2
    # two OCR cells agreeing fold it
    both = scanned[:6] + (replace(scanned[6], text="256.781.400\n1.000"),) + scanned[7:]
    assert stack_depth(both, columns) == 2


def test_unstack_keeps_page_and_box_of_the_cell():
    columns = map_e81_columns(SEED_COLUMNS, 2024)
    folded = row("55", "3.31.02.2.01.0005", "Koordinasi", "Jumlah A\nJumlah B",
                 "Dokumen\nDokumen", "5,00\n20,00", "153.431.948.970", "Dinas X\nDinas X")
    first, second = unstack(folded, columns)
    assert [c.text for c in first] == ["55", "3.31.02.2.01.0005", "Koordinasi", "Jumlah A",
                                       "Dokumen", "5,00", "153.431.948.970", "Dinas X"]
    assert [c.text for c in second] == ["", "", "", "Jumlah B", "Dokumen", "20,00", "",
                                        "Dinas X"]
    assert all(c.page == 2 and c.bbox == BOX for c in second)


def test_folded_row_gives_two_indicators_of_one_code():
    table = RawTable(columns=tuple(SEED_COLUMNS), header_rows=(), page=2, title="",
                     method="test", rows=(row(
                         "55", "3.31.02.2.01.0005", "Koordinasi", "Jumlah A\nJumlah B",
                         "Dokumen\nDokumen", "5,00\n20,00", "153.431.948.970",
                         "Dinas X\nDinas X"),))
    first, second = normalize(table, TableContext(0, 2024, "tw2", None))
    assert (second.row_no, second.code, second.level, second.name, second.indicator_name) == (
        "55", "3.31.02.2.01.0005", Level.SUB_KEGIATAN, "Koordinasi", "Jumlah B")
    assert [(m.measure, m.value, m.raw_text, m.page, m.bbox) for m in second.measurements] == [
        (Measure.TARGET, 20.0, "20,00", 2, BOX)]
    assert len(first.measurements) == 2


# --------------------------------------------------------------------------------------------
# Rows
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("texts, label", [
    (("Jumlah Anggaran dan Realisasi dari Seluruh Program", None, None, None, None, "", ""),
     "Jumlah Anggaran dan Realisasi dari Seluruh Program"),
    (("Total Rata-Rata Capaian Kinerja dan Anggaran Seluruh Program (%)", None, None, None,
      None, "", ""), "Total Rata-Rata Capaian Kinerja dan Anggaran Seluruh Program (%)"),
    (("Predikat Kinerja", None, None, None, None, "", ""), "Predikat Kinerja"),
    # continuation row whose indicator starts with "Jumlah": not a summary
    (("", "", "", "Jumlah Dokumen Hasil Koordinasi", "Dokumen", "20,00", ""), None),
    (("8", "3.30.01.2.01.0001", "Penyusunan Dokumen", "Jumlah dokumen", "dokumen", "4,00",
      "14.424.800"), None),
])
def test_summary_label(texts, label):
    columns = map_e81_columns(SEED_COLUMNS, 2024)
    assert summary_label(row(*texts, ""), columns) == label


@pytest.mark.parametrize("text, money", [
    ("20.057.264.366", True), ("5.499.715.177", True), ("Rp 8.290.261.639", True),
    ("2.080,00", False), ("4.000,00", False), ("65,08%", False), ("1.000", False),
])
def test_money_text(text, money):
    assert bool(MONEY_TEXT.match(text)) is money


def test_summary_measure_places_money_under_k_in_its_rp_group():
    columns = map_e81_columns(
        ["Jumlah"] + k_rp("Realisasi Kinerja dan Anggaran Renstra s/d Tahun 2024"), 2024)
    k_column, rp_column = columns.numbers
    assert summary_measure("12.353.937.540", k_column, False) is Measure.REALISASI_ANGGARAN
    assert summary_measure("75,27%", k_column, False) is Measure.REALISASI
    assert summary_measure("Tinggi", k_column, True) is Measure.PREDIKAT
    assert summary_measure("Sangat Rendah", rp_column, True) is Measure.PREDIKAT_ANGGARAN
    assert k_column.period is Period.RENSTRA_TO_DATE


def test_code_printed_in_the_name_cell():
    """National layout: column 3 "Program / Kegiatan" carries the kode."""
    columns = map_e81_columns(["No", "Program / Kegiatan",
                               "Indikator Kinerja Program (outcome) / Kegiatan (output)"], 2024)
    assert code_and_name(row("1", "3.30.01 Program Penunjang Urusan", "x"), columns) == (
        "3.30.01", "Program Penunjang Urusan")
    assert code_and_name(row("1", "Program 2 Tahunan", "x"), columns) == (
        None, "Program 2 Tahunan")


def test_uncoded_rows_without_code_column_have_no_level():
    """Tangerang Selatan prints names without codes: no level is guessed."""
    columns = ["Urusan/Bidang Urusan/Program/Kegiatan",
               "Indikator Kinerja Program (Outcome)/Indikator Kinerja Kegiatan (Output)",
               *k_rp("Realisasi Kinerja Pada Triwulan I - IV Tahun 2023" + S + "I")]
    table = RawTable(columns=tuple(columns), header_rows=(), page=1, title="", method="test",
                     rows=(row("PROGRAM PERIZINAN DAN PENDAFTARAN PERUSAHAAN",
                               "Persentase pelaku usaha", "0,00%", "-"),
                           row("URUSAN PEMERINTAHAN BIDANG PERDAGANGAN", "", "", "")))
    (record,) = normalize(table, TableContext(0, 2023, "tw4", None))
    assert (record.level, record.code, record.name) == (
        None, None, "PROGRAM PERIZINAN DAN PENDAFTARAN PERUSAHAAN")
    assert [(m.measure, m.period, m.value, m.raw_text) for m in record.measurements] == [
        (Measure.REALISASI, Period.TW1, 0.0, "0,00%"),
        (Measure.REALISASI_ANGGARAN, Period.TW1, None, "-")]
