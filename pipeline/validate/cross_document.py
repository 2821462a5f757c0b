"""The same indicator carrying different numbers in two tables of one archive (DOMAIN.md 8:
XDOC-01, XDOC-02, KK-03). Warehouse rules: SQL finds the documents of one organisation and
year, indicators are matched by kode rekening, else by fuzzy name, and numbers compared at
printed precision.

    XDOC-01  IKU / PK target and last year's realisation  vs  E.81 col 7 and col 6
             Kertas Kerja inputs "... Tahun <n-1> = v"     vs  E.81 col 6
    XDOC-02  recap program capaian                         vs  E.81 program 13 K / 13 Rp
    KES-01   Kesimpulan average of a block of programs     vs  mean of their E.81 13 K / 13 Rp
    KK-03    Kertas Kerja result of the quarter            vs  E.81 realisation of that quarter
A finding is reported once, on the indicator of the table that is not the E.81.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from pipeline.validate.capaian import Method, agrees, recompute
from pipeline.validate.facts import Connection, DocumentFacts, Indicator, Number, load_documents
from pipeline.validate.kinds import is_cumulative, name_key
from pipeline.validate.registry import Finding, RuleName, Scope, Severity, rule
from pipeline.validate.tolerance import Interval, printed, show

# documents of one organisation and fiscal year (organisation compared case- and
# space-insensitively), each with the others it can be compared with (itself included: the
# tables of one Monev bundle)
GROUPS_SQL = """
    SELECT a.document_id, b.document_id
    FROM documents a JOIN documents b
      ON lower(trim(a.organization)) = lower(trim(b.organization))
     AND a.fiscal_year = b.fiscal_year
    WHERE a.status <> 'failed' AND b.status <> 'failed'
    ORDER BY a.source_path, b.source_path
"""
# names this similar (rapidfuzz ratio of the folded names, 0-100) are the same indicator:
# "Nilai SAKIP SKPD" / "Nilai SAKIP PD" = 93; sibling sub kegiatan names differ more
NAME_MATCH_MIN = 90.0
PLAN_TYPES = ("iku", "perjanjian_kinerja")
KERTAS_KERJA = "kertas_kerja"
RECAP = "capaian_program"
KESIMPULAN = "kesimpulan_rkpd"
E81 = "e81"
# "Nilai SAKIP Disperindag Tahun 2023": a Data Masukan variable of a named year
YEAR_IN_VARIABLE = re.compile(r"""\btahun\s+(\d{4})\b""", re.IGNORECASE | re.VERBOSE)


@dataclass(frozen=True)
class Pair:
    mine: Indicator  # the finding goes on this one
    doc: DocumentFacts
    e81: Indicator
    e81_doc: DocumentFacts


def _groups(con: Connection, ids: Sequence[str]) -> list[tuple[DocumentFacts,
                                                              list[DocumentFacts]]]:
    rows = con.execute(GROUPS_SQL).fetchall()
    wanted = set(ids)
    needed = sorted({d for pair in rows for d in pair if pair[0] in wanted})
    facts = {d.document_id: d for d in load_documents(con, needed)}
    groups: dict[str, list[DocumentFacts]] = {}
    for a, b in rows:
        if a in wanted:
            groups.setdefault(a, []).append(facts[b])
    return [(facts[a], others) for a, others in groups.items()]


def similarity(a: str | None, b: str | None) -> float:
    return float(fuzz.ratio(name_key(a), name_key(b))) if a and b else 0.0


def match(ind: Indicator, candidates: Sequence[Indicator], *, by: str = "indicator_name",
          same_level: bool = False) -> Indicator | None:
    """The candidate with the same code, else the most similar name (>= NAME_MATCH_MIN)."""
    if ind.code:
        coded = [c for c in candidates if c.code == ind.code]
        if coded:
            return coded[0]
    pool = [c for c in candidates if not same_level or c.level == ind.level]
    scored = [(similarity(getattr(ind, by), getattr(c, by)), -n, c) for n, c in enumerate(pool)]
    scored = [s for s in scored if s[0] >= NAME_MATCH_MIN]
    return max(scored, key=lambda s: (s[0], s[1]))[2] if scored else None


def _pairs(con: Connection, ids: Sequence[str], types: Sequence[str], *, by: str,
           same_level: bool) -> Iterator[Pair]:
    for doc, others in _groups(con, ids):
        mine = [i for i in doc.indicators if i.table_type in types]
        if not mine:
            continue
        for other in others:
            e81_rows = [i for i in other.of_type(E81) if i.level != "summary"]
            for ind in mine:
                found = match(ind, e81_rows, by=by, same_level=same_level)
                if found is not None:
                    yield Pair(ind, doc, found, other)


def differ(a: Number, b: Number | None) -> bool:
    """True when two printed numbers cannot be the same value (a blank b differs from a
    non-zero a)."""
    if a.value is None:
        return False
    if b is None or b.value is None:
        return a.value != 0
    return not printed(a.value, a.raw_text).overlaps(printed(b.value, b.raw_text))


def plain(value: float) -> str:
    """A number from a Data Masukan as written: 77.2 -> "77,2", 1151384000 -> "1.151.384.000"."""
    text = f"{value:.10f}".rstrip("0").rstrip(".")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return show(value, decimals)


def _where(pair: Pair) -> str:
    place = "the same document" if pair.doc is pair.e81_doc else pair.e81_doc.source_path
    return f"the Form E.81 of {place} (page {pair.e81.page}, {pair.e81.label})"


def _shown(number: Number | None) -> str:
    return "blank" if number is None or number.value is None else number.raw_text


@rule("XDOC-01", family="cross_document", severity=Severity.ERROR,
      name=RuleName.CROSS_DOCUMENT_MISMATCH, scope=Scope.WAREHOUSE)
def plan_against_e81(con: Connection, ids: Sequence[str]) -> Iterator[Finding]:
    """IKU/PK targets and last year's realisation equal the E.81's (col 7, col 6)."""
    for pair in _pairs(con, ids, PLAN_TYPES, by="indicator_name", same_level=False):
        yield from _plan_pair(pair)


def _plan_pair(pair: Pair) -> Iterator[Finding]:
    fiscal = pair.e81_doc.fiscal_year
    for number in pair.mine.numbers:
        if number.value is None or number.period != "year":
            continue
        other: Number | None = None
        column = ""
        if number.measure == "target" and number.year == fiscal:
            other, column = pair.e81.get("target", "year"), "col 7 (Renja target)"
        elif (number.measure == "realisasi" and fiscal is not None
              and number.year == fiscal - 1 and not is_cumulative(pair.e81)):
            other, column = (pair.e81.get("realisasi", "renstra_to_prev"),
                             f"col 6 (realisation up to {fiscal - 1})")
        if other is None or other.value is None or not differ(number, other):
            continue
        extra = _kertas_kerja_value(pair, number.year)
        yield Finding(pair.doc.document_id, pair.mine.indicator_id, number.page,
                      RuleName.CROSS_DOCUMENT_MISMATCH, "XDOC-01", Severity.ERROR,
                      f"{number.measure}/{number.period}", number.raw_text, other.raw_text,
                      f"{pair.mine.label} has {number.measure} {number.year} "
                      f"{number.raw_text} but {_where(pair)} prints {other.raw_text} in "
                      f"{column}{extra}.")


def _kertas_kerja_value(pair: Pair, year: int | None) -> str:
    """", and the Kertas Kerja gives 77,2" when a Kertas Kerja input names that year."""
    kk = [i for i in pair.e81_doc.of_type(KERTAS_KERJA) if i.calculation is not None]
    found = match(pair.mine, kk)
    if found is None or found.calculation is None:
        return ""
    for variable, value in found.calculation.inputs.items():
        hit = YEAR_IN_VARIABLE.search(variable)
        if hit and year is not None and int(hit.group(1)) == year:
            return f", and its Kertas Kerja gives \"{variable} = {plain(value)}\""
    return ""


@rule("KK-03", family="cross_document", severity=Severity.ERROR,
      name=RuleName.CROSS_DOCUMENT_MISMATCH, scope=Scope.WAREHOUSE)
def kertas_kerja_against_e81(con: Connection, ids: Sequence[str]) -> Iterator[Finding]:
    """The Kertas Kerja result of the quarter equals the E.81 realisation of that quarter;
    a Data Masukan of the previous year equals the E.81 col 6."""
    for pair in _pairs(con, ids, (KERTAS_KERJA,), by="indicator_name", same_level=True):
        for number in pair.mine.numbers:
            if number.measure != "realisasi" or not number.period.startswith("tw"):
                continue
            other = pair.e81.get("realisasi", number.period)
            if differ(number, other):
                yield Finding(pair.doc.document_id, pair.mine.indicator_id, number.page,
                              RuleName.CROSS_DOCUMENT_MISMATCH, "KK-03", Severity.ERROR,
                              f"realisasi/{number.period}", number.raw_text, _shown(other),
                              f"The Kertas Kerja result {number.raw_text} of "
                              f"{pair.mine.label} differs from the {number.period.upper()} "
                              f"realisation in {_where(pair)}: {_shown(other)}.")
        yield from _previous_year_input(pair)


def _previous_year_input(pair: Pair) -> Iterator[Finding]:
    calc, fiscal = pair.mine.calculation, pair.e81_doc.fiscal_year
    if calc is None or fiscal is None or is_cumulative(pair.e81):
        return
    col6 = pair.e81.get("realisasi", "renstra_to_prev")
    for variable, value in calc.inputs.items():
        hit = YEAR_IN_VARIABLE.search(variable)
        if hit is None or int(hit.group(1)) != fiscal - 1 or col6 is None:
            continue
        shown = f"{variable} = {plain(value)}"
        number = Number("realisasi", fiscal - 1, "renstra_to_prev", value, plain(value),
                        pair.mine.page)
        if differ(number, col6):
            yield Finding(pair.doc.document_id, pair.mine.indicator_id, pair.mine.page,
                          RuleName.CROSS_DOCUMENT_MISMATCH, "XDOC-01", Severity.ERROR,
                          "realisasi/renstra_to_prev", shown, col6.raw_text,
                          f"The Kertas Kerja input \"{shown}\" of {pair.mine.label} differs "
                          f"from col 6 (realisation up to {fiscal - 1}) in {_where(pair)}: "
                          f"{col6.raw_text}.")


@rule("XDOC-02", family="cross_document", severity=Severity.ERROR,
      name=RuleName.CROSS_DOCUMENT_MISMATCH, scope=Scope.WAREHOUSE)
def recap_against_e81(con: Connection, ids: Sequence[str]) -> Iterator[Finding]:
    """A recap's program capaian equals the E.81 program row's 13 K / 13 Rp."""
    for pair in _pairs(con, ids, (RECAP,), by="name", same_level=True):
        for number in pair.mine.numbers:
            if number.measure not in ("capaian", "capaian_anggaran") or number.period != "year":
                continue
            other = pair.e81.get(number.measure, number.period)
            if other is None or not differ(number, other):
                continue
            yield Finding(pair.doc.document_id, pair.mine.indicator_id, number.page,
                          RuleName.CROSS_DOCUMENT_MISMATCH, "XDOC-02", Severity.ERROR,
                          f"{number.measure}/{number.period}", number.raw_text, other.raw_text,
                          f"The recap gives {pair.mine.name} a {number.measure.replace('_', ' ')}"
                          f" of {number.raw_text} but {_where(pair)} prints {other.raw_text}"
                          f"{_polarity_note(pair.e81, number)}.")


def _polarity_note(e81: Indicator, number: Number) -> str:
    """"; the recap's value is the lower-is-better formula ..." when that explains it."""
    realisasi, target = e81.get("realisasi", "year"), e81.get("target", "year")
    if number.measure != "capaian" or realisasi is None or target is None or not target.value:
        return ""
    negative = recompute(Method.NEGATIVE, realisasi, target)
    if not agrees(negative, number):
        return ""
    return (f"; the recap's value is the lower-is-better formula {negative.formula} and the "
            f"E.81's the higher-is-better one")


@rule("KES-01", family="cross_document", severity=Severity.ERROR,
      name=RuleName.CROSS_DOCUMENT_MISMATCH, scope=Scope.WAREHOUSE)
def kesimpulan_against_e81(con: Connection, ids: Sequence[str]) -> Iterator[Finding]:
    """A Kesimpulan average equals the mean of the E.81 program capaian it summarises (a value
    printed in a merged cell covers the rows below it that print none)."""
    for doc, others in _groups(con, ids):
        rows = doc.of_type(KESIMPULAN)
        for other in others:
            programs = [i for i in other.of_type(E81) if i.level == "program"]
            if programs:
                yield from _kesimpulan_blocks(doc, other, rows, programs)


def _kesimpulan_blocks(doc: DocumentFacts, e81_doc: DocumentFacts, rows: Sequence[Indicator],
                       programs: Sequence[Indicator]) -> Iterator[Finding]:
    for start, head in enumerate(rows):
        for number in head.numbers:
            if number.measure not in ("capaian", "capaian_anggaran") or number.value is None:
                continue
            block = [head]
            for row in rows[start + 1:]:
                if row.get(number.measure, number.period) is not None:
                    break
                block.append(row)
            matched = [match(r, programs, by="name") for r in block]
            cells = [m.get(number.measure, "year") for m in matched if m is not None]
            values = [c for c in cells if c is not None and c.value is not None]
            if not values or len(values) != len(block):
                continue
            mean = sum(c.value or 0.0 for c in values) / len(values)
            if printed(number.value, number.raw_text).overlaps(
                    Interval.exact(mean).widened(0.005)):
                continue
            terms = " + ".join(c.raw_text for c in values)
            place = "the same document" if doc is e81_doc else e81_doc.source_path
            yield Finding(doc.document_id, head.indicator_id, number.page,
                          RuleName.CROSS_DOCUMENT_MISMATCH, "KES-01", Severity.ERROR,
                          f"{number.measure}/{number.period}", number.raw_text,
                          show(mean, 2, True),
                          f"The Kesimpulan prints {number.raw_text} for {len(block)} "
                          f"program(s) from {head.name} on, but the E.81 of {place} gives them "
                          f"({terms}) / {len(values)} = {show(mean, 2, True)}.")
