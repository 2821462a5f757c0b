"""Quarterly series: E.81 quarterly targets against the annual target (E81-10), other tables'
quarterly targets against theirs (RA-02) and the Rencana Aksi quarter series (RA-01, RA-04,
RA-05), DOMAIN.md 1.5 and 4.

A quarterly target series fits one accumulation type: constant (a level: each quarter = the
annual value), cumulative (written running totals: never decreasing) or per-quarter flow (the
quarters add up to the year). A series that fits none, or two different values printed for one
quarter, is a quarter_mismatch.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise

from pipeline.normalize.numbers import printed_decimals
from pipeline.normalize.units import unit_of
from pipeline.validate.facts import DocumentFacts, Indicator, Number
from pipeline.validate.kinds import is_cumulative, name_key
from pipeline.validate.registry import Finding, RuleName, Severity, rule
from pipeline.validate.tolerance import RUPIAH_SLACK_PER_TERM, printed, show

QUARTERS = ("tw1", "tw2", "tw3", "tw4")
QUARTER_LABEL = {"tw1": "TW I", "tw2": "TW II", "tw3": "TW III", "tw4": "TW IV"}
RENCANA_AKSI = "rencana_aksi"
# RA-01: in a per-quarter flow no quarter is more than this many times the next largest one
# (004: 70 / 585 / 120 / 170 has 585 = 3,4 x 170; the real per-quarter flows of the seeds stay
# within 2 x: 10 / 20 / 20 / 10, 7 / 3 / 4 / 4, 75 / 65 / 55 / 35).
FLOW_OUTLIER_RATIO = 3.0
# RA-01 needs a series to judge: with fewer quarters every pattern fits
MIN_QUARTERS_FOR_TYPE = 3
# RA-02: a single quarter (`- / - / - / 4,15%`, a year-end statistic) is the year's by definition
MIN_QUARTERS_FOR_YEAR = 2
# RA-05: a Satuan printed at the end of the indicator's name: "Jumlah Pengadaan Rambu (unit)",
# "... uji berkala di Jawa Barat (kendaraan)"
NAME_UNIT = re.compile(r"""\(\s*[a-z][a-z'’]*(?:\s*[/ ]\s*[a-z][a-z'’]*)?\s*\)\s*$""",
                       re.IGNORECASE | re.VERBOSE)
# RA-05: an "indicator" that states a goal ("Meningkatnya ...") is not measurable
GOAL_STATEMENT = re.compile(r"""^\s*(?:meningkatnya|menurunnya|terwujudnya|tercapainya)\b""",
                            re.IGNORECASE | re.VERBOSE)


@rule("E81-10", family="quarters", severity=Severity.ERROR, name=RuleName.QUARTER_MISMATCH)
def quarter_targets_within_year(doc: DocumentFacts) -> Iterator[Finding]:
    """E.81 quarterly targets: a flow's quarters add up to at most the annual target; a level's
    quarters each stay at or below it; the quarters' budgets add up to at most 7 Rp."""
    for ind in doc.of_type("e81"):
        if ind.level == "summary":
            continue
        found = _performance_targets(doc, ind)
        if found is not None:
            yield found
        found = _budget_targets(doc, ind)
        if found is not None:
            yield found


def _quarter_numbers(ind: Indicator, measure: str) -> list[tuple[str, Number]]:
    return [(q, n) for q in QUARTERS if (n := ind.get(measure, q)) is not None
            and n.value is not None]


def _performance_targets(doc: DocumentFacts, ind: Indicator) -> Finding | None:
    annual = ind.get("target", "year")
    quarters = _quarter_numbers(ind, "target")
    if annual is None or annual.value is None or not quarters:
        return None
    limit = printed(annual.value, annual.raw_text).hi
    if all(n.value == annual.value for _, n in quarters):
        return None  # a level restated each quarter
    if is_cumulative(ind):
        running = 0.0
        for q, n in quarters:
            running += n.value or 0.0
            if running > limit:
                terms = " + ".join(f"{QUARTER_LABEL[p]} {m.raw_text}" for p, m in quarters
                                   if QUARTERS.index(p) <= QUARTERS.index(q))
                return _finding(doc, ind, n, "target", q,
                                f"The quarterly targets of {ind.label}, a count added up over "
                                f"the year, reach {terms} = {show(running, 2)} {ind.unit or ''}"
                                f" by {QUARTER_LABEL[q]}, above the annual target 7 K = "
                                f"{annual.raw_text}.")
        return None
    if ind.polarity == "negative":
        return None
    for q, n in quarters:
        if (n.value or 0.0) > limit:
            return _finding(doc, ind, n, "target", q,
                            f"The {QUARTER_LABEL[q]} target of {ind.label} is {n.raw_text}, "
                            f"above the annual target 7 K = {annual.raw_text}; a level or "
                            f"share target of one quarter cannot exceed the year's.")
    return None


def _budget_targets(doc: DocumentFacts, ind: Indicator) -> Finding | None:
    annual = ind.get("anggaran", "year")
    quarters = _quarter_numbers(ind, "anggaran")
    if annual is None or annual.value is None or not quarters:
        return None
    running = 0.0
    for q, n in quarters:
        running += n.value or 0.0
        if running > annual.value + RUPIAH_SLACK_PER_TERM * len(quarters):
            terms = " + ".join(f"{QUARTER_LABEL[p]} {m.raw_text}" for p, m in quarters
                               if QUARTERS.index(p) <= QUARTERS.index(q))
            return _finding(doc, ind, n, "anggaran", q,
                            f"The quarterly budget targets of {ind.label} add up to {terms} = "
                            f"{show(running, 0)}, above the year's budget 7 Rp = "
                            f"{annual.raw_text}.")
    return None


def decimals_of(number: Number) -> int:
    """Decimals of a quarter cell as printed after its label ("TW 2 = 54,54" -> 2)."""
    return printed_decimals(value_text(number))


def _finding(doc: DocumentFacts, ind: Indicator, number: Number, measure: str, quarter: str,
             message: str, rule_id: str = "E81-10") -> Finding:
    return Finding(doc.document_id, ind.indicator_id, number.page, RuleName.QUARTER_MISMATCH,
                   rule_id, Severity.ERROR, f"{measure}/{quarter}", number.raw_text, None,
                   message)


def series_type(values: Sequence[float]) -> str | None:
    """RA-01: "constant", "cumulative" (never decreasing) or "flow" (no outlier quarter);
    None when the series fits no type. 70/585/120/170 -> None; 39/78/117/156 -> cumulative."""
    if len(set(values)) == 1:
        return "constant"
    if all(a <= b for a, b in pairwise(values)):
        return "cumulative"
    ordered = sorted(values, reverse=True)
    if ordered[1] > 0 and ordered[0] > FLOW_OUTLIER_RATIO * ordered[1]:
        return None
    return "flow"


@rule("RA-01", family="quarters", severity=Severity.ERROR, name=RuleName.QUARTER_MISMATCH)
def rencana_aksi_series(doc: DocumentFacts) -> Iterator[Finding]:
    """The Rencana Aksi quarterly targets fit one accumulation type; one value per quarter."""
    for ind in doc.of_type(RENCANA_AKSI):
        yield from _two_values(doc, ind)
        quarters = _quarter_numbers(ind, "target")
        values = [n.value or 0.0 for _, n in quarters]
        if len(values) < MIN_QUARTERS_FOR_TYPE or series_type(values) is not None:
            continue
        peak_q, peak = max(quarters, key=lambda qn: qn[1].value or 0.0)
        series = " / ".join(n.raw_text for _, n in quarters)
        yield _finding(doc, ind, peak, "target", peak_q,
                       f"The quarterly targets of {ind.label} ({series}) fit no accumulation "
                       f"type: not constant, not a running total (they fall after "
                       f"{QUARTER_LABEL[peak_q]}), and as per-quarter amounts "
                       f"{QUARTER_LABEL[peak_q]} = {show(peak.value or 0.0, decimals_of(peak))} "
                       f"is more than {FLOW_OUTLIER_RATIO:g} times any other quarter.", "RA-01")


def _two_values(doc: DocumentFacts, ind: Indicator) -> Iterator[Finding]:
    for q in QUARTERS:
        numbers = ind.all_of("target", q)
        values = {n.value for n in numbers}
        if len(values) > 1:
            shown = " and ".join(n.raw_text for n in numbers)
            yield _finding(doc, ind, numbers[-1], "target", q,
                           f"{ind.label} prints two different {QUARTER_LABEL[q]} targets: "
                           f"{shown}.", "RA-01")


@rule("RA-02", family="quarters", severity=Severity.WARNING, name=RuleName.QUARTER_MISMATCH)
def quarter_targets_lead_to_the_year(doc: DocumentFacts) -> Iterator[Finding]:
    """Quarterly targets printed beside an annual target (IKU, Perjanjian Kinerja, Rencana Aksi;
    E.81 has E81-10) lead to it by one accumulation type (`leads_to`). Reported on the quarter
    the series breaks at: the last before it falls, else the last quarter."""
    for ind in doc.indicators:
        if ind.table_type == "e81":
            continue
        annual = ind.get("target", "year")
        quarters = _quarter_numbers(ind, "target")
        if annual is None or annual.value is None or len(quarters) < MIN_QUARTERS_FOR_YEAR:
            continue
        if leads_to(annual, [n for _, n in quarters], ind.polarity):
            continue
        values = [n.value or 0.0 for _, n in quarters]
        breaks = next((k for k, (a, b) in enumerate(pairwise(values)) if b < a), len(values) - 1)
        q, at = quarters[breaks]
        series = " / ".join(f"{QUARTER_LABEL[p]} {value_text(n)}" for p, n in quarters)
        fall = (f"they fall after {QUARTER_LABEL[q]}" if breaks < len(values) - 1
                else f"the last is {value_text(at)}")
        decimals = max(decimals_of(n) for _, n in quarters)
        yield _finding(doc, ind, at, "target", q,
                       f"The quarterly targets of {ind.label} ({series}) do not lead to the "
                       f"annual target {annual.raw_text}: they are not the same each quarter, "
                       f"not running totals that end at it ({fall}), their sum is "
                       f"{show(sum(values), decimals)} and their mean "
                       f"{show(sum(values) / len(values), 2)}.", "RA-02")


def value_text(number: Number) -> str:
    """The printed value without its quarter label: "TW 2 = 43,57" -> "43,57"."""
    return " ".join(number.raw_text.split("=")[-1].split())


def leads_to(annual: Number, quarters: Sequence[Number], polarity: str | None) -> bool:
    """The quarters reach the annual target as a level restated each quarter, as running totals
    ending at it (never decreasing; never increasing for a negative indicator), as per-quarter
    amounts adding up to it, or as quarterly rates it is the mean of (DOMAIN.md 4, types A-E);
    equal within the printed precision."""
    year = printed(annual.value or 0.0, annual.raw_text)
    cells = [printed(n.value or 0.0, value_text(n)) for n in quarters]
    values = [n.value or 0.0 for n in quarters]
    total = sum(cells[1:], cells[0])
    running = (all(a <= b for a, b in pairwise(values))
               or (polarity == "negative" and all(a >= b for a, b in pairwise(values))))
    return (all(cell.overlaps(year) for cell in cells)
            or (running and cells[-1].overlaps(year))
            or total.overlaps(year)
            or total.scale(1 / len(cells)).overlaps(year))


@rule("RA-04", family="quarters", severity=Severity.ERROR,
      name=RuleName.CROSS_DOCUMENT_MISMATCH)
def same_indicator_same_targets(doc: DocumentFacts) -> Iterator[Finding]:
    """The same indicator carries the same quarterly targets wherever it appears in a
    Rencana Aksi (reported on the later row)."""
    first: dict[str, Indicator] = {}
    for ind in doc.of_type(RENCANA_AKSI):
        key = name_key(ind.indicator_name)
        if not key:
            continue
        earlier = first.setdefault(key, ind)
        if earlier is ind:
            continue
        differing = [q for q in QUARTERS
                     if (a := earlier.value("target", q)) is not None
                     and (b := ind.value("target", q)) is not None and a != b]
        if not differing:
            continue
        q = differing[-1]
        mine, theirs = ind.get("target", q), earlier.get("target", q)
        if mine is None or theirs is None:
            continue
        yield Finding(doc.document_id, ind.indicator_id, mine.page,
                      RuleName.CROSS_DOCUMENT_MISMATCH, "RA-04", Severity.ERROR, f"target/{q}",
                      mine.raw_text, theirs.raw_text,
                      f"{ind.label} ({ind.level}) has the {QUARTER_LABEL[q]} target "
                      f"{show(mine.value or 0.0, decimals_of(mine))} but the same indicator at "
                      f"{earlier.level} level (page {earlier.page}) has "
                      f"{show(theirs.value or 0.0, decimals_of(theirs))}; they differ in "
                      f"{', '.join(QUARTER_LABEL[d] for d in differing)}.")


@rule("RA-05", family="quarters", severity=Severity.WARNING, name=RuleName.MISSING_VALUE)
def rencana_aksi_cells_present(doc: DocumentFacts) -> Iterator[Finding]:
    """A Rencana Aksi row with targets names a measurable indicator, its Satuan (in its column,
    printed with every target: `35 orang`, or closing the name: `(unit)`) and, for sub
    kegiatan, its penanggung jawab."""
    for ind in doc.of_type(RENCANA_AKSI):
        if not any(n.value is not None for n in ind.numbers):
            continue
        name = ind.indicator_name or ""
        if not name.strip() or GOAL_STATEMENT.match(name):
            yield _missing(doc, ind, "indicator_name", name,
                           f"The {ind.level} row on page {ind.page} has targets but its "
                           f"indicator cell holds a goal statement ('{name}'), not a "
                           f"measurable indicator name.", "RA-05")
        targets = [n.raw_text for n in ind.numbers if n.measure == "target"]
        printed_units = [unit_of(t) for t in targets]
        if not ind.unit and not all(printed_units) and not NAME_UNIT.search(name):
            yield _missing(doc, ind, "unit", "",
                           f"{ind.label} has targets but no Satuan.", "RA-05")
        if ind.level == "sub_kegiatan" and not ind.responsible:
            yield _missing(doc, ind, "responsible", "",
                           f"The sub kegiatan {ind.label} has no penanggung jawab.", "RA-05")


def _missing(doc: DocumentFacts, ind: Indicator, fld: str, reported: str, message: str,
             rule_id: str) -> Finding:
    return Finding(doc.document_id, ind.indicator_id, ind.page, RuleName.MISSING_VALUE, rule_id,
                   Severity.WARNING, fld, reported, None, message)
