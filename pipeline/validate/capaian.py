"""Capaian recomputed from realisasi and target with the indicator's polarity (POL-01/02),
compared at printed precision (NUM-TOL).

    positive   realisasi / target x 100
    negative   (2 x target - realisasi) / target x 100, floored at 0        (POL-01 default)
    accepted   target / realisasi x 100 for a negative indicator            (info: method)

The E.81 performance chain uses the same computation: 13 K from 12 K / 7 K (E81-06) and 15 K
from 14 K / 5 K (E81-08); the budget columns (E81-02, E81-04) are in e81.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from pipeline.validate.facts import DocumentFacts, Indicator, Number
from pipeline.validate.kinds import on_one_scale
from pipeline.validate.registry import Finding, RuleName, Severity, rule
from pipeline.validate.tolerance import Interval, decimals_of, printed, show

PERCENT = 100.0
# POL-01: a negative-polarity capaian below zero is shown as 0 (the raw value goes in the message)
NEGATIVE_FLOOR = 0.0


class Method(StrEnum):
    POSITIVE = "realisasi / target x 100"
    NEGATIVE = "(2 x target - realisasi) / target x 100"
    ALTERNATIVE = "target / realisasi x 100"


@dataclass(frozen=True)
class Chain:
    """Which printed numbers a capaian cell is computed from."""

    capaian: tuple[str, str]  # (measure, period) of the capaian cell
    realisasi: tuple[str, str]
    target: tuple[str, str]
    label: str  # how the message names the capaian
    e81_id: str  # the DOMAIN id when the row is an E.81 row


CHAINS = (
    Chain(("capaian", "year"), ("realisasi", "year"), ("target", "year"),
          "Capaian {year}", "E81-06"),
    Chain(("capaian", "renstra_to_date"), ("realisasi", "renstra_to_date"),
          ("target", "renstra_end"), "Capaian Renstra s/d {year}", "E81-08"),
)


@dataclass(frozen=True)
class Recomputed:
    method: Method
    interval: Interval | None  # None: undefined (divisor may be 0)
    raw: float | None  # the value before the floor, for the message
    formula: str  # with its numbers


def recompute(method: Method, realisasi: Number, target: Number) -> Recomputed:
    """One method applied to printed numbers (intervals from their printed precision)."""
    r, t = printed(realisasi.value or 0.0, realisasi.raw_text), printed(target.value or 0.0,
                                                                         target.raw_text)
    rv, tv = realisasi.value or 0.0, target.value or 0.0
    r_txt, t_txt = _num(realisasi), _num(target)
    if method is Method.POSITIVE:
        ratio = r.divided_by(t)
        raw = rv / tv * PERCENT if tv else None
        return Recomputed(method, None if ratio is None else ratio.scale(PERCENT), raw,
                          f"{r_txt} / {t_txt} x 100")
    if method is Method.NEGATIVE:
        ratio = r.divided_by(t)
        raw = (2 * tv - rv) / tv * PERCENT if tv else None
        interval = None if ratio is None else Interval(2 * PERCENT - ratio.hi * PERCENT,
                                                       2 * PERCENT - ratio.lo * PERCENT)
        return Recomputed(method, None if interval is None else interval.floored(NEGATIVE_FLOOR),
                          raw, f"(2 x {t_txt} - {r_txt}) / {t_txt} x 100")
    ratio = t.divided_by(r)
    raw = tv / rv * PERCENT if rv else None
    return Recomputed(method, None if ratio is None else ratio.scale(PERCENT), raw,
                      f"{t_txt} / {r_txt} x 100")


def shown_result(result: Recomputed, decimals: int) -> str:
    """ "1,20%", or "-33,40%, floored at 0,00%" for a negative capaian below zero."""
    if result.raw is None:
        return "undefined"
    if result.method is Method.NEGATIVE and result.raw < NEGATIVE_FLOOR:
        return (f"{show(result.raw, decimals, True)}, floored at "
                f"{show(NEGATIVE_FLOOR, decimals, True)}")
    return show(result.raw, decimals, True)


def expected_text(result: Recomputed, decimals: int) -> str:
    if result.raw is None:
        return ""
    value = max(result.raw, NEGATIVE_FLOOR) if result.method is Method.NEGATIVE else result.raw
    return show(value, decimals, True)


def agrees(result: Recomputed, capaian: Number) -> bool:
    return (result.interval is not None and capaian.value is not None
            and result.interval.overlaps(printed(capaian.value, capaian.raw_text)))


def _num(number: Number) -> str:
    return number.raw_text.strip() if number.raw_text else show(number.value or 0.0)


@rule("POL-01", family="capaian", severity=Severity.ERROR, name=RuleName.CAPAIAN_MISMATCH)
def capaian_with_polarity(doc: DocumentFacts) -> Iterator[Finding]:
    """Printed capaian = realisasi / target recomputed with the indicator's polarity."""
    for indicator in doc.indicators:
        for chain in CHAINS:
            found = _check_chain(doc, indicator, chain)
            if found is not None:
                yield found


def _check_chain(doc: DocumentFacts, ind: Indicator, chain: Chain) -> Finding | None:
    capaian = ind.get(*chain.capaian)
    if capaian is None:
        return None
    # the realisation and target of the capaian's own year
    realisasi = ind.get(*chain.realisasi, year=capaian.year)
    target = ind.get(*chain.target, year=capaian.year)
    if capaian.value is None or target is None or target.value is None:
        return None
    # the row's realisations of every year tell the column's unit ("14,744,969,270 ekor" beside
    # a bare "9,490,502,720")
    realised = [n for n in ind.numbers if n.measure == chain.realisasi[0]]
    if realisasi is None or realisasi.value is None or not on_one_scale(ind, target, *realised):
        return None
    if target.value == 0:
        return _zero_target(doc, ind, chain, capaian, realisasi, target)
    negative = ind.polarity == "negative"
    results = {m: recompute(m, realisasi, target) for m in Method}
    expected_method = Method.NEGATIVE if negative else Method.POSITIVE
    if agrees(results[expected_method], capaian):
        return None
    accepted = Method.ALTERNATIVE if negative else None
    if accepted is not None and agrees(results[accepted], capaian):
        return _finding(doc, ind, chain, capaian, results[accepted], Severity.INFO, "POL-01",
                        f"the accepted alternative for a lower-is-better indicator, "
                        f"{accepted.value}: {results[accepted].formula} = "
                        f"{shown_result(results[accepted], decimals_of(capaian.raw_text))}")
    return _mismatch(doc, ind, chain, capaian, results, expected_method)


def _mismatch(doc: DocumentFacts, ind: Indicator, chain: Chain, capaian: Number,
              results: dict[Method, Recomputed], method: Method) -> Finding:
    decimals = decimals_of(capaian.raw_text)
    expected = results[method]
    how = (f"with lower-is-better polarity (POL-01) {expected.formula}"
           if method is Method.NEGATIVE else expected.formula)
    text = f"{how} = {shown_result(expected, decimals)}"
    rule_id = chain.e81_id if ind.table_type == "e81" else "POL-01"
    if method is Method.NEGATIVE and agrees(results[Method.POSITIVE], capaian):
        rule_id = "POL-01"
        text += (f"; the printed value is the higher-is-better formula "
                 f"{results[Method.POSITIVE].formula}")
    return _finding(doc, ind, chain, capaian, expected, Severity.ERROR, rule_id, text)


def _zero_target(doc: DocumentFacts, ind: Indicator, chain: Chain, capaian: Number,
                 realisasi: Number, target: Number) -> Finding | None:
    """POL-01: target 0 on a negative indicator gives 100% at realisasi 0, else 0%; on a
    positive indicator the capaian is undefined (E81-16)."""
    if ind.polarity != "negative":
        if capaian.value == 0:
            return None  # forms print 0,00% for "no target": E81-16 is reported on budgets only
        return Finding(doc.document_id, ind.indicator_id, capaian.page,
                       RuleName.MISSING_VALUE, "E81-16", Severity.WARNING,
                       f"{chain.capaian[0]}/{chain.capaian[1]}", capaian.raw_text, None,
                       f"{_title(chain, capaian)} of {ind.label} printed {capaian.raw_text} "
                       f"but the target is {target.raw_text}: realisasi / target is undefined.")
    value = PERCENT if realisasi.value == 0 else 0.0
    if abs((capaian.value or 0.0) - value) <= printed(value, capaian.raw_text).hi - value:
        return None
    result = Recomputed(Method.NEGATIVE, Interval.exact(value), value,
                        f"target 0 and realisasi {_num(realisasi)} (lower is better)")
    return _finding(doc, ind, chain, capaian, result, Severity.ERROR, "POL-01",
                    f"target 0 and realisasi {_num(realisasi)} on a lower-is-better indicator "
                    f"give {show(value, decimals_of(capaian.raw_text), True)}")


def _title(chain: Chain, capaian: Number) -> str:
    return chain.label.format(year=capaian.year or "")


def _finding(doc: DocumentFacts, ind: Indicator, chain: Chain, capaian: Number,
             result: Recomputed, severity: Severity, rule_id: str, how: str) -> Finding:
    decimals = decimals_of(capaian.raw_text)
    verb = "follows" if severity is Severity.INFO else "but"
    message = (f"{_title(chain, capaian)} of {ind.label} printed {capaian.raw_text} {verb} "
               f"{how}.")
    name = RuleName.CAPAIAN_MISMATCH
    return Finding(doc.document_id, ind.indicator_id, capaian.page, name, rule_id, severity,
                   f"{chain.capaian[0]}/{chain.capaian[1]}", capaian.raw_text,
                   expected_text(result, decimals), message)

