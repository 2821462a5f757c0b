"""Form E.81 header labels -> what each grid column holds (DOMAIN.md 1.2-1.4, E81-00).

Columns are mapped by header TEXT, never by printed column number: the numbering skips 10-11
in a TW II report and the years printed in the headers may disagree. Three layouts are known:

* Jawa Timur (seed 001): groups 5, 6, 7, 12, 13, 14, 15 each split into K / Rp, and per quarter
  "Target TW I" and "Realisasi TW I" (K / Rp each);
* national Permendagri 86/2017 (S2, S3): columns 1-15 with only the realisation per quarter
  ("Realisasi Kinerja Pada Triwulan / I / K");
* Permendagri 54/2010 "Rekapitulasi Evaluasi Hasil Pelaksanaan Renja" (columns 1-12, no K / Rp).

A column label is the header texts of the column joined top-down by " / " (RawTable.columns).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from pipeline.model import Measure, Period
from pipeline.normalize.headers import Role, map_columns
from pipeline.normalize.quarters import QUARTER, quarter_number
from pipeline.normalize.text import key

LABEL_SEPARATOR = " / "


class Kind(StrEnum):
    K = "k"  # kinerja: the indicator value in its Satuan (or a percentage for capaian groups)
    RP = "rp"  # money


# the last header part that names K / Rp ("... / K", "... / Rp")
KIND_WORDS = {"k": Kind.K, "kinerja": Kind.K, "rp": Kind.RP, "keuangan": Kind.RP}

# identity columns (not numbers); variants are `text.key` forms of printed headers
IDENTITY_ROLES = (
    Role("no", ("no", "nomor")),
    Role("code", ("kode rekening", "kode")),
    Role("name", (
        "urusan bidang urusan pemerintahan daerah dan program kegiatan sub kegiatan",  # seed 001
        "urusan bidang urusan pemerintahan daerah dan program kegiatan",  # 54/2010
        "urusan bidang urusan program kegiatan",  # Tangerang Selatan 2023
        "program kegiatan",  # national
    )),
    Role("sasaran", ("sasaran",)),
    Role("indicator", (
        "indikator kinerja program outcome kegiatan output kegiatan sub kegiatan output sub "
        "kegiatan",  # seed 001
        "indikator kinerja program outcome kegiatan output",  # national
        "indikator kinerja program outcomes kegiatan output",  # 54/2010
        "indikator kinerja program outcome indikator kinerja kegiatan output",  # Tangsel
    )),
    Role("unit", ("satuan",)),
    Role("responsible", ("pd penanggung jawab", "unit pd penanggung jawab",
                         "perangkat daerah penanggung jawab", "penanggung jawab")),
)


@dataclass(frozen=True)
class GroupMeaning:
    """What the K and the Rp column of one header group hold."""

    role: Role
    kinerja: Measure
    anggaran: Measure
    period: Period


# Header groups other than the quarters. Variants are matched after years, "(n-2)" and "%"
# are dropped from the label (GROUP_NOISE), so a printed header matches its variant exactly.
GROUPS = (
    GroupMeaning(Role("renstra_target", (
        "target renstra perangkat daerah pada tahun akhir periode renstra perangkat daerah",
        "target renstra pd pada tahun akhir periode renstra pd",
        "target kinerja capaian program renstra tahun",  # 54/2010
        "target kinerja capaian program renstra opd tahun",
    )), Measure.TARGET, Measure.ANGGARAN, Period.RENSTRA_END),
    GroupMeaning(Role("renstra_to_prev", (
        "realisasi capaian kinerja renstra perangkat daerah s d renja pd tahun lalu",
        "realisasi capaian kinerja renstra pd sampai dengan renja pd tahun lalu",
        "realisasi target kinerja hasil program dan keluaran kegiatan s d tahun",  # 54/2010
    )), Measure.REALISASI, Measure.REALISASI_ANGGARAN, Period.RENSTRA_TO_PREV),
    GroupMeaning(Role("renja_target", (
        "target kinerja dan anggaran renja tahun berjalan yang dievaluasi",
        "target kinerja dan anggaran renja pd tahun berjalan tahun yang dievaluasi",
        "target program dan kegiatan renja tahun",  # 54/2010 column 9 (year n-1)
    )), Measure.TARGET, Measure.ANGGARAN, Period.YEAR),
    GroupMeaning(Role("renja_realisasi", (
        "realisasi capaian kinerja dan anggaran renja yang dievaluasi",
        "realisasi capaian kinerja dan anggaran renja pd yang dievaluasi",
    )), Measure.REALISASI, Measure.REALISASI_ANGGARAN, Period.YEAR),
    GroupMeaning(Role("renja_capaian", (
        "tingkat capaian kinerja dan realisasi anggaran renja tahun",
        "tingkat capaian kinerja anggaran renja skpd yang dievaluasi",  # SIRENBANGDA
    )), Measure.CAPAIAN, Measure.CAPAIAN_ANGGARAN, Period.YEAR),
    GroupMeaning(Role("renstra_realisasi", (
        "realisasi kinerja dan anggaran renstra s d tahun",
        "realisasi kinerja dan anggaran renstra pd s d tahun akhir tahun pelaksanaan renja",
        "realisasi capaian program dan kegiatan s d tahun berjalan",  # 54/2010
    )), Measure.REALISASI, Measure.REALISASI_ANGGARAN, Period.RENSTRA_TO_DATE),
    GroupMeaning(Role("renstra_capaian", (
        "tingkat capaian kinerja dan realisasi anggaran renstra s d tahun",
        "tingkat capaian kinerja dan realisasi anggaran renstra pd s d tahun",
        "tingkat capaian realisasi target renstra s d tahun berjalan",  # 54/2010
    )), Measure.CAPAIAN, Measure.CAPAIAN_ANGGARAN, Period.RENSTRA_TO_DATE),
    # 54/2010 columns 6-8: the Renja of year n-2 (its own year in the header)
    GroupMeaning(Role("prev_renja_target", ("target renja tahun",)),
                 Measure.TARGET, Measure.ANGGARAN, Period.YEAR),
    GroupMeaning(Role("prev_renja_realisasi", ("realisasi renja tahun",)),
                 Measure.REALISASI, Measure.REALISASI_ANGGARAN, Period.YEAR),
    GroupMeaning(Role("prev_renja_capaian", ("tingkat realisasi",)),
                 Measure.CAPAIAN, Measure.CAPAIAN_ANGGARAN, Period.YEAR),
)
GROUP_BY_ROLE = {g.role.name: g for g in GROUPS}
QUARTER_PERIODS = {1: Period.TW1, 2: Period.TW2, 3: Period.TW3, 4: Period.TW4}

# A quarter inside a header part, not a range of quarters:
#   "Target TW I" -> 1, "Realisasi TW II" -> 2, "Triwulan III" -> 3;
#   not "Realisasi Kinerja Pada Triwulan I - IV Tahun 2023", not "Triwulan Tahun 2024"
QUARTER_IN_PART = re.compile(
    rf"""{QUARTER} (?!\s*[-–]\s*(?:IV|I{{1,3}}|[1-4])\b)""", re.VERBOSE | re.IGNORECASE)
# a header part that is only the quarter's number, under a "Triwulan" group: "I", "IV", "2"
BARE_QUARTER = re.compile(r"""^\s*(?P<q>IV|I{1,3}|[1-4]|[Il|]{1,3}|[Il|1]V)\s*$""",
                          re.VERBOSE | re.IGNORECASE)
# a group header that announces quarter sub-columns: "Realisasi Kinerja Pada Triwulan"
QUARTER_GROUP = re.compile(r"""\b(?:triwulan|tribulan|tw)\b""", re.VERBOSE | re.IGNORECASE)
# a year printed in a header: "(2023)", "Tahun 2024", "2013-2018" (the last one counts)
YEAR = re.compile(r"""(?<!\d)(?:19|20)\d{2}(?!\d)""", re.VERBOSE)
# a year relative to the Renja year n: "(n-2)", "(n- 2)", "tahun n-1"
RELATIVE_YEAR = re.compile(r"""\bn\s*-\s*([12])\b""", re.IGNORECASE | re.VERBOSE)
# dropped before matching a group header: years, "(n-2)", "(Tahun n-1)", "%"
GROUP_NOISE = re.compile(
    r"""(?<!\d)(?:19|20)\d{2}(?!\d)     # 2024
      | \bn\s*-\s*\d\b                 # n-2   n - 1
      | %                              # (%)
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class NumberColumn:
    """A column holding numbers: its measure for K and Rp values, period and year."""

    index: int
    kind: Kind
    kinerja: Measure  # what a K value is
    anggaran: Measure  # what money is (the Rp column of the same group)
    period: Period
    year: int | None

    @property
    def measure(self) -> Measure:
        return self.anggaran if self.kind is Kind.RP else self.kinerja


@dataclass(frozen=True)
class E81Columns:
    identity: dict[str, int]  # IDENTITY_ROLES name -> column index
    numbers: tuple[NumberColumn, ...]
    # further columns under the code's header: the 54/2010 forms print "1 | 01 | 01 | 01"
    code_span: tuple[int, ...] = ()

    def number_at(self, index: int) -> NumberColumn | None:
        return next((c for c in self.numbers if c.index == index), None)


@dataclass(frozen=True)
class _Label:
    """One column label taken apart: K / Rp, the quarter, the header text naming the group."""

    index: int
    kind: Kind
    quarter: tuple[int, bool] | None  # (quarter, is a target) for quarter columns
    group: str  # the deepest header text that is neither K / Rp nor the quarter
    top: str  # the top header text (columns under one top header share a year)
    year: int | None
    relative: int | None = None  # the year an "n-k" names, when no year is printed


def label_parts(label: str) -> list[str]:
    return [p.strip() for p in label.split(LABEL_SEPARATOR) if p.strip()]


def kind_of(parts: Sequence[str]) -> Kind | None:
    """`[..., "K"]` -> K, `[..., "Rp"]` -> RP; None when the last part names neither."""
    return KIND_WORDS.get(key(parts[-1])) if parts else None


def quarter_of(parts: Sequence[str]) -> tuple[int, int, bool] | None:
    """(part index, quarter, is a target) of the part naming a quarter:
    `["Realisasi Kinerja pada Triwulan Tahun 2024", "Target TW I", "K"]` -> (1, 1, True);
    `["Realisasi Kinerja Pada Triwulan", "II", "Rp"]` -> (1, 2, False)."""
    for i, part in enumerate(parts):
        is_target = key(part).startswith("target")
        if match := QUARTER_IN_PART.search(part):
            return i, quarter_number(match["q"]), is_target
        bare = BARE_QUARTER.match(part)
        if bare and i > 0 and QUARTER_GROUP.search(parts[i - 1]):
            return i, quarter_number(bare["q"]), key(parts[i - 1]).startswith("target")
    return None


def header_year(text: str) -> int | None:
    """The last year printed: `Tahun 2024` -> 2024, `(Renstra OPD) Tahun 2013-2018` -> 2018."""
    years = YEAR.findall(text)
    return int(years[-1]) if years else None


def group_key(text: str) -> str:
    """`Tingkat Capaian ... Renja Tahun 2024 (%)` -> `tingkat capaian ... renja tahun`."""
    return key(GROUP_NOISE.sub(" ", text))


# a printed column number left in a label when the number row was read as header:
#   "4", "12", "8=(7/6)", "11=(10/4)", "13 = 6 + 12"
COLUMN_NUMBER_PART = re.compile(r"""^\s* \d{1,2} \s* (?:= .*)? $""", re.VERBOSE)


def relative_year(label: str, fiscal_year: int | None) -> int | None:
    """The year a 54/2010 header names relative to the Renja year n = the running year + 1
    (Tabel 2.1 BKPP Wilayah I: "Renja OPD tahun (n-2)" is the year evaluated, "(tahun n-1)" the
    running year): the last "n-k" printed, None without one or without the document's year."""
    found = RELATIVE_YEAR.findall(label)
    if not found or fiscal_year is None:
        return None
    return fiscal_year + 1 - int(found[-1])


def _read_label(index: int, label: str, fiscal_year: int | None = None) -> _Label | None:
    parts = [p for p in label_parts(label) if not COLUMN_NUMBER_PART.match(p)]
    kind = kind_of(parts)
    rest = parts[:-1] if kind is not None else parts
    found = quarter_of(rest)
    if found is not None:
        rest = rest[:found[0]] + rest[found[0] + 1:]
    if not rest:
        return None
    quarter = (found[1], found[2]) if found else None
    return _Label(index, kind or Kind.K, quarter, rest[-1], rest[0], header_year(label),
                  relative_year(label, fiscal_year))


def _with_inherited_years(labels: list[_Label]) -> list[_Label]:
    """A label printing no year takes the year of the column before it under the same top
    header (54/2010: "Tingkat Realisasi (%)" under "... Tahun Lalu (n-2)" takes the 2013 of
    "Realisasi Renja ... Tahun 2013"), else the year its "n-k" names."""
    out: list[_Label] = []
    for label in labels:
        previous = out[-1] if out else None
        if label.year is None and previous is not None and previous.top == label.top:
            label = replace(label, year=previous.year)
        if label.year is None:
            label = replace(label, year=label.relative)
        out.append(label)
    return out


def _with_inherited_quarters(labels: list[_Label]) -> list[_Label]:
    """A label naming no quarter takes the quarter of the column beside it with the same header
    otherwise (group, top, K / Rp): a quarter number centred over a K/Rp pair drawn as four
    grid columns ("I" over the middle two, Tangerang Selatan 2023) labels only two of them."""
    out = list(labels)
    for i, label in enumerate(labels):
        if label.quarter is not None:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(labels) and (other := labels[j]).quarter is not None and (
                    other.group, other.top, other.kind) == (label.group, label.top, label.kind):
                out[i] = replace(label, quarter=other.quarter)
                break
    return out


def _quarter_column(label: _Label, evaluated: int | None) -> NumberColumn:
    assert label.quarter is not None
    quarter, is_target = label.quarter
    kinerja, anggaran = ((Measure.TARGET, Measure.ANGGARAN) if is_target
                         else (Measure.REALISASI, Measure.REALISASI_ANGGARAN))
    return NumberColumn(label.index, label.kind, kinerja, anggaran, QUARTER_PERIODS[quarter],
                        label.year or evaluated)


def _year_for(period: Period, printed: int | None, evaluated: int | None) -> int | None:
    """The year of a group: as printed, except "Renstra s/d tahun ..." which runs up to the
    evaluated year (seed 001 prints "s/d Tahun 2026" in a 2024 report: a defect, E81-00)."""
    if period is Period.RENSTRA_TO_DATE:
        return evaluated
    if printed is not None:
        return printed
    if period is Period.RENSTRA_TO_PREV:
        return None if evaluated is None else evaluated - 1
    return None if period is Period.RENSTRA_END else evaluated


def _group_meanings(labels: Sequence[_Label]) -> dict[int, GroupMeaning]:
    """column index -> meaning, for the labels that are not quarter columns."""
    groups = list(dict.fromkeys(group_key(label.group) for label in labels))
    mapping = map_columns(groups, [g.role for g in GROUPS])
    by_group = {groups[j]: GROUP_BY_ROLE[name] for name, j in mapping.items()}
    return {label.index: by_group[g] for label in labels
            if (g := group_key(label.group)) in by_group}


def _evaluated_year(labels: Sequence[_Label], meanings: dict[int, GroupMeaning],
                   fiscal_year: int | None) -> int | None:
    """The year the form evaluates: the latest year printed over the quarter columns and the
    columns of the year (Renja target, realisation, capaian), else the document's year."""
    printed = [label.year for label in labels if label.year is not None and (
        label.quarter or (label.index in meanings and
                          meanings[label.index].period is Period.YEAR))]
    return max(printed, default=fiscal_year)


def map_e81_columns(columns: Sequence[str], fiscal_year: int | None) -> E81Columns:
    """Read the header labels of an E.81 table (see the module docstring)."""
    identity = map_columns(columns, IDENTITY_ROLES)
    taken = set(identity.values())
    labels = _with_inherited_quarters(_with_inherited_years(
        [label for j, text in enumerate(columns) if j not in taken
         and (label := _read_label(j, text, fiscal_year)) is not None]))
    meanings = _group_meanings([label for label in labels if not label.quarter])
    evaluated = _evaluated_year(labels, meanings, fiscal_year)
    numbers = []
    for label in labels:
        if label.quarter:
            numbers.append(_quarter_column(label, evaluated))
        elif (group := meanings.get(label.index)) is not None:
            numbers.append(NumberColumn(label.index, label.kind, group.kinerja, group.anggaran,
                                        group.period,
                                        _year_for(group.period, label.year, evaluated)))
    return E81Columns(identity, tuple(numbers), _code_span(columns, identity.get("code")))


def _code_span(columns: Sequence[str], code: int | None) -> tuple[int, ...]:
    """The columns right of the code column that repeat its label (one merged "Kode" header
    over the urusan, bidang, program and kegiatan parts)."""
    if code is None:
        return ()
    span = []
    for j in range(code + 1, len(columns)):
        if columns[j] != columns[code]:
            break
        span.append(j)
    return tuple(span)
