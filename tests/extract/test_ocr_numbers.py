"""Cell and number re-reads of scanned tables: the crop's padding and the separator marks its
ink shows."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.extract.geometry import Word
from pipeline.extract.ocr_numbers import (LOST_MARK_CONFIDENCE, drops_a_mark, read_cell_text,
                                          separator_marks, unsure_of_lost_marks)
from pipeline.extract.raster import load_images
from pipeline.model import BBox

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
# 8-pt table print scanned at 300 dpi is ~33 px per em
PRINT_PX = 33


def printed(text: str) -> np.ndarray:
    """A number as a scan shows it: dark grey print on off-white paper, cut to its ink."""
    font = ImageFont.truetype(FONT, PRINT_PX)
    left, top, right, bottom = font.getbbox(text)
    image = Image.new("L", (right - left + 4, bottom - top + 4), 235)
    ImageDraw.Draw(image).text((2 - left, 2 - top), text, font=font, fill=60)
    return np.array(image)


def test_a_shaded_header_cell_is_read_on_its_own_paper_shade() -> None:
    # the grey-filled "Target / 2023" header of the Kaltim IKU photo; padded with white
    # paper, tesseract read it "T / nag" and the annual target column was lost
    page = load_images(RAW / "images" / "iku_prov_kaltim_2023__p2.jpg")[0]
    text, _ = read_cell_text(page.image, BBox(536.69, 150.62, 571.14, 171.18), page.dpi)
    assert text == "Target\n2023"


@pytest.mark.parametrize(("text", "marks"), [
    ("13,5", 1), ("135", 0), ("4,15%", 1), ("415%", 0), ("36,79%", 1), ("4.000,00", 2),
    ("1.151.384.000", 3), ("95", 0), ("100%", 0), ("TW 1 = 95", 0), ("-", 0),
])
def test_separator_marks_counts_the_points_and_commas(text: str, marks: int) -> None:
    assert separator_marks(printed(text)) == marks


@pytest.mark.parametrize(("read", "print_", "confidence"), [
    ("135", "13,5", LOST_MARK_CONFIDENCE),  # the Kaltim photo's `13,5` read at 92
    ("415%", "4,15%", LOST_MARK_CONFIDENCE),
    ("1.151384.000", "1.151.384.000", LOST_MARK_CONFIDENCE),
    ("13,5", "13,5", 92.0),
    ("135", "135", 92.0),
])
def test_a_number_missing_a_mark_its_ink_shows_is_unsure(read: str, print_: str,
                                                         confidence: float) -> None:
    word = Word(read, 0.0, 0.0, 10.0, 5.0, False, 92.0)
    marks = separator_marks(printed(print_))
    assert unsure_of_lost_marks(word, marks).confidence == confidence


@pytest.mark.parametrize(("page_read", "reread", "dropped"), [
    ("4,15%", "415%", True),  # the Kaltim 300-dpi scan: right at 92 on the page, 17 re-read
    ("4.15%", "4,15%", False),  # a re-read that fixes the separator's kind is taken
    ("415%", "4,15%", False),
    ("4,15%", "4,16%", False),  # a digit is the re-read's to fix
])
def test_a_reread_that_drops_a_mark_the_ink_shows_is_not_taken(page_read: str, reread: str,
                                                                dropped: bool) -> None:
    assert drops_a_mark(page_read, reread, separator_marks(printed("4,15%"))) is dropped
