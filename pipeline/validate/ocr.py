"""Numbers read by OCR that an auditor must check against the page (issue 5): never altered,
never silently trusted.

    a number cell read with low OCR confidence              parse_error   OCR-01
    digits in a number cell that do not read as a number    parse_error   OCR-02
      (not the label's digit of a quarter surely read empty, `TW1=-`)
    a sign standing apart from the digits ("- 417.758.004")  parse_error   OCR-03
    a number cell read as letters ("om" for "0,00")          parse_error   OCR-04
    a number with a leading zero ("00" for "65,00")          parse_error   OCR-05

Each rule has a pure predicate on the reading (raw text, value, confidence); `warned` is their
union (with NUM-05's), used by the accuracy measurement to count the wrong readings no rule
warns of.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from pipeline.normalize.numbers import EMPTY_RE
from pipeline.normalize.quarters import parse_quarter_line
from pipeline.validate.facts import DocumentFacts, Number
from pipeline.validate.plausibility import slipped_separators_reading
from pipeline.validate.registry import Finding, RuleName, Severity, rule

# tesseract's word confidence (0-100) below which a number is not trusted: on the sample scans
# nearly every misread number came back below it, and few right ones did
MIN_CONFIDENCE = 60.0
HAS_DIGIT = re.compile(r"\d")
PREDIKAT = frozenset({"predikat", "predikat_anggaran"})
# "- 417.758.004" read from a 5-pt E.81 budget cell printed "417.758.004": on a scan a sign set
# apart from its digits is a speck or a ruling's stub as often as a printed minus
DETACHED_SIGN = re.compile(r"""^\s*[-–—−]\s+\d""", re.VERBOSE)
# words a number cell may print ("Baik", "Tercapai", grades "A", "BB", opinion "WTP") are
# longer or in capitals; a short lower-case read ("om", "u", "oo") is digits OCR lost
MAX_GARBLED_LETTERS = 3
# "00" for "65,00", "007": no printed number opens with a zero followed by a digit ("0,50" does
# not: a comma follows its zero)
LEADING_ZERO = re.compile(r"""^\s*[-–—−(]?\s*0\d""", re.VERBOSE)

Reading = Callable[[str, float | None, float | None], bool]


def low_confidence_reading(raw_text: str, value: float | None, confidence: float | None) -> bool:
    return value is not None and confidence is not None and confidence < MIN_CONFIDENCE


def digits_not_a_number(raw_text: str, value: float | None, confidence: float | None) -> bool:
    return (value is None and bool(HAS_DIGIT.search(raw_text))
            and not surely_empty_quarter(raw_text, confidence))


def surely_empty_quarter(raw_text: str, confidence: float | None) -> bool:
    """`TW1=-` read surely: a quarter printed empty, whose only digit is its label's. (An empty
    marker read unsure may be a faint digit; a label with nothing after it lost its value.)"""
    quarter = parse_quarter_line(" ".join(raw_text.split()))
    return (quarter is not None and confidence is not None and confidence >= MIN_CONFIDENCE
            and bool(quarter.value_text) and bool(EMPTY_RE.fullmatch(quarter.value_text)))


def detached_sign_reading(raw_text: str, value: float | None, confidence: float | None) -> bool:
    return (value is not None and bool(DETACHED_SIGN.match(raw_text))
            and not low_confidence_reading(raw_text, value, confidence))


def letters_for_a_number(raw_text: str, value: float | None, confidence: float | None) -> bool:
    text = raw_text.strip()
    # "-" and "- %" are printed empty markers; a bare "%" is a percentage that lost its digits
    empty = bool(EMPTY_RE.fullmatch(text)) and text != "%"
    if value is not None or not text or empty or HAS_DIGIT.search(text):
        return False
    letters = [c for c in text if c.isalpha()]
    garbled = len(letters) <= MAX_GARBLED_LETTERS and not text.isupper()
    return garbled or (confidence is not None and confidence < MIN_CONFIDENCE)


def leading_zero_reading(raw_text: str, value: float | None, confidence: float | None) -> bool:
    return (value is not None and bool(LEADING_ZERO.match(raw_text))
            and not low_confidence_reading(raw_text, value, confidence))


# the readings flagged for a look: the OCR rules' below, and NUM-05's (plausibility.py), which
# flags separators of no format in any source
READINGS: tuple[Reading, ...] = (low_confidence_reading, digits_not_a_number,
                                 detached_sign_reading, letters_for_a_number, leading_zero_reading,
                                 slipped_separators_reading)


def warned(raw_text: str, value: float | None, confidence: float | None) -> bool:
    """An OCR reading one of the rules below warns the auditor about."""
    return any(check(raw_text, value, confidence) for check in READINGS)


def _from_ocr(number: Number) -> bool:
    return number.source == "ocr" and number.measure not in PREDIKAT


def _flags(doc: DocumentFacts, check: Reading, rule_id: str,
           says: Callable[[Number], str]) -> Iterator[Finding]:
    """A warning for every OCR number of the document the reading check flags; `says` gives
    the message's words after "... was read from the scan as"."""
    for ind in doc.indicators:
        for number in filter(_from_ocr, ind.numbers):
            if check(number.raw_text, number.value, number.confidence):
                yield Finding(doc.document_id, ind.indicator_id, number.page,
                              RuleName.PARSE_ERROR, rule_id, Severity.WARNING,
                              f"{number.measure}/{number.period}", number.raw_text, None,
                              f"The {number.measure} {number.period} of {ind.label} was read "
                              f"from the scan as {says(number)}")


@rule("OCR-01", family="ocr", severity=Severity.WARNING, name=RuleName.PARSE_ERROR)
def low_confidence(doc: DocumentFacts) -> Iterator[Finding]:
    """A number read by OCR with low confidence: stored as read, to be checked on the page."""
    yield from _flags(doc, low_confidence_reading, "OCR-01", lambda n: (
        f"{n.raw_text} with OCR confidence {n.confidence:.0f}% (below {MIN_CONFIDENCE:.0f}%): "
        f"check it on page {n.page}."))


@rule("OCR-02", family="ocr", severity=Severity.WARNING, name=RuleName.PARSE_ERROR)
def unreadable_number(doc: DocumentFacts) -> Iterator[Finding]:
    """Digits read by OCR in a number cell that do not form a number: value left empty."""
    yield from _flags(doc, digits_not_a_number, "OCR-02", lambda n: (
        f"\"{n.raw_text}\", which is not a number; its value is left empty: read it on page "
        f"{n.page}."))


@rule("OCR-03", family="ocr", severity=Severity.WARNING, name=RuleName.PARSE_ERROR)
def detached_sign(doc: DocumentFacts) -> Iterator[Finding]:
    """A negative number read by OCR whose minus stands apart from its digits: stored as read,
    to be checked on the page."""
    yield from _flags(doc, detached_sign_reading, "OCR-03", lambda n: (
        f"{n.raw_text}, a minus set apart from the digits, which may be a speck or a ruling's "
        f"stub: check the sign on page {n.page}."))


@rule("OCR-04", family="ocr", severity=Severity.WARNING, name=RuleName.PARSE_ERROR)
def letters_in_a_number_cell(doc: DocumentFacts) -> Iterator[Finding]:
    """A number cell read by OCR as a few letters (or as unsure letters): digits OCR could not
    read, value left empty."""
    yield from _flags(doc, letters_for_a_number, "OCR-04", lambda n: (
        f"\"{n.raw_text}\" where a number is expected; no value is stored: read it on page "
        f"{n.page}."))


@rule("OCR-05", family="ocr", severity=Severity.WARNING, name=RuleName.PARSE_ERROR)
def leading_zero(doc: DocumentFacts) -> Iterator[Finding]:
    """A number read by OCR that opens with a zero followed by a digit, which no printed number
    does: digits were lost or misread; stored as read, to be checked on the page."""
    yield from _flags(doc, leading_zero_reading, "OCR-05", lambda n: (
        f"{n.raw_text}, a zero before a digit that no printed number has, so digits were "
        f"likely lost: check it on page {n.page}."))
