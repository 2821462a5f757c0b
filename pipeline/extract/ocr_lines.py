"""Ruling lines of a straightened page image, found by morphology, as Segments in points."""

from __future__ import annotations

import cv2
import numpy as np

from pipeline.extract.geometry import Segment
from pipeline.extract.raster import POINTS_PER_INCH, Gray

# a ruling is a straight ink run at least this long (points): longer than any letter or digit
# of table text (a bold "M" at 12 pt is ~11 pt wide), shorter than the narrowest table cell
# (the `No` column, ~20 pt)
MIN_RULE_POINTS = 14.0
# a scanned line breaks where toner or the threshold drops a few pixels: gaps up to this
# (points) between line pieces are closed (after the opening: closing first would join the
# letters of a text line into one long run)
GAP_POINTS = 2.0
# a ruling is at most this thick (points); thicker runs are filled areas or bold bars of text
MAX_RULE_THICKNESS = 4.0
# lines this close to the image's border (points) are the paper's edge or the scanner's shadow:
# printed tables keep a margin of 1-2 cm
EDGE_POINTS = 8.0


def find_segments(ink: Gray, dpi: float) -> list[Segment]:
    """Horizontal and vertical ruling lines of an ink mask (255 = ink), in points."""
    height, width = (n * POINTS_PER_INCH / dpi for n in ink.shape)
    found = find_direction(ink, dpi, horizontal=True) + find_direction(ink, dpi, horizontal=False)
    return [s for s in found if not near_edge(s, width, height)]


def near_edge(seg: Segment, width: float, height: float) -> bool:
    if seg.horizontal:
        return seg.top < EDGE_POINTS or seg.top > height - EDGE_POINTS
    return seg.x0 < EDGE_POINTS or seg.x0 > width - EDGE_POINTS


def line_mask(ink: Gray, dpi: float, horizontal: bool) -> Gray:
    """The pixels of the ink mask that belong to long straight runs in one direction."""
    px_per_pt = dpi / POINTS_PER_INCH
    length = max(3, round(MIN_RULE_POINTS * px_per_pt))
    gap = max(1, round(GAP_POINTS * px_per_pt))
    close = (gap, 1) if horizontal else (1, gap)
    opening = (length, 1) if horizontal else (1, length)
    opened = cv2.morphologyEx(ink, cv2.MORPH_OPEN,
                              cv2.getStructuringElement(cv2.MORPH_RECT, opening))
    return cv2.morphologyEx(opened, cv2.MORPH_CLOSE,
                            cv2.getStructuringElement(cv2.MORPH_RECT, close))


def find_direction(ink: Gray, dpi: float, horizontal: bool) -> list[Segment]:
    """One Segment per connected run of the line mask: its centre line and its extent."""
    mask = line_mask(ink, dpi, horizontal)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    pt_per_px = POINTS_PER_INCH / dpi
    max_thickness = MAX_RULE_THICKNESS / pt_per_px
    out: list[Segment] = []
    for label in range(1, count):
        x, y, w, h, _area = stats[label]
        thickness = h if horizontal else w
        if thickness > max_thickness:
            continue
        ys, xs = np.nonzero(labels[y:y + h, x:x + w] == label)
        if horizontal:
            mid = (y + float(ys.mean()) + 0.5) * pt_per_px
            out.append(Segment(x * pt_per_px, mid, (x + w) * pt_per_px, mid))
        else:
            mid = (x + float(xs.mean()) + 0.5) * pt_per_px
            out.append(Segment(mid, y * pt_per_px, mid, (y + h) * pt_per_px))
    return out


def erase_lines(image: Gray, ink: Gray, dpi: float) -> Gray:
    """The image with its ruling lines painted white: tesseract reads them as `|`, `_`, `[`."""
    lines = cv2.bitwise_or(line_mask(ink, dpi, horizontal=True),
                           line_mask(ink, dpi, horizontal=False))
    # the threshold leaves a grey fringe around each line: widen the mask by one pixel
    lines = cv2.dilate(lines, np.ones((3, 3), np.uint8))
    cleaned = image.copy()
    cleaned[lines > 0] = 255
    return cleaned
