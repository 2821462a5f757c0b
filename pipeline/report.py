"""The discrepancy report auditors work from: findings.html, findings.csv and findings.xlsx.

`load_report` reads the findings with their document and indicator (and the boxes of the cells
involved); `write_report` writes the three files. The HTML is self-contained (CSS, JS and the
page crops as data: URIs) and escapes every text that came from a document.
"""

from __future__ import annotations

import base64
import csv
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import jinja2

from pipeline.crops import RENDER_SCALE, Crop, CropSpec, render_crops
from pipeline.model import BBox, Measure, Period
from pipeline.report_xlsx import write_xlsx
from pipeline.warehouse import Connection

HTML_NAME = "findings.html"
CSV_NAME = "findings.csv"
XLSX_NAME = "findings.xlsx"
TEMPLATE_NAME = "report.html.j2"

# Most severe first: the order of the summary columns and of the rows within a page.
SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}

# The cells a value is recomputed from, outlined beside the finding's own cell: a capaian comes
# from realisasi / target, a predikat from a capaian. Rules as data; other measures outline none.
RELATED_MEASURES: dict[str, tuple[str, ...]] = {
    Measure.CAPAIAN: (Measure.REALISASI, Measure.TARGET),
    Measure.CAPAIAN_ANGGARAN: (Measure.REALISASI_ANGGARAN, Measure.ANGGARAN),
    Measure.PREDIKAT: (Measure.CAPAIAN,),
    Measure.PREDIKAT_ANGGARAN: (Measure.CAPAIAN_ANGGARAN,),
}
# ... and from which periods: the Renstra capaian to date is realisasi to date / the end target.
RELATED_PERIODS: dict[str, tuple[str, ...]] = {
    Period.RENSTRA_TO_DATE: (Period.RENSTRA_TO_DATE, Period.RENSTRA_END),
}
FIELD_SEPARATOR = "/"  # `findings.field` is `measure/period` (e.g. `capaian/renstra_to_date`)

# A crop weighs ~16 kB in the HTML (an E.81 row band as palette PNG, base64): 2000 crops keep
# findings.html near 32 MB, which a browser still opens in seconds; an archive with more findings
# gets crops for the most severe ones and the rest are one filter away in the xlsx/csv.
MAX_HTML_CROPS = 2000

# On screen a crop is shown at 125 % of the printed size (1 CSS px = 1 pt at 100 %): 6-8 pt
# table digits become readable without zooming; wider crops shrink to the window.
CROP_DISPLAY_ZOOM = 1.25

CSV_COLUMNS = ("document", "page", "severity", "rule", "rule_id", "row_no", "indicator",
               "field", "reported", "expected", "message", "finding_id", "document_id",
               "indicator_id")

SELECT_FINDINGS = """
    SELECT f.finding_id, f.document_id, coalesce(d.source_path, f.document_id), f.indicator_id,
           coalesce(f.page, i.page), f.rule, f.severity, f.field, f.reported, f.expected,
           f.message, i.row_no, i.indicator_name, i.name, i.code, f.rule_id
    FROM findings f
    LEFT JOIN documents d ON d.document_id = f.document_id
    LEFT JOIN indicators i ON i.indicator_id = f.indicator_id
"""
SELECT_DOCUMENTS = """
    SELECT d.document_id, d.source_path, d.doc_type, d.status, d.error, d.page_count,
           (SELECT count(*) FROM indicators i WHERE i.document_id = d.document_id)
    FROM documents d ORDER BY d.source_path
"""
SELECT_BOXES = """
    SELECT indicator_id, measure, period, page, bbox_x0, bbox_top, bbox_x1, bbox_bottom
    FROM measurements
    WHERE bbox_x0 IS NOT NULL AND indicator_id IN (SELECT indicator_id FROM findings)
    ORDER BY indicator_id, page, bbox_top, bbox_x0
"""


@dataclass(frozen=True)
class FindingRow:
    """One finding with what an auditor needs beside it."""

    finding_id: str
    document_id: str
    source_path: str
    indicator_id: str | None
    page: int | None
    rule: str
    severity: str
    field: str | None
    reported: str | None
    expected: str | None
    message: str | None
    row_no: str | None
    indicator_name: str | None
    name: str | None
    code: str | None
    rule_id: str | None

    @property
    def indicator(self) -> str:
        """The indicator as an auditor finds it on the page: name, and the uraian if different."""
        parts = [p for p in (self.code, self.name, self.indicator_name) if p]
        return " / ".join(dict.fromkeys(parts))

    def csv_row(self) -> tuple[object, ...]:
        return (self.source_path, self.page, self.severity, self.rule, self.rule_id, self.row_no,
                self.indicator, self.field, self.reported, self.expected, self.message,
                self.finding_id, self.document_id, self.indicator_id)


@dataclass(frozen=True)
class DocumentSummary:
    document_id: str
    source_path: str
    doc_type: str | None
    status: str
    error: str | None
    page_count: int | None
    indicators: int  # rows read: 0 findings of 0 indicators is not a clean document
    counts: dict[str, int] = field(default_factory=dict)  # severity -> findings

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class RuleSummary:
    rule: str
    counts: dict[str, int]
    documents: int
    rule_ids: tuple[str, ...]  # the DOMAIN.md ids that raised it, e.g. ("E81-04", "POL-01")

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class CellBox:
    measure: str
    period: str
    page: int
    box: BBox


@dataclass(frozen=True)
class Report:
    findings: tuple[FindingRow, ...]
    documents: tuple[DocumentSummary, ...]
    rules: tuple[RuleSummary, ...]
    boxes: dict[str, tuple[CellBox, ...]]  # indicator_id -> its cells with a box


def load_report(con: Connection) -> Report:
    """Every finding, sorted by document, page and severity, with summaries and cell boxes."""
    rows = [FindingRow(*row) for row in con.execute(SELECT_FINDINGS).fetchall()]
    rows.sort(key=lambda r: (r.source_path, r.page is None, r.page or 0,
                             SEVERITY_RANK.get(r.severity, len(SEVERITIES)), r.rule,
                             r.finding_id))
    boxes: dict[str, list[CellBox]] = {}
    for ind_id, measure, period, page, x0, top, x1, bottom in con.execute(SELECT_BOXES).fetchall():
        boxes.setdefault(ind_id, []).append(CellBox(measure, period, page,
                                                    BBox(x0, top, x1, bottom)))
    documents = [DocumentSummary(*row) for row in con.execute(SELECT_DOCUMENTS).fetchall()]
    return Report(tuple(rows), _document_summaries(documents, rows), _rule_summaries(rows),
                  {k: tuple(v) for k, v in boxes.items()})


def _document_summaries(documents: Sequence[DocumentSummary],
                        rows: Sequence[FindingRow]) -> tuple[DocumentSummary, ...]:
    counts: dict[str, Counter[str]] = {}
    for row in rows:
        counts.setdefault(row.document_id, Counter())[row.severity] += 1
    return tuple(replace(d, counts=dict(counts.get(d.document_id, {}))) for d in documents)


def _rule_summaries(rows: Sequence[FindingRow]) -> tuple[RuleSummary, ...]:
    counts: dict[str, Counter[str]] = {}
    documents: dict[str, set[str]] = {}
    rule_ids: dict[str, set[str]] = {}
    for row in rows:
        counts.setdefault(row.rule, Counter())[row.severity] += 1
        documents.setdefault(row.rule, set()).add(row.document_id)
        rule_ids.setdefault(row.rule, set()).update([row.rule_id] if row.rule_id else [])
    return tuple(RuleSummary(rule, dict(counts[rule]), len(documents[rule]),
                             tuple(sorted(rule_ids[rule]))) for rule in sorted(counts))


def crop_spec(row: FindingRow, cells: Sequence[CellBox]) -> CropSpec:
    """The region of a finding: its own cells, the cells they come from, else the row, else the
    top of its page."""
    measure, _, period = (row.field or "").partition(FIELD_SEPARATOR)
    own = [c for c in cells if c.measure == measure and (not period or c.period == period)]
    page = _crop_page(row.page, own, cells)
    periods = RELATED_PERIODS.get(period, (period,)) if period else ()
    related = [c for c in cells if c.measure in RELATED_MEASURES.get(measure, ())
               and (not periods or c.period in periods)]
    on_page = [c for c in cells if c.page == page]
    context = on_page if not own else []
    return CropSpec(page, tuple(c.box for c in own if c.page == page),
                    tuple(c.box for c in related if c.page == page),
                    tuple(c.box for c in context))


def _crop_page(page: int | None, own: Sequence[CellBox], cells: Sequence[CellBox]) -> int:
    """The finding's page, unless its own cells are all on another page (a row split across
    pages); without a page, that of its cells, else the first page."""
    if own and not any(c.page == page for c in own):
        return own[0].page
    if page is not None:
        return page
    return cells[0].page if cells else 1


def finding_crops(report: Report, raw_root: Path,
                  max_crops: int = MAX_HTML_CROPS) -> dict[str, Crop]:
    """finding_id -> its crop, each source file opened once; beyond `max_crops` (most severe
    first) a Crop.problem says the crop was left out."""
    ranked = sorted(report.findings, key=lambda r: SEVERITY_RANK.get(r.severity, len(SEVERITIES)))
    left_out = Crop(None, f"crop left out: the report shows at most {max_crops} crops "
                          f"(the most severe findings first)")
    crops: dict[str, Crop] = {row.finding_id: left_out for row in ranked[max_crops:]}
    specs: dict[str, dict[str, CropSpec]] = {}
    for row in ranked[:max_crops]:
        cells = report.boxes.get(row.indicator_id or "", ())
        specs.setdefault(row.source_path, {})[row.finding_id] = crop_spec(row, cells)
    for source_path, by_finding in specs.items():
        rendered = render_crops(raw_root / source_path, by_finding.values())
        crops.update({fid: rendered[spec] for fid, spec in by_finding.items()})
    return crops


def write_csv(path: Path, rows: Sequence[FindingRow]) -> None:
    # utf-8-sig: Excel opens a BOM-marked CSV as UTF-8 (names carry ∑, é, ...).
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(row.csv_row() for row in rows)


@dataclass(frozen=True)
class CropImage:
    """A crop as the HTML shows it: a data: URI and its width on screen in CSS pixels."""

    uri: str
    width: int

    @classmethod
    def of(cls, png: bytes, width_px: int) -> CropImage:
        uri = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        return cls(uri, round(width_px / RENDER_SCALE * CROP_DISPLAY_ZOOM))


def render_html(report: Report, crops: dict[str, Crop], title: str) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    images = {fid: CropImage.of(crop.png, crop.width) for fid, crop in crops.items()
              if crop.png is not None}
    problems = {fid: c.problem for fid, c in crops.items() if c.problem is not None}
    return env.get_template(TEMPLATE_NAME).render(
        report=report, images=images, problems=problems, title=title, severities=SEVERITIES,
        severity_rank=SEVERITY_RANK,
        rule_names=sorted({r.rule for r in report.findings}))


@dataclass(frozen=True)
class ReportFiles:
    html: Path
    csv: Path
    xlsx: Path
    findings: int
    crops: int


def write_report(con: Connection, out_dir: Path, raw_root: Path,
                 title: str = "Kinerja: discrepancy report") -> ReportFiles:
    """Write findings.html, findings.csv and findings.xlsx into `out_dir` (created)."""
    report = load_report(con)
    crops = finding_crops(report, raw_root)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = ReportFiles(out_dir / HTML_NAME, out_dir / CSV_NAME, out_dir / XLSX_NAME,
                        len(report.findings), sum(c.png is not None for c in crops.values()))
    files.html.write_text(render_html(report, crops, title), encoding="utf-8")
    write_csv(files.csv, report.findings)
    write_xlsx(files.xlsx, report)
    return files
