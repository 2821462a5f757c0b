"""Numbers read by OCR that an auditor must check against the page (issue 5): never altered,
never silently trusted.

    a number cell read with low OCR confidence           parse_error   OCR-01
    digits in a number cell that do not read as a number parse_error   OCR-02
    a sign standing apart from the digits ("- 417.758.004") parse_error   OCR-03
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.validate.facts import DocumentFacts, Indicator, Number
from pipeline.validate.registry import Finding, RuleName, Severity, rule

# tesseract's word confidence (0-100) below which a number is not trusted: on the sample scans
# nearly every misread number came back below it, and few right ones did
MIN_CONFIDENCE = 60.0
HAS_DIGIT = re.compile(r"\d")
PREDIKAT = frozenset({"predikat", "predikat_anggaran"})
# "- 417.758.004" read from a 5-pt E.81 budget cell printed "417.758.004": on a scan a sign set
# apart from its digits is a speck or a ruling's stub as often as a printed minus
DETACHED_SIGN = re.compile(r"""^\s*[-–—−]\s+\d""", re.VERBOSE)


def warned(raw_text: str, value: float | None, confidence: float | None) -> bool:
    """An OCR reading the rules below warn the auditor about."""
    if value is None:
        return bool(HAS_DIGIT.search(raw_text))
    return (confidence is not None and confidence < MIN_CONFIDENCE) or bool(
        DETACHED_SIGN.match(raw_text))


def _from_ocr(number: Number) -> bool:
    return number.source == "ocr" and number.measure not in PREDIKAT


def _finding(doc: DocumentFacts, ind: Indicator, number: Number, rule_id: str,
             message: str) -> Finding:
    return Finding(doc.document_id, ind.indicator_id, number.page, RuleName.PARSE_ERROR, rule_id,
                   Severity.WARNING, f"{number.measure}/{number.period}", number.raw_text, None,
                   message)


@rule("OCR-01", family="ocr", severity=Severity.WARNING, name=RuleName.PARSE_ERROR)
def low_confidence(doc: DocumentFacts) -> Iterator[Finding]:
    """A number read by OCR with low confidence: stored as read, to be checked on the page."""
    for ind in doc.indicators:
        for number in filter(_from_ocr, ind.numbers):
            if number.value is not None and number.confidence is not None \
                    and number.confidence < MIN_CONFIDENCE:
                yield _finding(doc, ind, number, "OCR-01", (
                    f"The {number.measure} {number.period} of {ind.label} was read from the "
                    f"scan as {number.raw_text} with OCR confidence {number.confidence:.0f}% "
                    f"(below {MIN_CONFIDENCE:.0f}%): check it on page {number.page}."))


@rule("OCR-02", family="ocr", severity=Severity.WARNING, name=RuleName.PARSE_ERROR)
def unreadable_number(doc: DocumentFacts) -> Iterator[Finding]:
    """Digits read by OCR in a number cell that do not form a number: value left empty."""
    for ind in doc.indicators:
        for number in filter(_from_ocr, ind.numbers):
            if number.value is None and HAS_DIGIT.search(number.raw_text):
                yield _finding(doc, ind, number, "OCR-02", (
                    f"The {number.measure} {number.period} of {ind.label} was read from the "
                    f"scan as \"{number.raw_text}\", which is not a number; its value is left "
                    f"empty: read it on page {number.page}."))


@rule("OCR-03", family="ocr", severity=Severity.WARNING, name=RuleName.PARSE_ERROR)
def detached_sign(doc: DocumentFacts) -> Iterator[Finding]:
    """A negative number read by OCR whose minus stands apart from its digits: stored as read,
    to be checked on the page."""
    for ind in doc.indicators:
        for number in filter(_from_ocr, ind.numbers):
            if number.value is not None and DETACHED_SIGN.match(number.raw_text) and (
                    number.confidence is None or number.confidence >= MIN_CONFIDENCE):
                yield _finding(doc, ind, number, "OCR-03", (
                    f"The {number.measure} {number.period} of {ind.label} was read from the "
                    f"scan as {number.raw_text}, a minus set apart from the digits, which may be "
                    f"a speck or a ruling's stub: check the sign on page {number.page}."))
