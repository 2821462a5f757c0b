"""Quarter tokens: `TW 1 = 95`, `TW I = 7,8`, `TW 3= 117`, `Triwulan II`, `Tribulan IV`."""

from __future__ import annotations

import re
from dataclasses import dataclass

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}

# A quarter word and its number, arabic or roman:
#   "TW 1", "TW1", "TW I", "Tw. II", "Triwulan III", "Tribulan IV" (East Java), "Trw 2", "Tb. I"
# and the roman numerals as OCR reads them from a scan: `TW |`, `TW Il`, `Triwulan lll`, `1V`
QUARTER = r"""(?:T\s?W|Tw|Trw|Tb|Tri[bw]ulan)\.?\s*(?P<q>[1-4]|IV|I{1,3}|[Il|]{1,3}|[Il|1]V)(?![\w|])"""
# OCR's readings of the roman I: lower-case l, the bar, the digit 1 (before V)
ROMAN_SLIPS = str.maketrans({"L": "I", "|": "I", "1": "I"})
QUARTER_WORD = re.compile(rf"^\s*{QUARTER}\s*$", re.VERBOSE | re.IGNORECASE)

# One quarterly value written inside a cell, the value possibly missing:
#   "TW 1 = 95", "TW I = 7,8", "TW 3= 117", "TW 1 = -", "TW 4 =", "TW 2 = 11 "
QUARTER_LINE = re.compile(
    rf"""^\s*{QUARTER}\s*[=:]\s*(?P<value>.*?)\s*$""", re.VERBOSE | re.IGNORECASE)


@dataclass(frozen=True)
class QuarterValue:
    """A `TW n = v` line: the quarter (1-4) and the value text as printed after the sign."""

    quarter: int
    value_text: str


def quarter_number(token: str) -> int:
    """`1`..`4` or `I`..`IV` (also as OCR reads them: `|`, `Il`, `lll`, `1V`) -> 1..4."""
    token = token.upper()
    return int(token) if token.isdigit() else ROMAN[token.translate(ROMAN_SLIPS)]


def parse_quarter_word(text: str) -> int | None:
    """`Triwulan II` / `TW 2` / `Tribulan II` -> 2; None when the text is not a quarter heading."""
    match = QUARTER_WORD.match(text)
    return quarter_number(match["q"]) if match else None


def parse_quarter_line(text: str) -> QuarterValue | None:
    """`TW 3= 117` -> QuarterValue(3, "117"); None when the text is not a quarter line."""
    match = QUARTER_LINE.match(text)
    return QuarterValue(quarter_number(match["q"]), match["value"]) if match else None
