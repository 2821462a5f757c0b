"""Headers told from bodies on tables without bold type (OCR pages), with cell texts of the
Gresik IKI and Monev E.81 scans."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.extract.grid import PageTable
from pipeline.extract.stitch import capitals_only, split_header, stitch
from pipeline.model import BBox, Cell, Source


def table(*rows: tuple[str, ...], page: int = 1, shift: float = 0.0) -> PageTable:
    width = len(rows[0])
    cells = tuple(tuple(Cell(text, page, BBox(shift + 100.0 * j, 20.0 * r,
                                              shift + 100.0 * (j + 1), 20.0 * (r + 1)))
                        for j, text in enumerate(row)) for r, row in enumerate(rows))
    return PageTable(page=page, bbox=BBox(shift, 0, shift + 100.0 * width, 20.0 * len(rows)),
                     col_edges=tuple(shift + 100.0 * j for j in range(width + 1)), rows=cells,
                     row_bold=(False,) * len(rows), method="lines")


@pytest.mark.parametrize(("row", "expected"), [
    (("SASARAN | KINERJA UTAMA", "INDIKATOR KINERJA UTAMA", "SUMBER DATA"), True),
    (("KINERJA", "INDIKATOR", "FORMULASI PERHITUNGAN"), True),
    (("Mewujudkan Kemandirian Ekonomi daerah", "- Jumlah IKM yang difasilitasi"), False),
    (("No.", "Tujuan", "Indikator Kinerja Utama"), False),
    (("1", "2", "3"), False),  # no letters to judge by
])
def test_capitals_only(row: tuple[str, ...], expected: bool) -> None:
    assert capitals_only(tuple(Cell(t, 1, None) for t in row)) is expected


def test_a_capitals_header_ends_where_sentences_begin() -> None:
    # Gresik IKI, Kepala Bidang Perindustrian: the body rows carry no row number
    part = split_header(table(
        ("SASARAN / KINERJA UTAMA", "INDIKATOR KINERJA UTAMA", "SUMBER DATA"),
        ("Mewujudkan Kemandirian Ekonomi daerah", "- Jumlah IKM yang difasilitasi",
         "Bidang Perindustrian"),
        ("", "- Jumlah IKM yang dibina", "Bidang Perindustrian")))
    assert part.header == 1


def test_a_mixed_case_header_ends_at_the_numbering_row() -> None:
    part = split_header(table(
        ("No", "Indikator Kinerja", "Target Renstra"),
        ("", "", "K"),
        ("1", "4", "5"),
        ("1", "Persentase Temuan yang Ditindaklanjuti", "98,00")))
    assert (part.header, part.numbering, part.body_start) == (2, 2, 3)


def test_a_mixed_case_header_ends_at_the_first_numbered_row() -> None:
    part = split_header(table(
        ("No.", "Tujuan", "Indikator Kinerja Utama"),
        ("1", "Meningkatnya Kontribusi Sektor", "Pertumbuhan Sektor Industri")))
    assert part.header == 1


def test_a_numbering_row_below_garbled_header_rows_closes_the_header() -> None:
    # Monev E.81 page 11 at 300 dpi: the K / Rp row read as `F.`, `ie`, `2`, `fe`, `2`
    part = split_header(table(
        ("No", "Kode Rekening", "Target Renstra", "Target Renstra", "Realisasi", "Realisasi"),
        ("", "", "F.", "ie", "2", "fe"),
        ("", "", "K", "Rp", "2", "Rp"),
        ("1", "2", "3", "", "4", ""),
        ("1", "", "0,10", "2.748.941.497", "0,00", "")))
    assert (part.header, part.numbering, part.body_start) == (3, 3, 4)


def test_a_body_row_of_small_numbers_is_no_numbering_row() -> None:
    part = split_header(table(
        ("No", "Indikator", "TW I", "TW II", "TW III"),
        ("1", "Jumlah pasar", "1", "2", "3"),
        ("2", "Jumlah stand", "4", "5", "6")))
    assert (part.header, part.numbering) == (1, None)



@pytest.mark.parametrize(("shift", "tables"), [(3.2, 1), (-3.4, 1), (40.0, 2)])
def test_a_scanned_page_shifted_on_the_glass_still_continues_the_table(shift: float,
                                                                       tables: int) -> None:
    # Monev E.81 pages 10 and 11 at 300 dpi: every edge of page 11 lies 3.1-3.4 pt off, and
    # OCR read the repeated header differently
    first = table(("No", "Indikator", "Target"), ("1", "Nilai SAKIP PD", "76,00"))
    second = table(("N0", "lndikator", "Target"), ("2", "Persentase Temuan", "98,00"),
                   page=2, shift=shift)
    assert len(stitch([first, second], {})) == tables


def test_an_ocr_numbering_row_with_one_garbled_numeral_closes_the_header() -> None:
    # the 200-dpi Rencana Aksi scan: "Satuan" in mixed case ends the capitals, "7" read "(re"
    rows = (("SASARAN STRATEGIS",) * 4 + ("PROGRAM",) * 4 + ("PENANGGUNG JAWAB",),
            ("URAIAN", "INDIKATOR KINERJA", "Satuan", "TARGET", "URAIAN", "INDIKATOR KINERJA",
             "SATUAN", "TARGET", ""),
            ("1", "2", "", "3", "4", "5", "6", "(re", "8"),
            ("Meningkatnya kelancaran distribusi", "% Ketersediaan barang pokok", "%",
             "TW 1=95", "Stabilisasi Harga", "Persentase stabilitasi", "%", "TW 1=7,8",
             "Kepala Bidang Perdagangan"))
    scanned = table(*rows)
    scanned = PageTable(page=1, bbox=scanned.bbox, col_edges=scanned.col_edges,
                        rows=tuple(tuple(replace(c, source=Source.OCR) for c in row)
                                   for row in scanned.rows),
                        row_bold=scanned.row_bold, method="ocr-lines")
    assert (split_header(scanned).header, split_header(scanned).numbering) == (2, 2)
    # the same row in a text layer is no numbering row: a digital "(re" is text
    assert split_header(table(*rows)).numbering is None


def test_a_continued_table_keeps_the_rows_its_repeated_header_does_not_cover() -> None:
    # the 300-dpi Monev Kertas Kerja, pages 5 and 6: the first indicator overleaf has a speck
    # ("!") for its No. and one number cell, so the page-6 header was guessed four rows long
    header = (("No.", "Nama Tujuan/ Sasaran/ Program/ Kegiatan", "Data Masukan", "Data Masukan",
               "Hasil Perhitungan"),
              ("", "", "Variabel", "Nilai", ""))
    page5 = table(*header, ("", "Pengendalian Fasilitas Penyimpanan", "pedagang/produsen", "86",
                            "86"))
    page6 = table(("No.", "Nama Tujuan/ Sasaran!\nProgram/ Kegiatan", "Data Masukan",
                   "Data Masukan", "Hasil\nPerhitungan"),
                  ("", "", "Variabel", "Nilai", ""),
                  ("!", "Pengendalian Harga, dan Stok", "Bahan Pokok bulan April = 15",
                   "15/69*100%=22", "22"),
                  ("", "", "Bahan Pokok bulan Mei = 16", "16/69*100%=23", ""),
                  ("", "Pemantauan Harga dan Stok", "laporan pemantauan", "3", "3"), page=2)
    assert split_header(page6).header == 4  # the guess alone
    (raw,) = stitch([page5, page6], {})
    assert [row[1].text for row in raw.rows] == [
        "Pengendalian Fasilitas Penyimpanan", "Pengendalian Harga, dan Stok", "",
        "Pemantauan Harga dan Stok"]


def test_a_continued_table_drops_its_repeated_header_guessed_shorter() -> None:
    # the 200-dpi Rencana Aksi, pages 3 and 4: overleaf, OCR put a speck after the `5` of the
    # column numbers and read `Satuan` in lower case, so only the group row was guessed header
    header = (("SASARAN STRATEGIS", "SASARAN STRATEGIS", "PROGRAM", "PROGRAM"),
              ("URAIAN", "INDIKATOR KINERJA", "URAIAN", "INDIKATOR KINERJA"),
              ("1", "2", "4", "5"))
    page3 = table(*header, ("Meningkatnya Pemberdayaan Koperasi", "Persentase koperasi aktif",
                            "Pengawasan Koperasi", "Persentase koperasi yang berkualitas"))
    page4 = table(("SASARAN STRATEGIS", "SASARAN STRATEGIS", "PROGRAM", "PROGRAM"),
                  ("URAIAN", "INDIKATOR : KINERJA", "URAIAN", "INDIKATOR KINERJA"),
                  ("1", "2", "4", "5:"),
                  ("", "", "Pendidikan Perkoperasian", "Persentase koperasi yang meningkat"),
                  page=2)
    page4 = replace(page4, rows=tuple(tuple(replace(c, source=Source.OCR) for c in row)
                                      for row in page4.rows))
    (raw,) = stitch([page3, page4], {})
    assert [row[2].text for row in raw.rows] == ["Pengawasan Koperasi", "Pendidikan Perkoperasian"]
