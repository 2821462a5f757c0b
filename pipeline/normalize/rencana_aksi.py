"""Rencana Aksi tables: three column groups side by side, quarterly targets as `TW n = v` lines.

Header variants: DOMAIN.md section 7 (seed 004: SASARAN STRATEGIS / PROGRAM /
KEGIATAN/SUB.KEGIATAN, each with URAIAN, INDIKATOR KINERJA, SATUAN, TARGET; PENANGGUNG JAWAB).

* An indicator of a group starts on the row where the group's Uraian or Indikator cell is
  printed and takes every `TW n = v` line of the group's TARGET cells down to the next start
  (one line per row, or all four folded into one cell). The quarter comes from the printed
  label, not from the row position (seed 004 prints a quarter on a fifth row twice).
* Year: the TARGET header's year, else the document's fiscal year. `TW 4 =` and `TW 1 = -`
  are measurements with value None (NUM-04).
* An empty Uraian inherits the group's last printed one (IKU-00); responsible is the
  PENANGGUNG JAWAB of the indicator's first row, or of the block above when that row prints
  neither an Uraian nor a penanggung jawab (a kegiatan's rows split by a rule).
* Level: group 1 sasaran, group 2 program; group 3 holds kegiatan and sub kegiatan without
  codes. Rule (Permendagri 90/2019): a program's block opens with a kegiatan, so the entry on
  the row where a program starts is a kegiatan; any other entry is a kegiatan when its
  indicator is a percentage (satuan "%", or a name opening with Persentase/Rasio...), as the
  kegiatan indicators of the 050-5889 nomenclature are outcome shares while sub kegiatan
  indicators are output counts ("Jumlah dokumen ...", satuan dokumen/laporan/unit); else it
  is a sub kegiatan.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from pipeline.model import (
    Cell,
    IndicatorRecord,
    Level,
    Measure,
    MeasurementRecord,
    Period,
    RawTable,
    Source,
    TableType,
)
from pipeline.normalize.context import TableContext
from pipeline.normalize.headers import MIN_SCORE, Role, label_score, map_columns
from pipeline.normalize.indicator_cells import cell_lines, clean_name, first_page, measurement, slot
from pipeline.normalize.indicator_columns import header_year
from pipeline.normalize.numbers import parse_number
from pipeline.normalize.polarity import polarity_of
from pipeline.normalize.quarters import (QUARTER, parse_quarter_line, parse_quarter_word,
                                         quarter_number)
from pipeline.normalize.text import fold_or_none, key
from pipeline.normalize.units import normalize_unit

# --------------------------------------------------------------------------------------------
# Header variants (data)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """A column group: the level of its entries and the header texts printed over it."""

    level: Level
    variants: tuple[str, ...]


GROUPS = (
    Group(Level.SASARAN, ("sasaran strategis", "sasaran", "tujuan sasaran")),
    Group(Level.PROGRAM, ("program",)),
    Group(Level.KEGIATAN, ("kegiatan sub kegiatan", "kegiatan", "sub kegiatan",
                           "kegiatan subkegiatan")),
)
LEAF_ROLES = (
    Role("uraian", ("uraian", "nama", "uraian kegiatan")),
    Role("indicator", ("indikator kinerja", "indikator")),
    Role("unit", ("satuan",)),
    Role("target", ("target", "target kinerja")),
)
RESPONSIBLE_ROLES = (Role("responsible", ("penanggung jawab", "pd penanggung jawab",
                                          "unit penanggung jawab")),)
# first words of a percentage indicator ("Persentase ...", "Prosentase ...", "% Ketersediaan")
PERCENT_WORDS = ("persentase", "prosentase", "presentase", "rasio", "%")
LABEL_SEPARATOR = " / "
# a line opening with a quarter word: "TW 1 = 95", "TW 4" (its "=170" wrapped below), "TW I ="
QUARTER_START_RE = re.compile(rf"""^\s* {QUARTER}""", re.VERBOSE | re.IGNORECASE)
# a quarter label as OCR garbles small print: "W=" or "W1=" (the T lost), "T3=" (the W lost),
# "TW =" (the numeral lost), "TW p=", "TW .=" and "Tw? =" (the numeral read as a letter or a
# mark), "TwW2--", "TWI-" and "TW1z-" ("=" read as a dash or worse), "TW1I-1", "TWI1--" and
# "TW1...-" (specks after the numeral), "TW.2 -", "W-": the numeral, when read, and the value
GARBLED_QUARTER = re.compile(
    r"""^\s*(?:[TI|l]?\s*[Ww]{1,2}\.?|T(?=\s*[1-4]))
        \s*(?P<q>[1-4]|IV|I{1,3})?\s*(?:[a-z]|[I|.?1]{1,3})?
        \s*(?:=|:|-{1,2})\s*(?P<value>.*?)\s*$""",
    re.VERBOSE)
# "TW2=-" over "78,41": OCR read the "=" ending a label line as "=-"; a minus sign is printed
# against its number, never at the end of the line above it
OCR_EQUALS_DASH = re.compile(r"""=\s*[-–—]\s*$""")
# a label whose "=" OCR lost or read as one more character, its number after a space or on the
# next line: "TW 4 28", "TW 35" over "100", "TW I" over "100" (the III lost two strokes). The
# label is not trusted: the quarter is told by the line's place in the series
OCR_LABEL_SLIP = re.compile(
    r"""^\s*T?W\s*(?:[1-4]|IV|I{1,3})?\s*[^\s\d]?\d?   # "TW 3" and the "=" read as "5"
        \s+(?P<value>\d[\d.,]*%?)\s*$""", re.VERBOSE)
# a bare label line that may be such a label; its number is on the next line
OCR_BARE_LABEL = re.compile(r"""^\s*T?W\s*\S{0,2}\s*$""")
# one number among marks OCR made of specks and ruling stubs, no word of two letters:
# "/78", "70 -»n", "65 —", "100°"; not after a dash, which may be the empty marker ("- 2...")
OCR_NUMBER_IN_JUNK = re.compile(
    r"""^[^\w\s\-–—]*(?P<number>\d[\d.,]*\d%?|\d%?)\s*(?:[^\w\s%]+\s*[a-z]?)?\s*$""",
    re.VERBOSE)
# an OCR number the reader had to tell (its quarter by its place in the series, not by its
# label; its digits among junk marks) is one to look at: its confidence is capped below the
# validators' low-confidence mark
INFERRED_QUARTER_CONFIDENCE = 40.0
QUARTER_NUMBER = {Period.TW1: 1, Period.TW2: 2, Period.TW3: 3, Period.TW4: 4}


@dataclass(frozen=True)
class GroupColumns:
    """The columns of one group and the year of its targets."""

    order: int  # 0 sasaran, 1 program, 2 kegiatan/sub kegiatan
    level: Level
    roles: dict[str, int]  # leaf role -> column index
    year: int | None


def group_of(label: str) -> int | None:
    """Which group a column label's top part names; None for columns outside the groups."""
    top = label.split(LABEL_SEPARATOR)[0]
    scores = [(max(label_score(top, v) for v in g.variants), -n) for n, g in enumerate(GROUPS)]
    score, minus_n = max(scores)
    return -minus_n if score >= MIN_SCORE else None


def leaf(label: str) -> str:
    """The bottom header of a column label: "PROGRAM / TARGET" -> "TARGET"."""
    return label.split(LABEL_SEPARATOR)[-1]


def group_columns(columns: Sequence[str], fiscal_year: int | None) -> list[GroupColumns]:
    """The groups the table prints, each with its leaf roles mapped by header variant."""
    groups = [group_of(label) for label in columns]
    out = []
    for n, g in enumerate(GROUPS):
        leaves = [leaf(label) if groups[j] == n else "" for j, label in enumerate(columns)]
        roles = map_columns(leaves, LEAF_ROLES)
        if "target" not in roles and "indicator" not in roles:
            continue
        target = roles.get("target")
        year = header_year(columns[target]) if target is not None else None
        out.append(GroupColumns(n, g.level, roles, year or fiscal_year))
    return out


# --------------------------------------------------------------------------------------------
# Reading the rows
# --------------------------------------------------------------------------------------------


@dataclass
class Entry:
    """An indicator of one group, from its first row down to the next one's."""

    group: GroupColumns
    row: int
    page: int
    name: str | None
    indicator_text: str | None
    unit_text: str | None
    responsible: str | None
    program_row: bool  # a program indicator starts on the same row
    measurements: list[MeasurementRecord] = field(default_factory=list)


# an OCR'd Uraian or Indikator with fewer letters is a speck's read (`speck_entry`)
MIN_NAME_LETTERS = 2


def text_of(row: tuple[Cell | None, ...], j: int | None) -> str | None:
    """A name cell as stored; None when empty or merged."""
    cell = slot(row, j)
    return clean_name(cell.text) if cell is not None else None


# a line of words only: the unit of the number above it
UNIT_LINE = re.compile(r"""[A-Za-z][A-Za-z ./()]*""", re.VERBOSE)


def target_lines(cell: Cell) -> list[str]:
    """The cell's target lines, a wrapped quarter line joined again: "TW 2 =\n7,8" and
    "TW 4\n=170" are one line each, and so is a number with its unit below ("3\nKesepakatan")."""
    lines: list[str] = []
    ocr = cell.source is Source.OCR
    for line in cell_lines(cell):
        raw = line.strip()
        if lines and not _quarter_start(raw) and not (ocr and _labelled_value(raw)) and (
                _awaits_value(lines[-1])
                or (ocr and OCR_BARE_LABEL.match(lines[-1]) and raw[:1].isdigit())):
            head = lines[-1]
            if ocr and raw[:1].isdigit():
                head = OCR_EQUALS_DASH.sub("=", head)
            lines[-1] = f"{head}\n{raw}"
        elif lines and UNIT_LINE.fullmatch(raw) and any(ch.isdigit() for ch in lines[-1]):
            lines[-1] = f"{lines[-1]} {raw}"  # "3\nKesepakatan": the unit wrapped below
        else:
            lines.append(raw)
    return lines


def _awaits_value(line: str) -> bool:
    """A quarter label with no number after it yet ("TW 4", "TW 2 =", "W="): its number is on
    the next line. "TW2=\n12.5" has its number; a scan's next line ("TW 32" over "12,5", a
    label the row rule between them lost) starts the next quarter."""
    start = QUARTER_START_RE.match(line)
    if start is not None:
        return not any(ch.isdigit() for ch in line[start.end():])
    return _quarter_start(line)


def _labelled_value(line: str) -> bool:
    """A garbled OCR label with its numeral and its number ("TWw2=2", "TwW2-11"): a line of
    its own, not the value of a label above it ("TW1=" whose "-" the scan lost)."""
    garbled = GARBLED_QUARTER.match(line)
    return (garbled is not None and garbled["q"] is not None
            and any(ch.isdigit() for ch in garbled["value"]))


def _quarter_start(line: str) -> bool:
    """A quarter label whose number, if any, is on the next line ("TW 4", "W=", "W=-")."""
    garbled = GARBLED_QUARTER.match(line)
    return bool(QUARTER_START_RE.match(line)) or (
        garbled is not None and not any(ch.isdigit() for ch in garbled["value"]))


def target_measurements(cell: Cell, year: int | None) -> list[MeasurementRecord]:
    """`TW 1 = 95` lines -> quarterly targets; another printed line is a target for the year.
    An OCR line whose label is garbled but keeps its numeral ("TW1--", "W1=\n29,29") is read
    as that quarter's."""
    out = []
    for raw in target_lines(cell):
        folded = " ".join(raw.split())
        quarter = parse_quarter_line(folded)
        garbled = GARBLED_QUARTER.match(folded) if cell.source is Source.OCR else None
        bare = parse_quarter_word(folded)
        if quarter is not None:
            out.append(ocr_junk_read(measurement(cell, raw, Measure.TARGET, year,
                                                 Period(f"tw{quarter.quarter}"),
                                                 quarter.value_text), quarter.value_text))
        elif bare is not None:
            # "TW2" with no value on its line or below: the quarter's target is empty (a scan
            # lost the small "= -"); its digit keeps it flagged for a look (OCR-02)
            out.append(measurement(cell, raw, Measure.TARGET, year, Period(f"tw{bare}"), ""))
        elif garbled is not None and garbled["q"]:
            out.append(ocr_junk_read(measurement(cell, raw, Measure.TARGET, year,
                                                 Period(f"tw{quarter_number(garbled['q'])}"),
                                                 garbled["value"]), garbled["value"]))
        else:
            out.append(measurement(cell, raw, Measure.TARGET, year, Period.YEAR))
    return out


def ocr_junk_read(m: MeasurementRecord, value_text: str) -> MeasurementRecord:
    """An OCR quarter value that does not read as a number but holds one among marks of specks
    and ruling stubs ("TW2=70 -»n"): that number, with its confidence capped so that the
    validators flag it; the raw text stays as read."""
    if m.source is not Source.OCR or m.value is not None:
        return m
    junk = OCR_NUMBER_IN_JUNK.match(value_text.replace("\n", " "))
    if junk is None or junk["number"] == value_text.strip():
        return m
    value = parse_number(junk["number"]).value
    if value is None:
        return m
    return replace(m, value=value,
                   confidence=min(m.confidence or 0.0, INFERRED_QUARTER_CONFIDENCE))


def ocr_garbled_label(raw_text: str) -> re.Match[str] | None:
    """The garbled label of an OCR line and its value: "W=\n77,72", "TW 4 28", "TW 35\n100"."""
    folded = " ".join(raw_text.split())
    return GARBLED_QUARTER.match(folded) or OCR_LABEL_SLIP.match(folded)


def with_inferred_quarters(numbers: Sequence[MeasurementRecord]) -> list[MeasurementRecord]:
    """An OCR target whose label lost its numeral ("W=\n77,72", "TW =\n117") takes the quarter
    its place in the indicator's series gives (TW n follows TW n-1, precedes TW n+1), with its
    confidence capped so that the validators flag it."""
    quarters = [QUARTER_NUMBER.get(m.period) for m in numbers]
    out = list(numbers)
    for n, m in enumerate(numbers):
        garbled = (ocr_garbled_label(m.raw_text)
                   if m.period is Period.YEAR and m.source is Source.OCR else None)
        if garbled is None:
            continue
        before = next((q + (n - k) for k in range(n - 1, -1, -1)
                       if (q := quarters[k]) is not None), None)
        after = next((q - (k - n) for k in range(n + 1, len(numbers))
                      if (q := quarters[k]) is not None), None)
        quarter = before or after
        if quarter not in (1, 2, 3, 4):
            continue
        value = parse_number(garbled["value"]).value if garbled["value"] else None
        out[n] = replace(m, period=Period(f"tw{quarter}"), value=value,
                         confidence=min(m.confidence or 0.0, INFERRED_QUARTER_CONFIDENCE))
    return out


def is_percentage(indicator_name: str | None, unit: str | None) -> bool:
    """Satuan "%" or a name opening with Persentase/Prosentase/Rasio/%."""
    words = key(indicator_name).split()
    return unit == "%" or (bool(words) and words[0] in PERCENT_WORDS) or (
        (indicator_name or "").lstrip().startswith("%"))


def level_of(entry: Entry) -> Level:
    """The group's level; kegiatan or sub kegiatan in group 3 (module docstring)."""
    if entry.group.level is not Level.KEGIATAN:
        return entry.group.level
    indicator_name = clean_name(entry.indicator_text)
    if entry.program_row or is_percentage(indicator_name, normalize_unit(entry.unit_text)):
        return Level.KEGIATAN
    return Level.SUB_KEGIATAN


def record(entry: Entry, table_index: int) -> IndicatorRecord:
    """The canonical indicator of an entry; Rencana Aksi print no codes, formulas or sources."""
    indicator_name = clean_name(entry.indicator_text)
    return IndicatorRecord(
        table_type=TableType.RENCANA_AKSI, page=entry.page, row_no=None, level=level_of(entry),
        code=None, parent_code=None, name=entry.name, indicator_name=indicator_name,
        unit=normalize_unit(entry.unit_text), polarity=polarity_of(indicator_name),
        formula=None, data_source=None, responsible=entry.responsible,
        measurements=tuple(with_inferred_quarters(entry.measurements)), table_index=table_index,
        row_index=entry.row)


@dataclass
class Walk:
    """The state of the walk down the rows."""

    open: dict[int, Entry] = field(default_factory=dict)  # group order -> entry being read
    last_name: dict[int, str | None] = field(default_factory=dict)
    responsible: str | None = None  # the PENANGGUNG JAWAB text covering the current row
    done: list[Entry] = field(default_factory=list)


def start_entry(table: RawTable, r: int, g: GroupColumns, walk: Walk,
                program_row: bool) -> Entry | None:
    """The entry a group's cells start on row r; None when its Uraian and Indikator are empty."""
    row = table.rows[r]
    uraian = text_of(row, g.roles.get("uraian"))
    indicator = slot(row, g.roles.get("indicator"))
    if uraian is None and text_of(row, g.roles.get("indicator")) is None:
        return None
    if uraian is not None:
        walk.last_name[g.order] = uraian
    unit = slot(row, g.roles.get("unit"))
    return Entry(g, r, first_page(row, table.page), walk.last_name.get(g.order),
                 indicator.text if indicator is not None else None,
                 unit.text if unit is not None else None, walk.responsible, program_row)


def read_row(table: RawTable, r: int, groups: list[GroupColumns], responsible: int | None,
             walk: Walk) -> None:
    """Start the entries printed on row r and give each open entry the row's target lines."""
    row = table.rows[r]
    cell = slot(row, responsible)
    if cell is not None:
        # an empty PENANGGUNG JAWAB beside an empty Uraian continues the block above (a
        # kegiatan's rows split by a rule); beside a new Uraian it is empty
        named = fold_or_none(cell.text)
        if named is not None or any(text_of(row, g.roles.get("uraian")) for g in groups):
            walk.responsible = named
    program_row = False
    for g in groups:
        entry = start_entry(table, r, g, walk, program_row)
        if entry is not None:
            if g.order in walk.open:
                walk.done.append(walk.open[g.order])
            walk.open[g.order] = entry
            program_row = program_row or g.level is Level.PROGRAM
        target = slot(row, g.roles.get("target"))
        if target is not None and g.order in walk.open:
            walk.open[g.order].measurements.extend(target_measurements(target, g.year))


def normalize(table: RawTable, ctx: TableContext) -> list[IndicatorRecord]:
    """The indicators of one Rencana Aksi table, in table order (row, then group)."""
    groups = group_columns(table.columns, ctx.fiscal_year)
    responsible = map_columns(table.columns, RESPONSIBLE_ROLES).get("responsible")
    walk = Walk()
    for r in range(len(table.rows)):
        read_row(table, r, groups, responsible, walk)
    entries = sorted([*walk.done, *walk.open.values()], key=lambda e: (e.row, e.group.order))
    return [record(e, ctx.table_index) for e in entries
            if not (table.ocr and speck_entry(e))]


def speck_entry(entry: Entry) -> bool:
    """An entry OCR started on specks: its Uraian and Indikator hold fewer than MIN_NAME_LETTERS
    letters (`:`, `j`, a stray `1` over a stray `4` on the 200-dpi scan); no Rencana Aksi row
    is named so."""
    return all(sum(ch.isalpha() for ch in text or "") < MIN_NAME_LETTERS
               for text in (entry.name, entry.indicator_text))
