"""Numbers read by OCR that an auditor must check against the page (issue 5): never altered,
never silently trusted.

    a number cell read with low OCR confidence           parse_error   OCR-01
    digits in a number cell that do not read as a number parse_error   OCR-02
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
