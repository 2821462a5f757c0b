"""The discrepancy report: what it reads, the crops' regions, the exact CSV/XLSX/HTML it writes."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from PIL import Image

from pipeline.cli import main
from pipeline.crops import (
    FIELD_COLOUR,
    MARGIN_PT,
    MAX_BAND_PT,
    OUTLINE_PX,
    PAGE_TOP_PT,
    RENDER_SCALE,
    Crop,
    CropSpec,
    band,
    render_crops,
)
from pipeline.model import BBox
from pipeline.report import (
    CSV_COLUMNS,
    CellBox,
    FindingRow,
    Report,
    crop_spec,
    finding_crops,
    load_report,
    write_report,
)
from pipeline.report_xlsx import DOCUMENT_HEADER, SUMMARY_HEADER
from pipeline.warehouse import connect
from tests.report_fixtures import (
    FORMULA_TEXT,
    MISSING_SOURCE,
    MONEV_SOURCE,
    SCRIPT_TEXT,
    Sample,
    shared_sample,
    without_findings,
)

ORDER = ["f-doc", "f-formula", "f-row9", "f-renstra", "f-tw2", "f-missing"]
MONEV_SHEET = "monev_tw2_kota_pasuruan_2024__e"  # the file stem cut to Excel's 31 characters
ROW_8_NAME = ("3.30.01.2.01.0001 / Penyusunan Dokumen Perencanaan Perangkat Daerah / "
              "Jumlah dokumen perencanaan perangkat daerah")
@pytest.fixture(scope="module")
def report_sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    return shared_sample(tmp_path_factory)


@pytest.fixture(scope="module")
def report(report_sample: Sample) -> Report:
    con = connect(report_sample.db)
    try:
        return load_report(con)
    finally:
        con.close()


@pytest.fixture(scope="module")
def written(report_sample: Sample, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    con = connect(report_sample.db)
    try:
        write_report(con, out, report_sample.raw)
    finally:
        con.close()
    return out


def _by_id(report: Report, finding_id: str) -> FindingRow:
    return next(f for f in report.findings if f.finding_id == finding_id)


def _rounded(boxes: tuple[BBox, ...]) -> list[tuple[float, ...]]:
    return sorted((round(b.x0, 2), round(b.top, 2), round(b.x1, 2), round(b.bottom, 2))
                  for b in boxes)


# --- what the report reads ------------------------------------------------------------------

def test_findings_come_by_document_then_page_then_severity_then_rule(report: Report) -> None:
    assert [f.finding_id for f in report.findings] == ORDER
    renstra = _by_id(report, "f-renstra")
    assert (renstra.source_path, renstra.page, renstra.row_no, renstra.indicator,
            renstra.rule_id) == (MONEV_SOURCE, 8, "8", ROW_8_NAME, "E81-09")


def test_a_finding_without_page_takes_its_indicators_page(report: Report,
                                                          report_sample: Sample) -> None:
    assert _by_id(report, "f-formula").page == report_sample.calculation_page == 2


def test_the_summaries_count_per_document_and_rule(report: Report,
                                                   report_sample: Sample) -> None:
    assert [(d.source_path, d.status, d.indicators, d.counts, d.total)
            for d in report.documents] == [
        (MONEV_SOURCE, "ok", report_sample.indicators, {"info": 2, "error": 2, "warning": 1}, 5),
        (MISSING_SOURCE, "ok", 0, {"warning": 1}, 1)]
    assert [(r.rule, r.counts, r.documents, r.rule_ids) for r in report.rules] == [
        ("capaian_mismatch", {"error": 1}, 1, ("E81-06",)),
        ("formula_mismatch", {"info": 1}, 1, ()),
        ("implausible_capaian", {"error": 1}, 1, ("E81-09",)),
        ("missing_value", {"info": 1}, 1, ()), ("parse_error", {"warning": 1}, 1, ()),
        ("quarter_mismatch", {"warning": 1}, 1, ("E81-05",))]


def test_the_rule_id_is_read(report_sample: Sample,
                                                             tmp_path: Path) -> None:
    sample = without_findings(report_sample, tmp_path)
    con = connect(sample.db)
    try:
        con.execute("INSERT INTO findings (finding_id, document_id, page, rule, severity, rule_id)"
                    " VALUES ('x', ?, 3, 'total_mismatch', 'error', 'E81-12')",
                    [sample.document_id])
        (row,) = load_report(con).findings
    finally:
        con.close()
    assert (row.rule, row.rule_id, row.page, row.indicator) == ("total_mismatch", "E81-12", 3, "")


# --- which page region a finding shows ------------------------------------------------------

def _cell(report: Report, indicator_id: str, measure: str, period: str) -> BBox:
    (box,) = [c.box for c in report.boxes[indicator_id]
              if (c.measure, c.period) == (measure, period)]
    return box


def test_a_capaian_outlines_its_cell_and_the_realisasi_and_target_it_comes_from(
        report: Report) -> None:
    row = _by_id(report, "f-renstra")
    spec = crop_spec(row, report.boxes[row.indicator_id or ""])
    ind = row.indicator_id or ""
    assert spec == CropSpec(8, (_cell(report, ind, "capaian", "renstra_to_date"),), (
        _cell(report, ind, "target", "renstra_end"),  # boxes come left to right
        _cell(report, ind, "realisasi", "renstra_to_date")))
    assert _cell(report, ind, "capaian", "renstra_to_date").x0 > 800  # the last columns


def test_a_field_without_a_cell_shows_the_whole_row(report: Report) -> None:
    row = _by_id(report, "f-formula")
    cells = report.boxes[row.indicator_id]
    spec = crop_spec(row, cells)
    assert (spec.page, spec.field_boxes, spec.related_boxes) == (2, (), ())
    assert spec.context_boxes == tuple(c.box for c in cells if c.page == 2)
    assert len(spec.context_boxes) == 1


def test_a_document_level_finding_shows_the_top_of_its_page(report: Report) -> None:
    assert crop_spec(_by_id(report, "f-doc"), ()) == CropSpec(1)


def test_beyond_the_crop_limit_the_most_severe_findings_keep_theirs(
        report: Report, report_sample: Sample) -> None:
    crops = finding_crops(report, report_sample.raw, max_crops=2)
    assert sorted(fid for fid, crop in crops.items() if crop.png) == ["f-renstra", "f-row9"]
    assert crops["f-doc"] == Crop(None, "crop left out: the report shows at most 2 crops "
                                        "(the most severe findings first)")
    assert list(crops) != [] and set(crops) == set(ORDER)


def test_a_field_on_another_page_than_the_finding_moves_the_crop_there() -> None:
    row = FindingRow("f", "d", "a.pdf", "i", 3, "capaian_mismatch", "error", "capaian/year",
                     None, None, None, None, None, None, None, None)
    cells = (CellBox("capaian", "year", 4, BBox(10, 20, 30, 40)),
             CellBox("target", "year", 4, BBox(50, 20, 70, 40)),
             CellBox("target", "tw1", 4, BBox(80, 20, 90, 40)))
    assert crop_spec(row, cells) == CropSpec(4, (BBox(10, 20, 30, 40),), (BBox(50, 20, 70, 40),))


@pytest.mark.parametrize(("spec", "expected"), [
    (CropSpec(1), BBox(0, 0, 600, PAGE_TOP_PT)),
    (CropSpec(1, (BBox(100, 300, 150, 320),), (BBox(10, 310, 40, 330),)),
     BBox(0, 300 - MARGIN_PT, 600, 330 + MARGIN_PT)),
    (CropSpec(1, context_boxes=(BBox(100, 5, 150, 30),)), BBox(0, 0, 600, 30 + MARGIN_PT)),
    # taller than MAX_BAND_PT: cut around the finding's own cell (centre 500)
    (CropSpec(1, (BBox(100, 490, 150, 510),), context_boxes=(BBox(0, 100, 50, 700),)),
     BBox(0, 500 - MAX_BAND_PT / 2, 600, 500 + MAX_BAND_PT / 2)),
])
def test_band_is_full_width_around_the_boxes(spec: CropSpec, expected: BBox) -> None:
    assert band(spec, 600, 800) == expected


# --- rendering -----------------------------------------------------------------------------

def test_a_pdf_crop_is_the_band_at_render_scale_with_the_cell_outlined_red(
        report: Report, report_sample: Sample) -> None:
    row = _by_id(report, "f-renstra")
    spec = crop_spec(row, report.boxes[row.indicator_id or ""])
    (crop,) = render_crops(report_sample.raw / MONEV_SOURCE, [spec]).values()
    pdf = pdfium.PdfDocument(report_sample.raw / MONEV_SOURCE)
    width, height = pdf[7].get_size()
    pdf.close()
    region = band(spec, width, height)
    image = Image.open(io.BytesIO(crop.png or b"")).convert("RGB")
    top_px = round(region.top * RENDER_SCALE)
    assert crop.problem is None
    assert image.size == (crop.width, crop.height) == (
        min(round(width * RENDER_SCALE), math.ceil(width * RENDER_SCALE)),
        round(region.bottom * RENDER_SCALE) - top_px)
    (cell,) = spec.field_boxes
    middle = round((cell.top + cell.bottom) / 2 * RENDER_SCALE) - top_px
    left_edge = math.floor(cell.x0 * RENDER_SCALE) + 1
    assert image.getpixel((left_edge, middle)) == FIELD_COLOUR
    assert image.getpixel((left_edge - OUTLINE_PX - 1, middle)) != FIELD_COLOUR


@pytest.mark.parametrize("dpi", [300, 200])
def test_a_page_image_crop_is_scaled_from_its_dpi_to_render_scale(tmp_path: Path,
                                                                  dpi: int) -> None:
    path = tmp_path / "page.png"
    Image.new("RGB", (2480, 3508), "white").save(path, dpi=(dpi, dpi))  # A4 portrait
    spec = CropSpec(1, (BBox(72, 144, 144, 180),))  # an inch-wide cell two inches down
    (crop,) = render_crops(path, [spec]).values()
    region = band(spec, 2480 / dpi * 72, 3508 / dpi * 72)
    image = Image.open(io.BytesIO(crop.png or b"")).convert("RGB")
    assert (crop.problem, crop.width, crop.height) == (
        None, round(2480 / dpi * 72 * RENDER_SCALE), round((region.bottom - region.top)
                                                           * RENDER_SCALE))
    middle = round((162 - region.top) * RENDER_SCALE)
    assert image.getpixel((round(72 * RENDER_SCALE) + 1, middle)) == FIELD_COLOUR
    assert image.getpixel((round(108 * RENDER_SCALE), middle)) == (255, 255, 255)


def test_a_missing_source_file_says_so(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.pdf"
    assert render_crops(missing, [CropSpec(1)])[CropSpec(1)].problem == (
        f"source file not found: {missing}")


def test_a_page_out_of_range_says_so(report_sample: Sample) -> None:
    pdf = report_sample.raw / MONEV_SOURCE
    assert render_crops(pdf, [CropSpec(15)])[CropSpec(15)].problem == (
        "page 15 is not in the file (14 pages)")


def test_a_broken_pdf_says_it_cannot_be_opened(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 nothing else")
    problem = render_crops(broken, [CropSpec(1)])[CropSpec(1)].problem or ""
    assert problem.startswith("the PDF cannot be opened: ")


# --- the files -------------------------------------------------------------------------------

def test_the_csv_has_one_row_per_finding_with_every_column(written: Path,
                                                           report_sample: Sample) -> None:
    with (written / "findings.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == list(CSV_COLUMNS)
    assert [r[CSV_COLUMNS.index("finding_id")] for r in rows[1:]] == ORDER
    doc_id = report_sample.document_id
    assert rows[1] == [MONEV_SOURCE, "1", "info", "missing_value", "", "", "", "", FORMULA_TEXT,
                       "", f"The cover page reads {SCRIPT_TEXT}", "f-doc", doc_id, ""]
    assert rows[4] == [
        MONEV_SOURCE, "8", "error", "implausible_capaian", "E81-09", "8", ROW_8_NAME,
        "capaian/renstra_to_date", "2312,50%", "23,13%",
        "Capaian Renstra printed 2312,50% but realisasi s/d 2024 92,50 / target Renstra 4,00 "
        "x 100 = 2312,50% is not plausible for a count of documents", "f-renstra", doc_id,
        report_sample.row_8]


def test_the_xlsx_has_a_summary_and_one_sheet_per_document(written: Path,
                                                           report_sample: Sample) -> None:
    book = load_workbook(written / "findings.xlsx")
    assert book.sheetnames == ["Summary", MONEV_SHEET, "hilang"]
    summary = book["Summary"]
    values = [list(r) for r in summary.iter_rows(values_only=True)]
    assert values[0] == list(SUMMARY_HEADER)
    assert values[1] == [MONEV_SOURCE, "e81", "ok", 14, report_sample.indicators, 2, 1, 2, 5,
                         MONEV_SHEET, None]
    assert values[2] == [MISSING_SOURCE, "iku", "ok", 1, 0, 0, 1, 0, 1, "hilang", None]
    assert values[4][:7] == ["Rule", "Errors", "Warnings", "Info", "Total", "Documents",
                             "Rule ids"]
    assert values[5][:7] == ["capaian_mismatch", 1, 0, 0, 1, 1, "E81-06"]
    assert values[6][:7] == ["formula_mismatch", 0, 0, 1, 1, 1, None]
    assert len(values) == 4 + 1 + 6
    assert (summary.freeze_panes, summary.auto_filter.ref) == ("A2", "A1:K3")
    sheet = book[MONEV_SHEET]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == list(DOCUMENT_HEADER)
    assert [r[-1] for r in rows[1:]] == ORDER[:5]
    assert rows[4][:9] == [8, "error", "implausible_capaian", "E81-09", "8", ROW_8_NAME,
                           "capaian/renstra_to_date", "2312,50%", "23,13%"]
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A2", "A1:K6")
    widths = {c: sheet.column_dimensions[c].width for c in "ABFJ"}
    assert widths == {"A": 8, "B": 10, "F": 45, "J": 80}


def test_document_text_that_looks_like_a_formula_stays_text_in_excel(written: Path) -> None:
    cell = load_workbook(written / "findings.xlsx")[MONEV_SHEET]["H2"]
    assert (cell.value, cell.data_type) == (FORMULA_TEXT, "s")


def test_the_html_escapes_document_text_and_embeds_every_crop(written: Path) -> None:
    html = (written / "findings.html").read_text(encoding="utf-8")
    assert SCRIPT_TEXT not in html
    assert "The cover page reads &lt;script&gt;window.injected = 1&lt;/script&gt;" in html
    assert html.count('<img class="crop" src="data:image/png;base64,') == 5
    assert '<td class="num nothing-read">0 (not checked)</td>' in html  # lain/hilang.pdf
    assert "src=\"http" not in html and "href=" not in html  # self-contained


def test_an_empty_findings_table_writes_headers_only(report_sample: Sample,
                                                     tmp_path: Path) -> None:
    sample = without_findings(report_sample, tmp_path / "db")
    con = connect(sample.db)
    try:
        files = write_report(con, tmp_path / "out", sample.raw)
    finally:
        con.close()
    assert (files.findings, files.crops) == (0, 0)
    assert files.csv.read_text(encoding="utf-8-sig").splitlines() == [",".join(CSV_COLUMNS)]
    book = load_workbook(files.xlsx)
    assert book.sheetnames == ["Summary"]
    assert [list(r) for r in book["Summary"].iter_rows(values_only=True)] == [
        list(SUMMARY_HEADER),
        [MONEV_SOURCE, "e81", "ok", 14, report_sample.indicators, 0, 0, 0, 0, None, None],
        [None] * 11, ["No findings."] + [None] * 10]
    assert "No findings: the validators flagged nothing" in files.html.read_text(encoding="utf-8")


# --- the command -----------------------------------------------------------------------------

def test_the_report_command_writes_the_three_files(report_sample: Sample, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = CliRunner().invoke(main, ["report", "--db", str(report_sample.db), "--out",
                                       str(out), "--raw", str(report_sample.raw)])
    assert (result.exit_code, result.output.splitlines()) == (0, [
        "findings: 6 (5 with a page crop)", f"wrote {out / 'findings.html'}",
        f"wrote {out / 'findings.csv'}", f"wrote {out / 'findings.xlsx'}"])


def test_the_report_command_exits_1_without_a_warehouse(tmp_path: Path) -> None:
    db = tmp_path / "none.duckdb"
    result = CliRunner().invoke(main, ["report", "--db", str(db), "--out", str(tmp_path)])
    assert (result.exit_code, result.output.splitlines()) == (1, [
        f"Error: the warehouse {db} does not exist: run `python -m pipeline ingest FOLDER "
        f"--db {db}` first"])
    assert not db.exists()
