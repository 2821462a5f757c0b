"""Sentences printed outside the tables that the validators compare (DOMAIN.md KES-03, REC-02).

* The E.81 footer: the items under "Faktor Pendorong Keberhasilan Kinerja" and "Faktor
  Penghambat Pencapaian Kinerja", up to the next heading ("Tindak Lanjut ...", "Rekomendasi
  ...") or the signature. A numbered item, or a sentence of a paragraph, is one statement.
* The urusan narrative around a recap table (seed 001, "Urusan Pemerintahan Bidang ..."): the
  amounts it states ("anggaran sebesar Rp.X ... realisasi keuangan telah mencapai Rp.Y") and the
  percentage it concludes ("... realisasi keuangan sebesar 36%").

Pure functions over the pages' free text (the lines outside tables), in reading order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from pipeline.model import IndicatorRecord, PageText, StatementKind, StatementRecord, TableType

FOOTER_HEADINGS = (
    (re.compile(r"""^\s*faktor\s+pendorong\b""", re.IGNORECASE | re.VERBOSE),
     StatementKind.E81_PENDORONG),
    (re.compile(r"""^\s*faktor\s+penghambat\b""", re.IGNORECASE | re.VERBOSE),
     StatementKind.E81_PENGHAMBAT),
)
# what closes a factor list: the next heading of the footer, the signature block
SECTION_END = re.compile(
    r"""^\s*(?:tindak\s+lanjut|rekomendasi|solusi|mengetahui|kepala\b|plt\b|pt\b
         | [A-Z][a-z]+,\s*\d{1,2}\s+[A-Za-z]+\s+\d{4})""",
    re.IGNORECASE | re.VERBOSE)
# "1. Para pedagang ...", "- Pelaksanaan ...": an item of a list
ITEM_START = re.compile(r"""^\s*(?:\d{1,2}\s*[.)]|[-•–])\s*""", re.VERBOSE)
SENTENCE_END = re.compile(r"""[.!?:]\s*$""", re.VERBOSE)
# a sentence ends before the next one opens with a capital
SENTENCE_BREAK = re.compile(r"""(?<=[.!?])\s+(?=[A-Z])""", re.VERBOSE)
# a footer list longer than this is prose that merely starts with "Faktor penghambat ..."
MAX_FACTOR_ITEMS = 12
# shorter pieces are headings' leftovers, not factors
MIN_STATEMENT_CHARS = 12
BUDGET = re.compile(
    r"""anggaran\s+sebesar\s+Rp\.?\s*[\d.,]+[,-]*.{0,160}?
        realisasi\s+keuangan\s+(?:telah\s+)?mencapai\s+Rp\.?\s*[\d.,]+[,-]*""",
    re.IGNORECASE | re.VERBOSE | re.DOTALL)
RESULT = re.compile(
    r"""(?:kinerja\s+outcome\s+sebesar\s+[\d.,]+\s*%\s+dengan\s+)?
        realisasi\s+keuangan\s+sebesar\s+[\d.,]+\s*%""",
    re.IGNORECASE | re.VERBOSE)


def _fold(text: str) -> str:
    return " ".join(text.split())


def _sentences(text: str, kind: StatementKind, page: int) -> list[StatementRecord]:
    return [StatementRecord(kind, s, page) for s in SENTENCE_BREAK.split(_fold(text))
            if len(s) >= MIN_STATEMENT_CHARS]


def footer_factors(pages: Sequence[PageText]) -> list[StatementRecord]:
    """The Faktor Pendorong / Penghambat items of E.81 footers, in reading order."""
    out: list[StatementRecord] = []
    kind: StatementKind | None = None
    item: list[str] = []
    item_page = 0
    found = 0

    def flush() -> None:
        nonlocal item, found
        if kind is not None and item:
            pieces = _sentences(" ".join(item), kind, item_page)
            out.extend(pieces)
            found += len(pieces)
        item = []

    for page in pages:
        for line in page.free_text.splitlines():
            heading = next((k for pattern, k in FOOTER_HEADINGS if pattern.match(line)), None)
            if heading is not None:
                flush()
                kind, found = heading, 0
            elif kind is None:
                continue
            elif SECTION_END.match(line) or found > MAX_FACTOR_ITEMS:
                flush()
                kind = None
            elif ITEM_START.match(line):
                flush()
                item, item_page = [ITEM_START.sub("", line)], page.page
            else:
                if not item:
                    item_page = page.page
                item.append(line)
                if SENTENCE_END.search(line):  # a paragraph ends: count it against the limit
                    flush()
    flush()
    return out


@dataclass(frozen=True)
class StatedPair:
    """The amounts an urusan narrative states and the percentage it concludes."""

    budget: StatementRecord
    result: StatementRecord | None


def _matches(pages: Sequence[PageText]) -> Iterator[StatementRecord]:
    for page in pages:
        text = _fold(page.free_text)
        found = [(m.start(), StatementKind.STATED_BUDGET, m.group(0))
                 for m in BUDGET.finditer(text)]
        found += [(m.start(), StatementKind.STATED_RESULT, m.group(0))
                  for m in RESULT.finditer(text)]
        for _, kind, matched in sorted(found):
            yield StatementRecord(kind, matched, page.page)


def stated_pairs(pages: Sequence[PageText]) -> list[StatedPair]:
    """Each stated budget with the next concluding percentage before the next budget."""
    pairs: list[StatedPair] = []
    for st in _matches(pages):
        if st.kind is StatementKind.STATED_BUDGET:
            pairs.append(StatedPair(st, None))
        elif pairs and pairs[-1].result is None:
            pairs[-1] = StatedPair(pairs[-1].budget, st)
    return pairs


def with_statements(indicators: Sequence[IndicatorRecord], pages: Sequence[PageText]
                    ) -> tuple[list[IndicatorRecord], list[StatementRecord]]:
    """(the indicators, each recap table's first row carrying the narrative stated about it;
    the document's other statements: E.81 footer factors, narrative with no recap table).

    A narrative belongs to the first recap table (capaian_program) not yet taken on its page
    or after it: the seed prints "Pada ... anggaran sebesar ...", the table, then "Secara
    keseluruhan ... realisasi keuangan sebesar 36%"."""
    out = list(indicators)
    firsts: dict[int, int] = {}  # table_index -> position of the table's first row
    for n, ind in enumerate(out):
        if ind.table_type is TableType.CAPAIAN_PROGRAM:
            firsts.setdefault(ind.table_index, n)
    free = sorted(firsts.items())
    loose: list[StatementRecord] = []
    for pair in stated_pairs(pages):
        stated = (pair.budget,) + ((pair.result,) if pair.result is not None else ())
        taken = next(((t, n) for t, n in free if out[n].page >= pair.budget.page), None)
        if taken is None:
            loose.extend(stated)
            continue
        free.remove(taken)
        first = out[taken[1]]
        out[taken[1]] = replace(first, statements=first.statements + stated)
    return out, footer_factors(pages) + loose
