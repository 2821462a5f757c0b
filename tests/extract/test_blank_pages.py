"""A blank page in a scan (the empty back of a sheet) is no problem; a scan of blank pages only
is (the Rencana Aksi 300-dpi scan ends on a blank page 12)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from pipeline.extract import extract_document

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
A4_300DPI = (2480, 3508)


def page(text: str | None) -> Image.Image:
    image = Image.new("L", A4_300DPI, 255)
    if text:
        ImageDraw.Draw(image).text((300, 400), text, font=ImageFont.truetype(FONT, 60), fill=0)
    return image


def tiff(path: Path, *pages: Image.Image) -> Path:
    pages[0].save(path, save_all=True, append_images=list(pages[1:]), dpi=(300, 300))
    return path


def test_a_blank_page_after_text_is_no_problem(tmp_path: Path) -> None:
    doc = extract_document(tiff(tmp_path / "scan.tif",
                                page("Rencana Aksi Dinas Perindustrian 2024"), page(None)))
    assert doc.ocr_pages == (1, 2)
    assert doc.problems == ()
    assert "Rencana Aksi" in doc.pages[0].text


def test_a_scan_of_blank_pages_only_is_a_problem(tmp_path: Path) -> None:
    doc = extract_document(tiff(tmp_path / "blank.tif", page(None), page(None)))
    assert doc.problems == ("no text could be read: every page is blank (2 scanned)",)
