"""Page images: render PDF pages, load image files, find orientation and skew, binarize.

Images are 2-D uint8 numpy arrays, 0 = black ink, 255 = white paper (what tesseract reads).
Angles are in degrees, counter-clockwise positive (the direction the page content was turned);
`deskew` returns the angle it found and an image turned back by it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
import pytesseract
from numpy.typing import NDArray
from PIL import Image, ImageSequence

Gray = NDArray[np.uint8]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
POINTS_PER_INCH = 72.0
# an image file without a resolution tag is taken as a 300 dpi scan, the usual office default
DEFAULT_IMAGE_DPI = 300.0
# skew search: scanners and phone photos of a flat page turn it by a few degrees at most
MAX_SKEW = 5.0
# the skew search narrows down in stages of (half-width of the range, step, histogram bin in
# pixels): a bin as wide as the drift a half-step causes across the page keeps the sharpest
# angle from falling between two coarse steps; the last stage (0.01 deg) moves the end of a 20 cm
# ruling line by 0.03 mm, below a pixel at 300 dpi
SKEW_STAGES = ((MAX_SKEW, 0.2, 4), (0.3, 0.05, 2), (0.06, 0.01, 1))
# ink this close to the image's edges (share of width/height) is left out of the skew search:
# the paper's edge and the scanner's shadow there are straight lines at the image's own angle
SKEW_MARGIN = 0.04
# the skew search reads ink at this resolution: enough for 0.05 deg over a page width, and the
# ink point count (and time) stays low
SKEW_DPI = 150.0
# adaptive threshold: a window of ~1/6 inch follows the shadows at a scan's edges, and ink must
# be this much darker than its neighbourhood (grey levels)
THRESHOLD_WINDOW_INCH = 1 / 6
THRESHOLD_OFFSET = 15
# the paper's shade is estimated with a max filter this wide (inch): wider than any stroke of
# text or ruling (a bold 14 pt letter's stroke is ~1/50 inch), narrow enough to follow the
# scanner's shadows
BACKGROUND_WINDOW_INCH = 1 / 12
# a speck of dust or toner is an ink blob at most this big (points, either side; scanner specks
# are 1-2 pt) with no other ink within SPECK_REACH (points: along the line, across it): a lone
# period is never data. Kept: a `-` empty marker (DASH_POINTS), the dot of an `i`, a
# decimal comma between digits, and a sentence's period (up to ~4.5 pt right of a `P`'s stem).
SPECK_POINTS = 2.0
SPECK_REACH = (5.0, 2.0)
# a blob at least this wide (points) and wider than tall beside a ruling is a dash: the `-` of
# an empty cell at 7-8 pt is 1.9 x 1.2 pt on a 300 dpi scan (8 x 5 px), a speck 1 x 1 pt
DASH_POINTS = 1.5
# tesseract's OSD reads the page at this resolution, shade removed: at 150 dpi the 7-8 pt text
# of a table page gave confidence 0.1-4 (a guess), at 300 dpi 9-12 for each of the four turns
OSD_DPI = 300.0
# OSD below this confidence is a guess; the page is left as it is
MIN_OSD_CONFIDENCE = 2.0
OSD_LOW_TEXT = "Too few characters"
# tesseract's OpenMP threads fight each other on a busy 2-core machine: one thread read a
# 300 dpi page in 1.9 s, the default (all cores) in 7-10 s; pages run in parallel processes
OMP_THREADS = "1"
OSD_ROTATE_RE = re.compile(r"Rotate:\s*(\d+)")
OSD_CONFIDENCE_RE = re.compile(r"Orientation confidence:\s*([\d.]+)")


@dataclass(frozen=True, slots=True)
class PageImage:
    """One page image with its resolution (dots per inch)."""

    image: Gray
    dpi: float


def render_page(pdf: str | Path | pdfium.PdfDocument, page_index: int, dpi: float) -> Gray:
    """Render one PDF page (0-based index) to a grey image at `dpi`."""
    document = pdf if isinstance(pdf, pdfium.PdfDocument) else pdfium.PdfDocument(str(pdf))
    try:
        page = document[page_index]
        bitmap = page.render(scale=dpi / POINTS_PER_INCH, grayscale=True)
        return to_gray(np.asarray(bitmap.to_numpy()))
    finally:
        if document is not pdf:
            document.close()


def to_gray(array: NDArray[np.uint8]) -> Gray:
    if array.ndim == 2:
        return np.ascontiguousarray(array)
    if array.shape[2] == 4:
        return cv2.cvtColor(array, cv2.COLOR_RGBA2GRAY)
    if array.shape[2] == 3:
        return cv2.cvtColor(array, cv2.COLOR_RGB2GRAY)
    return np.ascontiguousarray(array[:, :, 0])


def load_images(path: str | Path) -> list[PageImage]:
    """The pages of an image file (.png/.jpg/.tif, multi-page TIFF too) with their dpi."""
    with Image.open(path) as image:
        pages = []
        for frame in ImageSequence.Iterator(image):
            pages.append(PageImage(to_gray(np.asarray(frame.convert("L"))), image_dpi(frame)))
        return pages


def image_dpi(frame: Image.Image) -> float:
    """The horizontal resolution in the file's tags (PNG pHYs, JPEG JFIF, TIFF), else 300."""
    dpi = frame.info.get("dpi")
    if dpi and float(dpi[0]) > 1:
        return round(float(dpi[0]), 1)
    return DEFAULT_IMAGE_DPI


def binarize(image: Gray, dpi: float) -> Gray:
    """Ink mask (255 = ink) by a local threshold that follows uneven lighting."""
    window = int(dpi * THRESHOLD_WINDOW_INCH) | 1
    return cv2.adaptiveThreshold(image, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                 window, THRESHOLD_OFFSET)


def flatten(image: Gray, dpi: float) -> Gray:
    """The image divided by its paper shade: white paper everywhere, ink kept dark.

    Tesseract binarizes a page with one global (Otsu) threshold; on a scan whose paper greys
    towards the edges it turns the grey into black blobs and reads them as letters.
    """
    size = int(dpi * BACKGROUND_WINDOW_INCH) | 1
    paper = cv2.dilate(image, cv2.getStructuringElement(cv2.MORPH_RECT, (size, size)))
    paper = cv2.medianBlur(paper, 5)
    return cv2.divide(image, paper, scale=255)


def despeckle(image: Gray, ink: Gray, lines: NDArray[np.bool_], dpi: float) -> Gray:
    """The image with isolated specks (tiny ink blobs far from other ink) painted white.

    `ink` is the ink mask, `lines` the pixels of its ruling lines: a speck beside a ruling is
    still a speck (the ruling is not text it belongs to), unless it is shaped like a dash.
    """
    px_per_pt = dpi / POINTS_PER_INCH
    text = np.where(lines, 0, ink).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(text, connectivity=8)
    width, height = stats[:, cv2.CC_STAT_WIDTH], stats[:, cv2.CC_STAT_HEIGHT]
    small = np.maximum(width, height) <= SPECK_POINTS * px_per_pt
    small[0] = False  # the background
    dash = (width >= DASH_POINTS * px_per_pt) & (width > height)
    speck_pixels = small[labels]
    kernel = cv2.getStructuringElement(
        cv2.MORPH_RECT, tuple(max(3, round(2 * r * px_per_pt) | 1) for r in SPECK_REACH))
    near_text = cv2.dilate(np.where(speck_pixels, 0, text).astype(np.uint8), kernel) > 0
    near_rule = cv2.dilate(lines.astype(np.uint8), kernel) > 0
    keep = np.zeros(count, dtype=bool)
    keep[np.unique(labels[speck_pixels & near_text])] = True
    beside_rule = np.unique(labels[speck_pixels & near_rule])
    keep[beside_rule[dash[beside_rule]]] = True
    erase = speck_pixels & ~keep[labels]
    cleaned = image.copy()
    cleaned[erase] = 255
    return cleaned


def skew_angle(ink: Gray) -> float:
    """The angle of the text lines and rulings in an ink mask, by projection profiles.

    Each ink pixel is projected on the vertical axis of a page turned back by a candidate
    angle; the angle whose row histogram is sharpest (sum of squares) wins.
    """
    height, width = ink.shape
    my, mx = int(height * SKEW_MARGIN), int(width * SKEW_MARGIN)
    ys, xs = np.nonzero(ink[my:height - my, mx:width - mx])
    if len(xs) == 0:
        return 0.0
    xf = xs.astype(np.float64) - (width - 2 * mx) / 2
    yf = ys.astype(np.float64) - (height - 2 * my) / 2
    best = 0.0
    for half_width, step, bin_px in SKEW_STAGES:
        angles = np.arange(best - half_width, best + half_width + step / 2, step)
        best = float(max(angles, key=lambda a: profile_score(xf, yf, a, bin_px)))
    return round(best, 2)


def profile_score(xs: NDArray[np.float64], ys: NDArray[np.float64], angle: float,
                  bin_px: int) -> float:
    """Sharpness of the row histogram of ink turned back by `angle` (counter-clockwise)."""
    rad = np.deg2rad(angle)
    # image rows grow downwards: content turned counter-clockwise by `angle` has rows
    # y' = y*cos + x*sin when turned back
    rows = np.floor((ys * np.cos(rad) + xs * np.sin(rad)) / bin_px).astype(np.int64)
    counts = np.bincount(rows - rows.min())
    return float(np.dot(counts, counts))


def rotate(image: Gray, angle: float) -> Gray:
    """Turn the image by `angle` degrees counter-clockwise about its centre; corners fill white."""
    if angle == 0:
        return image
    height, width = image.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (width, height), flags=cv2.INTER_CUBIC,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=255)


def deskew(image: Gray, dpi: float) -> tuple[Gray, float]:
    """The image turned straight, and the skew angle found (content turned by it, CCW+)."""
    scale = min(1.0, SKEW_DPI / dpi)
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    angle = skew_angle(binarize(small, dpi * scale))
    return rotate(image, -angle), angle


def limit_threads() -> None:
    """One OpenMP thread per tesseract run unless the caller's environment chose otherwise."""
    os.environ.setdefault("OMP_THREAD_LIMIT", OMP_THREADS)


def orientation(image: Gray, dpi: float) -> int:
    """Clockwise quarter turns (0/90/180/270) that make the page upright, by tesseract OSD."""
    limit_threads()
    scale = OSD_DPI / dpi
    resized = image if scale == 1 else cv2.resize(
        image, None, fx=scale, fy=scale,
        interpolation=cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA)
    try:
        report = pytesseract.image_to_osd(flatten(resized, OSD_DPI),
                                          config=f"--dpi {round(OSD_DPI)}")
    except pytesseract.TesseractError as error:
        # OSD refuses pages with too few letters ("Too few characters"): nothing to turn by
        if OSD_LOW_TEXT in str(error):
            return 0
        raise
    rotate_match = OSD_ROTATE_RE.search(report)
    confidence = OSD_CONFIDENCE_RE.search(report)
    if rotate_match is None or confidence is None:
        raise ValueError(f"tesseract OSD gave no orientation: {report!r}")
    if float(confidence.group(1)) < MIN_OSD_CONFIDENCE:
        return 0
    return int(rotate_match.group(1))


def turn_upright(image: Gray, clockwise: int) -> Gray:
    """Turn the image clockwise by 0/90/180/270 degrees."""
    turns: dict[int, int | None] = {0: None, 90: cv2.ROTATE_90_CLOCKWISE,
                                    180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    code = turns[clockwise % 360]
    return image if code is None else cv2.rotate(image, code)


def crop(image: Gray, box_px: Sequence[int]) -> Gray:
    """A region (x0, top, x1, bottom in pixels) clipped to the image."""
    x0, top, x1, bottom = box_px
    height, width = image.shape
    return image[max(0, top):min(height, bottom), max(0, x0):min(width, x1)]
