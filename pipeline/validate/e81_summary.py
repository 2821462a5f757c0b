"""The summary rows of a Form E.81 (DOMAIN.md 1.5): totals and averages over program rows.

    E81-12  "Jumlah" row = sum over program rows only (not sasaran, kegiatan, sub kegiatan)
    E81-13  "Rata-rata" row = mean of the program rows' capaian (K); for Rp the mean or the
            aggregate Sum(12 Rp) / Sum(7 Rp), either accepted and the method stated (info);
            POL-01: the mean again after rescoring lower-is-better programs
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pipeline.validate.capaian import CHAINS, Chain, Method, agrees, recompute, shown_result
from pipeline.validate.e81 import (AVERAGE_ROW, COLUMN_OF, JUMLAH_ROW, PERCENT, field_name,
                                   interval_sum, programs, row_finding, summary_rows)
from pipeline.validate.facts import DocumentFacts, Indicator, Number
from pipeline.validate.registry import Finding, RuleName, Severity, rule
from pipeline.validate.tolerance import RUPIAH_SLACK_PER_TERM, Interval, decimals_of, printed, show


@rule("E81-12", family="e81", severity=Severity.ERROR, name=RuleName.TOTAL_MISMATCH)
def jumlah_row(doc: DocumentFacts) -> Iterator[Finding]:
    """The "Jumlah Anggaran dan Realisasi" row sums the program rows only."""
    rows = programs(doc)
    for summary in summary_rows(doc, JUMLAH_ROW):
        for number in summary.numbers:
            if number.value is None or (number.measure, number.period) not in COLUMN_OF:
                continue
            values = [p.value(number.measure, number.period) or 0.0 for p in rows]
            total = sum(values)
            if abs(number.value - total) <= RUPIAH_SLACK_PER_TERM * len(values):
                continue
            yield row_finding(doc, summary, number, RuleName.TOTAL_MISMATCH, "E81-12",
                           Severity.ERROR, field_name(number.measure, number.period),
                           show(total, 0),
                           f"The Jumlah row prints {number.raw_text} under "
                           f"{COLUMN_OF[(number.measure, number.period)]} but the "
                           f"{len(values)} program rows add up to {show(total, 0)} "
                           f"(sasaran, kegiatan and sub kegiatan rows are not counted).")


@dataclass(frozen=True)
class Rescored:
    """An average row recomputed from program capaian rescored with their polarity."""

    summary: Indicator
    printed: Number
    chain: Chain
    value: float
    rescored_rows: tuple[str, ...]  # "row 40 198,75% -> 1,20%"


def polarity_rescored_averages(doc: DocumentFacts) -> list[Rescored]:
    """E81-13 with POL-01: the Rata-rata K cells recomputed after rescoring every program
    capaian with its polarity; only where rescoring changes something."""
    rows = programs(doc)
    out: list[Rescored] = []
    for summary in summary_rows(doc, AVERAGE_ROW):
        for chain in CHAINS:
            average = summary.get(*chain.capaian)
            if average is None or average.value is None or not rows:
                continue
            values, notes = _rescored_values(rows, chain)
            if not notes:
                continue
            out.append(Rescored(summary, average, chain, sum(values) / len(values),
                                tuple(notes)))
    return out


def _rescored_values(rows: Sequence[Indicator], chain: Chain) -> tuple[list[float], list[str]]:
    values: list[float] = []
    notes: list[str] = []
    for row in rows:
        capaian = row.get(*chain.capaian)
        value = 0.0 if capaian is None or capaian.value is None else capaian.value
        realisasi, target = row.get(*chain.realisasi), row.get(*chain.target)
        if (row.polarity == "negative" and realisasi is not None and target is not None
                and realisasi.value is not None and target.value):
            result = recompute(Method.NEGATIVE, realisasi, target)
            rescored = max(result.raw or 0.0, 0.0)
            if capaian is not None and not agrees(result, capaian):
                notes.append(f"row {row.row_no} {capaian.raw_text} -> "
                             f"{shown_result(result, 2)}")
                value = rescored
        values.append(value)
    return values, notes


@rule("E81-13", family="e81", severity=Severity.ERROR, name=RuleName.TOTAL_MISMATCH)
def average_rows(doc: DocumentFacts) -> Iterator[Finding]:
    """Rata-rata K = mean of the program rows' capaian; Rp = that mean or Sum(12 Rp)/Sum(7 Rp)
    (either accepted, the method stated); a program rescored by polarity changes the mean."""
    rows = programs(doc)
    if not rows:
        return
    for summary in summary_rows(doc, AVERAGE_ROW):
        for number in summary.numbers:
            if number.value is None or number.measure not in ("capaian", "capaian_anggaran"):
                continue
            found = _average(doc, summary, number, rows)
            if found is not None:
                yield found
    for rescored in polarity_rescored_averages(doc):
        found = _rescored_finding(doc, rescored)
        if found is not None:
            yield found


def _average(doc: DocumentFacts, summary: Indicator, number: Number,
             rows: Sequence[Indicator]) -> Finding | None:
    cells = [r.get(number.measure, number.period) for r in rows]
    intervals = [Interval.exact(0.0) if c is None or c.value is None
                 else printed(c.value, c.raw_text) for c in cells]
    mean = interval_sum(intervals).scale(1 / len(intervals))
    shown = printed(number.value or 0.0, number.raw_text)
    decimals = decimals_of(number.raw_text)
    if mean.overlaps(shown):
        return None
    fld = field_name(number.measure, number.period)
    if number.measure == "capaian_anggaran":
        aggregate = _aggregate(rows, number.period)
        if aggregate is not None and aggregate[0].overlaps(shown):
            return row_finding(doc, summary, number, RuleName.TOTAL_MISMATCH, "E81-13",
                            Severity.INFO, fld, show(aggregate[0].mid, decimals, True),
                            f"The Rata-rata budget capaian {number.raw_text} is the aggregate "
                            f"{aggregate[1]} over the {len(rows)} programs (accepted); the "
                            f"mean of their capaian would be {show(mean.mid, decimals, True)}.")
    values = " + ".join("0" if c is None else c.raw_text for c in cells)
    return row_finding(doc, summary, number, RuleName.TOTAL_MISMATCH, "E81-13", Severity.ERROR,
                    fld, show(mean.mid, decimals, True),
                    f"The Rata-rata row prints {number.raw_text} but the mean of the "
                    f"{len(rows)} program rows is ({values}) / {len(rows)} = "
                    f"{show(mean.mid, decimals, True)}.")


def _aggregate(rows: Sequence[Indicator], period: str) -> tuple[Interval, str] | None:
    realisasi_period, target_period = (("year", "year") if period == "year"
                                       else ("renstra_to_date", "renstra_end"))
    spent = sum(r.value("realisasi_anggaran", realisasi_period) or 0.0 for r in rows)
    budget = sum(r.value("anggaran", target_period) or 0.0 for r in rows)
    if budget <= 0:
        return None
    ratio = Interval.exact(spent).widened(len(rows)).divided_by(
        Interval.exact(budget).widened(len(rows)))
    if ratio is None:
        return None
    return ratio.scale(PERCENT), f"{show(spent, 0)} / {show(budget, 0)} x 100"


def _rescored_finding(doc: DocumentFacts, rescored: Rescored) -> Finding | None:
    number = rescored.printed
    decimals = decimals_of(number.raw_text)
    if printed(number.value or 0.0, number.raw_text).overlaps(
            Interval.exact(rescored.value).widened(0.5 * 10 ** -decimals)):
        return None
    return row_finding(doc, rescored.summary, number, RuleName.CAPAIAN_MISMATCH, "POL-01",
                    Severity.ERROR, field_name(*rescored.chain.capaian),
                    show(rescored.value, decimals, True),
                    f"The Rata-rata row prints {number.raw_text}, the mean of the program rows "
                    f"as printed, but with lower-is-better programs rescored by POL-01 "
                    f"({'; '.join(rescored.rescored_rows)}) the mean is "
                    f"{show(rescored.value, decimals, True)}.")

