"""Normalizer rules for what the real archive (../shared/real/) holds, with cell texts, headers
and labels as extracted from those files (the file is named in each case)."""

from __future__ import annotations

import pytest

from pipeline.model import Cell, Level, PageText, RawTable, TableType
from pipeline.normalize.classify import classify_table
from pipeline.normalize.codes import parse_code
from pipeline.normalize.e81_columns import map_e81_columns
from pipeline.normalize.indicator_columns import (labels_over_cells, map_table_columns,
                                                  without_spanning_row)
from pipeline.normalize.indicator_table import spanning_heading
from pipeline.normalize.meta import is_lkjip, main_type
from pipeline.normalize.numbers import NumberFormat, column_formats, detect_format, parse_number

ID = NumberFormat.INDONESIAN
EN = NumberFormat.ENGLISH


# --------------------------------------------------------------------------------------------
# Number format per column (NUM-02) and cells with units, marks and words
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        # Disperindag Jabar LKIP 2016 Tabel 3.2, Target 2016 column
        (["185.80", "202,955", "15", "3,000", "9,000", "3", "2.5"], EN),
        # the same table's Realisasi column: footnote mark and accounting negative
        (["168.49", "203,440*", "1,309", "(3.14)", "1.89"], EN),
        # Diskanlaut Jabar lampiran, Realisasi 2015: English money with a unit word
        (["1,077,633.93 ton", "284,125.60 ton", "14,744,969,270 ekor"], EN),
        # one-group thousands alone decide nothing: Inspektorat Jabar PK target "3,000 poin"
        # is an EPPD score (3 on a 0-4 scale), its IKU "2,750"
        (["3,000 poin", "10%", "60%", "WTP", "73 orang", "III"], ID),
    ],
)
def test_detect_format_real_columns(cells: list[str], expected: NumberFormat) -> None:
    assert detect_format(cells) is expected


def test_a_column_without_evidence_takes_its_tables_format() -> None:
    # Inspektorat Jabar Lampiran 1b: "2,750" (2014 target) beside "35,90%" (2014 realisasi)
    assert column_formats([["2,750", "10%"], ["2,750", "35,90%"], ["3,000", "22,30%"]]) == [
        ID, ID, ID]
    # Disperindag Tabel 3.2: "202,955" decided by "185.80" in its own column, "3" by the table
    assert column_formats([["185.80", "202,955"], ["3", "125"]]) == [EN, EN]


def test_detect_format_default_only_without_evidence() -> None:
    assert detect_format(["202,955"], default=EN) is EN
    assert detect_format(["36,79%"], default=EN) is ID


@pytest.mark.parametrize(
    ("text", "fmt", "value", "unit"),
    [
        ("203,440*", EN, 203440.0, None),  # Disperindag Tabel 3.2, footnote "* angka sementara"
        ("(3.14)", EN, -3.14, None),
        ("(104.66)", EN, -104.66, None),
        ("1,077,633.93 ton", EN, 1077633.93, "ton"),  # Diskanlaut lampiran
        ("14,744,969,270 ekor", EN, 14744969270.0, "ekor"),
        ("73 orang", ID, 73.0, "orang"),  # Inspektorat PK
        ("3,000 poin (tahun 2017)", EN, 3000.0, "poin (tahun 2017)"),  # Inspektorat RA
        ("992.770 *", ID, 992770.0, None),  # Disnak LKIP Tabel 6, mark after a space
    ],
)
def test_real_number_cells(text: str, fmt: NumberFormat, value: float, unit: str | None) -> None:
    parsed = parse_number(text, fmt)
    assert (parsed.value, parsed.unit_text, parsed.error) == (value, unit, None)


@pytest.mark.parametrize("text", ["WTP", "A", "III", "< inflasi nasional"])
def test_non_numeric_targets_have_no_value(text: str) -> None:
    assert parse_number(text).value is None


# --------------------------------------------------------------------------------------------
# Kode rekening of the older forms
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 01 01 01", "1 01 01 01"),  # BPMPD Renja 2015 (Permendagri 54/2010 form)
        ("1  03 16", "1 03 16"),  # Bina Marga Tabel II-1
        ("1 2 5", None),  # a column-number row with a gap, not a code
        ("2 5", None),
        ("1 01", None),
    ],
)
def test_space_separated_codes(text: str, expected: str | None) -> None:
    code = parse_code(text)
    assert (code.text if code else None) == expected
    if code is not None:
        assert (code.level, code.parent, code.canonical) == (None, None, False)


def test_dotted_codes_unchanged() -> None:
    code = parse_code("3.30.01.2.01.0001")
    assert code is not None and (code.level, code.parent) == (Level.SUB_KEGIATAN, "3.30.01.2.01")


# --------------------------------------------------------------------------------------------
# Classification and document type
# --------------------------------------------------------------------------------------------


def table(columns: tuple[str, ...], title: str = "",
          rows: tuple[tuple[Cell | None, ...], ...] = ()) -> RawTable:
    return RawTable(columns=columns, header_rows=(columns,), rows=rows, page=1, title=title,
                    method="lines")


@pytest.mark.parametrize(
    ("columns", "title", "expected"),
    [
        # Disnak Jabar LKIP 2016 p.19
        (("No", "Misi/Sasaran Stratejik", "Indikator Kinerja", "Satuan", "Target", "Realisasi",
          "%", "Capaian"),
         "Tabel 6. Pengukuran Capaian Misi, Sasaran Stratejik, dan Indikator Kinerja Tahun 2016.",
         TableType.IKU),
        # Disperindag Jabar LKIP 2016 p.34 (Tabel 3.2)
        (("No", "Indikator Kinerja", "Sat", "Tahun 2016 / Target", "Tahun 2016 / Realisasi",
          "Capaian Kinerja (%)", "Kategori", "Sumber / data"),
         "Tabel 3.2.\nPerbandingan Target dan Realisasi Indikator Kinerja Tahun 2015",
         TableType.IKU),
        # Tangerang Selatan 2023 E.81 extract, printed without a title
        (("Urusan/Bidang Urusan/Program/Kegiatan / 2",
          "Indikator Kinerja Program (Outcome)/Indikator Kinerja Kegiatan (Output) / 3",
          "Realisasi Kinerja Pada Triwulan I - IV Tahun 2023 / I / 7 / K",
          "Realisasi Kinerja Pada Triwulan I - IV Tahun 2023 / I / 7 / Rp",
          "Perangkat Daerah Penanggung Jawab / 14"), "", TableType.E81),
        # Inspektorat Jabar Lampiran 2
        (("No", "Sasaran Strategis", "Indikator Kinerja", "Target"),
         "LKIP T A H U N 2 0 1 6\nLampiran 2\nPerjanjian Kinerja Tahun 2016",
         TableType.PERJANJIAN_KINERJA),
    ],
)
def test_classify_real_tables(columns: tuple[str, ...], title: str, expected: TableType) -> None:
    assert classify_table(table(columns, title)) is expected


PROSE = "Pembangunan di Provinsi Jawa Barat dari tahun ketahun dilaksanakan untuk " * 20


def test_whole_lkjip_report() -> None:
    cover = PageText(1, "LAPORAN KINERJA\nINSTANSI PEMERINTAH\n(LKIP)\nTAHUN 2016")
    chapters = [PageText(n, PROSE, PROSE) for n in range(2, 24)]
    assert is_lkjip([cover, *chapters])
    assert main_type([], [TableType.IKU], [cover, *chapters]) is TableType.LKJIP


def test_short_lampiran_is_no_lkjip() -> None:
    # the LKIP lampiran of Diskanlaut Jabar: its title names the LKIP, its 8 pages are tables
    pages = [PageText(n, "Lampiran III\nLKIP Dinas Perikanan dan Kelautan", "Lampiran III")
             for n in range(1, 9)]
    assert not is_lkjip(pages)
    # prose without the title (a regulation) is no LKjIP either
    assert not is_lkjip([PageText(n, PROSE, PROSE) for n in range(1, 30)])


# --------------------------------------------------------------------------------------------
# Header labels of LKjIP capaian tables and E.81 extracts
# --------------------------------------------------------------------------------------------

MISI = "Misi Pertama : Meningkatkan daya saing industri Jawa Barat"


def test_spanning_body_row_is_dropped_from_labels() -> None:
    # Disperindag Tabel 3.2: the first body row ("Misi Pertama ...") was read into the header
    labels = (f"No / {MISI}", f"Indikator Kinerja / {MISI}", f"Sat / {MISI}",
              f"Tahun 2016 / Target / {MISI}", MISI, "", "Sumber / data")
    assert without_spanning_row(labels) == (
        "No", "Indikator Kinerja", "Sat", "Tahun 2016 / Target", "", "", "Sumber / data")
    # a group header over two columns is not a spanning row
    assert without_spanning_row(("No", "Realisasi / 2015", "Realisasi / 2016")) == (
        "No", "Realisasi / 2015", "Realisasi / 2016")


def cell(text: str) -> Cell:
    return Cell(text, 34, None)


def test_label_over_covered_slots_moves_to_the_cells() -> None:
    # "Capaian Kinerja (%)" centred over three grid columns; the body cell starts at the first
    rows = ((cell("1"), cell("185.80"), cell("90.68"), None, None),
            (cell("2"), cell("202,955"), cell("100.23"), None, None))
    labels = ("No", "Target", "", "Capaian Kinerja (%)", "")
    assert labels_over_cells(table(labels, rows=rows), labels) == (
        "No", "Target", "Capaian Kinerja (%)", "", "")


def test_capaian_table_columns_read_english_numbers() -> None:
    rows = ((cell("2"), cell("Peningkatan Jumlah unit usaha IKM"), cell("Unit\nusaha"),
             cell("202,955"), cell("203,440*"), cell("100.23")),
            (cell("1"), cell("Pertumbuhan Industri"), cell("Triliun\nRupiah"), cell("185.80"),
             cell("168.49"), cell("90.68")))
    columns = ("No", "Indikator Kinerja", "Sat", "Tahun 2016 / Target",
               "Tahun 2016 / Realisasi", "Capaian Kinerja (%)")
    cols = map_table_columns(table(columns, rows=rows), 2016)
    assert cols.text["unit"] == 2
    assert [(m.index, m.measure.value, m.year, m.fmt) for m in cols.measures] == [
        (3, "target", 2016, EN), (4, "realisasi", 2016, EN), (5, "capaian", 2016, EN)]


def test_sasaran_heading_row() -> None:
    heading = (cell("Sasaran ke-2 : Meningkatnya pemanfaatan teknologi"), None, None, None,
               cell(""))
    assert spanning_heading(heading) == "Sasaran ke-2 : Meningkatnya pemanfaatan teknologi"
    assert spanning_heading((cell("1"), cell("Pertumbuhan Industri"), None, None, None)) is None


TANGSEL = "Realisasi Kinerja Pada Triwulan I - IV Tahun 2023"


def test_quarter_centred_over_four_grid_columns() -> None:
    # Tangerang Selatan 2023: "I" labels only the middle two of the K/Rp pair's grid columns
    columns = ("Urusan/Bidang Urusan/Program/Kegiatan / 2",
               "Indikator Kinerja Program (Outcome)/Indikator Kinerja Kegiatan (Output) / 3",
               f"{TANGSEL} / 7 / K", f"{TANGSEL} / I / 7 / K", f"{TANGSEL} / I / 7 / Rp",
               f"{TANGSEL} / 7 / Rp", f"{TANGSEL} / 8 / K", f"{TANGSEL} / II / 8 / K",
               "Perangkat Daerah Penanggung Jawab / 14")
    cols = map_e81_columns(columns, None)
    assert [(c.index, c.kind.value, c.period.value, c.year) for c in cols.numbers] == [
        (2, "k", "tw1", 2023), (3, "k", "tw1", 2023), (4, "rp", "tw1", 2023),
        (5, "rp", "tw1", 2023), (6, "k", "tw2", 2023), (7, "k", "tw2", 2023)]


def test_code_spread_over_four_columns() -> None:
    columns = ("Kode / 1", "Kode / 1", "Kode / 1", "Kode / 1",
               "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan / 2")
    assert map_e81_columns(columns, 2014).code_span == (1, 2, 3)


def test_column_numbers_left_in_labels() -> None:
    # Bina Marga Jabar Tabel II-1 (Permendagri 54/2010): the number row "4 ... 8=(7/6) ... 12"
    # came into the labels
    columns = ("Kode / 1", "URUSAN/BIDANG URUSAN PEMERINTAHAN DAERAH DAN PROGRAM/KEGIATAN / 2",
               "INDIKATOR KINERJA PROGRAM (OUTCOMES) DAN KEGIATAN (OUTPUT) / 3",
               "TARGET KINERJA CAPAIAN PROGRAM (RENSTRA OPD) TAHUN 2013 - 2018 / 4",
               "TARGET DAN REALISASI KINERJA PROGRAM DAN KEGIATAN TAHUN 2013 / TINGKAT "
               "REALISASI (%) / 8=(7/6)",
               "TARGET PROGRAM DAN KEGIATAN (RENJA OPD TAHUN 2014) / 9",
               "PERKIRAAN REALISASI CAPAIAN TARGET RENSTRA OPD TAHUN 2014 / TINGKAT CAPAIAN "
               "REALISASI TARGET RENSTRA (%) / 11=(10/4)")
    cols = map_e81_columns(columns, 2014)
    assert [(c.index, c.kinerja.value, c.period.value, c.year) for c in cols.numbers] == [
        (3, "target", "renstra_end", 2018), (4, "capaian", "year", 2013),
        (5, "target", "year", 2014), (6, "capaian", "renstra_to_date", 2014)]


def test_54_2010_years_named_relative_to_the_renja_year() -> None:
    # Tabel 2.1 Renja 2016 BKPP Wilayah I (running year 2015): "(n-2)" and "n-1" instead of
    # years, so the Renja target of 2014 (col 6) and of 2015 (col 9) stay apart
    labels = ("Kode", "Urusan/Bidang Urusan Pemerintahan Daerah dan Program/Kegiatan",
              "Indikator Kinerja Program (Outcomes)/Kegiatan (Output)",
              "Target Kinerja Capaian Program (Renstra OPD) Tahun 2013- 2018",
              "Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s/d tahun (n-1)",
              "Target dan Realisasi Kinerja Program dan Kegiatan Tahun lalu (n-2) / Target Renja "
              "OPD tahun (n- 2)",
              "Target dan Realisasi Kinerja Program dan Kegiatan Tahun lalu (n-2) / Realisasi "
              "Renja OPD tahun (n-2)",
              "Target dan Realisasi Kinerja Program dan Kegiatan Tahun lalu (n-2) / Tingkat "
              "Realisasi (%)",
              "Target Program dan kegiatan (Renja OPD tahun n-1)",
              "Perkiraan Realisasi Capaian Target Renstra OPD s/d tahun berjalan / Realisasi "
              "Capaian Program dan kegiatan s/d tahun berjalan (tahun n-1)",
              "Catatan")
    numbers = map_e81_columns(labels, 2015).numbers
    assert [(n.index, n.kinerja.value, n.period.value, n.year) for n in numbers] == [
        (3, "target", "renstra_end", 2018), (4, "realisasi", "renstra_to_prev", 2015),
        (5, "target", "year", 2014), (6, "realisasi", "year", 2014), (7, "capaian", "year", 2014),
        (8, "target", "year", 2015), (9, "realisasi", "renstra_to_date", 2015)]
