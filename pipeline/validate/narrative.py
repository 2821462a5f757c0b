"""Printed sentences against the tables and each other (DOMAIN.md 7: KES-03, REC-02).

KES-03  a Kesimpulan row's Faktor Pendukung is not a hindrance the E.81 footer lists under
        "Faktor Penghambat Pencapaian Kinerja", nor its Faktor Penghambat a driver the footer
        lists under "Faktor Pendorong Keberhasilan Kinerja".
REC-02  the urusan narrative's "realisasi keuangan sebesar 36%" equals the ratio of the amounts
        it states ("anggaran sebesar Rp.X ... realisasi keuangan telah mencapai Rp.Y"); when it
        is the unweighted mean of the recap table's serapan instead, the finding says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from rapidfuzz import fuzz

from pipeline.model import StatementKind
from pipeline.normalize.numbers import parse_number
from pipeline.normalize.text import key
from pipeline.validate.facts import DocumentFacts, Indicator, Statement
from pipeline.validate.registry import Finding, RuleName, Severity, rule
from pipeline.validate.tolerance import printed, show

# one sentence in two places, retyped (rapidfuzz ratio of the folded texts)
SAME_SENTENCE_MIN = 90.0
SENTENCE_BREAK = re.compile(r"""(?<=[.!?])\s+(?=\S)|\s+-(?=\S)""", re.VERBOSE)
RUPIAH = re.compile(r"""Rp\.?\s*(\d[\d.,]*\d)""", re.IGNORECASE | re.VERBOSE)
PERCENT_TEXT = re.compile(r"""(\d[\d.,]*)\s*%""", re.VERBOSE)
PERCENT = 100.0
E81_HEADINGS = {StatementKind.E81_PENDORONG: "Faktor Pendorong Keberhasilan Kinerja",
                StatementKind.E81_PENGHAMBAT: "Faktor Penghambat Pencapaian Kinerja"}
# (the Kesimpulan column, the E.81 list it must not repeat, the finding's field)
CROSSED = ((StatementKind.FAKTOR_PENDUKUNG, StatementKind.E81_PENGHAMBAT, "faktor_pendukung"),
           (StatementKind.FAKTOR_PENGHAMBAT, StatementKind.E81_PENDORONG, "faktor_penghambat"))


def sentences(text: str) -> list[str]:
    """A cell's sentences or dashed items."""
    return [s.strip(" -") for s in SENTENCE_BREAK.split(text) if s.strip(" -")]


def same_sentence(text: str, listed: Sequence[Statement]) -> Statement | None:
    """The listed statement one of the text's sentences repeats, if any."""
    for sentence in sentences(text):
        for st in listed:
            if fuzz.ratio(key(sentence), key(st.text)) >= SAME_SENTENCE_MIN:
                return st
    return None


@rule("KES-03", family="narrative", severity=Severity.WARNING,
      name=RuleName.CROSS_DOCUMENT_MISMATCH)
def kesimpulan_factors_as_in_e81(doc: DocumentFacts) -> Iterator[Finding]:
    """A Kesimpulan factor stands in the column the E.81 footer gives it."""
    for ind in doc.of_type("kesimpulan_rkpd"):
        for cell_kind, e81_kind, fld in CROSSED:
            for st in ind.said(cell_kind):
                listed = same_sentence(st.text, doc.said(e81_kind))
                if listed is None:
                    continue
                column = fld.replace("_", " ").title()
                heading = E81_HEADINGS[e81_kind]
                message = (f'The Kesimpulan lists "{st.text}" as {column} of {ind.label}, but '
                           f'the E.81 (page {listed.page}) lists it under "{heading}"')
                moved = [k for k in ind.said(StatementKind.KETERANGAN)
                         if same_sentence(k.text, doc.said(StatementKind.E81_PENDORONG))]
                if moved:
                    message += (f'; the E.81\'s Faktor Pendorong "{moved[0].text}" stands in '
                                f"its Keterangan: the factors are shifted one column right")
                yield Finding(doc.document_id, ind.indicator_id, st.page,
                              RuleName.CROSS_DOCUMENT_MISMATCH, "KES-03", Severity.WARNING, fld,
                              st.text, f"under {heading} (E.81)", message + ".")
                break


def stated_amounts(text: str) -> tuple[tuple[str, float], tuple[str, float]] | None:
    """((anggaran as printed, value), (realisasi as printed, value)) of a stated budget."""
    amounts = [(m.group(0), parse_number(m.group(1)).value) for m in RUPIAH.finditer(text)]
    known = [(raw, v) for raw, v in amounts if v is not None]
    if len(known) < 2:
        return None
    return known[0], known[1]


def stated_percent(text: str) -> tuple[str, float] | None:
    """The last percentage of a concluding sentence: "... sebesar 36%" -> ("36%", 36.0)."""
    found = PERCENT_TEXT.findall(text)
    value = parse_number(found[-1]).value if found else None
    return None if value is None else (f"{found[-1]}%", value)


def _recap_serapan(doc: DocumentFacts, first: Indicator) -> list[tuple[str, float]]:
    rows = [i for i in doc.indicators
            if i.table_type == first.table_type and i.table_index == first.table_index]
    return [(n.raw_text, n.value) for i in rows
            if (n := i.get("capaian_anggaran", "year")) is not None and n.value is not None]


@rule("REC-02", family="narrative", severity=Severity.ERROR, name=RuleName.TOTAL_MISMATCH)
def stated_serapan(doc: DocumentFacts) -> Iterator[Finding]:
    """The narrative's realisasi keuangan percentage is the ratio of the amounts it states."""
    for ind in doc.indicators:
        budgets, results = ind.said(StatementKind.STATED_BUDGET), \
            ind.said(StatementKind.STATED_RESULT)
        if not budgets or not results:
            continue
        amounts, percent = stated_amounts(budgets[0].text), stated_percent(results[0].text)
        if amounts is None or percent is None or not amounts[0][1]:
            continue
        (budget_raw, budget), (real_raw, real) = amounts
        ratio = real / budget * PERCENT
        shown = printed(percent[1], percent[0])
        if shown.lo <= ratio <= shown.hi:
            continue
        message = (f'The narrative states realisasi keuangan {real_raw} of anggaran '
                   f'{budget_raw} (page {budgets[0].page}), which is {show(real, 0)} / '
                   f'{show(budget, 0)} x 100 = {show(ratio, 2, True)}, but concludes '
                   f'"{results[0].text}" (page {results[0].page})')
        severity = Severity.ERROR
        serapan = _recap_serapan(doc, ind)
        if serapan:
            mean = sum(v for _, v in serapan) / len(serapan)
            if shown.lo <= mean <= shown.hi:
                severity = Severity.WARNING
                terms = " + ".join(raw.rstrip("%").strip() for raw, _ in serapan)
                message += (f"; {percent[0]} is the unweighted mean of the recap table's "
                            f"serapan ({terms}) / {len(serapan)} = {show(mean, 2, True)}, not "
                            f"the ratio of the amounts")
        yield Finding(doc.document_id, ind.indicator_id, results[0].page,
                      RuleName.TOTAL_MISMATCH, "REC-02", severity, "capaian_anggaran/year",
                      percent[0], show(ratio, 2, True), message + ".")
