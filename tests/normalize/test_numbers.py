"""Tests for pipeline.normalize.numbers (DOMAIN.md section 6: NUM-01..04)."""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize.numbers import (
    NumberFormat,
    ParsedNumber,
    column_formats,
    detect_format,
    format_number,
    parse_number,
    printed_decimals,
    separator_slip,
)

ID = NumberFormat.INDONESIAN
EN = NumberFormat.ENGLISH
SEEDS = Path("/work/shared/seeds")


# --------------------------------------------------------------------------------------------
# Numbers that must be read: (text, format, value)
# --------------------------------------------------------------------------------------------

VALUES = [
    # NUM-01 from the brief and SCHEMA.md
    ("1.151.384.000", ID, 1151384000),
    ("36,79%", ID, 36.79),
    ("4.000,00", ID, 4000),
    ("2.080,00", ID, 2080),
    ("0,10", ID, 0.1),
    ("98,00", ID, 98),
    ("100%", ID, 100),
    ("4,15%.", ID, 4.15),  # a full stop after the sign (Kaltim IKU, read by OCR)
    ("Rp.2.585.049.200,-", ID, 2585049200),
    ("Rp 1.118.000", ID, 1118000),
    ("0,00", ID, 0.0),
    ("1.118 Triliun", ID, 1118),
    ("54 Triliun", ID, 54),
    ("279,5", ID, 279.5),
    ("838,5", ID, 838.5),
    ("1.118", ID, 1118),
    ("2024", ID, 2024),
    ("54.54", ID, 54.54),
    ("73 orang", ID, 73),
    ("3 Dokumen", ID, 3),
    ("-5,2", ID, -5.2),
    ("2312,50%", ID, 2312.5),
    ("6933,33%", ID, 6933.33),
    # English documents
    ("3,000 poin (tahun 2017)", EN, 3000),
    ("202,955", EN, 202955),
    ("185.80", EN, 185.8),
    ("(3.14)", EN, -3.14),
    ("1,077,633.93 ton", EN, 1077633.93),
    ("203,440*", EN, 203440),
    ("1,004,422,800", EN, 1004422800),
    ("452,750,000.00", EN, 452750000),
    ("2024", EN, 2024),
    ("1.118", EN, 1.118),
    ("100%", EN, 100),
    ("-5.2", EN, -5.2),
    # seed 000 (IKU Kota Pasuruan)
    ("9,91 %", ID, 9.91),
    ("49,10 %", ID, 49.1),
    ("1,25 %", ID, 1.25),
    ("0,24 %", ID, 0.24),
    ("0,15 %", ID, 0.15),
    ("72,36", ID, 72.36),
    ("73", ID, 73),
    # seed 001 (Monev TW II): K/Rp columns, capaian, Kertas Kerja results
    ("19.701.000", ID, 19701000),
    ("7.174.297.200", ID, 7174297200),
    ("153.431.948.970", ID, 153431948970),
    ("792.298.094", ID, 792298094),
    ("500.000", ID, 500000),
    ("1.000,00", ID, 1000),
    ("1.720,00", ID, 1720),
    ("1.721,00", ID, 1721),
    ("102,04%", ID, 102.04),
    ("0,00%", ID, 0.0),
    ("0%", ID, 0.0),
    ("1400,00%", ID, 1400),
    ("2525,00%", ID, 2525),
    ("12,40%", ID, 12.4),
    ("16,67", ID, 16.67),
    ("77,2", ID, 77.2),
    ("1 Berkas", ID, 1),
    ("Rp.551.797.512,-", ID, 551797512),
    ("Rp.17.472.215.166,-", ID, 17472215166),
    ("Rp.7.738.464.127,-", ID, 7738464127),
    # seed 002 (IKU Kaltim): quarters 279,5 / 559 / 838,5 / 1.118 (NUM-03)
    ("4,15%", ID, 4.15),
    ("18,97%", ID, 18.97),
    ("17%", ID, 17),
    ("559", ID, 559),
    ("13,5", ID, 13.5),
    ("40,5", ID, 40.5),
    # seed 003 (OCR scan)
    ("100%", ID, 100),
    # seed 004 (Rencana Aksi) values after the quarter label
    ("7,8", ID, 7.8),
    ("91,66", ID, 91.66),
    ("12,5", ID, 12.5),
    ("3 laporan", ID, 3),
    ("5 unit", ID, 5),
    ("20 IKM", ID, 20),
    ("2 paket", ID, 2),
    # other common shapes
    ("[bookmark: _GoBack]12", ID, 12),
    ("<i>36,79%</i>", ID, 36.79),
    ("  1.151.384.000\u00a0", ID, 1151384000),
    ("Rp. 2.585.049.200,00", ID, 2585049200),
    ("Rp 5.000,--", ID, 5000),
    ("(1.234.567)", ID, -1234567),
    ("Rp -5.000", ID, -5000),
    ("−5,2", ID, -5.2),
    ("+5", ID, 5),
    ("5 Miliar US$", ID, 5),
    ("US$ 18,97", ID, 18.97),
    ("$USD 1,5", ID, 1.5),
    ("2,5 juta", ID, 2.5),
    ("10 ribu orang", ID, 10),
    ("1,5 milyar", ID, 1.5),
    ("12 orang/bulan", ID, 12),
    ("40 pelaku usaha", ID, 40),
    ("69*", ID, 69),
    ("50%*", ID, 50),
    ("1,077,633.93", ID, 1077633.93),  # English-only grouping in an Indonesian document
    ("4.000,00", EN, 4000),  # Indonesian-only grouping in an English document
]


@pytest.mark.parametrize(("text", "fmt", "expected"), VALUES)
def test_reads_value(text: str, fmt: NumberFormat, expected: float) -> None:
    parsed = parse_number(text, fmt)
    assert parsed.error is None, parsed
    assert parsed.value == pytest.approx(expected, rel=1e-12, abs=1e-12)
    assert parsed.raw == text


def test_default_format_is_indonesian() -> None:
    assert parse_number("1.151.384.000").value == 1151384000
    assert parse_number("36,79%").value == 36.79


# --------------------------------------------------------------------------------------------
# The other fields
# --------------------------------------------------------------------------------------------

FIELDS = [
    # text, fmt, is_percent, scale_word, unit_text, currency, ambiguous
    ("36,79%", ID, True, None, None, None, False),
    ("9,91 %", ID, True, None, None, None, False),
    ("100%", ID, True, None, None, None, False),
    ("98,00", ID, False, None, None, None, False),
    ("Rp.2.585.049.200,-", ID, False, None, None, "Rp", False),
    ("Rp 1.118.000", ID, False, None, None, "Rp", False),
    ("RP. 1.000", ID, False, None, None, "Rp", False),
    ("IDR 1.000", ID, False, None, None, "Rp", False),
    ("1.118 Triliun", ID, False, "triliun", None, None, False),
    ("54 Triliun", ID, False, "triliun", None, None, False),
    ("54Triliun", ID, False, "triliun", None, None, False),  # OCR of the Kaltim scan: no space
    ("1,5 Milyar", ID, False, "miliar", None, None, False),
    ("1,5 miliar", ID, False, "miliar", None, None, False),
    ("2,5 Juta", ID, False, "juta", None, None, False),
    ("10 ribu orang", ID, False, "ribu", "orang", None, False),
    ("5 Miliar US$", ID, False, "miliar", None, "US$", False),
    ("US$ 5", ID, False, None, None, "US$", False),
    ("73 orang", ID, False, None, "orang", None, False),
    ("3 Dokumen", ID, False, None, "Dokumen", None, False),
    ("12 orang/bulan", ID, False, None, "orang/bulan", None, False),
    ("40 pelaku usaha", ID, False, None, "pelaku usaha", None, False),
    ("1 (satu) dokumen", ID, False, None, "(satu) dokumen", None, False),
    ("5 m2", ID, False, None, "m2", None, False),
    ("1,077,633.93 ton", EN, False, None, "ton", None, False),
    ("3,000 poin (tahun 2017)", EN, False, None, "poin (tahun 2017)", None, False),
    ("54.54", ID, False, None, None, None, True),
    ("1.118", ID, False, None, None, None, False),
    ("2024", ID, False, None, None, None, False),
    ("54,54", EN, False, None, None, None, True),
    ("202,955", EN, False, None, None, None, False),
    ("1,077,633.93", ID, False, None, None, None, True),
    ("1,004,422,800", ID, False, None, None, None, True),
    ("4.000,00", EN, False, None, None, None, True),
    ("1.151.384.000", EN, False, None, None, None, True),
]


@pytest.mark.parametrize(
    ("text", "fmt", "is_percent", "scale_word", "unit_text", "currency", "ambiguous"), FIELDS
)
def test_fields(text, fmt, is_percent, scale_word, unit_text, currency, ambiguous) -> None:
    parsed = parse_number(text, fmt)
    assert parsed.error is None, parsed
    assert parsed.value is not None
    assert parsed.is_percent is is_percent
    assert parsed.scale_word == scale_word
    assert parsed.unit_text == unit_text
    assert parsed.currency == currency
    assert parsed.ambiguous is ambiguous


def test_scale_word_is_not_applied() -> None:
    # NUM-03/UNIT-01: the caller decides whether the column already counts in trillions
    assert parse_number("1.118 Triliun").value == 1118
    assert parse_number("Rp 5 juta").value == 5


def test_result_is_frozen() -> None:
    parsed = parse_number("36,79%")
    assert isinstance(parsed, ParsedNumber)
    with pytest.raises(dataclasses.FrozenInstanceError):
        parsed.value = 1.0  # type: ignore[misc]


# --------------------------------------------------------------------------------------------
# Empty markers (NUM-04) and legitimate text: value None, error None
# --------------------------------------------------------------------------------------------

EMPTY = ["-", "--", "---", "–", "—", "−", "", "  ", "\t", "n/a", "N/A", "n.a.", "- %", "-,-",
         "Rp -", "Rp.-", "<ul>", "[bookmark: _GoBack]"]


@pytest.mark.parametrize("text", EMPTY)
@pytest.mark.parametrize("fmt", [ID, EN])
def test_empty_markers(text: str, fmt: NumberFormat) -> None:
    parsed = parse_number(text, fmt)
    assert parsed.value is None
    assert parsed.error is None
    assert parsed.ambiguous is False
    assert parsed.unit_text is None
    assert parsed.raw == text


def test_zero_is_not_empty() -> None:
    for text in ("0,00", "0", "0%", "0,00%", "Rp 0,-"):
        parsed = parse_number(text)
        assert parsed.value == 0.0, text
        assert parsed.error is None


TEXT = ["WTP", "A", "III", "Baik", "Sangat Baik", "BB", "Persen", "Rupiah", "O|IN|O | |R[WIN|[=]|="]


@pytest.mark.parametrize("text", TEXT)
def test_non_numeric_text_is_not_an_error(text: str) -> None:
    parsed = parse_number(text)
    assert parsed == ParsedNumber(
        value=None, raw=text, is_percent=False, scale_word=None, unit_text=None,
        currency=None, ambiguous=False, error=None,
    )


# --------------------------------------------------------------------------------------------
# Near misses: digits that are not one number -> value None, error set
# --------------------------------------------------------------------------------------------

ERRORS = [
    # text, fmt, a word expected in the error
    ("12,4O", ID, "OCR"),
    ("1.151.384.00O", ID, "OCR"),
    ("l00", ID, "OCR"),
    ("1O0", ID, "OCR"),
    ("15/69*100%=22", ID, "expression"),
    ("14/69*100%=20", ID, "expression"),
    ("2/4*100", ID, "expression"),
    ("(86/100)*100%", ID, "expression"),
    ("90/726", ID, "expression"),
    ("1.151.221.600/3.129.274.170 x 100%", ID, "expression"),
    ("14 = 6 + 12", ID, "expression"),
    ("15 = 14 / 5 x 100 %", ID, "expression"),
    ("$\\frac{2}{2} \\times 100$", ID, "expression"),
    ("5 x 100%", ID, "expression"),
    ("5 x100", ID, "expression"),
    ("5 orang 100%", ID, "not a number"),
    ("TW 1 = 95", ID, "quarter"),
    ("TW 3 =", ID, "quarter"),
    ("TW 1 = --", ID, "quarter"),
    ("TW1= -", ID, "quarter"),
    ("TW I = 7,8", ID, "quarter"),
    ("[bookmark: _GoBack]TW 3 = 12", ID, "quarter"),
    ("Triwulan II 50", ID, "quarter"),
    ("80 - 90%", ID, "range"),
    ("0 - 5", ID, "range"),
    ("10 s.d. 20", ID, "range"),
    (">= 95", ID, "bound"),
    ("> 10%", ID, "bound"),
    ("maks 5", ID, "bound"),
    ("11 Januari 2021", ID, "not a number"),
    ("NIP. 19701223 199003 1 001", ID, "not a number"),
    ("1 151 384 000", ID, "not a number"),
    # malformed grouping
    ("1.15.384", ID, "grouping"),
    ("1234.567", ID, "grouping"),
    ("3.14159", ID, "grouping"),
    ("1.151.384,000.5", ID, "grouping"),
    ("1,15,384", EN, "grouping"),
    ("3,14159", EN, "grouping"),
    ("1.", ID, "not a number"),
    ("5,", ID, "not a number"),
    # signs and brackets
    ("(3.14", EN, "parenthesis"),
    ("(-3,14)", ID, "sign"),
    ("-(3,14)", ID, "not a number"),
    # kode rekening
    ("3.30.01", ID, "kode rekening"),
    ("3.30.01.2.01", ID, "kode rekening"),
    ("3.30.01.2.01.0001", ID, "kode rekening"),
    ("3.31.02.2.01.03", ID, "kode rekening"),
    ("Rp 5 US$", ID, "currenc"),
]


@pytest.mark.parametrize(("text", "fmt", "word"), ERRORS)
def test_not_a_number(text: str, fmt: NumberFormat, word: str) -> None:
    parsed = parse_number(text, fmt)
    assert parsed.value is None, parsed
    assert parsed.error is not None
    assert word.lower() in parsed.error.lower(), parsed.error
    assert parsed.raw == text


# --------------------------------------------------------------------------------------------
# printed_decimals (NUM-TOL)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        ("36,79%", ID, 2),
        ("92%", ID, 0),
        ("4.000,00", ID, 2),
        ("279,5", ID, 1),
        ("1.151.384.000", ID, 0),
        ("Rp.2.585.049.200,-", ID, 0),
        ("1.118 Triliun", ID, 0),
        ("54.54", ID, 2),
        ("185.80", EN, 2),
        ("1,077,633.93 ton", EN, 2),
        ("202,955", EN, 0),
        ("-", ID, 0),
        ("WTP", ID, 0),
        ("12,4O", ID, 0),
    ],
)
def test_printed_decimals(text: str, fmt: NumberFormat, expected: int) -> None:
    assert printed_decimals(text, fmt) == expected


def test_printed_decimals_default_format() -> None:
    assert printed_decimals("6933,33%") == 2


# --------------------------------------------------------------------------------------------
# detect_format (NUM-02)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["1.151.384.000", "36,79%", "4.000,00"], ID),
        (["1,004,422,800", "452,750,000.00"], EN),
        (["202,955", "185.80", "Target"], EN),
        (["3,000 poin (tahun 2017)", "1,077,633.93 ton"], EN),
        (["185.80", "12.5", "2024"], EN),
        # Indonesian evidence contradicts the English-looking cells
        (["1,004,422,800", "36,79%"], ID),
        (["185.80", "19.701.000"], ID),
        # seed 004: one mistyped "54.54" among comma decimals inside quarter lines
        (["TW 4 = 54.54", "TW 4 = 7,36", "TW 1 = 95"], ID),
        # a lone "54.54" does not outweigh the "d.ddd" thousands groups around it
        (["54.54", "1.118", "2.000"], ID),
        # no evidence at all: the default
        ([], ID),
        (["-", "", "WTP", "2024", "73 orang"], ID),
        (["1.118", "559"], ID),
        (["Rp.2.585.049.200,-"], ID),
    ],
)
def test_detect_format(cells: list[str], expected: NumberFormat) -> None:
    assert detect_format(cells) is expected


def test_detect_format_accepts_any_iterable() -> None:
    assert detect_format(c for c in ["1,004,422,800"]) is EN


# The Triwulan IV column of the Kaltim IKU scanned at 200 dpi: OCR read the commas of "4,15%"
# and "18,97%" as points. In a text layer those points are English evidence; from OCR they are
# not, and "1.118" (Triliun) stays 1118.
KALTIM_OCR_COLUMN = ["4.15%.", "18.97%\n17%", "54", "1.118\n54"]


def test_detect_format_lone_points_read_by_ocr_are_no_evidence() -> None:
    assert detect_format(KALTIM_OCR_COLUMN) is EN
    assert detect_format(KALTIM_OCR_COLUMN, ocr=True) is ID
    assert detect_format(["1,004,422,800", "54.54"], ocr=True) is EN
    assert column_formats([KALTIM_OCR_COLUMN, ["1.118"]], ocr=True) == [ID, ID]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not available")
@pytest.mark.parametrize(
    "name",
    [
        "iku_kota_pasuruan_2024.txt",
        "monev_tw2_kota_pasuruan_2024.txt",
        "iku_prov_kaltim_2023.txt",
        "iku_iki_kab_gresik_2021_scan_ocr.txt",
        "rencana_aksi_2024.txt",
    ],
)
def test_seed_documents_are_indonesian(name: str) -> None:
    path = SEEDS / name
    if not path.exists():
        pytest.skip(f"{name} not available")
    cells = path.read_text(encoding="utf-8").replace("\n", "\t").split("\t")
    assert detect_format(cells) is ID


# Bare number cells of the seeds ("19.701.000", "36,79%", "9,91 %", "1.118") all read cleanly;
# the kode rekening among them ("3.30.01.2.01.0001") are told apart.
BARE_NUMBER_CELL = re.compile(r"""^\d[\d.,]*(?:\s?%)?$""", re.VERBOSE)
KODE_CELL = re.compile(r"""^\d\.\d{2}\.\d{2}   # 3.30.01...""", re.VERBOSE)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed documents not available")
def test_every_bare_number_cell_of_the_seeds_reads() -> None:
    seen = 0
    for path in sorted(SEEDS.glob("*.txt")):
        for cell in path.read_text(encoding="utf-8").replace("\n", "\t").split("\t"):
            cell = cell.strip()
            if not BARE_NUMBER_CELL.match(cell) or cell.endswith((".", ",")):
                continue
            parsed = parse_number(cell)
            if KODE_CELL.match(cell):
                assert parsed.value is None
                assert "kode rekening" in (parsed.error or ""), (path.name, cell, parsed.error)
                continue
            assert parsed.error is None, (path.name, cell, parsed.error)
            assert parsed.ambiguous is False, (path.name, cell)
            assert parsed.value is not None
            seen += 1
    assert seen > 500


# --------------------------------------------------------------------------------------------
# format_number
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "decimals", "percent", "expected"),
    [
        (1151384000, 0, False, "1.151.384.000"),
        (36.79, 2, True, "36,79%"),
        (4000, 2, False, "4.000,00"),
        (2080, 2, False, "2.080,00"),
        (0.1, 2, False, "0,10"),
        (100, 0, True, "100%"),
        (0, 2, False, "0,00"),
        (-0.001, 2, False, "0,00"),
        (-5.2, 1, False, "-5,2"),
        (-1234567.891, 2, False, "-1.234.567,89"),
        (36.785, 2, True, "36,79%"),  # half up on the printed decimal form
        (2.5, 0, False, "3"),
        (999.5, 0, False, "1.000"),
        (1118, 0, False, "1.118"),
        (279.5, 1, False, "279,5"),
        (2312.5, 2, True, "2.312,50%"),
    ],
)
def test_format_number(value: float, decimals: int, percent: bool, expected: str) -> None:
    assert format_number(value, decimals, percent) == expected


def test_format_number_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        format_number(1.0, -1)
    with pytest.raises(ValueError):
        format_number(math.nan, 2)
    with pytest.raises(ValueError):
        format_number(math.inf, 0)


@given(
    value=st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False),
    decimals=st.integers(min_value=0, max_value=4),
    percent=st.booleans(),
)
def test_format_parse_round_trip(value: float, decimals: int, percent: bool) -> None:
    text = format_number(value, decimals, percent)
    parsed = parse_number(text)
    assert parsed.error is None, (text, parsed)
    assert parsed.value is not None
    assert parsed.ambiguous is False, text
    assert parsed.is_percent is percent
    assert abs(parsed.value - value) <= 10.0**-decimals / 2 + 1e-9 * max(1.0, abs(value)), text
    assert printed_decimals(text) == decimals


@given(
    value=st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False,
                      allow_infinity=False),
)
def test_two_decimal_values_round_trip_exactly(value) -> None:
    text = format_number(float(value), 2)
    assert parse_number(text).value == float(value)


@pytest.mark.parametrize("text", ["1,095.836.320", "1.095,836.320"])
def test_thousands_groups_with_both_separators_are_grouping_flagged_ambiguous(text: str) -> None:
    # OCR of the Monev E.81 budget "1.095.836.320" (300-dpi scan): no format reads it otherwise
    for fmt in (ID, EN):
        parsed = parse_number(text, fmt)
        assert (parsed.value, parsed.ambiguous, parsed.error) == (1095836320.0, True, None)


@pytest.mark.parametrize(("text", "value", "decimals"), [
    ("2.080.00", 2080.0, 2),  # OCR of the Monev E.81 6 K "2.080,00" (row 53, 300-dpi scan)
    ("133.654.0", 133654.0, 1),
])
def test_a_point_for_the_decimal_comma_after_groups_is_read_flagged(text: str, value: float,
                                                                   decimals: int) -> None:
    parsed = parse_number(text, ID)
    assert (parsed.value, parsed.ambiguous, parsed.error) == (value, True, None)
    assert printed_decimals(text, ID) == decimals
    assert separator_slip(text)


@pytest.mark.parametrize("text", ["2.080,00", "1.151.384.000", "36,79%", "4.15%", "1.118", "-",
                                  "3.30.05.2.01.05"])
def test_numbers_of_a_format_are_no_separator_slip(text: str) -> None:
    assert not separator_slip(text)
