"""Worked formulas and formula texts (DOMAIN.md 8: KK-01, KK-02; IKU-00, IKU-01).

KK-01  the worked expression (Nilai) uses the numbers of the Data Masukan:
       inputs "∑ barang milik daerah yang terpelihara = 1, ∑ barang milik daerah = 4" with the
       expression 2/4*100 is a formula_mismatch; the input put back gives 1/4 x 100 = 25%.
KK-02  the expression evaluates to the printed result (Hasil), after x100 normalisation, at the
       result's printed precision.
IKU-00 a formula cell that names a data source instead of a formula (missing_value), or that has
       a realisation pasted into it.
IKU-01 a "Jumlah ..." (count) indicator given a percentage formula, or a percentage whose
       formula's numerator is the percentage itself.
Expressions are evaluated by normalize.formulas (an ast whitelist, never eval).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz

from pipeline.normalize.formulas import FormulaError, evaluate
from pipeline.normalize.numbers import parse_number
from pipeline.validate.facts import Calculation, DocumentFacts, Indicator
from pipeline.validate.kinds import COUNT_NAME, name_key
from pipeline.validate.registry import Finding, RuleName, Severity, rule
from pipeline.validate.tolerance import Interval, decimals_of, printed, show

PERCENT = 100.0
NUMBER = re.compile(r"""\d(?:[\d.,]*\d)?""", re.VERBOSE)
# "= 1.151.384.000": a value given to a variable in the Data Masukan
ASSIGNED_NUMBER = re.compile(r"""=\s*(\d(?:[\d.,]*\d)?)""", re.VERBOSE)
# "... *100%=22": a stated result after the expression, not one of its operands
STATED_RESULT = re.compile(r"""=\s*\d(?:[\d.,]*\d)?\s*%?""", re.VERBOSE)
# the x100 of a percentage is a constant, not an input
PERCENT_CONSTANT = 100.0
# IKU-01: a percentage formula ("x 100%", "*100", "X100 %")
PERCENT_FORMULA = re.compile(r"""[x×*]\s*100\s*%?""", re.IGNORECASE | re.VERBOSE)
PERCENT_NAME = re.compile(r"""^\s*(?:persentase|prosentase|presentase|%)""",
                          re.IGNORECASE | re.VERBOSE)
# IKU-01: the numerator and denominator of a formula text
DIVISION = re.compile(r"""\s?[:/]\s?|\sdibagi\s""", re.IGNORECASE | re.VERBOSE)
# a formula text that computes something (not a description such as "Mengukur keberhasilan ...")
AGGREGATE = re.compile(r"""\b(?:rerata|rata|jumlah|total|nilai|indeks|ihk)\b""",
                       re.IGNORECASE | re.VERBOSE)
# a numerator this similar to the indicator name (rapidfuzz partial ratio) restates it
SAME_TEXT_MIN = 90.0
# IKU-00: a score read from a source ("Nilai SAKIP", "Indeks ...") has no formula of its own
SCORE_NAME = re.compile(r"""^\s*(?:nilai|indeks)\b""", re.IGNORECASE | re.VERBOSE)
# IKU-00: a formula cell that names where data comes from, with no arithmetic in it
SOURCE_TEXT = re.compile(r"""^\s*(?:data|berdasarkan|sumber)\b""", re.IGNORECASE | re.VERBOSE)
# ("Berdasarkan persentase bangunan kantor ..." says what is counted: a formula in words)
ARITHMETIC = re.compile(r"""[/:×*+]|\bx\b|\bdibagi\b|\bdikurangi\b|\bselisih\b|\btotal\b|
                            \brata|\bpersentase\b|\bprosentase\b|\bperbandingan\b""",
                        re.IGNORECASE | re.VERBOSE)
# IKU-00: a realisation pasted into a formula cell: "senilai 1.027.733.750,37 $USD"
PASTED_REALISATION = re.compile(r"""\brealisasi\b[^()]*\d{1,3}(?:\.\d{3}){2,}""",
                                re.IGNORECASE | re.VERBOSE)


def _numbers(text: str) -> list[float]:
    values = []
    for token in NUMBER.findall(text):
        parsed = parse_number(token)
        if parsed.value is not None:
            values.append(parsed.value)
    return values


def input_values(calc: Calculation) -> tuple[list[float], list[float]]:
    """(every number of the Data Masukan, the values assigned with "="), the stored inputs
    included (the text is read again: a cell the normalizer could not split still counts)."""
    text = calc.inputs_text or ""
    assigned = [v for token in ASSIGNED_NUMBER.findall(text)
                if (v := parse_number(token).value) is not None]
    pool = _numbers(text) + list(calc.inputs.values())
    return pool, assigned + [v for v in calc.inputs.values() if v not in assigned]


def expression_operands(expression: str) -> list[tuple[str, float]]:
    """The numbers of a worked expression as printed, stated results and x100 left out."""
    bare = STATED_RESULT.sub(" ", expression)
    out = []
    for token in NUMBER.findall(bare):
        value = parse_number(token).value
        if value is not None and value != PERCENT_CONSTANT:
            out.append((token, value))
    return out


@rule("KK-01", family="formulas", severity=Severity.ERROR, name=RuleName.FORMULA_MISMATCH)
def expression_uses_inputs(doc: DocumentFacts) -> Iterator[Finding]:
    """Every operand of the worked expression is a number of the Data Masukan."""
    for ind in doc.indicators:
        calc = ind.calculation
        if calc is None or not calc.expression_text:
            continue
        pool, assigned = input_values(calc)
        if not pool:
            continue  # no inputs printed: nothing to compare with
        operands = expression_operands(calc.expression_text)
        unknown = [(t, v) for t, v in operands if v not in pool]
        if unknown:
            yield _kk01(doc, ind, calc, unknown, operands, assigned)


def _kk01(doc: DocumentFacts, ind: Indicator, calc: Calculation,
          unknown: list[tuple[str, float]], operands: list[tuple[str, float]],
          assigned: list[float]) -> Finding:
    used = {v for _, v in operands}
    unused = [v for v in assigned if v not in used]
    result = calc.result_text or show(calc.expression_value or 0.0)
    shown = ", ".join(t for t, _ in unknown)
    message = (f"The worked expression {calc.expression_text} = {result} of {ind.label} uses "
               f"{shown}, which is not among its Data Masukan ({calc.inputs_text})")
    expected = None
    if len(unknown) == 1 and len(unused) == 1:
        repaired = _substitute(calc.expression_text or "", unknown[0][0], unused[0])
        value = _value(repaired)
        if value is not None:
            decimals = decimals_of(calc.result_text, 2)
            percent = "%" in (calc.result_text or "")
            expected = f"{repaired} = {show(value, decimals, percent)}"
            message += f"; with the input {show(unused[0], decimals_of(None, 0))}: {expected}"
    fld = _result_field(ind)
    return Finding(doc.document_id, ind.indicator_id, ind.page, RuleName.FORMULA_MISMATCH,
                   "KK-01", Severity.ERROR, fld, f"{calc.expression_text} = {result}", expected,
                   message + ".")


def _substitute(expression: str, token: str, value: float) -> str:
    decimals = 0 if value == int(value) else 2
    return expression.replace(token, show(value, decimals), 1)


def _value(expression: str) -> float | None:
    try:
        return evaluate(STATED_RESULT.sub("", expression)).value
    except FormulaError:
        return None


def _result_field(ind: Indicator) -> str:
    """The measurement the Hasil is stored as (realisasi of the reporting quarter)."""
    realisasi = [n for n in ind.numbers if n.measure == "realisasi"]
    return f"realisasi/{realisasi[0].period}" if realisasi else "realisasi"


@rule("KK-02", family="formulas", severity=Severity.ERROR, name=RuleName.FORMULA_MISMATCH)
def expression_gives_result(doc: DocumentFacts) -> Iterator[Finding]:
    """The expression's value equals the printed Hasil (an expression without x100 is
    compared after scaling by 100)."""
    for ind in doc.indicators:
        calc = ind.calculation
        if (calc is None or calc.expression_value is None or calc.result_value is None
                or not calc.result_text):
            continue
        shown = printed(calc.result_value, calc.result_text)
        value = calc.expression_value
        if any(Interval.exact(v).overlaps(shown) for v in (value, value * PERCENT)):
            continue
        decimals = decimals_of(calc.result_text)
        yield Finding(doc.document_id, ind.indicator_id, ind.page, RuleName.FORMULA_MISMATCH,
                      "KK-02", Severity.ERROR, _result_field(ind), calc.result_text,
                      show(value, decimals),
                      f"The worked expression {calc.expression_text} of {ind.label} gives "
                      f"{show(value, decimals)} but the Hasil prints {calc.result_text}.")


@rule("IKU-01", family="formulas", severity=Severity.WARNING, name=RuleName.FORMULA_MISMATCH)
def formula_fits_indicator(doc: DocumentFacts) -> Iterator[Finding]:
    """A count ("Jumlah ...") has no percentage formula; a percentage's numerator is not the
    percentage itself."""
    for ind in doc.indicators:
        formula, name = ind.formula or "", ind.indicator_name or ""
        if not formula:
            continue
        if COUNT_NAME.match(name) and PERCENT_FORMULA.search(formula):
            yield _formula_finding(doc, ind, "IKU-01",
                                   f"{ind.label} is a count (Jumlah) but its formula "
                                   f"'{formula}' computes a percentage.")
        elif _divides_itself(name, formula):
            yield _formula_finding(doc, ind, "IKU-01",
                                   f"The formula '{formula}' of {ind.label} divides the "
                                   f"percentage itself: its numerator must be a count.")
        elif (PERCENT_NAME.match(name) and AGGREGATE.search(formula)
              and not DIVISION.search(formula)
              and not PERCENT_FORMULA.search(formula) and not PERCENT_NAME.search(formula)
              and "persentase" not in formula.lower() and not _names_a_source(ind)):
            yield _formula_finding(doc, ind, "IKU-01",
                                   f"{ind.label} is a percentage but its formula '{formula}' "
                                   f"divides nothing: it gives a level, not a percentage.")
        elif PASTED_REALISATION.search(formula):
            yield _formula_finding(doc, ind, "IKU-00",
                                   f"The formula cell of {ind.label} also holds a realisation "
                                   f"pasted into it: '{formula}'.")


def _divides_itself(name: str, formula: str) -> bool:
    """ "Prosentase Usaha Mikro yang di Fasilitasi : Seluruh Jumlah Usaha Mikro X 100%" for
    "Prosentase Usaha Mikro yang di Fasilitasi permodalan": the numerator is the indicator."""
    parts = DIVISION.split(formula, maxsplit=1)
    if len(parts) < 2 or not PERCENT_NAME.match(name) or not PERCENT_NAME.match(parts[0]):
        return False
    return fuzz.partial_ratio(name_key(parts[0]), name_key(name)) >= SAME_TEXT_MIN


def _formula_finding(doc: DocumentFacts, ind: Indicator, rule_id: str,
                     message: str) -> Finding:
    return Finding(doc.document_id, ind.indicator_id, ind.page, RuleName.FORMULA_MISMATCH,
                   rule_id, Severity.WARNING, "formula", ind.formula, None, message)


def _names_a_source(ind: Indicator) -> bool:
    formula = (ind.formula or "").strip()
    return bool(SOURCE_TEXT.match(formula)) or formula == (ind.data_source or "").strip()


@rule("IKU-00", family="formulas", severity=Severity.WARNING, name=RuleName.MISSING_VALUE)
def formula_is_a_formula(doc: DocumentFacts) -> Iterator[Finding]:
    """A formula cell that only names a data source leaves the indicator without a formula."""
    for ind in doc.indicators:
        formula = (ind.formula or "").strip()
        if not formula or ARITHMETIC.search(formula) or SCORE_NAME.match(
                ind.indicator_name or ""):
            continue
        if _names_a_source(ind):
            yield Finding(doc.document_id, ind.indicator_id, ind.page, RuleName.MISSING_VALUE,
                          "IKU-00", Severity.WARNING, "formula", formula, None,
                          f"The formula cell of {ind.label} names a source or basis "
                          f"('{formula}') instead of a formula, so the capaian cannot be "
                          f"checked.")
