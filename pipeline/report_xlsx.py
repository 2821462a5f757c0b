"""findings.xlsx: a Summary sheet, then one sheet per document that has findings.

Auditors filter and sort in Excel, so every table has a frozen header row, an autofilter and
column widths that fit its content. Text from documents is always stored as text: a cell printed
as `=2/4*100` must not become an Excel formula.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

if TYPE_CHECKING:
    from pipeline.report import FindingRow, Report

SUMMARY_SHEET = "Summary"
SUMMARY_HEADER = ("Document", "Type", "Status", "Pages", "Indicators", "Errors", "Warnings",
                  "Info", "Total", "Sheet", "Problem while reading")
RULES_HEADER = ("Rule", "Errors", "Warnings", "Info", "Total", "Documents", "Rule ids")
DOCUMENT_HEADER = ("Page", "Severity", "Rule", "Rule id", "No", "Indicator", "Field", "Printed",
                   "Expected", "Message", "Finding id")
NO_FINDINGS = "No findings."

# Excel's limits on sheet names: 31 characters, none of []:*?/\ .
MAX_SHEET_NAME = 31
SHEET_NAME_FORBIDDEN_RE = re.compile(r"""[\[\]:*?/\\]""")
# Column widths in characters: wide enough for a typical value, capped so one long message or
# indicator name does not push the rest off screen (those wrap instead).
MIN_WIDTH = 6
MAX_WIDTH = 60
WRAPPED_WIDTH = {"Indicator": 45, "Message": 80, "Problem while reading": 50}
HEADER_FONT = Font(bold=True)


def write_xlsx(path: Path, report: Report) -> None:
    book = Workbook()
    summary = book.active
    summary.title = SUMMARY_SHEET
    sheet_names = _sheet_names([d.source_path for d in report.documents if d.total])
    rows = [(d.source_path, d.doc_type, d.status, d.page_count, d.indicators,
             d.counts.get("error", 0), d.counts.get("warning", 0), d.counts.get("info", 0),
             d.total, sheet_names.get(d.source_path), d.error) for d in report.documents]
    widths = [_table(summary, SUMMARY_HEADER, rows)]
    after = len(rows) + 3  # one blank row under the documents
    if not report.findings:
        summary.cell(after, 1, NO_FINDINGS).font = HEADER_FONT
    else:
        rule_rows = [(r.rule, r.counts.get("error", 0), r.counts.get("warning", 0),
                      r.counts.get("info", 0), r.total, r.documents,
                      ", ".join(r.rule_ids) or None) for r in report.rules]
        widths.append(_block(summary, after, RULES_HEADER, rule_rows))
    _set_widths(summary, *widths)
    by_document: dict[str, list[FindingRow]] = {}
    for finding in report.findings:
        by_document.setdefault(finding.source_path, []).append(finding)
    for source_path, findings in by_document.items():
        sheet = book.create_sheet(sheet_names[source_path])
        _set_widths(sheet, _table(sheet, DOCUMENT_HEADER, [_document_row(f) for f in findings]))
    book.save(path)


def _document_row(f: FindingRow) -> tuple[object, ...]:
    return (f.page, f.severity, f.rule, f.rule_id, f.row_no, f.indicator, f.field, f.reported,
            f.expected, f.message, f.finding_id)


def _sheet_names(source_paths: Sequence[str]) -> dict[str, str]:
    """A unique, valid sheet name per document: its file name without extension, shortened."""
    names: dict[str, str] = {}
    used: set[str] = {SUMMARY_SHEET.lower()}
    for source_path in source_paths:
        stem = SHEET_NAME_FORBIDDEN_RE.sub("_", Path(source_path).stem).strip("'") or "document"
        name, n = stem[:MAX_SHEET_NAME], 1
        while name.lower() in used:
            n += 1
            suffix = f"~{n}"
            name = stem[: MAX_SHEET_NAME - len(suffix)] + suffix
        used.add(name.lower())
        names[source_path] = name
    return names


def _table(sheet: Worksheet, header: Sequence[str],
           rows: Sequence[Sequence[object]]) -> list[float]:
    """A table from A1 with a frozen header row and an autofilter; returns its column widths."""
    widths = _block(sheet, 1, header, rows)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    return widths


def _block(sheet: Worksheet, first_row: int, header: Sequence[str],
           rows: Sequence[Sequence[object]]) -> list[float]:
    """Header and rows from `first_row`; returns the column widths that fit them."""
    for col, label in enumerate(header, start=1):
        sheet.cell(first_row, col, label).font = HEADER_FONT
    for r, values in enumerate(rows, start=first_row + 1):
        for col, value in enumerate(values, start=1):
            _set_cell(sheet.cell(r, col), value)
    widths: list[float] = []
    for col, label in enumerate(header, start=1):
        if label in WRAPPED_WIDTH:
            width = WRAPPED_WIDTH[label]
            for r in range(first_row + 1, first_row + 1 + len(rows)):
                sheet.cell(r, col).alignment = Alignment(wrap_text=True, vertical="top")
        else:
            longest = max((len(str(v[col - 1])) for v in rows if v[col - 1] is not None),
                          default=0)
            width = min(MAX_WIDTH, max(MIN_WIDTH, len(label), longest) + 2)
        widths.append(width)
    return widths


def _set_widths(sheet: Worksheet, *blocks: Sequence[float]) -> None:
    """Each column as wide as the widest of the blocks stacked in it."""
    for col in range(max(len(b) for b in blocks)):
        width = max(b[col] for b in blocks if col < len(b))
        sheet.column_dimensions[get_column_letter(col + 1)].width = width


def _set_cell(cell: Cell, value: object) -> None:
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would read a leading "=" as a formula
