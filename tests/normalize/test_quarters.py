import pytest

from pipeline.normalize.quarters import QuarterValue, parse_quarter_line, parse_quarter_word


@pytest.mark.parametrize("text, expected", [
    ("TW 1 = 95", QuarterValue(1, "95")),          # rencana aksi (seed 004)
    ("TW I = 7,8", QuarterValue(1, "7,8")),
    ("TW 3= 117", QuarterValue(3, "117")),
    ("TW 3 =44", QuarterValue(3, "44")),
    ("TW 1 = -", QuarterValue(1, "-")),
    ("TW 4 =", QuarterValue(4, "")),
    ("TW1= -", QuarterValue(1, "-")),
    ("TW 1 =  77,72", QuarterValue(1, "77,72")),
    ("TW IV = 5,19", QuarterValue(4, "5,19")),
    ("TW 4 = 54.54", QuarterValue(4, "54.54")),
])
def test_quarter_lines(text, expected):
    assert parse_quarter_line(text) == expected


@pytest.mark.parametrize("text", ["95", "Target TW I", "TWO = 1", "TW 5 = 3", "Realisasi 2023", ""])
def test_not_quarter_lines(text):
    assert parse_quarter_line(text) is None


@pytest.mark.parametrize("text, quarter", [
    ("Triwulan I", 1), ("Triwulan IV", 4), ("Tribulan II", 2), ("TW III", 3), ("TW 2", 2),
    ("Trw 4", 4), ("Tb. I", 1),
    # the numerals as OCR reads them from the Monev and Kaltim scans
    ("TW |", 1), ("TW Il", 2), ("Triwulan ll", 2), ("Triwulan lll", 3), ("Triwulan 1V", 4),
])
def test_quarter_words(text, quarter):
    assert parse_quarter_word(text) == quarter


@pytest.mark.parametrize("text", ["Target TW I", "Triwulan", "Tahun 2024", "TW V", "TW llll",
                                  "TW |5"])
def test_not_quarter_words(text):
    assert parse_quarter_word(text) is None
