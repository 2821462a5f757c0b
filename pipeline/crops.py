"""Images of the page region a finding points at, rendered from its source file.

Boxes are PDF points with a top-left origin (pdfplumber's, as stored in `measurements.bbox_*`).
A crop is the full page width in the vertical band of the boxes (so the indicator's name and
the neighbouring columns are in view), with the finding's own cell outlined in red and the cells
it was recomputed from in amber. Each page is rendered once (PDFs with pypdfium2; page images,
PNG/JPEG/TIFF with one frame per page, scaled with Pillow from their dpi) and its bands cut out.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from pipeline.model import BBox
from pipeline.sources import IMAGE_SUFFIXES

POINTS_PER_INCH = 72.0
# 2 x 72 = 144 dpi: the 6-8 pt digits of an E.81 table stay legible, and a full-width band of
# a landscape A4 page (1684 px x ~100 px) stays at 10-30 kB as PNG.
RENDER_SCALE = 2.0
# Points of context above and below the cells: the lines of the neighbouring rows.
MARGIN_PT = 14.0
# A merged cell (a whole program block) can span most of a page; a crop taller than this is
# cut to this height around the finding's own cell.
MAX_BAND_PT = 260.0
# Findings without cells (document level, or an indicator without boxes): the page's top,
# where the title, organisation and year are printed.
PAGE_TOP_PT = 220.0
# Page images without a dpi tag: the scanning resolution of most archives.
DEFAULT_IMAGE_DPI = 300.0
FIELD_COLOUR = (214, 32, 32)
RELATED_COLOUR = (230, 150, 0)
OUTLINE_PX = 3
# Palette PNG: table pages are black text on white plus two outline colours. Fast-octree keeps
# the outline colours exact (median cut blended the red into grey at 32 colours) and gave the
# smallest file: 11.7 kB for an E.81 row band against 38.5 kB as RGB PNG.
PNG_COLOURS = 32
PNG_QUANTIZE = Image.Quantize.FASTOCTREE
# zlib level 6 against optimize=True (level 9 + filter search): 12.5 kB in 5 ms against 11.6 kB
# in 34 ms per crop; with 700 findings that is 4 s instead of 24 s for 7 % more bytes.
PNG_COMPRESS_LEVEL = 6


@dataclass(frozen=True, slots=True)
class CropSpec:
    """What to cut: a page, the boxes to keep in view, and which of them to outline how."""

    page: int  # 1-based
    field_boxes: tuple[BBox, ...] = ()  # the finding's own cells: red
    related_boxes: tuple[BBox, ...] = ()  # the cells it was recomputed from: amber
    context_boxes: tuple[BBox, ...] = ()  # the rest of the row, not outlined

    @property
    def boxes(self) -> tuple[BBox, ...]:
        return self.field_boxes + self.related_boxes + self.context_boxes


@dataclass(frozen=True, slots=True)
class Crop:
    """A PNG image (and its size in pixels, at RENDER_SCALE), or the plain reason why none."""

    png: bytes | None
    problem: str | None = None
    width: int = 0
    height: int = 0


def band(spec: CropSpec, page_width: float, page_height: float) -> BBox:
    """The page region of a crop: full width, the boxes' vertical extent plus a margin."""
    boxes = spec.boxes
    if not boxes:
        return BBox(0.0, 0.0, page_width, min(PAGE_TOP_PT, page_height))
    top = min(b.top for b in boxes) - MARGIN_PT
    bottom = max(b.bottom for b in boxes) + MARGIN_PT
    if bottom - top > MAX_BAND_PT:
        focus = spec.field_boxes or boxes
        centre = (min(b.top for b in focus) + max(b.bottom for b in focus)) / 2
        top, bottom = centre - MAX_BAND_PT / 2, centre + MAX_BAND_PT / 2
    return BBox(0.0, max(0.0, top), page_width, min(page_height, bottom))


def render_crops(path: Path, specs: Iterable[CropSpec]) -> dict[CropSpec, Crop]:
    """Every crop of one source file; a file or page that cannot be read gives a Crop.problem."""
    unique = list(dict.fromkeys(specs))
    if not unique:
        return {}
    if not path.is_file():
        return dict.fromkeys(unique, Crop(None, f"source file not found: {path}"))
    if path.suffix.lower() in IMAGE_SUFFIXES:
        return _image_crops(path, unique)
    return _pdf_crops(path, unique)


def _pdf_crops(path: Path, specs: Sequence[CropSpec]) -> dict[CropSpec, Crop]:
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        return dict.fromkeys(specs, Crop(None, f"the PDF cannot be opened: {exc}"))
    crops: dict[CropSpec, Crop] = {}
    try:
        for number, page_specs in _by_page(specs, len(pdf), crops).items():
            page = pdf[number - 1]
            image = page.render(scale=RENDER_SCALE).to_pil()
            crops.update({spec: _cut(image, spec, page.get_size()) for spec in page_specs})
    finally:
        pdf.close()
    return crops


def _image_crops(path: Path, specs: Sequence[CropSpec]) -> dict[CropSpec, Crop]:
    try:
        picture = Image.open(path)
    except OSError as exc:
        return dict.fromkeys(specs, Crop(None, f"the image cannot be opened: {exc}"))
    crops: dict[CropSpec, Crop] = {}
    with picture:
        frames = getattr(picture, "n_frames", 1)
        for number, page_specs in _by_page(specs, frames, crops).items():
            picture.seek(number - 1)
            dpi = float(picture.info.get("dpi", (DEFAULT_IMAGE_DPI,))[0]) or DEFAULT_IMAGE_DPI
            size = (picture.width / dpi * POINTS_PER_INCH, picture.height / dpi * POINTS_PER_INCH)
            image = picture.convert("RGB").resize((round(size[0] * RENDER_SCALE),
                                                   round(size[1] * RENDER_SCALE)))
            crops.update({spec: _cut(image, spec, size) for spec in page_specs})
    return crops


def _by_page(specs: Sequence[CropSpec], pages: int,
             problems: dict[CropSpec, Crop]) -> dict[int, list[CropSpec]]:
    """The specs grouped by page, so each page is rendered once; specs of pages the file does
    not have get their Crop.problem in `problems`."""
    grouped: dict[int, list[CropSpec]] = {}
    for spec in specs:
        if 1 <= spec.page <= pages:
            grouped.setdefault(spec.page, []).append(spec)
        else:
            problems[spec] = Crop(None, f"page {spec.page} is not in the file ({pages} pages)")
    return grouped


def _cut(page_image: Image.Image, spec: CropSpec, page_size: tuple[float, float]) -> Crop:
    """The spec's band out of a page rendered at RENDER_SCALE, its boxes outlined."""
    region = band(spec, *page_size)
    left, top = round(region.x0 * RENDER_SCALE), round(region.top * RENDER_SCALE)
    right = min(page_image.width, round(region.x1 * RENDER_SCALE))
    bottom = min(page_image.height, round(region.bottom * RENDER_SCALE))
    return _outlined(page_image.crop((left, top, right, bottom)), spec, (left, top))


def _outlined(image: Image.Image, spec: CropSpec, origin: tuple[int, int]) -> Crop:
    """The image with the spec's boxes outlined; `origin` is its top-left pixel on the page
    rendered at RENDER_SCALE."""
    image = image.convert("RGB")
    draw = ImageDraw.Draw(image)
    left, top = origin
    for boxes, colour in ((spec.related_boxes, RELATED_COLOUR), (spec.field_boxes, FIELD_COLOUR)):
        for box in boxes:
            draw.rectangle((box.x0 * RENDER_SCALE - left, box.top * RENDER_SCALE - top,
                            box.x1 * RENDER_SCALE - left, box.bottom * RENDER_SCALE - top),
                           outline=colour, width=OUTLINE_PX)
    buffer = io.BytesIO()
    palette = image.quantize(colors=PNG_COLOURS, method=PNG_QUANTIZE)
    palette.save(buffer, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    return Crop(buffer.getvalue(), None, image.width, image.height)
