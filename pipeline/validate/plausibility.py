"""Values that do not contradict another cell but cannot be right (DOMAIN.md E81-09, E81-15,
CODE-01, NUM-02, UNIT-01): warnings for an auditor to look at.

    counts that are not whole numbers            implausible_value   E81-09
    shares of a set outside 0-100                implausible_value   E81-09
    capaian above 200% or below 0                implausible_capaian E81-09
    a yearly target above the 5-year target      implausible_value   E81-15 (flow counts)
    kode rekening off the 90/2019 pattern        invalid_code        CODE-01
    "54.54" in an Indonesian document            parse_error         NUM-02
    "2.080.00": separators of no format          parse_error         NUM-05
    "1.118 Triliun" 20 x its sibling             implausible_capaian UNIT-01
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pipeline.normalize.numbers import printed_decimals, separator_slip
from pipeline.validate.facts import DocumentFacts, Indicator, Number
from pipeline.validate.kinds import is_count, is_cumulative, is_share, on_one_scale
from pipeline.validate.registry import Finding, RuleName, Severity, rule
from pipeline.validate.tolerance import show

# E81-09: a capaian this far above its target (or below zero) is not a real achievement
MAX_PLAUSIBLE_CAPAIAN = 200.0
MIN_PLAUSIBLE_CAPAIAN = 0.0
SHARE_RANGE = (0.0, 100.0)
# Cells typed from a source document; derived cells (12 K, 14 K) carry their errors and would
# report the same problem twice.
SOURCE_CELLS = frozenset({
    ("target", "renstra_end"), ("target", "year"), ("target", "tw1"), ("target", "tw2"),
    ("target", "tw3"), ("target", "tw4"), ("realisasi", "renstra_to_prev"),
    ("realisasi", "tw1"), ("realisasi", "tw2"), ("realisasi", "tw3"), ("realisasi", "tw4"),
})
CAPAIAN_CHAINS = {"year": ("realisasi/year", "target/year"),
                  "renstra_to_date": ("realisasi/renstra_to_date", "target/renstra_end")}
# CODE-01 (Permendagri 90/2019): urusan.bidang(.program(.1|2.kegiatan(.sub kegiatan)))
KODE_REKENING = re.compile(r"""^\d\.\d{2}(\.\d{2}(\.[12]\.\d{2}(\.\d{4})?)?)?$""", re.VERBOSE)
# the shape of a 90/2019 code (dotted, urusan 1 digit, bidang 2 digits) whose later segments
# may be off: "3.30.05.2.01.05", "1.01.01.02.01.0001"
KODE_90_2019_SHAPE = re.compile(r"""^\d\.\d{2}\.\d{2}\.\d+(\.\d+)*$""", re.VERBOSE)
# NUM-02: a lone dot before one or two digits ("54.54") is a decimal point typed by mistake
LONE_DOT_DECIMAL = re.compile(r"""(?<![\d.,])\d+\.\d{1,2}(?![\d.,])""", re.VERBOSE)
# "9,68", "12,5", "36,79%": a decimal comma, the Indonesian way
COMMA_DECIMAL = re.compile(r"""(?<![\d.,])\d+,\d{1,2}(?![\d.,])""", re.VERBOSE)
# UNIT-01: scale words and their factor; a value this many times its largest sibling with the
# same unit is implausible (002: 1.118 Triliun against 54 Triliun = 20 x).
SCALE_WORDS = {"triliun": 1e12, "miliar": 1e9, "milyar": 1e9, "juta": 1e6, "ribu": 1e3}
SCALE_WORD = re.compile(r"""\b(triliun|miliar|milyar|juta|ribu)\b""", re.IGNORECASE | re.VERBOSE)
SIBLING_MAGNITUDE_RATIO = 10.0
# NUM-03: "1.118 Triliun" - one dot before three digits, which may be a decimal point typed the
# English way (1,118 triliun); only such a number can be 1000 times too large by its reading. A
# clean "54 Triliun" far above a sibling is a different quantity (UKM vs koperasi turnover), not
# a misreading: the repaired 002 twin prints 54 Triliun beside 1.118 Miliar.
AMBIGUOUS_GROUP = re.compile(r"""(?<![\d.,])\d{1,3}\.\d{3}(?![\d.,])""", re.VERBOSE)
UNIT_WORDS = {"dokumen": "documents", "laporan": "reports", "unit": "units", "paket": "packages",
              "orang": "persons", "peserta": "participants", "pelaku usaha": "businesses"}


def _finding(doc: DocumentFacts, ind: Indicator, number: Number | None, name: RuleName,
             rule_id: str, fld: str, expected: str | None, message: str) -> Finding:
    return Finding(doc.document_id, ind.indicator_id,
                   number.page if number is not None else ind.page, name, rule_id,
                   Severity.WARNING, fld, number.raw_text if number is not None else None,
                   expected, message)


@rule("E81-09", family="plausibility", severity=Severity.WARNING,
      name=RuleName.IMPLAUSIBLE_VALUE)
def counts_and_shares(doc: DocumentFacts) -> Iterator[Finding]:
    """Counts are whole numbers; shares of a set lie in [0, 100] (source cells only)."""
    for ind in doc.indicators:
        count, share = is_count(ind), is_share(ind)
        if not (count or share):
            continue
        for number in ind.numbers:
            if (number.measure, number.period) not in SOURCE_CELLS or number.value is None:
                continue
            fld = f"{number.measure}/{number.period}"
            if count and number.value != int(number.value):
                yield _finding(doc, ind, number, RuleName.IMPLAUSIBLE_VALUE, "E81-09", fld,
                               None,
                               f"{ind.label} counts {ind.unit} but prints the fraction "
                               f"{number.raw_text} ({fld}); counts are whole numbers.")
            elif share and not SHARE_RANGE[0] <= number.value <= SHARE_RANGE[1]:
                yield _finding(doc, ind, number, RuleName.IMPLAUSIBLE_VALUE, "E81-09", fld,
                               None,
                               f"{ind.label} is a percentage of a set but prints "
                               f"{number.raw_text} ({fld}); a share lies between 0 and 100.")


@rule("E81-09", family="plausibility", severity=Severity.WARNING,
      name=RuleName.IMPLAUSIBLE_CAPAIAN)
def capaian_range(doc: DocumentFacts) -> Iterator[Finding]:
    """A capaian above 200% or below 0 is not plausible."""
    for ind in doc.indicators:
        for period, (real_key, target_key) in CAPAIAN_CHAINS.items():
            capaian = ind.get("capaian", period)
            if capaian is None or capaian.value is None:
                continue
            if MIN_PLAUSIBLE_CAPAIAN <= capaian.value <= MAX_PLAUSIBLE_CAPAIAN:
                continue
            realisasi, target = ind.get(*real_key.split("/")), ind.get(*target_key.split("/"))
            realised = [n for n in ind.numbers if n.measure == "realisasi"]
            if not on_one_scale(ind, *realised, *(n for n in (target,) if n is not None)):
                continue  # not realisasi / target: the table's own "Pencapaian" (growth)
            yield _finding(doc, ind, capaian, RuleName.IMPLAUSIBLE_CAPAIAN, "E81-09",
                           f"capaian/{period}", capaian.raw_text,
                           _capaian_message(ind, capaian, realisasi, target))


def _capaian_message(ind: Indicator, capaian: Number, realisasi: Number | None,
                     target: Number | None) -> str:
    what = "Capaian Renstra" if capaian.period == "renstra_to_date" else "Capaian"
    text = f"{what} {capaian.year or ''} of {ind.label} printed {capaian.raw_text}"
    if realisasi is not None and target is not None and target.value:
        value = (realisasi.value or 0.0) / target.value * 100
        text += (f" = realisasi {realisasi.raw_text} / target {target.raw_text} x 100 = "
                 f"{show(value, 2, True)}")
    bound = "above 200%" if (capaian.value or 0.0) > MAX_PLAUSIBLE_CAPAIAN else "below 0%"
    text += f", {bound}, is not plausible"
    unit = (ind.unit or "").lower()
    if is_count(ind):
        text += f" for a count of {UNIT_WORDS.get(unit, unit)}"
    previous = ind.get("realisasi", "renstra_to_prev")
    renstra = ind.get("target", "renstra_end")
    if (capaian.period == "renstra_to_date" and previous is not None and renstra is not None
            and previous.value is not None and renstra.value is not None
            and previous.value > renstra.value):
        text += (f" (column 6 K {previous.raw_text} already exceeds the Renstra target "
                 f"{renstra.raw_text})")
    if ind.polarity == "negative":
        text += " (a lower-is-better indicator scored with the higher-is-better formula)"
    return text + "."


@rule("E81-15", family="plausibility", severity=Severity.WARNING,
      name=RuleName.IMPLAUSIBLE_VALUE)
def yearly_target_within_renstra(doc: DocumentFacts) -> Iterator[Finding]:
    """For flow counts the year's target cannot exceed the 5-year Renstra target."""
    for ind in doc.indicators:
        year, renstra = ind.get("target", "year"), ind.get("target", "renstra_end")
        if (not is_cumulative(ind) or year is None or renstra is None or year.value is None
                or renstra.value is None or year.value <= renstra.value):
            continue
        yield _finding(doc, ind, year, RuleName.IMPLAUSIBLE_VALUE, "E81-15", "target/year",
                       None,
                       f"The {year.year or ''} Renja target of {ind.label} is {year.raw_text} "
                       f"{ind.unit}, above the end-of-Renstra target {renstra.raw_text}; a "
                       f"year's count cannot exceed the 5-year total.")


@rule("CODE-01", family="plausibility", severity=Severity.WARNING, name=RuleName.INVALID_CODE)
def kode_rekening_pattern(doc: DocumentFacts) -> Iterator[Finding]:
    """A kode rekening follows X.XX.XX.X.XX.XXXX (Permendagri 90/2019)."""
    for ind in doc.indicators:
        if (ind.code is None or KODE_REKENING.match(ind.code)
                or not KODE_90_2019_SHAPE.match(ind.code)):
            continue  # codes of older schemes (13/2006: "1 01 01 01") are kept as printed
        parts = ind.code.split(".")
        expected = ".".join([*parts[:-1], parts[-1].zfill(4)]) if len(parts) == 6 else None
        yield Finding(doc.document_id, ind.indicator_id, ind.page, RuleName.INVALID_CODE,
                      "CODE-01", Severity.WARNING, "code", ind.code, expected,
                      f"Kode rekening {ind.code} of {ind.label} does not follow the pattern "
                      f"X.XX.XX.X.XX.XXXX" + (f" (read as {expected})." if expected else "."))


@rule("NUM-02", family="plausibility", severity=Severity.WARNING, name=RuleName.PARSE_ERROR)
def lone_dot_decimals(doc: DocumentFacts) -> Iterator[Finding]:
    """In an Indonesian document "54.54" is a decimal point typed by mistake (a document that
    writes its decimals with dots more often than with commas is English-format: NUM-02)."""
    cells = [n.raw_text for ind in doc.indicators for n in ind.numbers]
    dotted = [c for c in cells if LONE_DOT_DECIMAL.search(c)]
    if len([c for c in cells if COMMA_DECIMAL.search(c)]) <= len(dotted):
        return
    for ind in doc.indicators:
        for number in ind.numbers:
            if number.value is None or not LONE_DOT_DECIMAL.search(number.raw_text):
                continue
            yield _finding(doc, ind, number, RuleName.PARSE_ERROR, "NUM-02",
                           f"{number.measure}/{number.period}", show(number.value, 2),
                           f"{ind.label} prints '{number.raw_text}' with a dot before two "
                           f"digits, a decimal point in an Indonesian-format document; read as "
                           f"{show(number.value, 2)}.")


def slipped_separators_reading(raw_text: str, value: float | None,
                               confidence: float | None) -> bool:
    return value is not None and separator_slip(raw_text)


@rule("NUM-05", family="plausibility", severity=Severity.WARNING, name=RuleName.PARSE_ERROR)
def slipped_separators(doc: DocumentFacts) -> Iterator[Finding]:
    """A number whose separators follow neither format, read by taking one as a slip:
    "2.080.00" (OCR of "2.080,00", a decimal comma read as a point) or "1,095.836.320"."""
    for ind in doc.indicators:
        for number in ind.numbers:
            if not slipped_separators_reading(number.raw_text, number.value, number.confidence):
                continue
            decimals = printed_decimals(number.raw_text)
            shown = show(number.value or 0.0, decimals)
            how = ("the last separator as the decimal mark, the others as thousands" if decimals
                   else "every separator as thousands")
            yield _finding(doc, ind, number, RuleName.PARSE_ERROR, "NUM-05",
                           f"{number.measure}/{number.period}", shown,
                           f"{ind.label} shows '{number.raw_text}', whose separators follow "
                           f"neither number format; read as {shown} (taking {how}): check it on "
                           f"page {number.page}.")


@rule("UNIT-01", family="plausibility", severity=Severity.WARNING,
      name=RuleName.IMPLAUSIBLE_CAPAIAN)
def magnitude_against_siblings(doc: DocumentFacts) -> Iterator[Finding]:
    """A value with a scale word (Triliun, Miliar ...) and an ambiguous "d.ddd" number far above
    its siblings of the same unit."""
    scaled = [(ind, n, (n.value or 0.0) * SCALE_WORDS[m.group(1).lower()])
              for ind in doc.indicators for n in ind.numbers
              if n.value and (m := SCALE_WORD.search(n.raw_text))]
    for ind, number, amount in scaled:
        if not AMBIGUOUS_GROUP.search(number.raw_text):
            continue
        siblings = [(i, n, a) for i, n, a in scaled if i.unit == ind.unit and i is not ind]
        if not siblings:
            continue
        sibling, sib_number, largest = max(siblings, key=lambda s: s[2])
        if largest <= 0 or amount <= SIBLING_MAGNITUDE_RATIO * largest:
            continue
        yield _finding(doc, ind, number, RuleName.IMPLAUSIBLE_CAPAIAN, "UNIT-01",
                       f"{number.measure}/{number.period}", None,
                       f"{ind.label} prints {number.raw_text}, {show(amount / largest, 0)} "
                       f"times the {sib_number.raw_text} of {sibling.label}; the number or its "
                       f"scale word is implausible.")
