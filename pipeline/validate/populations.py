"""What a formula or a Satuan counts, against what the indicator names (DOMAIN.md 8: KK-04,
RA-03). Indonesian noun phrases put the head first: "pengurus koperasi" counts pengurus,
"usaha mikro yang berdaya saing" counts usaha mikro under the condition "berdaya saing".

KK-04  the formula counts the population the indicator names, and its parts agree:
       - a share's numerator and denominator count the same thing
         ("∑ pedagang/produsen ... : ∑ IKM ..." does not);
       - a growth formula subtracts the year n-1 value of what it divides by
         ("∑ IKM berkembang Tahun n - ∑ IKM Tahun (n-1) : ∑ IKM berkembang Tahun (n-1)" does not);
       - a share's numerator keeps the indicator's condition ("ASN yang hadir tepat waktu"
         is not counted by "ASN ... yang berpakaian dinas lengkap");
       - "A terhadap B" divides by B;
       - a budget ratio (realisasi keuangan / anggaran) measures an indicator about money;
       - a share does not subtract its own condition ("(terdata - telah verifikasi) /
         terdata" is the share not verified);
       - a count's formula counts the same thing ("Jumlah Stand" is not "Jumlah Berkas ...").
RA-03  the Satuan is a unit of the noun counted: "Jumlah rumah tangga ..." is not counted in
       laporan (unit_mismatch).

These judge wording, not numbers: every finding is a warning, and a phrase the rules cannot
split (no "yang", no division) is left alone rather than guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from pipeline.validate.facts import DocumentFacts, Indicator
from pipeline.validate.kinds import COUNT_NAME, SHARE_NAME
from pipeline.validate.registry import Finding, RuleName, Severity, rule

# two spellings of one word ("eksport"/"export", "kesekatannya"/"kesehatannya", "pdagangan"/
# "pedanagan") are at least this alike (rapidfuzz ratio); "dilatih"/"pelatihan" (62) are not
SAME_WORD_MIN = 75.0
# a word this long that begins or ends another is the same word with an affix ("fasilitasi",
# "difasilitasi") or with the next word run into it by OCR ("IKM", "IKMekspor")
MIN_AFFIXED_WORD = 3
# "x 100%", "*100", "X100 %": the constant of a percentage, not part of the denominator
PERCENT_TAIL = re.compile(r"""[x×*]\s*100\s*%?.*$""", re.IGNORECASE | re.VERBOSE | re.DOTALL)
# "Formulasi Perhitungan :", "Rumus:": the label of a formula cell, not a division
LABEL = re.compile(r"""^\s*(?:formulasi|formula|rumus)\b[^:]{0,30}:""", re.IGNORECASE | re.VERBOSE)
# a division: ":", " / ", " /x" or "dibagi"; "Program/ Kegiatan" and "dipelihara/ direhabilitasi"
# (a slash right after a word) name alternatives
DIVISION = re.compile(r"""\s*:\s*|\s/\s?|\sdibagi\s""", re.IGNORECASE | re.VERBOSE)
# the minus between two terms ("- ∑ IKM", "dikurangi jumlah"), not "tahun ke - n" or "n - 1"
MINUS = re.compile(r"""\sdikurangi\s|\s?[-–]\s+(?=\(?\s*(?:∑|[a-z]{2,}))""",
                   re.IGNORECASE | re.VERBOSE)
# the year n-1 of a growth formula ("(-1)": OCR lost the n)
PREVIOUS_YEAR = re.compile(r"""n\s*-\s*1|\(\s*-\s*1\s*\)|\btahun\s+lalu\b|\bsebelumnya\b""",
                           re.IGNORECASE | re.VERBOSE)
# the name of a fraction: a share (kinds.SHARE_NAME) or a ratio ("Rasio ...")
FRACTION_NAME = re.compile(rf"""{SHARE_NAME.pattern} | ^\s*rasio\b""", re.IGNORECASE | re.VERBOSE)
COUNT_FORMULA = re.compile(r"""^\s*(?:jumlah\b|∑)""", re.IGNORECASE | re.VERBOSE)
AMOUNT = re.compile(r"""^\s*(?:∑|(?:jumlah|total|banyaknya|realisasi|target|nilai)\b)""",
                    re.IGNORECASE | re.VERBOSE)
# a budget ratio: spending over a budget (KK-04 for an indicator that names no money)
SPENDING = re.compile(r"""^\s*(?:jumlah\s+)?(?:realisasi\s+(?:keuangan|anggaran)|serapan)\b""",
                      re.IGNORECASE | re.VERBOSE)
BUDGET = re.compile(r"""\b(?:anggaran|pagu|belanja|dpa)\b""", re.IGNORECASE | re.VERBOSE)
MONEY_WORDS = re.compile(r"""\b(?:keuangan|anggaran|serapan|belanja|dana|pagu|biaya|kas|
                             pendapatan|pad|retribusi|rupiah)\b""", re.IGNORECASE | re.VERBOSE)
TERHADAP = re.compile(r"""\bterhadap\b""", re.IGNORECASE | re.VERBOSE)
# "yang" opens the condition of a noun phrase
CONDITION = re.compile(r"""\byang\b""", re.IGNORECASE | re.VERBOSE)
# "di pelihara" is "dipelihara": the passive prefix printed apart
SPLIT_PREFIX = re.compile(r"""\b(di|ter)\s+(?=[a-z]{4,})""", re.IGNORECASE | re.VERBOSE)
# shorter tokens are OCR's fragments (∑ read as "J", "(n-1)" as "HI"), not words
MIN_WORD = 3
WORD = re.compile(r"""[a-z0-9]+""", re.VERBOSE)
# words that name no population: quantity words, connectives, year markers
FUNCTION_WORDS = frozenset({
    "jumlah", "seluruh", "semua", "total", "persentase", "prosentase", "presentase", "rasio",
    "yang", "dan", "atau", "serta", "di", "ke", "dari", "dalam", "pada", "untuk", "dengan",
    "oleh", "se", "tahun", "th", "thn", "tanun", "tahunn", "n", "ini", "lalu", "sebelumnya",
    "berjalan", "x", "100",
})
# a ratio of two amounts ("Realisasi PAD : Target PAD", "realisasi keuangan / anggaran") divides
# one measure by another of the same thing: its numerator and denominator differ by design
MEASURE_WORDS = frozenset({"realisasi", "target", "anggaran", "pagu", "capaian", "rencana",
                           "nilai"})


@dataclass(frozen=True)
class Phrase:
    """A noun phrase of a formula or name: what it counts and under which condition."""

    population: tuple[str, ...]  # content words before "yang"
    condition: tuple[str, ...]  # content words after it (empty when there is no "yang")


def words(text: str) -> tuple[str, ...]:
    """Content words, lower case ("Dipelihara", "di pelihara" -> "dipelihara")."""
    joined = SPLIT_PREFIX.sub(r"\1", text.lower())
    return tuple(w for w in WORD.findall(joined)
                 if w not in FUNCTION_WORDS and not w.isdigit() and len(w) >= MIN_WORD)


def phrase(text: str) -> Phrase:
    head, *condition = CONDITION.split(text, maxsplit=1)
    return Phrase(words(head), words(condition[0]) if condition else ())


def alike(a: str, b: str) -> bool:
    """One word, respelled or with an affix."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    affixed = long_.startswith(short) or long_.endswith(short)
    return (len(short) >= MIN_AFFIXED_WORD and affixed) or fuzz.ratio(a, b) >= SAME_WORD_MIN


def share_a_word(a: Sequence[str], b: Sequence[str]) -> bool:
    return any(alike(x, y) for x in a for y in b)


def same_words(a: Sequence[str], b: Sequence[str]) -> bool:
    """Every word of each has its like in the other."""
    return all(share_a_word([x], b) for x in a) and all(share_a_word([y], a) for y in b)


def _bare(text: str) -> str:
    """A formula without its label, x100 tail, leading bullet and brackets."""
    text = PERCENT_TAIL.sub("", LABEL.sub("", text)).strip().lstrip("-•").strip()
    return text.replace("(", " ").replace(")", " ")


def fraction(formula: str) -> tuple[str, str] | None:
    """(numerator, denominator) of a formula that divides once; None otherwise. A colon is
    also a label's ("Formulasi Perhitungan : Perbandingan antara ..."): without its x100 a
    fraction is one only when both parts are amounts ("Jumlah ...", "∑ ...")."""
    parts = [p.strip() for p in DIVISION.split(_bare(formula))]
    if len(parts) != 2 or not all(parts):
        return None
    if not PERCENT_TAIL.search(formula) and not all(AMOUNT.match(p) for p in parts):
        return None
    return parts[0], parts[1]


def terms(text: str) -> list[str]:
    """The terms of a difference: "A - B" -> [A, B]."""
    return [t.strip() for t in MINUS.split(text) if t.strip()]


def is_measure(p: Phrase) -> bool:
    return bool(p.population) and p.population[0] in MEASURE_WORDS


def name_phrase(ind: Indicator) -> Phrase:
    """The indicator's name as a phrase: "Persentase Jumlah usaha mikro yang berdaya saing" ->
    usaha mikro | berdaya saing."""
    return phrase(ind.indicator_name or ind.name or "")


def _finding(doc: DocumentFacts, ind: Indicator, message: str) -> Finding:
    return Finding(doc.document_id, ind.indicator_id, ind.page, RuleName.FORMULA_MISMATCH,
                   "KK-04", Severity.WARNING, "formula", ind.formula, None, message)


def _q(text: str) -> str:
    return f'"{" ".join(text.split())}"'


def growth_mismatch(formula: str) -> tuple[str, str] | None:
    """(subtrahend, denominator) of a growth formula whose two year n-1 terms count different
    things; None when they agree or the formula is not a growth formula."""
    parts = fraction(formula)
    if parts is None or not PREVIOUS_YEAR.search(parts[1]):
        return None
    numerator_terms = terms(parts[0])
    if len(numerator_terms) != 2:
        return None
    subtrahend, denominator = phrase(numerator_terms[1]), phrase(parts[1])
    seen = subtrahend.population + subtrahend.condition
    wanted = denominator.population + denominator.condition
    if not seen or not wanted or same_words(seen, wanted):
        return None
    return numerator_terms[1], parts[1]


def share_mismatch(formula: str) -> tuple[str, str] | None:
    """(numerator, denominator) of a share whose two parts count different things."""
    parts = fraction(formula)
    if parts is None:
        return None
    numerator, denominator = (phrase(terms(p)[0]) for p in parts)
    if (not numerator.population or not denominator.population or is_measure(numerator)
            or is_measure(denominator)):
        return None
    if share_a_word(numerator.population, denominator.population):
        return None
    return parts


def condition_mismatch(name: str, formula: str) -> tuple[str, str] | None:
    """(the name's condition, the numerator's) when a share counts the indicator's population
    under another condition: "ASN yang hadir tepat waktu" against "ASN ... yang berpakaian
    dinas lengkap"."""
    parts = fraction(formula)
    if parts is None or not FRACTION_NAME.match(name):
        return None
    wanted, numerator = phrase(name), phrase(terms(parts[0])[0])
    if (not wanted.condition or not numerator.condition
            or not share_a_word(wanted.population, numerator.population)
            or share_a_word(wanted.condition, numerator.condition)):
        return None
    return (CONDITION.split(name, maxsplit=1)[1].strip(),
            CONDITION.split(terms(parts[0])[0], maxsplit=1)[1].strip())


def base_mismatch(name: str, formula: str) -> tuple[str, str] | None:
    """(the base the name divides by, the formula's denominator) for "A terhadap B" names whose
    formula divides A by something other than B."""
    parts = fraction(formula)
    if parts is None or not FRACTION_NAME.match(name):
        return None
    split = TERHADAP.split(name, maxsplit=1)
    if len(split) != 2:
        return None
    measured, base = words(split[0]), words(split[1])
    numerator, denominator = words(parts[0]), words(parts[1])
    if (not measured or not base or not numerator or not denominator
            or not alike(measured[0], numerator[0]) or share_a_word(base, denominator)):
        return None
    return split[1].strip(), parts[1]


def money_for_another_thing(name: str, formula: str) -> tuple[str, str] | None:
    """(numerator, denominator) of a budget ratio ("Realisasi Keuangan ... / anggaran belanja")
    given as the formula of an indicator that names no money ("Prosentase sasaran, program dan
    kegiatan Renja ... yang selaras dengan Renstra")."""
    parts = fraction(formula)
    if parts is None or not FRACTION_NAME.match(name) or MONEY_WORDS.search(name):
        return None
    spent, budget = parts
    if not SPENDING.search(spent) or not BUDGET.search(budget):
        return None
    return spent, budget


def complement_mismatch(name: str, formula: str) -> str | None:
    """The subtracted term of a share "(A - B) / A" whose B is the indicator's own condition
    ("IKM ... yang telah verifikasi teknis melalui SIINas" against "(terdata - terdata telah
    vertek melalui SIINas) / terdata"): it computes the share that does NOT meet it."""
    parts = fraction(formula)
    wanted = phrase(name)
    if parts is None or not FRACTION_NAME.match(name) or len(wanted.condition) < 2:
        return None
    numerator_terms = terms(parts[0])
    if len(numerator_terms) != 2 or PREVIOUS_YEAR.search(formula):
        return None
    subtracted = words(numerator_terms[1])
    met = sum(share_a_word([w], subtracted) for w in wanted.condition)
    return numerator_terms[1] if met * 2 > len(wanted.condition) else None


def count_mismatch(name: str, formula: str) -> tuple[str, str] | None:
    """(what the name counts, what the formula counts) for a count ("Jumlah Stand") whose
    formula, a count with no division, counts another thing ("Jumlah Berkas ...")."""
    if not COUNT_NAME.match(name) or not COUNT_FORMULA.match(formula) or fraction(formula):
        return None
    wanted, counted = phrase(name), phrase(_bare(formula))
    if (not wanted.population or not counted.population
            or share_a_word(wanted.population, counted.population)):
        return None
    return " ".join(wanted.population), " ".join(counted.population)


@rule("KK-04", family="populations", severity=Severity.WARNING,
      name=RuleName.FORMULA_MISMATCH)
def formula_counts_the_indicator(doc: DocumentFacts) -> Iterator[Finding]:
    """A formula counts the population its indicator names, with the same condition, and its
    numerator, denominator and year n-1 term count the same thing."""
    for ind in doc.indicators:
        formula, name = ind.formula or "", ind.indicator_name or ind.name or ""
        if not formula:
            continue
        if found := growth_mismatch(formula):
            yield _finding(doc, ind, f"The growth formula of {ind.label} subtracts "
                                     f"{_q(found[0])} but divides by {_q(found[1])}: growth "
                                     f"compares one population with itself a year earlier.")
        elif found := share_mismatch(formula):
            yield _finding(doc, ind, f"The formula of {ind.label} divides {_q(found[0])} by "
                                     f"{_q(found[1])}: the numerator and the denominator count "
                                     f"different things, so the result is not a share of one "
                                     f"set.")
        elif found := condition_mismatch(name, formula):
            yield _finding(doc, ind, f"{ind.label} counts those {_q(found[0])} but its "
                                     f"formula's numerator counts those {_q(found[1])}.")
        elif found := base_mismatch(name, formula):
            yield _finding(doc, ind, f"{ind.label} is measured against {_q(found[0])} but its "
                                     f"formula divides by {_q(found[1])}.")
        elif found := money_for_another_thing(name, formula):
            yield _finding(doc, ind, f"The formula of {ind.label} is a budget ratio, "
                                     f"{_q(found[0])} / {_q(found[1])}, but the indicator "
                                     f"names no money: the formula measures another thing.")
        elif subtracted := complement_mismatch(name, formula):
            yield _finding(doc, ind, f"The formula of {ind.label} subtracts "
                                     f"{_q(subtracted)}, the indicator's own condition, from "
                                     f"its numerator: it gives the share that does not meet "
                                     f"the condition, the complement of the indicator.")
        elif found := count_mismatch(name, formula):
            yield _finding(doc, ind, f"{ind.label} counts {_q(found[0])} but its formula "
                                     f"'{formula}' counts {_q(found[1])}.")


# RA-03: kinds of things counted, by the nouns that name them and the Satuan that count them.
# A noun or unit of no kind here (paket, unit, jasa, data ...) is never judged.
KINDS: dict[str, frozenset[str]] = {
    "people": frozenset({"orang", "jiwa", "peserta", "tamu", "pengelola", "pedagang",
                         "produsen", "asn", "pns", "pegawai", "pengurus", "penduduk", "siswa",
                         "petani", "nelayan", "penerima", "rumah tangga", "keluarga", "kk",
                         "pelaku usaha", "wirausaha", "pelaku"}),
    "documents": frozenset({"dokumen", "laporan", "berkas", "surat", "naskah", "buku",
                            "sertifikat", "peraturan", "kajian", "rekomendasi"}),
    "meetings": frozenset({"rapat", "pertemuan", "kali", "event", "pameran", "sosialisasi",
                           "bimtek", "forum"}),
}


def kinds_of(text: str) -> set[str]:
    """The kinds a noun or unit names, from its first one or two words."""
    lead = " ".join(text.lower().replace("/", " ").split()[:2])
    first = lead.split(" ")[0] if lead else ""
    return {kind for kind, nouns in KINDS.items() if lead in nouns or first in nouns}


def counted_noun(name: str) -> str | None:
    """The noun a count counts: "Jumlah rumah tangga miskin ..." -> "rumah tangga miskin ..."."""
    if not COUNT_NAME.match(name):
        return None
    return COUNT_NAME.sub("", name, count=1).strip() or None


def unit_mismatch(name: str, unit: str) -> tuple[str, str] | None:
    """(noun kind, unit kind) when the Satuan counts another kind of thing than the name."""
    noun = counted_noun(name)
    if noun is None or not unit.strip():
        return None
    noun_kinds, unit_kinds = kinds_of(noun), kinds_of(unit)
    if not noun_kinds or not unit_kinds or noun_kinds & unit_kinds:
        return None
    return min(noun_kinds), min(unit_kinds)


@rule("RA-03", family="populations", severity=Severity.WARNING, name=RuleName.UNIT_MISMATCH)
def unit_counts_the_noun(doc: DocumentFacts) -> Iterator[Finding]:
    """The Satuan of a count is a unit of the thing counted."""
    for ind in doc.indicators:
        name, unit = ind.indicator_name or ind.name or "", ind.unit or ""
        if (found := unit_mismatch(name, unit)) is None:
            continue
        noun = counted_noun(name) or ""
        yield Finding(doc.document_id, ind.indicator_id, ind.page, RuleName.UNIT_MISMATCH,
                      "RA-03", Severity.WARNING, "unit", unit, None,
                      f"{ind.label} counts {' '.join(noun.split()[:3])} ({found[0]}) but its "
                      f"Satuan is {unit} ({found[1]}).")
