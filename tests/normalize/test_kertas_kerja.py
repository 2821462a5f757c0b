"""Tests for pipeline.normalize.kertas_kerja against the truth (indicators AND calculations)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import pytest

from pipeline.model import BBox, Cell, IndicatorRecord, Level, RawTable, Source
from pipeline.normalize.context import TableContext
from pipeline.normalize.kertas_kerja import (
    KertasKerjaColumnsError,
    expression_value,
    normalize,
    parse_inputs,
)
from tests.compare import diff_indicators, truth_indicators
from tests.truth_tables import TRUTH_DIR, load_truth, raw_table_from_truth

CALCULATION_FIELDS = ("inputs_text", "inputs", "expression_text", "expression_value",
                      "result_text", "result_value")


def kertas_kerja_tables() -> list[tuple[str, str]]:
    """(truth file, table id) of every Kertas Kerja table in the truth files."""
    return [(path.stem, table["id"])
            for path in sorted(TRUTH_DIR.glob("*.json"))
            for table in load_truth(path.stem).get("tables", [])
            if table["table_type"] == "kertas_kerja"]


CASES = [pytest.param(name, table_id, merge,
                      id=f"{name}-{table_id}-{'folded' if merge else 'rows'}")
         for name, table_id in kertas_kerja_tables() for merge in (False, True)]


def context_of(truth: dict) -> TableContext:
    doc = truth["document"]
    return TableContext(table_index=0, fiscal_year=doc["fiscal_year"], period=doc["period"],
                        organization=doc["organization"])


def read_truth_table(name: str, table_id: str, merge: bool) -> tuple[dict, RawTable]:
    truth = load_truth(name)
    table = next(t for t in truth["tables"] if t["id"] == table_id)
    return truth, raw_table_from_truth(table, merge_continuations=merge)


def same(got: object, want: object) -> bool:
    if isinstance(got, float) and isinstance(want, (int, float)):
        return round(got, 6) == round(float(want), 6)
    if isinstance(got, dict) and isinstance(want, dict):
        return got.keys() == want.keys() and all(same(got[k], want[k]) for k in got)
    return got == want


def diff_calculations(got: Sequence[IndicatorRecord], want: Sequence[dict],
                      calculations: Sequence[dict]) -> list[str]:
    """Field-by-field differences of the calculations, indicators paired in table order."""
    by_key = {c["indicator"]: c for c in calculations}
    problems: list[str] = []
    for record, indicator in zip(got, want, strict=False):  # counts: diff_indicators
        expected, calc = by_key.get(indicator["key"]), record.calculation
        if expected is None or calc is None:
            if (expected is None) != (calc is None):
                problems.append(f"{indicator['key']}: calculation got {calc}, truth {expected}")
            continue
        for field in CALCULATION_FIELDS:
            if not same(getattr(calc, field), expected[field]):
                problems.append(f"{indicator['key']} {field}: got {getattr(calc, field)!r}, "
                                f"truth {expected[field]!r}")
    return problems


@pytest.mark.parametrize("name, table_id, merge", CASES)
def test_indicators_match_truth(name, table_id, merge):
    truth, raw = read_truth_table(name, table_id, merge)
    problems = diff_indicators(normalize(raw, context_of(truth)), truth_indicators(truth, table_id))
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("name, table_id, merge", CASES)
def test_calculations_match_truth(name, table_id, merge):
    truth, raw = read_truth_table(name, table_id, merge)
    got = normalize(raw, context_of(truth))
    problems = diff_calculations(got, truth_indicators(truth, table_id), truth["calculations"])
    assert problems == [], "\n".join(problems)


def permuted(raw: RawTable, order: list[int]) -> RawTable:
    return dataclasses.replace(
        raw, columns=tuple(raw.columns[j] for j in order),
        header_rows=tuple(tuple(row[j] for j in order) for row in raw.header_rows),
        rows=tuple(tuple(row[j] for j in order) for row in raw.rows))


@pytest.mark.parametrize("name, table_id, merge", CASES)
def test_columns_are_found_by_header_not_position(name, table_id, merge):
    truth, raw = read_truth_table(name, table_id, merge)
    reordered = permuted(raw, list(reversed(range(len(raw.columns)))))
    want = truth_indicators(truth, table_id)
    got = normalize(reordered, context_of(truth))
    problems = diff_indicators(got, want) + diff_calculations(got, want, truth["calculations"])
    assert problems == [], "\n".join(problems)


def test_measurements_carry_cell_provenance():
    truth, raw = read_truth_table("monev_tw2_kota_pasuruan_2024", "kertas_kerja", False)
    box = BBox(10.0, 20.0, 30.0, 40.0)
    rows = tuple(tuple(None if c is None else dataclasses.replace(c, page=3, bbox=box) for c in row)
                 for row in raw.rows)
    records = normalize(dataclasses.replace(raw, rows=rows), context_of(truth))
    measured = [m for r in records for m in r.measurements]
    assert measured and all(m.page == 3 and m.bbox == box for m in measured)
    assert all(r.page == 3 for r in records)


def test_an_ocr_dash_for_the_equals_of_an_input_is_read_as_equals():
    # the 300-dpi Monev scan reads "Nilai SAKIP Disperindag Tahun 2023 = 77,2" with "-" for "=",
    # wrapped in its narrow cell
    truth, raw = read_truth_table("monev_tw2_kota_pasuruan_2024", "kertas_kerja", False)
    printed = "Nilai SAKIP Disperindag Tahun 2023 = 77,2"

    def scanned(c: Cell | None) -> Cell | None:
        if c is None:
            return None
        text = c.text.replace(printed, "Nilai SAKIP\nDisperindag Tahun\n2023 - 77,2")
        return dataclasses.replace(c, text=text, source=Source.OCR, confidence=90.0)

    def sakip(table: RawTable) -> dict[str, float]:
        records = normalize(table, context_of(truth))
        (record,) = [r for r in records if r.calculation and r.calculation.inputs_text
                     and "SAKIP Disperindag" in r.calculation.inputs_text]
        return record.calculation.inputs

    rows = tuple(tuple(scanned(c) for c in row) for row in raw.rows)
    assert sakip(dataclasses.replace(raw, rows=rows)) == {
        "Nilai SAKIP Disperindag Tahun 2023": 77.2}
    # in a text layer the dash is what was printed: the line is the name of its Nilai
    text_rows = tuple(tuple(None if c is None else dataclasses.replace(
        c, text=c.text.replace(printed, printed.replace(" = ", " - "))) for c in row)
        for row in raw.rows)
    assert sakip(dataclasses.replace(raw, rows=text_rows)) == {
        "Nilai SAKIP Disperindag Tahun 2023 - 77,2": 77.2}


def test_missing_indicator_column_is_reported():
    raw = RawTable(columns=("No.", "Keterangan"), header_rows=(("No.", "Keterangan"),),
                   rows=(), page=4, title="", method="truth")
    with pytest.raises(KertasKerjaColumnsError, match="no indicator column"):
        normalize(raw, TableContext(0, 2024, "tw2", None))


# --------------------------------------------------------------------------------------------
# Helpers, with cell texts of seed 001
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, inputs", [
    ("∑ barang milik daerah yang terpelihara = 1\n∑ barang milik daerah = 4",
     {"∑ barang milik daerah yang terpelihara": 1.0, "∑ barang milik daerah": 4.0}),
    ("∑ alat UTTP yang telah di TTU (tribulan II) = 103\n"
     "∑ potensi alat UTTP di Kota Pasuruan =12870",
     {"∑ alat UTTP yang telah di TTU (tribulan II)": 103.0,
      "∑ potensi alat UTTP di Kota Pasuruan": 12870.0}),
    ("Realisasi PAD pelayanan pasar s.d Juni 2024 = 1.151.384.000 dari Target PAD pelayanan pasar "
     "Tahun 2024 = 3.129.274.170",
     {"Realisasi PAD pelayanan pasar s.d Juni 2024": 1151384000.0,
      "Target PAD pelayanan pasar Tahun 2024": 3129274170.0}),
    ("Nilai SAKIP Disperindag Tahun 2023 = 77,2", {"Nilai SAKIP Disperindag Tahun 2023": 77.2}),
    ("Persentase indikator kegiatan yang terpenuhi = 100%, 100%, 50%\nTotal indikator kegiatan = 6",
     {"Persentase indikator kegiatan yang terpenuhi (1)": 100.0,
      "Persentase indikator kegiatan yang terpenuhi (2)": 100.0,
      "Persentase indikator kegiatan yang terpenuhi (3)": 50.0, "Total indikator kegiatan": 6.0}),
    ("∑ Bahan Pokok yang mengalami fluktuasi lebih besar dari 10% bulan April = 15, "
     "∑ Bahan Pokok yang dipantau = 69\n"
     "∑ Bahan Pokok yang mengalami fluktuasi lebih besar dari 10% bulan Mei = 16, "
     "∑ Bahan Pokok yang dipantau = 69",
     {"∑ Bahan Pokok yang mengalami fluktuasi lebih besar dari 10% bulan April": 15.0,
      "∑ Bahan Pokok yang dipantau": 69.0,
      "∑ Bahan Pokok yang mengalami fluktuasi lebih besar dari 10% bulan Mei": 16.0}),
    ("∑ laporan keuangan yang tersusun tepat waktu = 2 (laporan pembayaran gaji dan tunjangan, "
     "laporan keuangan)\n∑ laporan keuangan = 2 (laporan pembayaran gaji dan tunjangan, laporan "
     "keuangan)",
     {"∑ laporan keuangan yang tersusun tepat waktu": 2.0, "∑ laporan keuangan": 2.0}),
    ("∑ jasa penunjang urusan pemerintahan daerah yang terpenuhi = 3 (jasa surat menyurat, jasa "
     "komunikasi\n"  # the note's parenthesis is never closed (seed 001)
     "∑ jasa penunjang urusan pemerintahan daerah = 3 (jasa surat menyurat",
     {"∑ jasa penunjang urusan pemerintahan daerah yang terpenuhi": 3.0,
      "∑ jasa penunjang urusan pemerintahan daerah": 3.0}),
    ("∑ pelaku usaha yang melakukan ekspor th 2024 =\n∑ IKM = 3416", {"∑ IKM": 3416.0}),
    ("∑ IKM berkembang Tahun 2023 =\n∑ IKM berkembang Tahun 2024 =", {}),
    ("∑ dokumen hasil koordinasi =\n- Rapat Koordinasi dalam Provinsi", {}),
    ("∑ dokumen hasil pemberdayaan = 3 dokumen PHL yang menerima honorarium bulan April-Juni "
     "sejumlah orang", {"∑ dokumen hasil pemberdayaan": 3.0}),
    ("∑ kendaraan dinas operasional =0", {"∑ kendaraan dinas operasional": 0.0}),
    ("∑ Temuan yang ditindaklanjuti / ∑ Temuan =", {}),
    ("Jumlah = 5\nJumlah = 6", {"Jumlah": 5.0, "Jumlah (2)": 6.0}),  # same name, other value
])
def test_parse_inputs(text, inputs):
    assert parse_inputs(text) == inputs


@pytest.mark.parametrize("lines, value", [
    (["21,91", "23,48", "16,67"], 20.686667),                          # monthly values: mean
    (["15/69*100%=22", "16/69*100%=23", "14/69*100%=20"], 21.73913),
    (["(86/100)*100%"], 86.0),
    (["100%+100%+100%+100%+100%+50% / 6"], 91.666667),                # typeset fraction
    (["1.151.221.600/3.129.274.170", "x 100%"], 36.788774),           # one expression, two lines
    (["-"], None),
    ([], None),
    (["lihat lampiran"], None),
])
def test_expression_value(lines, value):
    got = expression_value(lines)
    assert (got if got is None else round(got, 6)) == value


def cell(text: str) -> Cell:
    return Cell(text, 1, None)


def test_section_rows_are_not_indicators_and_set_the_level():
    columns = ("No.", "Nama Tujuan/ Sasaran/ Program/ Kegiatan",
               "Indikator Tujuan/ Sasaran/ Program/ Kegiatan", "Hasil Perhitungan")
    rows = ((cell("3"), cell("PROGRAM"), cell("INDIKATOR PROGRAM"), cell("")),
            (cell(""), cell("PROGRAM PERIZINAN"), cell("Persentase Kepatuhan"), cell("86%")))
    raw = RawTable(columns=columns, header_rows=(columns,), rows=rows, page=1, title="",
                   method="truth")
    [record] = normalize(raw, TableContext(0, 2024, "tw2", None))
    assert (record.level, record.name, record.row_no) == (Level.PROGRAM, "PROGRAM PERIZINAN", None)
    assert [(m.value, m.raw_text, m.period.value) for m in record.measurements] == [
        (86.0, "86%", "tw2")]
    assert record.calculation is not None and record.calculation.inputs_text is None


def test_other_header_wordings():
    columns = ("No", "Uraian", "Indikator Kinerja", "Formulasi Perhitungan", "Variabel", "Nilai",
               "Hasil", "Ket.")
    rows = ((cell(""), cell("Administrasi Barang Milik Daerah"), cell("Persentase laporan BMD"),
             cell("∑ a : ∑ b x 100%"), cell("∑ a = 1\n∑ b = 2"), cell("1/2*100"), cell("50%"),
             cell("Kegiatan")),)
    raw = RawTable(columns=columns, header_rows=(columns,), rows=rows, page=1, title="",
                   method="truth")
    [record] = normalize(raw, TableContext(0, 2024, None, None))
    assert (record.level, record.formula) == (Level.KEGIATAN, "∑ a : ∑ b x 100%")
    assert [(m.value, m.period.value, m.year) for m in record.measurements] == [
        (50.0, "year", 2024)]
    calc = record.calculation
    assert calc is not None
    assert (calc.inputs, calc.expression_value, calc.result_value) == (
        {"∑ a": 1.0, "∑ b": 2.0}, 50.0, 50.0)
