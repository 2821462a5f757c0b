"""pipeline.normalize.rencana_aksi against the truth files, and its helpers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.model import BBox, Cell, Level, Measure, Period, Source
from pipeline.normalize import rencana_aksi
from pipeline.normalize.rencana_aksi import group_of, is_percentage, target_measurements
from tests.normalize.indicator_truth import context, diff, reversed_columns, table_cases
from tests.truth_tables import raw_table_from_truth


@pytest.mark.parametrize("truth, table_index, merge", table_cases("rencana_aksi"))
def test_rencana_aksi_tables_match_truth(truth, table_index, merge):
    raw = raw_table_from_truth(truth["tables"][table_index], merge_continuations=merge)
    problems = diff(rencana_aksi.normalize, truth, table_index, raw)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("truth, table_index, merge", table_cases("rencana_aksi"))
def test_rencana_aksi_columns_in_another_order(truth, table_index, merge):
    raw = raw_table_from_truth(truth["tables"][table_index], merge_continuations=merge)
    problems = diff(rencana_aksi.normalize, truth, table_index, reversed_columns(raw))
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("label, group", [
    ("SASARAN STRATEGIS / URAIAN", 0),                      # seed 004
    ("PROGRAM / TARGET", 1),
    ("KEGIATAN/SUB.KEGIATAN / INDIKATOR KINERJA", 2),
    ("Sub Kegiatan / Satuan", 2),
    ("PENANGGUNG JAWAB", None),
])
def test_group_of(label, group):
    assert group_of(label) == group


def cell(text: str) -> Cell:
    return Cell(text, 7, BBox(1.0, 2.0, 3.0, 4.0))


@pytest.mark.parametrize("text, expected", [
    ("TW 1 = 95", [(Period.TW1, 95.0, "TW 1 = 95")]),       # seed 004
    ("TW I = 7,8", [(Period.TW1, 7.8, "TW I = 7,8")]),
    ("TW 3= 117", [(Period.TW3, 117.0, "TW 3= 117")]),
    ("TW 4 =", [(Period.TW4, None, "TW 4 =")]),
    ("TW1= -", [(Period.TW1, None, "TW1= -")]),
    ("TW 4 = 54.54", [(Period.TW4, 54.54, "TW 4 = 54.54")]),
    ("TW 1 = 3\nTW 2 = 3", [(Period.TW1, 3.0, "TW 1 = 3"), (Period.TW2, 3.0, "TW 2 = 3")]),
    ("12", [(Period.YEAR, 12.0, "12")]),                    # an annual target without a label
    ("TW 2 =\n7,8\nTW 3 = 7,8", [(Period.TW2, 7.8, "TW 2 =\n7,8"),  # a wrapped value (PDF)
                                  (Period.TW3, 7.8, "TW 3 = 7,8")]),
    ("TW 4\n=170", [(Period.TW4, 170.0, "TW 4\n=170")]),
    # Dishub Jabar Rencana Aksi 2016 (../shared/real): the unit wrapped below its number
    ("3\nKesepakatan", [(Period.YEAR, 3.0, "3 Kesepakatan")]),
    ("", []),
])
def test_target_measurements(text, expected):
    got = target_measurements(cell(text), 2024)
    assert [(m.period, m.value, m.raw_text) for m in got] == expected
    assert all((m.measure, m.year, m.page) == (Measure.TARGET, 2024, 7) for m in got)


@pytest.mark.parametrize("name, unit, expected", [
    ("Persentase harga barang kebutuhan pokok dan barang penting yang terkendali", "%", True),
    ("Prosentase UMKM menjadi wirausaha", None, True),
    ("% Ketersediaan barang pokok sepanjang tahun", None, True),
    ("Jumlah jurnal harga yang terintegrasi ke dalam sistem informasi perdagangan", "laporan",
     False),
    ("Jumlah wirausaha baru berskala mikro", "wub", False),
])
def test_is_percentage(name, unit, expected):
    assert is_percentage(name, unit) is expected


def test_kegiatan_and_sub_kegiatan_levels():
    truth, table_index, _ = table_cases("rencana_aksi")[0].values
    got = rencana_aksi.normalize(raw_table_from_truth(truth["tables"][table_index]),
                                 context(truth, table_index))
    levels = {r.name: r.level for r in got}
    # first entry of the program block (program "Stabilisasi Harga ...")
    assert levels["Pengendalian Harga, dan Stok Barang Kebutuhan Pokok dan Barang Penting di "
                  "Tingkat Pasar Kabupaten/ Kota"] is Level.KEGIATAN
    # a later entry with a percentage indicator
    assert levels["Pengawasan Pupuk dan Pestisida Bersubsidi di Tingkat Daerah Kabupaten /Kota"] \
        is Level.KEGIATAN
    # an output count
    assert levels["Penyediaan Gaji dan Tunjangan ASN"] is Level.SUB_KEGIATAN


def _ocr(text: str, confidence: float = 80.0) -> Cell:
    return Cell(text, 3, BBox(0, 0, 10, 10), Source.OCR, confidence)


def test_ocr_quarter_labels_garbled_but_numbered_are_read() -> None:
    # the 300-dpi scan of seed 004, page 3: "TW1 = -" read "TW1--", "TW 1 =" read "W1="
    assert [(m.period, m.value) for m in target_measurements(_ocr("TW1--"), 2024)] == [
        (Period.TW1, None)]
    assert [(m.period, m.value) for m in target_measurements(_ocr("W1=\n29,29"), 2024)] == [
        (Period.TW1, 29.29)]
    # the same text in a text layer is no quarter label
    assert [m.period for m in target_measurements(Cell("W1=\n29,29", 3, None), 2024)] == [
        Period.YEAR]


@pytest.mark.parametrize(("text", "period", "value"), [
    # the 300-dpi and 200-dpi scans of seed 004: "TW I = 7,8", "TW 3 = -", "TW 1 = -"
    ("TWI-7,8", Period.TW1, 7.8),
    ("T3=-", Period.TW3, None),
    ("TW1z-", Period.TW1, None),
    # the 200-dpi scan and the .tif: specks after the numeral, a point before it
    ("TW1I-1", Period.TW1, 1.0),
    ("TWI1--", Period.TW1, None),
    ("TW1...-", Period.TW1, None),
    ("TW.2 -\n78,41", Period.TW2, 78.41),
])
def test_ocr_quarter_labels_garbled_further_are_read(text: str, period: Period,
                                                     value: float | None) -> None:
    assert [(m.period, m.value) for m in target_measurements(_ocr(text), 2024)] == [
        (period, value)]


def test_an_ocr_quarter_numeral_read_as_a_letter_takes_its_place_in_the_series() -> None:
    # the 300-dpi scan of seed 004, page 1: "TW 1 = 44" read "TW p= 44" at confidence 0
    numbers = [m for text in ("TW p= 44", "TW2=50", "TW3=60")
               for m in target_measurements(_ocr(text), 2024)]
    assert [(m.period, m.value) for m in rencana_aksi.with_inferred_quarters(numbers)] == [
        (Period.TW1, 44.0), (Period.TW2, 50.0), (Period.TW3, 60.0)]


@pytest.mark.parametrize(("text", "value"), [
    # the 300-dpi scan of seed 004: "TW 2 = 78,41" and "TW 1 = 100" read with "=" as "=-"
    ("TW2=-\n78,41", 78.41),
    ("TW1=-\n100", 100.0),
    ("TW2 = -\n65", 65.0),
])
def test_ocr_equals_read_as_equals_dash_above_the_number_is_no_minus(text: str,
                                                                      value: float) -> None:
    assert [m.value for m in target_measurements(_ocr(text), 2024)] == [value]
    # a minus printed against its number stays; so does a text layer's line
    assert [m.value for m in target_measurements(_ocr("TW2 =\n-5"), 2024)] == [-5.0]
    assert [m.value for m in target_measurements(Cell(text, 3, None), 2024)] == [-value]


def test_an_ocr_quarter_label_without_its_numeral_takes_its_place_in_the_series() -> None:
    # "Persentase Koperasi aktif": "W=" over 77,72, then TW2 ... TW4, one cell per row
    rows = ["W=\n77,72", "TW2=\n78,41", "TW3=\n78,82", "TW4\n=79,12"]
    numbers = [m for text in rows for m in target_measurements(_ocr(text), 2024)]
    got = rencana_aksi.with_inferred_quarters(numbers)
    assert [(m.period, m.value, m.raw_text) for m in got] == [
        (Period.TW1, 77.72, "W=\n77,72"), (Period.TW2, 78.41, "TW2=\n78,41"),
        (Period.TW3, 78.82, "TW3=\n78,82"), (Period.TW4, 79.12, "TW4\n=79,12")]
    # told by its place, not read: flagged for a look (below the validators' 60%)
    assert got[0].confidence == rencana_aksi.INFERRED_QUARTER_CONFIDENCE
    assert got[1].confidence == 80.0


def test_each_ocr_quarter_line_has_its_own_words_confidence() -> None:
    # the 200-dpi Rencana Aksi scan: a cell's weakest word (the garbled TW 3 line) flagged all
    # four of its quarters; each line now carries its own words' confidence
    words = (("TW1=", 91.0), ("95", 88.0), ("TW2=", 90.0), ("96", 93.0), ("TW", 12.0),
             ("32.", 0.0), ("TW4=", 89.0), ("100", 95.0))
    cell = Cell("TW1= 95\nTW2= 96\nTW 32.\nTW4= 100", 3, BBox(0, 0, 10, 10), Source.OCR, 0.0,
                words)
    got = target_measurements(cell, 2024)
    assert [(m.raw_text, m.confidence) for m in got] == [
        ("TW1= 95", 88.0), ("TW2= 96", 90.0), ("TW 32.", 0.0), ("TW4= 100", 89.0)]
    # a line whose words are not the cell's (read again whole) keeps the cell's confidence
    assert replace(cell, words=()).confidence_of("TW1= 95") == 0.0
    assert cell.confidence_of("TW1= 97") == 0.0


def test_an_ocr_label_with_its_own_number_is_no_value_of_the_label_above() -> None:
    # the 200-dpi scan: "TW 1 = -" lost its dash, and the next line "TWw2=2" was joined to it
    got = target_measurements(_ocr("TW1=\nTWw2=2\nTW 3 = 2"), 2024)
    assert [(m.period, m.value) for m in got] == [
        (Period.TW1, None), (Period.TW2, 2.0), (Period.TW3, 2.0)]


@pytest.mark.parametrize(("texts", "expected"), [
    # the 200-dpi scan: "TW 1 = 95" read "TW .=95"; the .tif: "TW 2 = 5" read "Tw? =5"
    (("TW .=95", "TW 2=95", "TW 3=95"),
     [(Period.TW1, 95.0), (Period.TW2, 95.0), (Period.TW3, 95.0)]),
    (("IW1=5", "Tw? =5", "TW3=5"), [(Period.TW1, 5.0), (Period.TW2, 5.0), (Period.TW3, 5.0)]),
])
def test_an_ocr_label_whose_numeral_is_a_mark_takes_its_place_in_the_series(
        texts: tuple[str, ...], expected: list[tuple[Period, float]]) -> None:
    numbers = [m for text in texts for m in target_measurements(_ocr(text), 2024)]
    got = rencana_aksi.with_inferred_quarters(numbers)
    assert [(m.period, m.value) for m in got] == expected


def test_a_bare_quarter_label_is_that_quarter_left_empty() -> None:
    # the Rencana Aksi .tif (300 dpi): "TW 2 = -" and "TW 4 = -" lost their small "= -"
    got = target_measurements(_ocr("TW1=-\nTW2\nTW3=1\nTW 4"), 2024)
    assert [(m.period, m.value) for m in got] == [
        (Period.TW1, None), (Period.TW2, None), (Period.TW3, 1.0), (Period.TW4, None)]
    # a label whose value wrapped below is not bare
    assert [(m.period, m.value) for m in target_measurements(_ocr("TW 4\n=170"), 2024)] == [
        (Period.TW4, 170.0)]


@pytest.mark.parametrize(("rows", "value"), [
    # the 300-dpi scan of seed 004: the "=" of a label lost or read as one more character
    (["TW1=\n100", "TW2=\n100", "TW 35\n100", "TW4=\n100"], 100.0),  # page 7
    (["TW1=\n12,5", "TW2=\n12,5", "TW 32\n12,5", "TW 4\n=12,5"], 12.5),  # page 5
    (["TW1=\n100", "TW2\n=100", "TW I\n100", "TW =\n100"], 100.0),  # page 8: TW III
    (["TW 1= 28", "TW2=28", "TW 3= 28", "TW 4 28"], 28.0),  # page 7
])
def test_an_ocr_label_that_lost_its_equals_takes_its_place_in_the_series(
        rows: list[str], value: float) -> None:
    numbers = [m for text in rows for m in target_measurements(_ocr(text), 2024)]
    got = rencana_aksi.with_inferred_quarters(numbers)
    assert [m.period for m in got] == [Period.TW1, Period.TW2, Period.TW3, Period.TW4]
    slipped = next(m for m in got if m.raw_text in rows and m.raw_text.startswith(
        ("TW 35", "TW 32", "TW I", "TW 4 28")))
    assert (slipped.value, slipped.confidence) == (value,
                                                   rencana_aksi.INFERRED_QUARTER_CONFIDENCE)
    # a text layer's "TW 35" stays a line of its own, not a quarter
    assert len(target_measurements(Cell("TW 35\n100", 3, None), 2024)) == 2


@pytest.mark.parametrize(("text", "value"), [
    # the 300-dpi scan of seed 004: a number among marks of specks and ruling stubs
    ("TW2=/78", 78.0), ("TW2=70 -»n", 70.0), ("TW2=65 —", 65.0), ("TW2=\n100°", 100.0),
])
def test_an_ocr_quarter_number_among_junk_marks_is_read_flagged(text: str, value: float) -> None:
    [m] = target_measurements(_ocr(text), 2024)
    assert (m.period, m.value, m.raw_text) == (Period.TW2, value, text)
    assert m.confidence == rencana_aksi.INFERRED_QUARTER_CONFIDENCE


@pytest.mark.parametrize("text", [
    "TW2=- 2...",  # "TW 2 = -": the dash may be the empty marker
    "TW3= 3=20",  # two numbers
    "TW2=70 orang",  # a unit word
])
def test_an_ocr_quarter_value_with_a_dash_two_numbers_or_a_word_is_not_junk(text: str) -> None:
    [m] = target_measurements(_ocr(text), 2024)
    assert m.confidence == 80.0


def test_two_ocr_quarter_lines_in_one_cell_stay_two() -> None:
    # the Rencana Aksi .tif, page 8: the rule between the TW 2 and TW 3 rows was lost, and the
    # TW 3 label read "TW 32"; "TW2=" has its number once "12.5" is joined to it
    numbers = [m for text in ("TW1=\n12,5", "TW2=\n12,5\nTW 32\n12,5", "TW 4\n=12,5")
               for m in target_measurements(_ocr(text), 2024)]
    got = rencana_aksi.with_inferred_quarters(numbers)
    assert [(m.period, m.value) for m in got] == [
        (Period.TW1, 12.5), (Period.TW2, 12.5), (Period.TW3, 12.5), (Period.TW4, 12.5)]
    # a label whose number wraps over two lines still waits for it
    assert [(m.period, m.value) for m in target_measurements(_ocr("TW 2\n=\n7,8"), 2024)] == [
        (Period.TW2, 7.8)]


def test_an_ocr_row_of_specks_starts_no_indicator() -> None:
    # the 200-dpi scan: a row whose Uraian read `1` and Indikator `:` over a stray `4`
    truth, table_index, _ = table_cases("rencana_aksi")[0].values
    raw = raw_table_from_truth(truth["tables"][table_index])
    width = len(raw.columns)
    speck_row = tuple(_ocr({0: "1", 1: ":", 3: "4"}.get(j, "")) for j in range(width))
    scanned = replace(raw, rows=(*(tuple(c and replace(c, source=Source.OCR) for c in row)
                                   for row in raw.rows), speck_row))
    names = [(r.name, r.indicator_name)
             for r in rencana_aksi.normalize(scanned, context(truth, table_index))]
    expected = [(r.name, r.indicator_name)
                for r in rencana_aksi.normalize(raw, context(truth, table_index))]
    assert names == expected
