"""Text-layer and ruling rules for what the real archive (../shared/real/) holds, on char and
rect dicts shaped like pdfplumber's (values taken from those files)."""

from __future__ import annotations

import pytest

from pipeline.extract.geometry import coloured_backgrounds, covered_blanks, is_white, visible_char
from pipeline.extract.ruled import is_shading, merge_shading

PAGE = (-8.42, -8.39, 999.58, 603.61)  # Diskanlaut lampiran: a crop box off the origin
BLUE = (0.267, 0.447, 0.769)  # Inspektorat Jabar header shading


def char(text: str, x0: float, top: float, color: tuple[float, ...] = (0.0,),
         width: float = 4.5) -> dict:
    return {"object_type": "char", "text": text, "x0": x0, "x1": x0 + width, "top": top,
            "bottom": top + 7.0, "non_stroking_color": color}


def rect(x0: float, top: float, x1: float, bottom: float, color: tuple[float, ...] = BLUE,
         *, fill: bool = True, stroke: bool = False) -> dict:
    return {"object_type": "rect", "x0": x0, "x1": x1, "top": top, "bottom": bottom,
            "fill": fill, "stroke": stroke, "non_stroking_color": color, "y1": 900 - top,
            "doctop": top}


@pytest.mark.parametrize(
    ("color", "expected"),
    [((1,), True), ((1.0, 1.0, 1.0), True), ((0.996, 0.996, 0.996), True),
     ((0, 0, 0, 0), True), ((0,), False), (BLUE, False), (None, False), (("P0",), False)],
)
def test_is_white(color: object, expected: bool) -> None:
    assert is_white(color) is expected


def test_white_text_on_white_is_invisible() -> None:
    # Diskanlaut lampiran p.1: old figures "1,361,759.53" kept in white font beside the table
    assert not visible_char(char("1", 507.0, 85.0, (1.0, 1.0, 1.0)), PAGE, [])


def test_white_text_on_shading_is_visible() -> None:
    # Inspektorat Lampiran 2: white "No" on the blue header band
    band = coloured_backgrounds([rect(75.14, 110.42, 103.34, 139.22)], [])
    assert visible_char(char("N", 84.0, 120.0, (1.0,)), PAGE, band)


def test_white_background_rect_does_not_make_white_text_visible() -> None:
    white_band = coloured_backgrounds([rect(0, 0, 600, 900, (1.0,))], [])
    assert white_band == []


def test_text_off_the_page_is_invisible() -> None:
    assert not visible_char(char(" ", 1007.9, 300.0), PAGE, [])
    assert visible_char(char("5", -5.0, 300.0, width=4.0), PAGE, [])  # centre at -3: inside


def test_padding_space_over_a_digit_is_dropped() -> None:
    # BPMPD Renja: "84,93" printed as "8" with padding spaces, the last one over the "8"
    chars = [char("8", 608.69, 250.1, width=3.15), char(" ", 608.92, 250.1, width=1.58),
             char("4", 611.81, 250.1, width=3.15), char(" ", 604.24, 250.1, width=1.57),
             char(" ", 625.0, 250.1, width=1.57)]
    assert covered_blanks(chars) == {1}


def test_word_shading_fills_merge_into_one_cell() -> None:
    # Inspektorat Lampiran 2, header cell "No": 3 x 3 fills that meet exactly
    fills = [rect(75.14, 110.42, 103.34, 118.22), rect(75.14, 118.22, 80.54, 131.42),
             rect(80.54, 118.22, 98.18, 131.42), rect(98.18, 118.22, 103.34, 131.42),
             rect(75.14, 131.42, 103.34, 139.22),
             rect(103.82, 110.42, 294.64, 139.22)]  # the next cell, 0.48 pt (a border) away
    merged = merge_shading(fills)
    assert sorted((r["x0"], r["top"], r["x1"], r["bottom"]) for r in merged) == [
        (75.14, 110.42, 103.34, 139.22), (103.82, 110.42, 294.64, 139.22)]
    assert {round(r["height"], 2) for r in merged} == {28.8}


@pytest.mark.parametrize(
    ("obj", "expected"),
    [(rect(75.14, 118.22, 80.54, 131.42), True),  # a padding fill
     (rect(103.34, 110.42, 103.82, 139.22), False),  # a 0.48 pt border drawn as a fill
     (rect(75.14, 118.22, 80.54, 131.42, stroke=True), False),  # a drawn box
     (rect(75.14, 118.22, 80.54, 131.42, fill=False, stroke=True), False)],
)
def test_is_shading(obj: dict, expected: bool) -> None:
    assert is_shading(obj) is expected
