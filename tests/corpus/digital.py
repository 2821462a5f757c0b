"""Typeset a truth file into a digital PDF, as Word or Excel would have exported it.

The truth's `blocks` give the reading order (letterheads, letters, narrative, tables, signature
blocks, page breaks); `tables` give every printed cell with its merges. reportlab lays it out;
`rl_config.invariant` makes the bytes depend on the input only, so `make corpus` is reproducible.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, HRFlowable, KeepTogether,
                                NextPageTemplate, PageBreak, PageTemplate, Paragraph, Spacer,
                                Table, TableStyle)

from tests.corpus.styles import PAPER, Rules, Style, register_fonts

rl_config.invariant = 1  # no creation date or random document id: same truth, same bytes

# A cell is typeset as a number (aligned, never wrapped) when it is one printed value.
NUMBER_CELL = re.compile(r"""^\s*(Rp\.?\s?)?[-+]?\(?\d[\d.,]*\)?\s?%?(,-)?\s*$""", re.VERBOSE)
LEADING = 1.18  # line height / font size, as Word's single spacing
SIGNATURE_HEIGHT = 34.0  # points left for the handwritten signature
MIN_TEXT_COLUMN = 18.0  # points: narrower text columns would break every word


@dataclass(frozen=True)
class Cell:
    """One grid slot of a table as typeset: the text, its span and whether it is a number."""

    content: object  # str, or the frac dict of the truth
    colspan: int
    rowspan: int

    @property
    def text(self) -> str:
        if isinstance(self.content, dict):
            frac = self.content
            return f"{frac.get('prefix', '')}{frac['frac']['num']} / {frac['frac']['den']}{frac.get('suffix', '')}"
        return str(self.content)

    @property
    def lines(self) -> list[str]:
        """The lines whose width the column must hold: a fraction's numerator and denominator."""
        if isinstance(self.content, dict):
            return [self.content["frac"]["num"], self.content["frac"]["den"]]
        return self.text.split("\n")

    def side_text_width(self, width: Callable[[str], float]) -> float:
        """Width a fraction's prefix and suffix take beside it (0 for plain text)."""
        if not isinstance(self.content, dict):
            return 0.0
        return width(self.content.get("prefix", "")) + width(self.content.get("suffix", "")) + 3

    @property
    def is_number(self) -> bool:
        return isinstance(self.content, str) and bool(NUMBER_CELL.match(self.content))


def truth_cell_to_cell(raw: object) -> Cell | None:
    """Truth cell (string, span object, frac object, or null placeholder) -> Cell; None for null."""
    if raw is None:
        return None
    if isinstance(raw, str):
        return Cell(raw, 1, 1)
    assert isinstance(raw, dict)
    content: object = raw if "frac" in raw else raw["text"]
    return Cell(content, raw.get("colspan", 1), raw.get("rowspan", 1))


def row_to_slots(raw_cells: list) -> list[Cell | None]:
    """Expand a printed row to its grid slots: a colspan cell, then None for the slots it covers."""
    slots: list[Cell | None] = []
    for raw in raw_cells:
        cell = truth_cell_to_cell(raw)
        slots.append(cell)
        if cell is not None:
            slots.extend([None] * (cell.colspan - 1))
    return slots


class Fraction(Flowable):
    """A formula typeset as a fraction: numerator over a rule over denominator, then a suffix."""

    def __init__(self, prefix: str, num: str, den: str, suffix: str, pstyle: ParagraphStyle):
        super().__init__()
        self.pstyle = pstyle
        self.prefix, self.suffix = prefix, suffix
        centred = ParagraphStyle("frac", parent=pstyle, alignment=TA_CENTER)
        self.num = Paragraph(escape(num), centred)
        self.den = Paragraph(escape(den), centred)

    def _side(self, text: str) -> float:
        return stringWidth(text, self.pstyle.fontName, self.pstyle.fontSize) if text else 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        inner = max(avail_width - self._side(self.prefix) - self._side(self.suffix) - 2, 10)
        self.nw, self.nh = self.num.wrap(inner, avail_height)
        self.dw, self.dh = self.den.wrap(inner, avail_height)
        self.inner = inner
        self.width = avail_width
        self.height = self.nh + self.dh + 3
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        x = self._side(self.prefix)
        mid = self.dh + 1.5
        font, size = self.pstyle.fontName, self.pstyle.fontSize
        if self.prefix:
            c.setFont(font, size)
            c.drawString(0, mid - size / 3, self.prefix)
        self.den.drawOn(c, x, 0)
        self.num.drawOn(c, x, self.dh + 3)
        c.setLineWidth(0.5)
        c.line(x + 2, mid, x + self.inner - 2, mid)
        if self.suffix:
            c.setFont(font, size)
            c.drawString(x + self.inner + 1, mid - size / 3, self.suffix)


class Signature(Flowable):
    """A pen scribble where the official signed; its shape derives from the signer's name."""

    def __init__(self, seed_text: str, width: float = 90.0):
        super().__init__()
        self.digest = hashlib.sha256(seed_text.encode()).digest()
        self.width, self.height = width, SIGNATURE_HEIGHT

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(colors.Color(0.1, 0.15, 0.45))
        c.setLineWidth(0.9)
        path = c.beginPath()
        path.moveTo(5, 8)
        for i in range(0, 12, 3):
            b = self.digest[i:i + 3]
            x = 8 + i * 6.5
            path.curveTo(x, 10 + b[0] % 20, x + 7, 2 + b[1] % 24, x + 13, 6 + b[2] % 18)
        c.drawPath(path, stroke=1, fill=0)


class Renderer:
    """Builds the reportlab story of one truth document in one style."""

    def __init__(self, truth: dict, style: Style):
        register_fonts(style)
        self.truth, self.style = truth, style
        self.paper = PAPER[truth["paper"]]
        self.tables = {t["id"]: t for t in truth["tables"]}
        self.orientation = "portrait"
        base = dict(fontName=style.font, fontSize=style.body_size, leading=style.body_size * LEADING)
        self.body = ParagraphStyle("body", alignment=TA_JUSTIFY, spaceAfter=4, **base)
        self.centre = ParagraphStyle("centre", alignment=TA_CENTER, **base)
        self.bold_centre = ParagraphStyle("bold_centre", parent=self.centre, fontName=style.font_bold)
        self.left = ParagraphStyle("left", alignment=TA_LEFT, **base)

    # -- page geometry -------------------------------------------------------------------------
    def page_size(self, orientation: str) -> tuple[float, float]:
        return landscape(self.paper) if orientation == "landscape" else portrait(self.paper)

    def frame_width(self) -> float:
        return self.page_size(self.orientation)[0] - 2 * self.style.margin - 12  # frame padding

    def templates(self) -> list[PageTemplate]:
        out = []
        for orientation in ("portrait", "landscape"):
            w, h = self.page_size(orientation)
            m = self.style.margin
            frame = Frame(m, m, w - 2 * m, h - 2 * m, id=orientation)
            out.append(PageTemplate(id=orientation, frames=[frame], pagesize=(w, h)))
        return out

    # -- blocks ----------------------------------------------------------------------------------
    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        for n, block in enumerate(self.truth["blocks"]):
            if n == 0 and block["kind"] == "page_break":
                # the document starts in that orientation: no blank first page
                self.orientation = block["orientation"]
                continue
            story.extend(getattr(self, f"block_{block['kind']}")(block))
        return story

    def block_letterhead(self, block: dict) -> list[Flowable]:
        lines = block["lines"]
        head = ParagraphStyle("lh", parent=self.bold_centre, fontSize=self.style.body_size + 4,
                              leading=(self.style.body_size + 4) * LEADING)
        small = ParagraphStyle("lhs", parent=self.centre, fontSize=self.style.body_size - 1.5,
                               leading=(self.style.body_size - 1.5) * LEADING)
        out: list[Flowable] = [Paragraph(escape(lines[0]), head)]
        out += [Paragraph(escape(line), head if line.isupper() else small) for line in lines[1:]]
        out += [HRFlowable(width="100%", thickness=2.2, spaceBefore=3, spaceAfter=1),
                HRFlowable(width="100%", thickness=0.6, spaceAfter=10)]
        return out

    def block_title(self, block: dict) -> list[Flowable]:
        out: list[Flowable] = [Paragraph(escape(line), self.bold_centre) for line in block["lines"]]
        return out + [Spacer(1, 8)]

    def block_paragraph(self, block: dict) -> list[Flowable]:
        return [Paragraph(escape(block["text"]).replace("\n", "<br/>"), self.body)]

    def block_list(self, block: dict) -> list[Flowable]:
        item = ParagraphStyle("item", parent=self.left, leftIndent=14, spaceAfter=2)
        return [Paragraph(escape(line), item) for line in block["items"]] + [Spacer(1, 4)]

    def block_fields(self, block: dict) -> list[Flowable]:
        rows = [[Paragraph(escape(k), self.left), ":", Paragraph(escape(v), self.left)]
                for k, v in block["items"]]
        label = max(stringWidth(k, self.style.font, self.style.body_size) for k, _ in block["items"])
        table = Table(rows, colWidths=[label + 8, 8, self.frame_width() - label - 16], hAlign="LEFT")
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), self.style.font, self.style.body_size),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        return [table, Spacer(1, 8)]

    def block_signature(self, block: dict) -> list[Flowable]:
        name = next((line for line in reversed(block["lines"]) if line and "NIP" not in line), "")
        rows: list[list[Flowable]] = []
        for line in block["lines"]:
            rows.append([Signature(name) if not line.strip() else Paragraph(escape(line), self.centre)])
        width = min(0.42 * self.frame_width(), 230)
        table = Table(rows, colWidths=[width], hAlign="RIGHT")
        table.setStyle(TableStyle([("TOPPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        return [Spacer(1, 12), KeepTogether([table]), Spacer(1, 6)]

    def block_page_break(self, block: dict) -> list[Flowable]:
        self.orientation = block["orientation"]
        return [NextPageTemplate(self.orientation), PageBreak()]

    def block_table(self, block: dict) -> list[Flowable]:
        return [TableBuilder(self.tables[block["table_id"]], self.style, self.frame_width()).build(),
                Spacer(1, 10)]


class TableBuilder:
    """One truth table -> a reportlab Table with merges, repeated header and fitted columns."""

    def __init__(self, table: dict, style: Style, width: float):
        self.table, self.style, self.width = table, style, width
        self.n_cols = len(table["columns"])
        self.header = [row_to_slots(r) for r in table["header_rows"]]
        if table["column_number_row"] is not None:
            self.header.append(row_to_slots(table["column_number_row"]))
        self.body = [row_to_slots(r["cells"]) for r in table["rows"]]
        self.kinds = [r["kind"] for r in table["rows"]]
        self.size = style.table_size

    def pstyle(self, bold: bool = False, align: int = TA_LEFT) -> ParagraphStyle:
        font = self.style.font_bold if bold else self.style.font
        return ParagraphStyle(f"c{bold}{align}{self.size}", fontName=font, fontSize=self.size,
                              leading=self.size * LEADING, alignment=align)

    def text_width(self, text: str, bold: bool = False) -> float:
        font = self.style.font_bold if bold else self.style.font
        return stringWidth(text, font, self.size)

    def column_needs(self) -> tuple[list[float], list[float]]:
        """Per column: the narrowest width that breaks no word or number, and a comfortable one."""
        pad = 2 * self.style.cell_pad
        low = [MIN_TEXT_COLUMN] * self.n_cols
        want = [MIN_TEXT_COLUMN] * self.n_cols
        for n, row in enumerate(self.header + self.body):
            bold = n < len(self.header)
            for j, cell in enumerate(row):
                if cell is None or cell.colspan > 1:
                    continue
                lines = cell.lines
                words = [w for line in lines for w in line.split()] or [""]
                unbreakable = lines if cell.is_number else words
                extra = cell.side_text_width(self.text_width)
                low[j] = max(low[j], max(self.text_width(w, bold) for w in unbreakable) + pad + 1
                             + extra)
                if not bold:
                    want[j] = max(want[j], max(self.text_width(line) for line in lines) + pad + extra)
        return low, want

    def column_widths(self) -> list[float]:
        """Fit the columns to the frame, shrinking the font until the unbreakable parts fit."""
        while True:
            low, want = self.column_needs()
            if sum(low) <= self.width or self.size <= self.style.min_table_size:
                break
            self.size -= 0.25
        spare = max(self.width - sum(low), 0.0)
        weights = [max(w - lo, 0.0) ** self.style.width_exponent for w, lo in zip(want, low)]
        total = sum(weights) or 1.0
        return [lo + spare * w / total for lo, w in zip(low, weights)]

    def flowable(self, cell: Cell, header: bool) -> Flowable | str:
        """The cell's content: a fraction, a paragraph, or "" for an empty cell."""
        if isinstance(cell.content, dict):
            frac = cell.content
            return Fraction(frac.get("prefix", ""), frac["frac"]["num"], frac["frac"]["den"],
                            frac.get("suffix", ""), self.pstyle())
        if not cell.text:
            return ""
        if header:
            align = TA_CENTER
        elif cell.is_number:
            align = TA_RIGHT if self.style.numbers_right else TA_CENTER
        else:
            align = TA_LEFT
        return Paragraph(escape(cell.text).replace("\n", "<br/>"), self.pstyle(header, align))

    def build(self) -> Table:
        widths = self.column_widths()
        data, commands = [], []
        for r, row in enumerate(self.header + self.body):
            header = r < len(self.header)
            out_row: list[Flowable | str] = []
            for c, cell in enumerate(row):
                if cell is None:
                    out_row.append("")
                    continue
                out_row.append(self.flowable(cell, header))
                if cell.colspan > 1 or cell.rowspan > 1:
                    commands.append(("SPAN", (c, r), (c + cell.colspan - 1, r + cell.rowspan - 1)))
            if not header:
                for item in out_row:  # lets the document template tell on which page a row lands
                    if isinstance(item, Flowable):
                        item.kinerja_row = (self.table["id"], r - len(self.header))
            data.append(out_row)
        table = Table(data, colWidths=widths, repeatRows=len(self.header), hAlign="CENTER")
        table.setStyle(TableStyle(commands + self.rule_commands() + self.base_commands()))
        return table

    def base_commands(self) -> list[tuple]:
        pad = self.style.cell_pad
        cmds: list[tuple] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("VALIGN", (0, 0), (-1, len(self.header) - 1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad / 2), ("BOTTOMPADDING", (0, 0), (-1, -1), pad / 2),
        ]
        if self.style.header_fill:
            cmds.append(("BACKGROUND", (0, 0), (-1, len(self.header) - 1),
                         colors.Color(*self.style.header_fill)))
        for r, kind in enumerate(self.kinds, start=len(self.header)):
            if kind == "summary" and self.style.header_fill:
                cmds.append(("BACKGROUND", (0, r), (-1, r), colors.Color(0.93, 0.93, 0.93)))
        return cmds

    def rule_commands(self) -> list[tuple]:
        lw, n_head = self.style.line_width, len(self.header)
        if self.style.rules is Rules.GRID:
            return [("GRID", (0, 0), (-1, -1), lw, colors.black)]
        if self.style.rules is Rules.OPEN:
            return [("LINEABOVE", (0, 0), (-1, 0), lw, colors.black),
                    ("LINEBELOW", (0, n_head - 1), (-1, n_head - 1), lw, colors.black),
                    ("LINEBELOW", (0, -1), (-1, -1), lw, colors.black)]
        cmds: list[tuple] = [("BOX", (0, 0), (-1, -1), lw, colors.black),
                             ("INNERGRID", (0, 0), (-1, n_head - 1), lw, colors.black),
                             ("LINEBELOW", (0, n_head - 1), (-1, n_head - 1), lw, colors.black),
                             ("LINEAFTER", (0, 0), (-1, -1), lw * 0.7, colors.black)]
        for r, kind in enumerate(self.kinds, start=n_head):
            if kind != "continuation":
                cmds.append(("LINEABOVE", (0, r), (-1, r), lw * 0.7, colors.black))
        return cmds


@dataclass(frozen=True)
class Rendered:
    """What a rendering produced: page count and the 1-based page of every table row."""

    pages: int
    row_pages: dict[str, list[int]]  # table id -> page of each body row (first page it touches)


class RowTrackingDoc(BaseDocTemplate):
    """Records the page each table row is drawn on (tables split across pages included)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_pages: dict[str, dict[int, int]] = {}

    def afterFlowable(self, flowable: Flowable) -> None:
        if not isinstance(flowable, Table):
            return
        for row in flowable._cellvalues:
            for value in row:
                # reportlab keeps a cell's flowables in a tuple
                for item in value if isinstance(value, (list, tuple)) else (value,):
                    tag = getattr(item, "kinerja_row", None)
                    if tag is not None:
                        self.row_pages.setdefault(tag[0], {}).setdefault(tag[1], self.page)


def render_pdf(truth: dict, style: Style, out: Path) -> Rendered:
    """Typeset `truth` in `style` into `out`."""
    renderer = Renderer(truth, style)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = RowTrackingDoc(str(out), title=truth["name"], creator="Kinerja corpus",
                         author=truth["document"]["organization"] or "")
    blocks = truth["blocks"]
    first = blocks[0]["orientation"] if blocks and blocks[0]["kind"] == "page_break" else "portrait"
    # the first template is the first page's: put the starting orientation first
    doc.addPageTemplates(sorted(renderer.templates(), key=lambda t: t.id != first))
    doc.build(renderer.story())
    row_pages = {}
    for table in truth["tables"]:
        seen = doc.row_pages.get(table["id"], {})
        pages, last = [], 1
        for n in range(len(table["rows"])):
            last = seen.get(n, last)  # a row of empty cells only sits on its predecessor's page
            pages.append(last)
        row_pages[table["id"]] = pages
    return Rendered(pages=doc.page, row_pages=row_pages)
