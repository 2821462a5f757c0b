"""Cell text of indicator tables: names as stored, numbers read into measurements (NUM-01..04
through numbers.parse_number)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.model import Cell, Level, Measure, MeasurementRecord, Period
from pipeline.normalize.numbers import NumberFormat, parse_number
from pipeline.normalize.text import fold_or_none, key

# unit of an indicator printed without a Satuan column and without a % sign, by its first word
UNIT_BY_FIRST_WORD = {"nilai": "nilai", "indeks": "indeks"}

# a running number opening a name cell: "1 Peningkatan ...", "4. Indeks ..."; not "1 (satu)"
RUNNING_NO_RE = re.compile(r"""^\s* (?P<no>\d{1,3}) \.? \s+ (?=[^\W\d_])""", re.VERBOSE)
# a list bullet opening a cell line: "- Jumlah IKM", "· Jumlah bahan", "• Data", a lone "·";
# not "-5"
BULLET_RE = re.compile(r"""^\s* [-–·•▪◦] (?:\s+|$)""", re.VERBOSE)
# the level printed as a prefix: "Tujuan: Kontribusi ...", "Sasaran : Meningkatnya ..."
# "Sasaran ke-2 : Meningkatnya ...", "Sasaran Stratejik : ..." (LKjIP tables)
LEVEL_PREFIX_RE = re.compile(r"""^\s* (?P<level>tujuan|sasaran)
                                 (?:\s+ke\s*-?\s*\d+ | \s+strat\w*)? \s* : \s*""",
                             re.VERBOSE | re.IGNORECASE)
LEVEL_BY_PREFIX = {"tujuan": Level.TUJUAN, "sasaran": Level.SASARAN}


def strip_bullet(text: str) -> str:
    """ "- Jumlah IKM yang dibina" -> "Jumlah IKM yang dibina"."""
    return BULLET_RE.sub("", text)


def running_number(text: str | None) -> str | None:
    """ "4 Indeks Keberdayaan Konsumen (IKK)" -> "4"; None when the cell opens with no number."""
    match = RUNNING_NO_RE.match(text or "")
    return match["no"] if match else None


def clean_name(text: str | None) -> str | None:
    """A name/indicator as stored: bullet, running number and level prefix dropped, folded."""
    if text is None:
        return None
    bare = LEVEL_PREFIX_RE.sub("", RUNNING_NO_RE.sub("", strip_bullet(text)))
    return fold_or_none(bare)


def clean_text(text: str | None) -> str | None:
    """A formula/source/responsible as stored: bullet dropped, folded."""
    return None if text is None else fold_or_none(strip_bullet(text))


def level_prefix(text: str | None) -> Level | None:
    """ "Tujuan: Kontribusi Sektor Unggulan Meningkat" -> tujuan; None without a prefix."""
    match = LEVEL_PREFIX_RE.match(text or "")
    return LEVEL_BY_PREFIX[match["level"].lower()] if match else None


def cell_lines(cell: Cell | None) -> list[str]:
    """The non-blank lines of a cell."""
    if cell is None:
        return []
    return [line for line in cell.text.split("\n") if line.strip()]


# --------------------------------------------------------------------------------------------
# Measurements
# --------------------------------------------------------------------------------------------


def measurement(cell: Cell, raw: str, measure: Measure, year: int | None, period: Period,
                value_text: str | None = None,
                fmt: NumberFormat = NumberFormat.INDONESIAN) -> MeasurementRecord:
    """One number of a cell (or of one line of it: `value_text` is then the part after
    "TW n ="), read in the column's number format. A text that cannot be read keeps its
    raw_text with value None (the validators report it)."""
    parsed = parse_number(raw if value_text is None else value_text, fmt)
    return MeasurementRecord(measure=measure, year=year, period=period,
                             value=None if parsed.error else parsed.value, raw_text=raw,
                             page=cell.page, bbox=cell.bbox, source=cell.source,
                             confidence=cell.confidence_of(raw))


def inferred_unit(indicator_name: str | None,
                  measurements: Sequence[MeasurementRecord]) -> str | None:
    """Unit of a table without a Satuan column: "%" when a value prints a % sign, else by the
    indicator's first word ("Nilai SAKIP PD" -> nilai); None without any value."""
    if not measurements:
        return None
    if any("%" in m.raw_text for m in measurements):
        return "%"
    words = key(indicator_name).split()
    return UNIT_BY_FIRST_WORD.get(words[0]) if words else None


def slot(row: tuple[Cell | None, ...], j: int | None) -> Cell | None:
    """The cell of a row at a column index (None for a missing index or a merged slot)."""
    return row[j] if j is not None and j < len(row) else None


def cell_text(cell: Cell | None) -> str | None:
    """A cell's text as extracted; None for a merged slot."""
    return cell.text if cell is not None else None


def first_page(row: tuple[Cell | None, ...], default: int) -> int:
    """The page of a row's first cell (the table's first page for a row of merged slots)."""
    return next((c.page for c in row if c is not None), default)
