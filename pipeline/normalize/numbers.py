"""Reading numbers printed in Indonesian (and English) government documents.

Rules: /work/shared/DOMAIN.md section 6 (NUM-01..04) and SCHEMA.md (numbers are DOUBLE after
Indonesian-format parsing, empty markers are NULL, percentages are stored 0-100).

* NUM-01 Indonesian format: `.` groups thousands, `,` is the decimal mark:
  `1.151.384.000` -> 1151384000, `36,79%` -> 36.79, `Rp.2.585.049.200,-` -> 2585049200.
* NUM-02 The format is decided per document (`detect_format`), then per cell: in an Indonesian
  document a dot followed by exactly three digits groups thousands (`1.118` -> 1118); a lone dot
  followed by one or two digits (`54.54`) is a decimal point typed by mistake: read 54.54 and set
  `ambiguous`. A cell that can only be read in the other format (`1,077,633.93` in an Indonesian
  document) is read that way and flagged `ambiguous` too.
* NUM-04 `-`, `--`, `–`, `—`, empty, `n/a` -> value None with no error; `0,00` is a real zero.
* Scale words (`1.118 Triliun`) are reported in `scale_word` and NOT applied to `value`: whether
  the column already counts in trillions is the caller's decision (UNIT-01).

Text without any digit (`WTP`, `A`, `III`, `Baik`) is a legitimate non-numeric cell: value None,
error None. Text with digits that is not one number (`12,4O`, `15/69*100%=22`, `TW 1 = 95`,
`80 - 90%`) gets value None and an `error` saying why; quarter lines, ranges and worked
expressions are read by their own parsers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from enum import StrEnum


class NumberFormat(StrEnum):
    INDONESIAN = "id"  # 1.151.384.000   36,79
    ENGLISH = "en"  # 1,151,384,000   36.79


@dataclass(frozen=True)
class ParsedNumber:
    value: float | None  # None for empty markers and non-numeric text
    raw: str  # the cell text as given
    is_percent: bool  # a % sign was printed
    scale_word: str | None  # "triliun", "miliar", "juta", "ribu" when printed (not applied)
    unit_text: str | None  # trailing words: "orang" in "73 orang"
    currency: str | None  # "Rp", "US$"
    ambiguous: bool  # read, but the separators allow another reading (NUM-02)
    error: str | None  # why a cell meant to hold a number could not be read


# --------------------------------------------------------------------------------------------
# Regular expressions
# --------------------------------------------------------------------------------------------

# Conversion leftovers to drop before reading: "[bookmark: _GoBack]TW 3 = 12", "<ul>", "</i>".
ARTEFACT_RE = re.compile(
    r"""
    \[bookmark:[^\]]*\]         # [bookmark: _GoBack]
    | </?[a-zA-Z][^<>]*>        # <ul>  <i>  </i>  <br/>
    """,
    re.VERBOSE,
)

# Empty markers (NUM-04), optionally with a currency or a percent sign around them:
# ""  "-"  "--"  "–"  "—"  "n/a"  "N/A"  "Rp -"  "Rp.-"  "- %"  "-,-"
EMPTY_RE = re.compile(
    r"""
    ^
    (?:(?:Rp\.?|US\$)\s*)?      # Rp -
    (?:
        [-–—−]{1,3}(?:,-)?      # -  --  ---  –  —  -,-
      | n/a | n\.a\.?           # n/a  N/A  n.a.
    )?
    \s*%?                       # - %
    $
    """,
    re.VERBOSE | re.IGNORECASE,
)

# One printed number with what may surround it. Examples:
#   "36,79%"  "9,91 %"  "Rp.2.585.049.200,-"  "Rp 1.118.000"  "1.118 Triliun"  "-5,2"
#   "(3.14)"  "203,440*"  "73 orang"  "3,000 poin (tahun 2017)"  "5 Miliar US$"
# The digits group is checked separately (INDONESIAN_*/ENGLISH_* below); `unit` by UNIT_RE.
CELL_RE = re.compile(
    r"""
    ^
    (?P<open>\()?                                   # (3.14): accounting negative
    (?P<sign>[-−+])?\s*                             # -5,2   + 3
    (?:(?P<cur1>Rp\.?|IDR|US\$|\$\s?USD|USD|\$)\s*)?  # Rp.2.585...  Rp 1.118.000  US$ 5
    (?P<sign2>[-−])?                                # Rp -5.000
    (?P<num>\d(?:[\d.,]*\d)?)                       # 1.151.384.000   36,79   1,077,633.93
    (?P<nocents>,-{1,2}|\.-)?                       # ,- = no cents
    (?P<close>\))?
    (?:\s?(?P<foot>\*+))?                           # 203,440*  992.770 *  footnote mark
    (?:\s*(?P<pct>%)(?P<foot2>\*+)?\.?)?            # 36,79%   9,91 %   50%*   4,15%.
    (?:\s*(?P<scale>triliun|miliar|milyar|juta|ribu)\b)?   # 1.118 Triliun  54Triliun (OCR)
    (?:\s*(?P<cur2>US\$|\$\s?USD|USD|Rp\.?)(?!\w))?  # 5 Miliar US$
    (?:\s+(?P<unit>[^\W\d_(].*?|\(.*?))?            # 73 orang   3 Dokumen   (tahun 2017)
    \s*
    $
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Trailing unit words: "orang", "Dokumen", "orang/bulan", "pelaku usaha", "m2",
# "poin (tahun 2017)", "(satu) dokumen", "(satu)".
# Rejects "x 100%" (multiplication), "Januari 2021" (a word starting with a digit).
UNIT_RE = re.compile(
    r"""
    ^
    (?![x×](?:\s|\d|$))                     # not "x 100%" / "x100"
    (?:[^\W\d_][^\s()=*+×:<>%]* | \([^()=*+]*\))          # orang  orang/bulan  m2  (satu)
    (?:\s*(?:[^\W\d_][^\s()=*+×:<>%]* | \([^()=*+]*\)))*  # pelaku usaha  poin (tahun 2017)
    $
    """,
    re.VERBOSE,
)

# Indonesian digit groups (NUM-01/02):
#   grouped:  "1.151.384.000"  "4.000,00"  "1.118"  "2.080,00"
#   plain:    "2024"  "0,10"  "2312,50"  "279,5"
#   lone dot: "54.54"  "185.8" -> a decimal point typed by mistake (ambiguous)
INDONESIAN_GROUPED_RE = re.compile(
    r"""(?P<int>\d{1,3}(?:\.\d{3})+) (?:,(?P<frac>\d+))?""", re.VERBOSE
)
INDONESIAN_PLAIN_RE = re.compile(r"""(?P<int>\d+) (?:,(?P<frac>\d+))?""", re.VERBOSE)
INDONESIAN_LONE_DOT_RE = re.compile(r"""(?P<int>\d+) \. (?P<frac>\d{1,2})""", re.VERBOSE)

# English digit groups:
#   grouped:    "202,955"  "1,077,633.93"  "452,750,000.00"
#   plain:      "185.80"  "3.14"  "2024"
#   lone comma: "54,54" -> a decimal comma in an English document (ambiguous)
ENGLISH_GROUPED_RE = re.compile(
    r"""(?P<int>\d{1,3}(?:,\d{3})+) (?:\.(?P<frac>\d+))?""", re.VERBOSE
)
ENGLISH_PLAIN_RE = re.compile(r"""(?P<int>\d+) (?:\.(?P<frac>\d+))?""", re.VERBOSE)
ENGLISH_LONE_COMMA_RE = re.compile(r"""(?P<int>\d+) , (?P<frac>\d{1,2})""", re.VERBOSE)

# Digit groups that can only be read in one format (used when a cell contradicts its document):
#   Indonesian only: "1.151.384.000"  "4.000,00"      English only: "1,004,422,800"  "1,077.5"
INDONESIAN_ONLY_RE = re.compile(
    r"""\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?   # 1.151.384.000   1.151.384.000,50
      | \d{1,3}(?:\.\d{3})+,\d+          # 4.000,00
    """,
    re.VERBOSE,
)
ENGLISH_ONLY_RE = re.compile(
    r"""\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?   # 1,004,422,800   452,750,000.00
      | \d{1,3}(?:,\d{3})+\.\d+          # 3,000.5
    """,
    re.VERBOSE,
)

# Number tokens inside any cell text, for detect_format: "1.151.384.000" in "Rp.1.151.384.000,-",
# "7,36" in "TW 4 = 7,36", "1,077,633.93" in "1,077,633.93 ton".
NUMBER_TOKEN_RE = re.compile(r"""\d(?:[\d.,]*\d)?""", re.VERBOSE)

# Evidence for detect_format (NUM-02), matched against whole tokens:
#   English:    "1,004,422,800"  "452,750,000.00"  "1,077,633.93"  "185.80"  "54.54"
#   Indonesian: "36,79"  "0,1"  "1.151.384.000"  "4.000,00"
#   neither:    "1.118" (Indonesian thousands or English decimal)  "2024"
#   neither:    "202,955" "2,750": English thousands, or an Indonesian decimal with three
#               digits (the EPPD score "2,750" of the Inspektorat Jabar IKU is 2.75 on a 0-4
#               scale, its target "3,000 poin" is 3)
ENGLISH_EVIDENCE_RE = re.compile(
    r"""\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?   # 1,004,422,800   452,750,000.00
      | \d{1,3}(?:,\d{3})+\.\d+          # 1,077,633.93   3,000.5
    """,
    re.VERBOSE,
)
# A lone decimal point is English evidence in a text layer only: OCR reads the comma of 5-pt
# print as a point ("4,15%" -> "4.15%"), and one such slip turned a scanned column English, so
# that its "1.118 Triliun" was read 1.118
ENGLISH_LONE_DOT_EVIDENCE_RE = re.compile(r"""\d+\.\d{1,2}   # 185.80   54.54""", re.VERBOSE)
INDONESIAN_EVIDENCE_RE = re.compile(
    r"""\d+(?:\.\d{3})*,\d{1,2}      # 36,79   4.000,00
      | \d{1,3}(?:\.\d{3}){2,}(?:,\d+)?   # 1.151.384.000
      | \d{1,3}(?:\.\d{3})+,\d+           # 1.000,125
    """,
    re.VERBOSE,
)
# Thousands groups with both separators, read in no format: "1,095.836.320" (OCR of the
# budget "1.095.836.320"). Only grouping reads it: every separator groups, flagged ambiguous
MIXED_GROUPS_RE = re.compile(r"""\d{1,3}(?:[.,]\d{3}){2,}""", re.VERBOSE)
# Thousands groups, then the grouping separator again before one or two digits: "2.080.00"
# (OCR of "2.080,00": the decimal comma of 5-pt print read as a point). Only one reading: the
# last separator is the decimal mark; flagged ambiguous
SLIPPED_DECIMAL_RE = re.compile(r"""\d{1,3}(?:(?P<sep>[.,])\d{3})+(?P=sep)(?P<frac>\d{1,2})""")
# "1.118": a dot followed by three digits, the reading NUM-02 gives to Indonesian.
NEUTRAL_DOT_GROUP_RE = re.compile(r"""\d{1,3}\.\d{3}   # 1.118   54.000""", re.VERBOSE)

# Why a text with digits is not one number (checked in this order):
# quarter lines "TW 1 = 95", "TW I = 7,8", "Triwulan II 50", "Tb. I", "Trw 3"
QUARTER_RE = re.compile(
    r"""
    ^\s*(?:TW|Triwulan|Tribulan|Trw|Tb\.?)\s*(?:[IV]+|\d)\b
    """,
    re.VERBOSE | re.IGNORECASE,
)
# worked expressions "15/69*100%=22", "2/4*100", "1.151.221.600/3.129.274.170 x 100%",
# "14 = 6 + 12", "$\frac{2}{2} \times 100$"
EXPRESSION_RE = re.compile(
    r"""
    [\d%)]\s*(?:[*/×:+=]|x(?=\s*\d))\s*[\d(]   # 15/69  2*100  6 + 12  x 100
    | =                                        # TW-less "= 95", "...=22"
    | \\frac | \\times | \\sum                 # LaTeX leftovers
    """,
    re.VERBOSE | re.IGNORECASE,
)
# bounds ">= 95", "> 10%", "≤ 5", "maks 5", "min. 3"
BOUND_RE = re.compile(
    r"""
    [<>≤≥]                           # >= 95   > 10%
    | \b(?:maks|max|min)\b           # maks 5   min. 3
    """,
    re.VERBOSE | re.IGNORECASE,
)
# ranges "80 - 90%", "0 - 5", "10 s.d. 20", "10 s/d 20"
RANGE_RE = re.compile(
    r"""
    \d\s*[-–—]\s*\d                  # 80 - 90
    | \d\s*(?:s\.?d\.?|s/d)\s*\d     # 10 s.d. 20
    """,
    re.VERBOSE | re.IGNORECASE,
)
# OCR letters stuck to digits: "12,4O"  "1.151.384.00O"  "l00"  "1O0"
OCR_LETTER_RE = re.compile(r"""[\d.,][OoIl|]|[OoIl|][\d.,]\d""", re.VERBOSE)

# kode rekening (Permendagri 90/2019), which fails the thousands grouping:
# "3.30.01"  "3.30.01.2.01"  "3.30.01.2.01.0001"  "3.31.02.2.01.03"
KODE_REKENING_RE = re.compile(r"""\d{1,2}(?:\.\d{1,2}){1,5}(?:\.\d{4})?""", re.VERBOSE)

_DIGIT_RE = re.compile(r"""\d   # any digit: "WTP" has none""", re.VERBOSE)

_CURRENCIES = {"rp": "Rp", "rp.": "Rp", "idr": "Rp", "us$": "US$", "$usd": "US$", "$ usd": "US$",
               "usd": "US$", "$": "US$"}
_SCALE_WORDS = {"triliun": "triliun", "miliar": "miliar", "milyar": "miliar", "juta": "juta",
                "ribu": "ribu"}


# --------------------------------------------------------------------------------------------
# Reading the digits
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Digits:
    value: float
    decimals: int  # digits printed after the decimal mark
    ambiguous: bool


def _from_match(match: re.Match[str], group_sep: str, ambiguous: bool) -> _Digits:
    int_part = match.group("int").replace(group_sep, "")
    frac = match.group("frac") or ""
    text = f"{int_part}.{frac}" if frac else int_part
    return _Digits(float(text), len(frac), ambiguous)


def _read_in_format(num: str, fmt: NumberFormat) -> _Digits | None:
    """Read a digit group in one format; None when the format has no reading for it."""
    if fmt is NumberFormat.INDONESIAN:
        grouped, plain, lone, sep = (INDONESIAN_GROUPED_RE, INDONESIAN_PLAIN_RE,
                                     INDONESIAN_LONE_DOT_RE, ".")
    else:
        grouped, plain, lone, sep = (ENGLISH_GROUPED_RE, ENGLISH_PLAIN_RE,
                                     ENGLISH_LONE_COMMA_RE, ",")
    if m := grouped.fullmatch(num):
        return _from_match(m, sep, ambiguous=False)
    if m := plain.fullmatch(num):
        return _from_match(m, sep, ambiguous=False)
    if m := lone.fullmatch(num):
        return _from_match(m, "", ambiguous=True)
    return None


def _other(fmt: NumberFormat) -> NumberFormat:
    return NumberFormat.ENGLISH if fmt is NumberFormat.INDONESIAN else NumberFormat.INDONESIAN


def _read_digits(num: str, fmt: NumberFormat) -> _Digits | None:
    """Read in the document's format; fall back to the other format only where that reading is
    the only possible one ("1,077,633.93" in an Indonesian document), flagged ambiguous."""
    reading = _read_in_format(num, fmt)
    if reading is not None:
        return reading
    only_other = ENGLISH_ONLY_RE if fmt is NumberFormat.INDONESIAN else INDONESIAN_ONLY_RE
    if only_other.fullmatch(num):
        other = _read_in_format(num, _other(fmt))
        if other is not None:
            return _Digits(other.value, other.decimals, ambiguous=True)
    if MIXED_GROUPS_RE.fullmatch(num):
        return _Digits(float(re.sub(r"[.,]", "", num)), 0, ambiguous=True)
    if m := SLIPPED_DECIMAL_RE.fullmatch(num):
        whole = re.sub(r"[.,]", "", num[:m.start("frac") - 1])
        return _Digits(float(f"{whole}.{m['frac']}"), len(m["frac"]), ambiguous=True)
    return None


def separator_slip(text: str) -> bool:
    """Digits whose separators follow neither format and that are read only by taking them as a
    slip: mixed thousands groups ("1,095.836.320"), a point for the decimal comma ("2.080.00")."""
    match = CELL_RE.fullmatch(clean_cell(text))
    if match is None:
        return False
    num = match.group("num")
    if any(_read_in_format(num, fmt) is not None for fmt in NumberFormat):
        return False
    return bool(MIXED_GROUPS_RE.fullmatch(num) or SLIPPED_DECIMAL_RE.fullmatch(num))


# --------------------------------------------------------------------------------------------
# Cells
# --------------------------------------------------------------------------------------------


def clean_cell(text: str) -> str:
    """Drop conversion artefacts and fold whitespace: "[bookmark: _GoBack] 1,5 " -> "1,5"."""
    return " ".join(ARTEFACT_RE.sub(" ", text).split())


def _result(raw: str, value: float | None = None, *, is_percent: bool = False,
            scale_word: str | None = None, unit_text: str | None = None,
            currency: str | None = None, ambiguous: bool = False,
            error: str | None = None) -> ParsedNumber:
    return ParsedNumber(value=value, raw=raw, is_percent=is_percent, scale_word=scale_word,
                        unit_text=unit_text, currency=currency, ambiguous=ambiguous, error=error)


def _why_not_a_number(text: str) -> str:
    if QUARTER_RE.search(text):
        return f"quarter line, not a single number: {text!r}"
    if BOUND_RE.search(text):
        return f"bound, not a single number: {text!r}"
    if EXPRESSION_RE.search(text):
        return f"expression, not a number: {text!r}"
    if RANGE_RE.search(text):
        return f"range, not a single number: {text!r}"
    if OCR_LETTER_RE.search(text):
        return f"letter inside a number (OCR?): {text!r}"
    return f"not a number: {text!r}"


def _currency(match: re.Match[str]) -> str | None:
    printed = match.group("cur1") or match.group("cur2")
    if printed is None:
        return None
    return _CURRENCIES[" ".join(printed.lower().split())]


def parse_number(text: str, fmt: NumberFormat = NumberFormat.INDONESIAN) -> ParsedNumber:
    """Read one cell that is meant to hold a number (see the module docstring)."""
    cleaned = clean_cell(text)
    if EMPTY_RE.fullmatch(cleaned):
        return _result(text, is_percent="%" in cleaned)
    if not _DIGIT_RE.search(cleaned):
        return _result(text)  # WTP, A, III, Baik: legitimate text
    match = CELL_RE.fullmatch(cleaned)
    if match is None:
        return _result(text, error=_why_not_a_number(cleaned))
    unit = match.group("unit")
    if unit is not None and not UNIT_RE.fullmatch(unit):
        return _result(text, error=_why_not_a_number(cleaned))
    if bool(match.group("open")) != bool(match.group("close")):
        return _result(text, error=f"unbalanced parenthesis: {cleaned!r}")
    signs = [g for g in ("open", "sign", "sign2") if match.group(g)]
    if len(signs) > 1:
        return _result(text, error=f"more than one sign: {cleaned!r}")
    if match.group("cur1") and match.group("cur2"):
        return _result(text, error=f"two currencies: {cleaned!r}")
    digits = _read_digits(match.group("num"), fmt)
    if digits is None and KODE_REKENING_RE.fullmatch(cleaned):
        return _result(text, error=f"kode rekening, not a number: {cleaned!r}")
    if digits is None:
        return _result(text, error=f"malformed digit grouping for format {fmt.value}: {cleaned!r}")
    negative = bool(match.group("open")) or match.group("sign") in ("-", "−") or bool(
        match.group("sign2"))
    value = -digits.value if negative and digits.value != 0 else digits.value
    scale = match.group("scale")
    return _result(
        text,
        value,
        is_percent=match.group("pct") is not None,
        scale_word=_SCALE_WORDS[scale.lower()] if scale else None,
        unit_text=unit,
        currency=_currency(match),
        ambiguous=digits.ambiguous,
    )


def printed_decimals(text: str, fmt: NumberFormat = NumberFormat.INDONESIAN) -> int:
    """Digits printed after the decimal mark (NUM-TOL): "36,79%" -> 2, "92%" -> 0,
    "Rp.2.585.049.200,-" -> 0, "54.54" -> 2; 0 for anything that is not a number."""
    cleaned = clean_cell(text)
    match = CELL_RE.fullmatch(cleaned)
    if match is None:
        return 0
    digits = _read_digits(match.group("num"), fmt)
    return 0 if digits is None else digits.decimals


# --------------------------------------------------------------------------------------------
# Format of a document / column
# --------------------------------------------------------------------------------------------


def detect_format(cells: Iterable[str], default: NumberFormat | None = None, *,
                  ocr: bool = False) -> NumberFormat:
    """NUM-02: English when English evidence ("1,004,422,800", "1,077,633.93", "185.80") is
    found, outnumbers the neutral "d.ddd" groups and no Indonesian evidence ("36,79",
    "1.151.384.000", "4.000,00") contradicts it; Indonesian when Indonesian evidence is found.
    Cells read by OCR (`ocr`) give no evidence by a lone point ("185.80"): it may be a comma.

    Without either ("202,955", "1.118", "2024" only): `default` when given (a column decided by
    its table or document), else Indonesian."""
    english = indonesian = neutral = 0
    for cell in cells:
        for token in NUMBER_TOKEN_RE.findall(clean_cell(cell)):
            if INDONESIAN_EVIDENCE_RE.fullmatch(token):
                indonesian += 1
            elif ENGLISH_EVIDENCE_RE.fullmatch(token) or (
                    not ocr and ENGLISH_LONE_DOT_EVIDENCE_RE.fullmatch(token)):
                english += 1
            elif NEUTRAL_DOT_GROUP_RE.fullmatch(token):
                neutral += 1
    if english > 0 and indonesian == 0 and english > neutral:
        return NumberFormat.ENGLISH
    if indonesian > 0 or english > 0:
        return NumberFormat.INDONESIAN
    return default or NumberFormat.INDONESIAN


def column_formats(columns: Iterable[Iterable[str]], *, ocr: bool = False) -> list[NumberFormat]:
    """NUM-02 per column: each column by its own evidence, a column without any by the evidence
    of all columns together (the table's). `ocr`: the cells were read by OCR."""
    texts = [list(column) for column in columns]
    table = detect_format((text for column in texts for text in column), ocr=ocr)
    return [detect_format(column, default=table, ocr=ocr) for column in texts]


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def format_number(value: float, decimals: int, percent: bool = False) -> str:
    """Indonesian rendering, half-up rounding of the printed (shortest) decimal form:
    1151384000, 0 -> "1.151.384.000"; 36.79, 2, percent -> "36,79%"; 4000, 2 -> "4.000,00"."""
    if decimals < 0:
        raise ValueError(f"decimals must be >= 0, got {decimals}")
    if not math.isfinite(value):
        raise ValueError(f"cannot format {value!r}")
    with localcontext(Context(prec=80)):
        quantum = Decimal(1).scaleb(-decimals)
        rounded = Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)
        if rounded.is_zero():
            rounded = abs(rounded)  # no "-0,00"
        english = f"{rounded:,.{decimals}f}"
    indonesian = english.translate(str.maketrans({",": ".", ".": ","}))
    return f"{indonesian}%" if percent else indonesian
