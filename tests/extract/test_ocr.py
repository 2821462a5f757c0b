"""OCR of scanned pages, checked against the digital twins of the sample archive (issue 5).

A few real pages only: one tesseract page costs ~2 s of CPU.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pdfplumber
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from pipeline.extract.document import page_words
from pipeline.extract.geometry import Segment, Word
from pipeline.extract.ocr import (
    OcrPage,
    needs_ocr,
    ocr_page,
    plausible_token,
    real_word,
    refine_numeric_cell,
)
from pipeline.extract.ocr_lines import crosses, find_rulings, line_pixels, meets_rules
from pipeline.extract.ocr_numbers import STACK_SLOTS, Reading, accept, number_like, read_stack
from pipeline.extract.raster import (
    binarize,
    deskew,
    despeckle,
    load_images,
    orientation,
    render_page,
)
from pipeline.model import BBox
from pipeline.normalize.numbers import parse_number
from tests.extract.ocr_twin import (
    NUMBER_RE,
    RAW,
    covered,
    index_entry,
    joined_texts,
    load_twin,
    score_words,
    segment_offset,
    twin_path,
    word_offset,
)

SCAN_300 = "scan/iku_kota_pasuruan_2024__scan300.pdf"
SCAN_300_MONEV = "scan/monev_tw2_kota_pasuruan_2024__scan300.pdf"
MIXED = "mixed/monev_tw2_kota_pasuruan_2024__mixed.pdf"
# ruling lines of the scan lie within this distance (points) of the printed ones
LINE_TOLERANCE = 2.0
# issue 5 asks 98% of the measurements exact at 300 dpi: the number tokens must do as well
MIN_NUMBER_RATE_300 = 0.98


@cache
def scanned(path: str, page_index: int) -> OcrPage:
    entry = index_entry(path)
    twin = load_twin(twin_path(entry), page_index)
    image = render_page(RAW / path, page_index, entry["dpi"])
    return ocr_page(image, entry["dpi"], twin.width, twin.height)


@pytest.mark.parametrize(("path", "page_index"), [
    ("scan/iku_iki_kab_gresik_2021__scan300.pdf", 0),
    ("scan/iku_iki_kab_gresik_2021__scan200.pdf", 4),
    ("scan/iku_kota_pasuruan_2024__scan200.pdf", 0),
    ("scan/rencana_aksi_2024__scan300.pdf", 3),
    ("scan/monev_tw2_kota_pasuruan_2024__scan200.pdf", 7),
])
def test_deskew_recovers_the_recorded_rotation(path: str, page_index: int) -> None:
    entry = index_entry(path)
    image = render_page(RAW / path, page_index, entry["dpi"])
    _, angle = deskew(image, entry["dpi"])
    assert angle == pytest.approx(entry["rotation_deg"][page_index], abs=0.2)


@pytest.mark.parametrize(("path", "page_index"), [
    (SCAN_300, 0),
    # one-line rows: the vertical rules between their cells are ~10 pt and ~8 pt short
    ("scan/iku_iki_kab_gresik_2021__scan300.pdf", 18),
    (SCAN_300_MONEV, 7),
])
def test_ruling_lines_match_the_digital_pdf(path: str, page_index: int) -> None:
    found = scanned(path, page_index).segments
    printed = load_twin(twin_path(index_entry(path)), page_index).segments
    dx, dy = segment_offset(found, printed)
    assert [s for s in printed if not covered(s, found, dx, dy, LINE_TOLERANCE)] == []
    assert [s for s in found if not covered(s, printed, -dx, -dy, LINE_TOLERANCE)] == []


@pytest.mark.parametrize(("path", "page_index"), [(SCAN_300, 0), (SCAN_300_MONEV, 1)])
def test_numbers_read_exactly_at_300_dpi(path: str, page_index: int) -> None:
    twin = load_twin(twin_path(index_entry(path)), page_index)
    score = score_words(scanned(path, page_index).words, twin.words)
    assert score.numbers >= 20
    assert score.number_rate >= MIN_NUMBER_RATE_300, score.number_misses


def test_words_carry_confidence_and_lie_on_the_page() -> None:
    page = scanned(SCAN_300, 0)
    assert page.rotation == 0
    assert (page.width, page.height) == pytest.approx((841.89, 595.28), abs=0.5)
    assert all(w.confidence is not None and 0 <= w.confidence <= 100 for w in page.words)
    assert all(0 <= w.x0 < w.x1 <= page.width and 0 <= w.top < w.bottom <= page.height
               for w in page.words)


def test_refined_number_cells_match_the_print() -> None:
    """Each number cell of the page re-read alone gives the printed text."""
    page = scanned(SCAN_300, 0)
    twin = load_twin(twin_path(index_entry(SCAN_300)), 0)
    dx, dy = word_offset(page.words, twin.words)
    numbers = [w for w in twin.words if NUMBER_RE.match(w.text)]
    wrong = []
    for word in numbers:
        box = BBox(word.x0 + dx - 2, word.top + dy - 2, word.x1 + dx + 2, word.bottom + dy + 2)
        text, confidence = refine_numeric_cell(page.image, box, page.dpi)
        if text != word.text or confidence is None:
            wrong.append((word.text, text, confidence))
    assert len(wrong) <= len(numbers) * (1 - MIN_NUMBER_RATE_300), wrong


def test_needs_ocr_keeps_a_digital_page() -> None:
    with pdfplumber.open(RAW / "digital/iku_kota_pasuruan_2024__excel.pdf") as pdf:
        page = pdf.pages[0]
        assert needs_ocr(page_words(page), page.width, page.height, bool(page.images)) is None


def test_needs_ocr_reads_a_scanned_page() -> None:
    with pdfplumber.open(RAW / SCAN_300) as pdf:
        page = pdf.pages[0]
        assert needs_ocr(page_words(page), page.width, page.height,
                         bool(page.images)) == "no text layer"


def test_needs_ocr_on_the_mixed_pdf_picks_the_scanned_pages() -> None:
    scanned_pages = index_entry(MIXED)["scanned_pages"]
    with pdfplumber.open(RAW / MIXED) as pdf:
        chosen = [number for number, page in enumerate(pdf.pages, start=1)
                  if needs_ocr(page_words(page), page.width, page.height, bool(page.images))]
    assert chosen == scanned_pages


def garbage_layer_pdf(path: Path) -> Path:
    """A page image under an invisible text layer of bad OCR (text render mode 3)."""
    pdf = canvas.Canvas(str(path), pagesize=(595, 842), invariant=1)
    picture = Image.fromarray(np.full((100, 70), 230, dtype=np.uint8))
    pdf.drawImage(ImageReader(picture), 0, 0, width=595, height=842)
    lines = ["Indlkatcr Kjnrxa Utmqa ll11 Dlnas Pxrlndvstrlan",
             "tfWq ,.,lI1 Sasrnan StrtgX5 pdrb Kntrbsi 49,1O %",
             "Perscntasc Pxnlngkatnn 0,2A Tgrt Rlsasl xqzt vwkj",
             "hjkl Sqbr Dta Bdn Psat Sttstk llI1 Ngnggng Jwb Dsprndg"]
    text = pdf.beginText(40, 780)
    text.setTextRenderMode(3)
    for line in lines:
        text.textLine(line)
    pdf.drawText(text)
    pdf.showPage()
    pdf.save()
    return path


def test_needs_ocr_rejects_an_invisible_garbage_layer(tmp_path: Path) -> None:
    with pdfplumber.open(garbage_layer_pdf(tmp_path / "bad_layer.pdf")) as pdf:
        page = pdf.pages[0]
        reason = needs_ocr(page_words(page), page.width, page.height, bool(page.images))
    assert reason == "text layer is garbage: 70% of 30 words are not word- or number-like"


def test_needs_ocr_without_words_or_image_is_a_blank_page() -> None:
    assert needs_ocr([], 595.0, 842.0, has_images=False) is None


def test_needs_ocr_a_stamp_over_an_image() -> None:
    words = [Word("Halaman", 500, 800, 530, 810, False), Word("3", 532, 800, 536, 810, False)]
    assert needs_ocr(words, 595.0, 842.0, has_images=True) == (
        "text layer nearly empty (2 words) over an image")


@pytest.mark.parametrize(("token", "plausible"), [
    ("Indikator", True), ("PDRB", True), ("SAKIP", True), ("Th(n-1)", True),
    ("kab/kota", True), ("e-Kinerja", True), ("TW1", True), ("S.Sos", True),
    ("1.151.384.000", True), ("36,79%", True), ("Rp.2.585.049.200,-", True), ("2024/2025", True),
    ("3.30.01.2.01", True), ("(3)", True),
    ("Kjnrxa", False), ("ll11", False), ("49,1O", False), ("peRsentase", False),
    ("xqzt", False), ("Dsprndg", False), ("1l1", False),
])
def test_plausible_token(token: str, plausible: bool) -> None:
    assert plausible_token(token) is plausible


@pytest.mark.parametrize("path", ["images/iku_kota_pasuruan_2024__p1.png",
                                  "images/iku_prov_kaltim_2023__p1.jpg",
                                  "images/rencana_aksi_2024.tif"])
def test_image_files_load_with_their_dpi(path: str) -> None:
    entry = index_entry(path)
    pages = load_images(RAW / path)
    assert len(pages) == entry["pages"]
    assert {p.dpi for p in pages} == {entry["dpi"]}
    assert all(p.image.dtype == np.uint8 and p.image.ndim == 2 for p in pages)


@pytest.mark.parametrize(("turn", "expected"), [
    (cv2.ROTATE_90_COUNTERCLOCKWISE, 90), (cv2.ROTATE_180, 180)])
def test_orientation_finds_a_page_put_in_sideways_or_upside_down(turn: int,
                                                                 expected: int) -> None:
    image = render_page(RAW / SCAN_300, 0, 300)
    assert orientation(cv2.rotate(image, turn), 300) == expected


def test_joined_texts_compares_numbers_across_tokenization() -> None:
    printed = [Word("0,24", 100, 10, 115, 18, False), Word("%", 117, 10, 121, 18, False)]
    read = [Word("0,24%", 101, 10, 121, 18, False, 93.0)]
    assert joined_texts(printed[0], read, printed, 0.0, 0.0) == ("0,24%", "0,24%", 93.0)
    assert parse_number("0,24%").value == 0.24


@pytest.mark.parametrize(("text", "expected"), [
    ("9,91%", True), ("9901Y", True), ("TW1-44", True), ("-44", True), ("Rp5.000", True),
    ("Th(n-1)", False), ("Indikator", False), ("2023Tahun", False), ("%", False)])
def test_number_like_words_are_re_read(text: str, expected: bool) -> None:
    assert number_like(text) is expected


@pytest.mark.parametrize(("page", "reread", "taken"), [
    (("x100", 73.0), ("100", 0.0), False),  # page 2 of the Monev scan: the times sign was right
    (("x100", 20.0), ("100", 90.0), True),  # a sure re-read drops a speck read as a letter
    (("9901Y", 40.0), ("9,91%", 30.0), True),  # the re-read reads the symbols: taken
    (("TW1-44", 90.0), ("TW1=44", 60.0), True),
    (("ee", 30.0), ("3", 90.0), True),  # an unsure short word takes a sure number
    (("ee", 30.0), ("3", 60.0), False),
])
def test_a_number_re_read_is_taken_unless_it_only_drops_letters_less_surely(
        page: tuple[str, float], reread: tuple[str, float], taken: bool) -> None:
    word = Word(page[0], 100.0, 10.0, 120.0, 18.0, False, page[1])
    assert accept(word, Reading(*reread)) is taken


def test_read_stack_reads_more_crops_than_one_image_holds() -> None:
    """A dense page has more number words than one tesseract image may be tall."""
    crop = np.full((64, 160), 255, dtype=np.uint8)
    cv2.putText(crop, "12,5", (5, 50), cv2.FONT_HERSHEY_SIMPLEX, 1.5, 0, 3)
    readings = read_stack([crop] * (STACK_SLOTS + 1))
    assert len(readings) == STACK_SLOTS + 1
    assert {r.text for r in readings} == {"12,5"}


@pytest.mark.parametrize(("text", "box", "kept"), [
    ("—", (100.0, 50.0, 103.4, 59.6), False),  # `Jumlah Stand —`: a ruling's stub, 3 x 10 pt
    ("-", (100.0, 54.0, 104.0, 55.5), True),  # a printed dash: wider than tall
    ("=", (100.0, 53.0, 104.0, 56.0), True),
    ("Stand", (60.0, 50.0, 90.0, 59.6), True),
    ("|", (100.0, 50.0, 101.0, 60.0), False),
])
def test_real_word_drops_upright_dashes(text: str, box: tuple[float, ...], kept: bool) -> None:
    assert real_word(Word(text, *box, False, 70.0), 600.0, 800.0) is kept


H = Segment(50.0, 100.0, 300.0, 100.0), Segment(50.0, 110.0, 300.0, 110.0)


@pytest.mark.parametrize(("vertical", "meets"), [
    (Segment(120.0, 99.6, 120.0, 110.5), True),  # the rule between two cells of a one-line row
    (Segment(120.0, 102.0, 120.0, 108.0), False),  # an `l` clear of both rules
    (Segment(120.0, 99.6, 120.0, 106.0), False),  # meets the top rule only
    (Segment(320.0, 99.6, 120.0, 110.5), False),  # beyond the rules' ends
])
def test_short_verticals_count_when_they_meet_rules_at_both_ends(vertical: Segment,
                                                                 meets: bool) -> None:
    assert meets_rules(vertical, H) is meets


def test_a_short_horizontal_counts_only_on_a_vertical() -> None:
    dirt = Segment(491.2, 102.4, 507.8, 102.4)  # a stroke under `Realisasi` on a Monev scan
    assert not crosses(dirt, [Segment(335.7, 120.4, 335.7, 142.6)])
    assert crosses(Segment(320.0, 120.4, 336.0, 120.4), [Segment(335.7, 120.4, 335.7, 142.6)])


def speckled_cell() -> np.ndarray:
    """A 300 dpi cell like the blank Renstra budget cell of row 47 on the scanned Monev E.81:
    ruled on both sides, a 3 px speck 4 px inside each rule, a `1,5` with its comma, and a
    lone `-` (8 x 5 px, as in an empty Kaltim IKU cell) beside the left rule."""
    image = np.full((120, 240), 255, np.uint8)
    image[:, 20:23] = 0  # the rules, 0.7 pt thick
    image[:, 217:220] = 0
    image[30:33, 27:30] = 0  # specks beside the rules
    image[90:93, 210:213] = 0
    image[50:75, 100:104] = 0  # the `1` ...
    image[72:76, 108:111] = 0  # ... its comma ...
    image[50:75, 116:120] = 0  # ... and the `5`
    image[100:105, 26:34] = 0  # the dash
    image[10:15, 100:108] = 0  # a flat speck in the open
    return image


def test_despeckle_erases_specks_beside_rulings_and_keeps_a_comma_and_a_dash() -> None:
    image = speckled_cell()
    ink = binarize(image, 300.0)
    clean = despeckle(image, ink, line_pixels(find_rulings(ink, 300.0)), 300.0)
    assert (clean[30:33, 27:30] == 255).all() and (clean[90:93, 210:213] == 255).all()
    assert (clean[72:76, 108:111] == 0).all()  # the comma is beside its digits
    assert (clean[100:105, 26:34] == 0).all()  # a dash beside a rule is wider than tall
    assert (clean[10:15, 100:108] == 255).all()  # one far from any ink is a speck
    assert (clean[:, 20:23] == 0).all()  # rules are erased by erase_lines, not here
