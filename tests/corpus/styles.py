"""Layout styles of the digital test documents: how an office would have exported them.

Each style is the look of one kind of export (Excel print with a full grid, a Word table with
partial rules, a plain table with hardly any rules), so the extractors are never tuned to one
rendering. Fonts are embedded TrueType files from Debian's font packages (installed by
`make setup`), as Word and Excel embed theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIRS = (Path("/usr/share/fonts/truetype/liberation"), Path("/usr/share/fonts/truetype/dejavu"))

# F4 (folio, 215 x 330 mm) is the paper most Indonesian government offices print on.
PAPER = {"A4": A4, "F4": (215 * mm, 330 * mm)}


class Rules(StrEnum):
    """Which ruling lines a table is drawn with."""

    GRID = "grid"  # every cell boxed (Excel print area with all borders)
    PARTIAL = "partial"  # outer box, column lines, a line above each new indicator only (Word)
    OPEN = "open"  # lines under the header and at the bottom only


@dataclass(frozen=True)
class Style:
    """One way of typesetting a truth document."""

    name: str
    font: str  # TrueType file stem, regular weight
    font_bold: str
    body_size: float  # points, narrative text
    table_size: float  # points, table cells; shrunk for wide tables until the grid fits
    min_table_size: float
    rules: Rules
    line_width: float
    header_fill: tuple[float, float, float] | None  # RGB 0-1, None for no shading
    cell_pad: float  # points of padding inside a cell
    width_exponent: float  # column widths grow with (text length) ** exponent
    margin: float  # page margin in points
    numbers_right: bool  # right-align number cells (Excel) or centre them (Word)


STYLES: dict[str, Style] = {
    "excel": Style(
        name="excel", font="LiberationSansNarrow-Regular", font_bold="LiberationSansNarrow-Bold",
        body_size=10, table_size=8, min_table_size=4.5, rules=Rules.GRID, line_width=0.5,
        header_fill=(0.85, 0.85, 0.85), cell_pad=2.0, width_exponent=0.8, margin=12 * mm,
        numbers_right=True),
    "word": Style(
        name="word", font="LiberationSerif-Regular", font_bold="LiberationSerif-Bold",
        body_size=11, table_size=9, min_table_size=4.5, rules=Rules.PARTIAL, line_width=0.75,
        header_fill=None, cell_pad=3.0, width_exponent=0.5, margin=20 * mm,
        numbers_right=False),
    "plain": Style(
        name="plain", font="DejaVuSansCondensed", font_bold="DejaVuSansCondensed-Bold",
        body_size=9.5, table_size=7.5, min_table_size=4.0, rules=Rules.OPEN, line_width=0.6,
        header_fill=None, cell_pad=2.5, width_exponent=0.65, margin=15 * mm,
        numbers_right=True),
}


def register_fonts(style: Style) -> None:
    """Register the style's TrueType fonts with reportlab (idempotent)."""
    for stem in (style.font, style.font_bold):
        if stem in pdfmetrics.getRegisteredFontNames():
            continue
        path = next((d / f"{stem}.ttf" for d in FONT_DIRS if (d / f"{stem}.ttf").exists()), None)
        if path is None:
            raise FileNotFoundError(
                f"font {stem}.ttf not found in {', '.join(map(str, FONT_DIRS))}; run `make setup`")
        pdfmetrics.registerFont(TTFont(stem, str(path)))
