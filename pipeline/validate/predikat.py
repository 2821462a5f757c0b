"""Predikat (rating) labels against the scale the document itself uses (DOMAIN.md 2).

PRED-01: the Permendagri 86/2017 bands, closed upward as SIRENBANGDA and seed 001 read them:
R <= 50 Sangat Rendah; <= 65 Rendah; <= 75 Sedang; <= 90 Tinggi; above 90 Sangat Tinggi.
PRED-02: a value in a printed gap (90-91, 75-76, 65-66, 50-51) whose label would change under a
literal ">=" reading gets an info note. E81-14: the E.81 Predikat row rates the Rata-rata row
above it, and when that average changes under POL-01 rescoring, so may the predikat.
A document whose labels belong to another scale is not rated with this one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pipeline.validate.e81 import AVERAGE_ROW, summary_rows
from pipeline.validate.e81_summary import polarity_rescored_averages
from pipeline.validate.facts import DocumentFacts, Indicator, Number
from pipeline.validate.registry import Finding, RuleName, Severity, rule
from pipeline.validate.tolerance import Interval, decimals_of, printed, show

PREDIKAT_ROW_WORD = "predikat"
PREDIKAT_ROW = re.compile(PREDIKAT_ROW_WORD, re.IGNORECASE)


@dataclass(frozen=True)
class Band:
    label: str
    code: str
    upper: float  # PRED-01: R <= upper (closed upward; the last band has no upper bound)
    literal_lower: float  # the printed interval's lower bound (">=" reading)


# Permendagri 86/2017, highest first
PERMENDAGRI = (
    Band("Sangat Tinggi", "ST", float("inf"), 91.0),
    Band("Tinggi", "T", 90.0, 76.0),
    Band("Sedang", "S", 75.0, 66.0),
    Band("Rendah", "R", 65.0, 51.0),
    Band("Sangat Rendah", "SR", 50.0, float("-inf")),
)
LABELS = {b.label.lower(): b for b in PERMENDAGRI} | {b.code.lower(): b for b in PERMENDAGRI}
# which capaian a predikat cell rates
RATED = {"predikat": "capaian", "predikat_anggaran": "capaian_anggaran"}


def band_of(value: float) -> Band:
    """PRED-01: 65,08 -> Sedang; 75,27 -> Tinggi; 41,33 -> Sangat Rendah; 120 -> Sangat Tinggi."""
    for band in reversed(PERMENDAGRI):
        if value <= band.upper:
            return band
    return PERMENDAGRI[0]


def literal_band_of(value: float) -> Band:
    """The printed intervals read literally (R >= 76 Tinggi ...): 75,27 -> Sedang."""
    return next(b for b in PERMENDAGRI if value >= b.literal_lower)


def label_of(number: Number) -> Band | None:
    """The band a printed label names, None when the label is not of this scale."""
    return LABELS.get(" ".join(number.raw_text.split()).lower())


def uses_permendagri(doc: DocumentFacts) -> bool:
    """True when every predikat label printed in the document belongs to the Permendagri
    scale (and there is at least one)."""
    labels = [n for i in doc.indicators for n in i.numbers if n.measure in RATED]
    return bool(labels) and all(label_of(n) is not None for n in labels)


def bands_of(interval: Interval) -> set[str]:
    """Labels a printed value may carry: both sides when its interval straddles a bound."""
    return {band_of(interval.lo).label, band_of(interval.hi).label}


@rule("PRED-01", family="predikat", severity=Severity.ERROR, name=RuleName.PREDIKAT_MISMATCH)
def predikat_labels(doc: DocumentFacts) -> Iterator[Finding]:
    """Each predikat cell names the band of the capaian it rates (same row, or the E.81
    Rata-rata row for the Predikat row)."""
    if not uses_permendagri(doc):
        return
    averages = summary_rows(doc, AVERAGE_ROW)
    for ind in doc.indicators:
        for number in ind.numbers:
            if number.measure not in RATED:
                continue
            rated = _rated_value(ind, number, averages)
            if rated is not None:
                yield from _check(doc, ind, number, rated)


def _rated_value(ind: Indicator, number: Number, averages: Sequence[Indicator]) -> Number | None:
    measure = RATED[number.measure]
    own = ind.get(measure, number.period)
    if own is not None and own.value is not None:
        return own
    if PREDIKAT_ROW_WORD in (ind.indicator_name or "").lower():
        for average in averages:
            value = average.get(measure, number.period)
            if value is not None and value.value is not None:
                return value
    return None


def _check(doc: DocumentFacts, ind: Indicator, number: Number, rated: Number) -> Iterator[Finding]:
    label = label_of(number)
    if label is None or rated.value is None:
        return
    interval = printed(rated.value, rated.raw_text)
    allowed = bands_of(interval)
    fld = f"{number.measure}/{number.period}"
    shown = " ".join(number.raw_text.split())
    rule_id = "E81-14" if ind.table_type == "e81" else "PRED-01"
    if label.label not in allowed:
        expected = band_of(rated.value).label
        yield Finding(doc.document_id, ind.indicator_id, number.page,
                      RuleName.PREDIKAT_MISMATCH, rule_id, Severity.ERROR, fld, shown, expected,
                      f"Predikat printed {shown} for a capaian of {rated.raw_text}, but "
                      f"{rated.raw_text} lies in the band {_band_text(band_of(rated.value))} = "
                      f"{expected} (Permendagri 86/2017 scale, PRED-01).")
        return
    literal = literal_band_of(rated.value)
    if literal.label != label.label:
        yield Finding(doc.document_id, ind.indicator_id, number.page,
                      RuleName.PREDIKAT_MISMATCH, "PRED-02", Severity.INFO, fld, shown,
                      label.label,
                      f"{rated.raw_text} lies in a gap of the printed intervals: {shown} is "
                      f"right with the bands closed upward (PRED-01); read literally "
                      f"({label.label} from {label.literal_lower:g}%) it would be "
                      f"{literal.label}.")


def _band_text(band: Band) -> str:
    lower = next((b.upper for b in PERMENDAGRI if b.upper < band.upper), None)
    if lower is None:
        return f"R <= {show(band.upper, 0)}%"
    if band.upper == float("inf"):
        return f"R > {show(lower, 0)}%"
    return f"{show(lower, 0)}% < R <= {show(band.upper, 0)}%"


@rule("E81-14", family="predikat", severity=Severity.ERROR, name=RuleName.PREDIKAT_MISMATCH)
def predikat_after_rescoring(doc: DocumentFacts) -> Iterator[Finding]:
    """The E.81 predikat of an average that changes when programs are rescored by polarity."""
    if not uses_permendagri(doc):
        return
    rows = summary_rows(doc, PREDIKAT_ROW)
    for rescored in polarity_rescored_averages(doc):
        measure, period = rescored.chain.capaian
        for row in rows:
            number = row.get("predikat", period) if measure == "capaian" else None
            label = None if number is None else label_of(number)
            if number is None or label is None:
                continue
            expected = band_of(rescored.value)
            if expected.label == label.label:
                continue
            decimals = decimals_of(rescored.printed.raw_text)
            shown = " ".join(number.raw_text.split())
            yield Finding(doc.document_id, row.indicator_id, number.page,
                          RuleName.PREDIKAT_MISMATCH, "E81-14", Severity.ERROR,
                          f"predikat/{period}", shown, expected.label,
                          f"Predikat printed {shown} rates the printed average "
                          f"{rescored.printed.raw_text}; with lower-is-better programs rescored "
                          f"(POL-01) the average is {show(rescored.value, decimals, True)}, "
                          f"which is {expected.label} ({_band_text(expected)}).")
