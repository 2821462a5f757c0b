"""The Form E.81 column chain (DOMAIN.md 1.5, E81-01..16) and its summary rows.

    E81-01  12 Rp = sum of the quarters' realisasi Rp          quarter_mismatch
    E81-02  13 Rp = 12 Rp / 7 Rp x 100                         capaian_mismatch
    E81-03  14 Rp = 6 Rp + 12 Rp                               total_mismatch
    E81-04  15 Rp = 14 Rp / 5 Rp x 100, never capped at 100    capaian_mismatch
    E81-05  12 K = sum / last / mean of the quarters' K        quarter_mismatch (warning)
    E81-07  14 K = 6 K + 12 K (flow) or the latest value       total_mismatch
            (the 54/2010 Renja table: 10 = 5 + 7 + 9, the year-n target added)
    E81-11  parent Rp = sum over its children                  total_mismatch
    E81-16  an empty denominator makes a capaian undefined     missing_value
E81-06/08 (13 K, 15 K) are capaian.py's; E81-09/15 plausibility.py's; E81-10 quarters.py's;
the summary rows (E81-12, E81-13) e81_summary.py's; E81-14 predikat.py's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from pipeline.validate.capaian import Method, agrees, expected_text, recompute, shown_result
from pipeline.validate.facts import DocumentFacts, Indicator, Number
from pipeline.validate.kinds import is_cumulative
from pipeline.validate.registry import Finding, RuleName, Severity, rule
from pipeline.validate.tolerance import RUPIAH_SLACK_PER_TERM, Interval, decimals_of, printed, show

E81 = "e81"
QUARTERS = ("tw1", "tw2", "tw3", "tw4")
QUARTER_LABEL = {"tw1": "TW I", "tw2": "TW II", "tw3": "TW III", "tw4": "TW IV"}
PARENT_LEVELS = {"program": "kegiatan", "kegiatan": "sub kegiatan"}
# the Rp columns that add up from sub kegiatan to kegiatan to program (E81-11)
RUPIAH_FIELDS = (
    ("anggaran", "renstra_end", "5 Rp"), ("realisasi_anggaran", "renstra_to_prev", "6 Rp"),
    ("anggaran", "year", "7 Rp"), ("anggaran", "tw1", "Target TW I Rp"),
    ("anggaran", "tw2", "Target TW II Rp"), ("anggaran", "tw3", "Target TW III Rp"),
    ("anggaran", "tw4", "Target TW IV Rp"), ("realisasi_anggaran", "tw1", "Realisasi TW I Rp"),
    ("realisasi_anggaran", "tw2", "Realisasi TW II Rp"),
    ("realisasi_anggaran", "tw3", "Realisasi TW III Rp"),
    ("realisasi_anggaran", "tw4", "Realisasi TW IV Rp"),
    ("realisasi_anggaran", "year", "12 Rp"), ("realisasi_anggaran", "renstra_to_date", "14 Rp"),
)
COLUMN_OF = {(m, p): label for m, p, label in RUPIAH_FIELDS}
JUMLAH_ROW = re.compile(r"""^\s*jumlah""", re.IGNORECASE | re.VERBOSE)
AVERAGE_ROW = re.compile(r"""rata\s*-?\s*rata""", re.IGNORECASE | re.VERBOSE)
PERCENT = 100.0


@dataclass(frozen=True)
class BudgetChain:
    capaian: tuple[str, str]
    realisasi: tuple[str, str]
    target: tuple[str, str]
    columns: str  # "13 Rp = 12 Rp / 7 Rp x 100"
    rule_id: str


BUDGET_CHAINS = (
    BudgetChain(("capaian_anggaran", "year"), ("realisasi_anggaran", "year"),
                ("anggaran", "year"), "13 Rp = 12 Rp / 7 Rp x 100", "E81-02"),
    BudgetChain(("capaian_anggaran", "renstra_to_date"), ("realisasi_anggaran", "renstra_to_date"),
                ("anggaran", "renstra_end"), "15 Rp = 14 Rp / 5 Rp x 100", "E81-04"),
)


def body_rows(doc: DocumentFacts) -> list[Indicator]:
    return [i for i in doc.of_type(E81) if i.level != "summary"]


def summary_rows(doc: DocumentFacts, pattern: re.Pattern[str]) -> list[Indicator]:
    return [i for i in doc.of_type(E81)
            if i.level == "summary" and pattern.search(i.indicator_name or "")]


def first_per_code(rows: Sequence[Indicator]) -> dict[str, Indicator]:
    """The first row of every kode rekening: the one printed with the Rp cells (further
    indicators of the same code are continuation rows without budget)."""
    firsts: dict[str, Indicator] = {}
    for ind in rows:
        if ind.code and ind.code not in firsts:
            firsts[ind.code] = ind
    return firsts


def programs(doc: DocumentFacts) -> list[Indicator]:
    return [i for i in first_per_code(body_rows(doc)).values() if i.level == "program"]


def field_name(measure: str, period: str) -> str:
    return f"{measure}/{period}"


def _rp(value: float | None) -> str:
    return "blank" if value is None else show(value, 0)


def row_finding(doc: DocumentFacts, ind: Indicator, number: Number | None, name: RuleName,
             rule_id: str, severity: Severity, fld: str, expected: str | None,
             message: str) -> Finding:
    page = number.page if number is not None else ind.page
    reported = number.raw_text if number is not None else ""
    return Finding(doc.document_id, ind.indicator_id, page, name, rule_id, severity, fld,
                   reported, expected, message)


@rule("E81-01", family="e81", severity=Severity.ERROR, name=RuleName.QUARTER_MISMATCH)
def budget_year_from_quarters(doc: DocumentFacts) -> Iterator[Finding]:
    """12 Rp equals the sum of the quarters' realisasi Rp (money is always a flow)."""
    for ind in body_rows(doc):
        year = ind.get("realisasi_anggaran", "year")
        parts = [(q, ind.value("realisasi_anggaran", q)) for q in QUARTERS]
        present = [(q, v) for q, v in parts if v is not None]
        if year is None or year.value is None or not present:
            continue
        total = sum(v for _, v in present)
        if abs(year.value - total) <= RUPIAH_SLACK_PER_TERM * len(present):
            continue
        terms = " + ".join(f"{QUARTER_LABEL[q]} {show(v, 0)}" for q, v in present)
        yield row_finding(doc, ind, year, RuleName.QUARTER_MISMATCH, "E81-01", Severity.ERROR,
                       "realisasi_anggaran/year", show(total, 0),
                       f"Column 12 Rp of {ind.label} printed {year.raw_text} but the "
                       f"quarters' realisasi Rp add up to {terms} = {show(total, 0)}.")


@rule("E81-02", family="e81", severity=Severity.ERROR, name=RuleName.CAPAIAN_MISMATCH)
def budget_capaian(doc: DocumentFacts) -> Iterator[Finding]:
    """13 Rp and 15 Rp are their realisasi / anggaran x 100, never capped (E81-02, E81-04);
    an empty denominator makes them undefined (E81-16)."""
    for ind in body_rows(doc):
        for chain in BUDGET_CHAINS:
            found = _budget_capaian(doc, ind, chain)
            if found is not None:
                yield found


def _budget_capaian(doc: DocumentFacts, ind: Indicator, chain: BudgetChain) -> Finding | None:
    capaian, realisasi, target = (ind.get(*chain.capaian), ind.get(*chain.realisasi),
                                  ind.get(*chain.target))
    if capaian is None or capaian.value is None:
        return None
    fld = field_name(*chain.capaian)
    if target is None or target.value is None or target.value == 0:
        denominator = chain.columns.split("/ ")[1].split(" x")[0]
        return row_finding(doc, ind, capaian, RuleName.MISSING_VALUE, "E81-16", Severity.WARNING,
                        fld, None,
                        f"Column {chain.columns} of {ind.label} printed {capaian.raw_text} but "
                        f"{denominator} is {'blank' if target is None else target.raw_text}: "
                        f"the capaian is undefined, not {capaian.raw_text}.")
    if realisasi is None or realisasi.value is None:  # a blank realisation is nothing spent
        realisasi = Number(chain.realisasi[0], capaian.year, chain.realisasi[1], 0.0, "0",
                           capaian.page)
    result = recompute(Method.POSITIVE, realisasi, target)
    if agrees(result, capaian):
        return None
    decimals = decimals_of(capaian.raw_text)
    shown = shown_result(result, decimals)
    message = (f"Column {chain.columns} of {ind.label} = {result.formula} = {shown}; "
               f"the form prints {capaian.raw_text}")
    if capaian.value == PERCENT and (result.raw or 0.0) > PERCENT:
        message += (" (capped at 100; above 100% means the Renstra budget is overrun, which "
                    "is implausible but must be shown)")
    return row_finding(doc, ind, capaian, RuleName.CAPAIAN_MISMATCH, chain.rule_id,
                    Severity.ERROR, fld, expected_text(result, decimals), message + ".")


@rule("E81-03", family="e81", severity=Severity.ERROR, name=RuleName.TOTAL_MISMATCH)
def budget_renstra_to_date(doc: DocumentFacts) -> Iterator[Finding]:
    """14 Rp = 6 Rp + 12 Rp."""
    for ind in body_rows(doc):
        total = ind.get("realisasi_anggaran", "renstra_to_date")
        prev, year = ind.value("realisasi_anggaran", "renstra_to_prev"), \
            ind.value("realisasi_anggaran", "year")
        if total is None or total.value is None or (prev is None and year is None):
            continue
        expected = (prev or 0.0) + (year or 0.0)
        if abs(total.value - expected) <= 2 * RUPIAH_SLACK_PER_TERM:
            continue
        yield row_finding(doc, ind, total, RuleName.TOTAL_MISMATCH, "E81-03", Severity.ERROR,
                       "realisasi_anggaran/renstra_to_date", show(expected, 0),
                       f"Column 14 Rp = 6 Rp + 12 Rp of {ind.label} = {_rp(prev)} + "
                       f"{_rp(year)} = {show(expected, 0)}; the form prints {total.raw_text}.")


@rule("E81-05", family="e81", severity=Severity.WARNING, name=RuleName.QUARTER_MISMATCH)
def year_from_quarters(doc: DocumentFacts) -> Iterator[Finding]:
    """12 K is the sum (flow), the last (level) or the mean (rate) of the quarters' K."""
    for ind in body_rows(doc):
        year = ind.get("realisasi", "year")
        quarters = [(q, n) for q in QUARTERS if (n := ind.get("realisasi", q)) is not None
                    and n.value is not None]
        if year is None or year.value is None or not quarters:
            continue
        intervals = [printed(n.value or 0.0, n.raw_text) for _, n in quarters]
        total = interval_sum(intervals)
        candidates = {"sum": total, "last": intervals[-1],
                      "mean": total.scale(1 / len(intervals))}
        target = printed(year.value, year.raw_text)
        if any(c.overlaps(target) for c in candidates.values()):
            continue
        values = ", ".join(f"{QUARTER_LABEL[q]} {n.raw_text}" for q, n in quarters)
        decimals = decimals_of(year.raw_text)
        yield row_finding(doc, ind, year, RuleName.QUARTER_MISMATCH, "E81-05", Severity.WARNING,
                       "realisasi/year", None,
                       f"Column 12 K of {ind.label} printed {year.raw_text} but no way of "
                       f"adding up the quarters ({values}) gives it: sum "
                       f"{show(total.mid, decimals)}, last {quarters[-1][1].raw_text}, mean "
                       f"{show(total.mid / len(quarters), decimals)}.")


def interval_sum(intervals: Sequence[Interval]) -> Interval:
    total = Interval.exact(0.0)
    for interval in intervals:
        total = total + interval
    return total


@rule("E81-07", family="e81", severity=Severity.ERROR, name=RuleName.TOTAL_MISMATCH)
def renstra_to_date_performance(doc: DocumentFacts) -> Iterator[Finding]:
    """14 K = 6 K + 12 K for flow counts, else the latest known value; never their mean."""
    for ind in body_rows(doc):
        found = _renstra_to_date(doc, ind)
        if found is not None:
            yield found


def forecast_target(ind: Indicator, total: Number, realised: Number | None) -> Number | None:
    """The target standing in for a year not yet realised: the Permendagri 54/2010 Renja table
    estimates the Renstra to date of year n as "10 = 5 + 7 + 9", the realisations to n-1 plus
    the Renja target of year n (column 9). None when the realisation is of the to-date year."""
    if total.year is None or realised is None or realised.year is None \
            or realised.year >= total.year:
        return None
    target = ind.get("target", "year", year=total.year)
    return target if target is not None and target.year == total.year else None


def _renstra_to_date(doc: DocumentFacts, ind: Indicator) -> Finding | None:
    total = ind.get("realisasi", "renstra_to_date")
    if total is None:
        return None
    prev = ind.get("realisasi", "renstra_to_prev")
    year = ind.get("realisasi", "year", year=total.year)
    forecast = forecast_target(ind, total, year)
    terms = (prev, year, forecast) if forecast is not None else (prev, year)
    known = [n for n in terms if n is not None and n.value is not None]
    if total.value is None or not known:
        return None
    summed = interval_sum([printed(n.value or 0.0, n.raw_text) for n in known])
    latest_number = known[-1]
    latest = printed(latest_number.value or 0.0, latest_number.raw_text)
    shown = printed(total.value, total.raw_text)
    if summed.overlaps(shown) or latest.overlaps(shown):
        return None
    decimals = decimals_of(total.raw_text)
    cumulative = is_cumulative(ind)
    added = sum(n.value or 0.0 for n in known)  # as printed: the interval's mid drifts a cent
    expected = added if cumulative else (latest_number.value or 0.0)
    values = " + ".join("blank" if n is None or n.value is None else n.raw_text for n in terms)
    # the columns as the form numbers them: E.81 (86/2017) or the 54/2010 Renja table
    names = ("5", "7", "9") if forecast is not None else ("6 K", "12 K")
    formula = "10 = 5 + 7 + 9" if forecast is not None else "14 = 6 + 12"
    column = "10" if forecast is not None else "14 K"
    message = (f"Column {column} ('{formula}') of {ind.label} printed {total.raw_text} but "
               f"{' + '.join(names)} = {values} = {show(added, decimals)}")
    if not cumulative:
        which = names[terms.index(latest_number)]
        message += (f", and for this non-cumulative indicator ({ind.unit or 'no unit'}) the "
                    f"latest known value is {latest_number.raw_text} ({which})")
    if forecast is None and len(known) == 2 and summed.scale(0.5).overlaps(shown):
        message += "; the printed value is the mean of 6 K and 12 K, which is never right"
    elif forecast is None and len(known) == 1 and summed.scale(0.5).overlaps(shown):
        message += "; the printed value is half of it (a mean with a blank 12 K)"
    return row_finding(doc, ind, total, RuleName.TOTAL_MISMATCH, "E81-07", Severity.ERROR,
                    "realisasi/renstra_to_date", show(expected, decimals), message + ".")


@rule("E81-11", family="e81", severity=Severity.ERROR, name=RuleName.TOTAL_MISMATCH)
def hierarchy_sums(doc: DocumentFacts) -> Iterator[Finding]:
    """Every Rp column of a program = sum over its kegiatan; kegiatan = sum over its sub
    kegiatan."""
    firsts = list(first_per_code(body_rows(doc)).values())
    for parent in firsts:
        if parent.level not in PARENT_LEVELS:
            continue
        children = [c for c in firsts if c.parent_code == parent.code and c is not parent]
        if not children:
            continue
        for measure, period, column in RUPIAH_FIELDS:
            found = _hierarchy(doc, parent, children, measure, period, column)
            if found is not None:
                yield found


def _hierarchy(doc: DocumentFacts, parent: Indicator, children: Sequence[Indicator],
               measure: str, period: str, column: str) -> Finding | None:
    values = [(c, c.value(measure, period)) for c in children]
    total = sum(v or 0.0 for _, v in values)
    printed_number = parent.get(measure, period)
    value = None if printed_number is None else printed_number.value
    if (value or 0.0) == 0 and total == 0:
        return None  # nothing printed on either side (a blank is no spending)
    if value is not None and abs(value - total) <= RUPIAH_SLACK_PER_TERM * len(values):
        return None
    terms = " + ".join(f"{_rp(v)} (row {c.row_no or c.code})" for c, v in values)
    kind = PARENT_LEVELS[parent.level or ""]
    return row_finding(doc, parent, printed_number, RuleName.TOTAL_MISMATCH, "E81-11",
                    Severity.ERROR, field_name(measure, period), show(total, 0),
                    f"{column} of {parent.level} {parent.code} ({parent.label}) printed "
                    f"{_rp(value)} but the sum over its {kind} is {terms} = "
                    f"{show(total, 0)}.")
