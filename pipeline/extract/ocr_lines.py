"""Ruling lines of a straightened page image, found by morphology, as Segments in points."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

from pipeline.extract.geometry import Segment
from pipeline.extract.raster import POINTS_PER_INCH, Gray

# a ruling is a straight ink run at least this long (points): longer than any letter or digit
# of table text (a bold "M" at 12 pt is ~11 pt wide), shorter than the narrowest table cell
# (the `No` column, ~20 pt)
MIN_RULE_POINTS = 14.0
# a vertical rule between two cells of a one-line row is as short as the row (~8 pt for 5-6 pt
# print, ~12 pt for 10 pt print): a vertical run this long counts when both of its ends meet a
# horizontal rule; a letter (`l`, `1`, `|`) stands clear of the rules above and below it
SHORT_RULE_POINTS = 5.0
# how close (points) a short vertical's end comes to a horizontal rule to meet it: the run
# stops inside the rule's ink, within half its thickness plus the blur of a scan
JOIN_POINTS = 1.5
# a horizontal run shorter than this (points) that meets no vertical rule is a stroke of dirt
# or an underline, not a ruling: a table's rules are as wide as the table or end on a vertical
LONE_RULE_POINTS = 36.0
# a scanned line breaks where toner or the threshold drops a few pixels: gaps up to this
# (points) between line pieces are closed (after the opening: closing first would join the
# letters of a text line into one long run)
GAP_POINTS = 2.0
# a ruling is at most this thick (points); thicker runs are filled areas or bold bars of text
MAX_RULE_THICKNESS = 4.0
# lines this close to the image's border (points) are the paper's edge or the scanner's shadow:
# printed tables keep a margin of 1-2 cm
EDGE_POINTS = 8.0


@dataclass(frozen=True)
class Rulings:
    """The ruling lines of a page: as segments in points, and as a pixel mask to erase."""

    segments: list[Segment]
    mask: Gray  # 255 on the pixels of the rulings


def find_rulings(ink: Gray, dpi: float) -> Rulings:
    """Horizontal and vertical ruling lines of an ink mask (255 = ink)."""
    height, width = (n * POINTS_PER_INCH / dpi for n in ink.shape)
    across = Runs.find(ink, dpi, True, MIN_RULE_POINTS)
    down = Runs.find(ink, dpi, False, MIN_RULE_POINTS)
    # short runs are looked for apart: at their length the gap closing joins a rule to the
    # letters above or below it, so the long rules come from the long runs only
    short = Runs.find(ink, dpi, False, SHORT_RULE_POINTS)
    stubs = [v for v in short.segments
             if v.bottom - v.top < MIN_RULE_POINTS and meets_rules(v, across.segments)]
    vertical = down.segments + stubs
    horizontal = [h for h in across.segments
                  if h.x1 - h.x0 >= LONE_RULE_POINTS or crosses(h, vertical)]
    segments = [s for s in horizontal + vertical if not near_edge(s, width, height)]
    mask = cv2.bitwise_or(across.mask(horizontal), down.mask(down.segments))
    return Rulings(segments, cv2.bitwise_or(mask, short.mask(stubs)))


def crosses(horizontal: Segment, vertical: Sequence[Segment]) -> bool:
    """Some vertical rule meets or crosses the horizontal run."""
    return any(horizontal.x0 - JOIN_POINTS <= v.x0 <= horizontal.x1 + JOIN_POINTS
               and v.top - JOIN_POINTS <= horizontal.top <= v.bottom + JOIN_POINTS
               for v in vertical)


def meets_rules(vertical: Segment, horizontal: Sequence[Segment]) -> bool:
    """Both ends of the vertical run stop on a horizontal rule that passes its x."""
    def meets(y: float) -> bool:
        return any(abs(h.top - y) <= JOIN_POINTS and h.x0 - JOIN_POINTS <= vertical.x0
                   <= h.x1 + JOIN_POINTS for h in horizontal)
    return meets(vertical.top) and meets(vertical.bottom)


def near_edge(seg: Segment, width: float, height: float) -> bool:
    if seg.horizontal:
        return seg.top < EDGE_POINTS or seg.top > height - EDGE_POINTS
    return seg.x0 < EDGE_POINTS or seg.x0 > width - EDGE_POINTS


def line_mask(ink: Gray, dpi: float, horizontal: bool, min_points: float) -> Gray:
    """The pixels of the ink mask that belong to straight runs in one direction."""
    px_per_pt = dpi / POINTS_PER_INCH
    length = max(3, round(min_points * px_per_pt))
    gap = max(1, round(GAP_POINTS * px_per_pt))
    close = (gap, 1) if horizontal else (1, gap)
    opening = (length, 1) if horizontal else (1, length)
    opened = cv2.morphologyEx(ink, cv2.MORPH_OPEN,
                              cv2.getStructuringElement(cv2.MORPH_RECT, opening))
    return cv2.morphologyEx(opened, cv2.MORPH_CLOSE,
                            cv2.getStructuringElement(cv2.MORPH_RECT, close))


@dataclass(frozen=True)
class Runs:
    """The straight ink runs of one direction: a Segment per connected run of the line mask
    (its centre line and extent), with the run's pixels labelled for erasing."""

    labels: NDArray[np.int32]
    label_of: dict[Segment, int]

    @property
    def segments(self) -> list[Segment]:
        return list(self.label_of)

    @classmethod
    def find(cls, ink: Gray, dpi: float, horizontal: bool, min_points: float) -> Runs:
        mask = line_mask(ink, dpi, horizontal, min_points)
        count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        pt_per_px = POINTS_PER_INCH / dpi
        max_thickness = MAX_RULE_THICKNESS / pt_per_px
        label_of: dict[Segment, int] = {}
        for label in range(1, count):
            x, y, w, h, _area = stats[label]
            thickness = h if horizontal else w
            if thickness > max_thickness:
                continue
            ys, xs = np.nonzero(labels[y:y + h, x:x + w] == label)
            if horizontal:
                mid = (y + float(ys.mean()) + 0.5) * pt_per_px
                segment = Segment(x * pt_per_px, mid, (x + w) * pt_per_px, mid)
            else:
                mid = (x + float(xs.mean()) + 0.5) * pt_per_px
                segment = Segment(mid, y * pt_per_px, mid, (y + h) * pt_per_px)
            label_of[segment] = label
        return cls(labels, label_of)

    def mask(self, kept: Sequence[Segment]) -> Gray:
        """255 on the pixels of the kept runs."""
        chosen = np.zeros(int(self.labels.max()) + 1, dtype=bool)
        chosen[[self.label_of[s] for s in kept]] = True
        return np.where(chosen[self.labels], 255, 0).astype(np.uint8)


def erase_lines(image: Gray, lines: NDArray[np.bool_]) -> Gray:
    """The image with its ruling lines (`line_pixels`) painted white: tesseract reads them as
    `|`, `_`, `[`."""
    cleaned = image.copy()
    cleaned[lines] = 255
    return cleaned


def line_pixels(rulings: Rulings) -> NDArray[np.bool_]:
    """The pixels of the ruling lines, with the grey fringe the threshold leaves around each
    (the mask widened by one pixel)."""
    return cv2.dilate(rulings.mask, np.ones((3, 3), np.uint8)) > 0
