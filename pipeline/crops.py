"""Images of the page region a finding points at, rendered from its source file.

Boxes are PDF points with a top-left origin (pdfplumber's, as stored in `measurements.bbox_*`).
A crop is the full page width in the vertical band of the boxes (so the indicator's name and
the neighbouring columns are in view), with the finding's own cell outlined in red and the cells
it was recomputed from in amber. PDFs are rendered with pypdfium2, only the band itself; page
images (PNG/JPEG/TIFF, one frame per page) are cut with Pillow.
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
# Palette PNG: table pages are black text on white plus two outline colours.
PNG_COLOURS = 32


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
    try:
        return {spec: _pdf_crop(pdf, spec) for spec in specs}
    finally:
        pdf.close()


def _pdf_crop(pdf: pdfium.PdfDocument, spec: CropSpec) -> Crop:
    if not 1 <= spec.page <= len(pdf):
        return Crop(None, f"page {spec.page} is not in the file ({len(pdf)} pages)")
    page = pdf[spec.page - 1]
    width, height = page.get_size()
    region = band(spec, width, height)
    # pypdfium2's crop is the amount cut from the left, bottom, right and top edges.
    crop = (region.x0, height - region.bottom, width - region.x1, region.top)
    image = page.render(scale=RENDER_SCALE, crop=crop).to_pil()
    return _outlined(image, spec, region)


def _image_crops(path: Path, specs: Sequence[CropSpec]) -> dict[CropSpec, Crop]:
    try:
        picture = Image.open(path)
    except OSError as exc:
        return dict.fromkeys(specs, Crop(None, f"the image cannot be opened: {exc}"))
    with picture:
        return {spec: _image_crop(picture, spec) for spec in specs}


def _image_crop(picture: Image.Image, spec: CropSpec) -> Crop:
    frames = getattr(picture, "n_frames", 1)
    if not 1 <= spec.page <= frames:
        return Crop(None, f"page {spec.page} is not in the file ({frames} pages)")
    picture.seek(spec.page - 1)
    dpi = float(picture.info.get("dpi", (DEFAULT_IMAGE_DPI,))[0]) or DEFAULT_IMAGE_DPI
    px_per_pt = dpi / POINTS_PER_INCH
    region = band(spec, picture.width / px_per_pt, picture.height / px_per_pt)
    cut = picture.convert("RGB").crop(tuple(round(v * px_per_pt) for v in (
        region.x0, region.top, region.x1, region.bottom)))
    size = (round((region.x1 - region.x0) * RENDER_SCALE),
            round((region.bottom - region.top) * RENDER_SCALE))
    return _outlined(cut.resize(size), spec, region)


def _outlined(image: Image.Image, spec: CropSpec, region: BBox) -> Crop:
    scale = RENDER_SCALE
    image = image.convert("RGB")
    draw = ImageDraw.Draw(image)
    for boxes, colour in ((spec.related_boxes, RELATED_COLOUR), (spec.field_boxes, FIELD_COLOUR)):
        for box in boxes:
            draw.rectangle(((box.x0 - region.x0) * scale, (box.top - region.top) * scale,
                            (box.x1 - region.x0) * scale, (box.bottom - region.top) * scale),
                           outline=colour, width=OUTLINE_PX)
    buffer = io.BytesIO()
    image.quantize(colors=PNG_COLOURS).save(buffer, format="PNG", optimize=True)
    return Crop(buffer.getvalue(), None, image.width, image.height)
