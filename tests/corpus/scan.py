"""Scan simulator of the test-archive generator: digital PDF -> scanned, image-only PDF.

A page is rendered at the scanner's resolution, then goes through what a real office scan does
to it, in physical order: paper tone and toner fading (the sheet), dust on the glass, the sheet
lying skewed and off-centre on the platen (with the scanner's backing showing and a shadow at the
paper edge), uneven lamp illumination, optical blur, sensor noise, and JPEG compression.

Everything is drawn from a ``numpy.random.Generator`` seeded per page; Pillow's JPEG/PNG/TIFF
encoders write no timestamps, and the save time and random /ID that PDFium stamps into a PDF are
overwritten. So the same input, profile and seed give byte-identical files.

Rotation sign: ``PageScan.rotation_deg > 0`` means the page content appears turned
counter-clockwise in the image (the right end of a printed horizontal line sits higher).
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

POINTS_PER_INCH = 72.0
MM_PER_INCH = 25.4

# A fed or placed sheet is never perfectly square, but past 2 degrees an operator rescans it.
MAX_ROTATION_DEG = 2.0

# Resolution of the random grids behind the slowly varying fields (lamp illumination, toner
# fading): a handful of control points per page gives variation over centimetres, like real
# lamp fall-off and toner-drum wear, never per-glyph.
FIELD_GRID = (4, 3)  # (rows, cols) for a portrait page; the field is stretched to the page

# Dust and toner specks: most are dark (dust, toner spatter); the rest are white drop-outs that
# only show where they hit ink (a fibre lifting the toner).
DARK_SPECK_SHARE = 0.85
# Specks are 1 or 2 pixels wide (0.08-0.25 mm at 200-300 dpi): real dust, not blots.
SPECK_SIZES_PX = (1, 2)

# Width of the shadow a sheet casts along its own edge where it lifts off the glass.
EDGE_SHADOW_WIDTH_MM = 0.4

# Rotations and shifts are recorded rounded so that truth files stay readable; the rounded
# value is the one applied, so the record is exact.
ROTATION_DECIMALS = 2
SHIFT_DECIMALS = 1

# Quality when page images are written as JPEG files or JPEG-compressed TIFFs. Degraded pages
# already carry the profile's JPEG artefacts (quality 40-50); a second generation at 75 adds no
# visible loss and keeps a 300 dpi A4 page near 400-500 KB (lossless PNG/deflate TIFF of a noisy
# scan is 1-1.5 MB a page, too much for the archive budget).
PAGE_JPEG_QUALITY = 75

# Grayscale TIFFs from office scanners are JPEG-compressed; libtiff, Pillow, OpenCV and
# Leptonica (tesseract) all read them.
TIFF_COMPRESSION = "jpeg"
# black-and-white pages, as archives keep them: CCITT group 4 is lossless and ~20x smaller
BILEVEL_TIFF_COMPRESSION = "group4"

# PDFium stamps every saved file with the wall-clock time (/CreationDate in the Info dictionary)
# and a random /ID. Both are overwritten in place with same-length values (so the xref offsets
# stay valid): a fixed date, and an ID hashed from the file itself as the PDF spec suggests.
_PDFIUM_DATE = re.compile(rb"/CreationDate\((D:[^)]*)\)")
_PDFIUM_ID = re.compile(rb"/ID\[<([0-9A-Fa-f]+)><([0-9A-Fa-f]+)>\]")
FIXED_PDF_DATE = b"D:20000101000000+00'00'"

_PIL_FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "tif": "TIFF", "tiff": "TIFF"}


@dataclass(frozen=True)
class ScanProfile:
    """How a page was scanned. Levels are on the 0-255 grey scale, lengths at ``dpi``."""

    dpi: int  # 300 or 200
    max_rotation_deg: float  # |angle| <= this, drawn per page; <= 2.0
    noise_sigma: float  # gaussian sensor noise (0-255 scale)
    blur_sigma: float  # optics / focus blur in pixels at this dpi
    jpeg_quality: int  # JPEG artefacts
    speckle_density: float  # salt-and-pepper dust per pixel
    paper_level: float = 245.0  # grey of blank paper: office paper reflects ~95%, never 255
    ink_level: float = 25.0  # grey of solid black toner as the sensor sees it
    toner_fade: float = 0.0  # fraction of ink density lost in the most faded patches, 0..1
    illumination_falloff: float = 0.0  # fraction of brightness lost where the lamp is weakest
    max_shift_mm: float = 0.0  # |offset| of the sheet on the platen, per axis, drawn per page
    background_level: float = 255.0  # what the scanner sees where there is no paper (lid, ADF)
    edge_shadow: float = 0.0  # darkening (fraction) at the sheet's edge, 0..1

    def __post_init__(self) -> None:
        if self.dpi <= 0:
            raise ValueError(f"dpi must be positive, got {self.dpi}")
        if not 0.0 <= self.max_rotation_deg <= MAX_ROTATION_DEG:
            raise ValueError(f"max_rotation_deg must be in [0, {MAX_ROTATION_DEG}]")
        if not 1 <= self.jpeg_quality <= 95:
            raise ValueError(f"jpeg_quality must be in [1, 95], got {self.jpeg_quality}")
        for name in ("noise_sigma", "blur_sigma", "speckle_density", "max_shift_mm"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0")
        for name in ("toner_fade", "illumination_falloff", "edge_shadow"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be in [0, 1]")
        if not 0.0 <= self.ink_level < self.paper_level <= 255.0:
            raise ValueError("need 0 <= ink_level < paper_level <= 255")


PROFILES: dict[str, ScanProfile] = {
    # A good office flatbed/ADF at 300 dpi: slight skew, clean glass, even lamp.
    "300dpi": ScanProfile(
        dpi=300,
        max_rotation_deg=1.0,
        noise_sigma=2.0,
        blur_sigma=0.8,
        jpeg_quality=50,
        speckle_density=2e-5,
        paper_level=245.0,
        ink_level=30.0,
        toner_fade=0.15,
        illumination_falloff=0.04,
        max_shift_mm=1.5,
        background_level=252.0,
        edge_shadow=0.35,
    ),
    # An older multifunction copier at 200 dpi: more skew, dusty glass, worn toner, uneven lamp,
    # soft focus, grey ADF backing showing where the sheet is off-centre.
    "200dpi": ScanProfile(
        dpi=200,
        max_rotation_deg=2.0,
        noise_sigma=3.5,
        blur_sigma=0.9,
        jpeg_quality=40,
        speckle_density=8e-5,
        paper_level=236.0,
        ink_level=45.0,
        toner_fade=0.3,
        illumination_falloff=0.12,
        max_shift_mm=3.0,
        background_level=185.0,
        edge_shadow=0.5,
    ),
}


@dataclass(frozen=True)
class PageScan:
    """Geometry drawn for one scanned page (what the scan did to it)."""

    rotation_deg: float  # signed; > 0 = content turned counter-clockwise in the image
    shift_px: tuple[float, float]  # (right, down) offset of the sheet, in pixels at the scan dpi
    size_px: tuple[int, int]  # (width, height) of the page image


@dataclass(frozen=True)
class ScanRecord:
    """What ``scan_pdf`` wrote."""

    pdf_path: Path
    dpi: int
    seed: int
    pages: tuple[PageScan, ...]
    file_size: int  # bytes

    @property
    def rotations_deg(self) -> tuple[float, ...]:
        return tuple(page.rotation_deg for page in self.pages)


def _reproducible_pdf_bytes(pdf: pdfium.PdfDocument) -> bytes:
    """The document as PDFium saves it, minus the save time and the random file ID."""
    buffer = io.BytesIO()
    pdf.save(buffer)
    data = bytearray(buffer.getvalue())
    date = _PDFIUM_DATE.search(data)  # the Info dictionary: PDFium writes it before any page
    if date is None or len(date.group(1)) != len(FIXED_PDF_DATE):
        raise ValueError("PDFium output without the expected /CreationDate")
    data[date.start(1) : date.end(1)] = FIXED_PDF_DATE
    ids = list(_PDFIUM_ID.finditer(data))
    if not ids:
        raise ValueError("PDFium output without a trailer /ID")
    trailer_id = ids[-1]  # the trailer's, at the end of the file
    id_start, id_end = trailer_id.start(1), trailer_id.end(2)
    data[id_start:id_end] = b"0" * (id_end - id_start)
    digest = hashlib.md5(data).hexdigest().upper().encode()  # 16 bytes, as PDFium's own ID
    for group in (1, 2):
        start, end = trailer_id.span(group)
        if end - start != len(digest):
            raise ValueError("PDFium /ID of unexpected length")
        data[start:end] = digest
    return bytes(data)


def page_size_px(size_pt: tuple[float, float], dpi: int) -> tuple[int, int]:
    """Pixel size of a page scanned at ``dpi``: an A4 page at 300 dpi is 2480 x 3508."""
    width_pt, height_pt = size_pt
    return round(width_pt * dpi / POINTS_PER_INCH), round(height_pt * dpi / POINTS_PER_INCH)


def _render_page(page: pdfium.PdfPage, dpi: int) -> Image.Image:
    bitmap = page.render(scale=dpi / POINTS_PER_INCH, grayscale=True)
    # PDFium rounds the bitmap size up (A4 at 300 dpi: 2481 px wide); a scanner rounds to the
    # nearest pixel, so drop the extra sub-pixel column/row at the right/bottom edge.
    image = bitmap.to_pil().crop((0, 0, *page_size_px(page.get_size(), dpi)))
    image.info["dpi"] = (dpi, dpi)
    return image


def render_pages(pdf_path: Path, dpi: int) -> list[Image.Image]:
    """Every page of ``pdf_path`` as a grayscale ("L") image at ``dpi``."""
    pdf = pdfium.PdfDocument(pdf_path)
    try:
        return [_render_page(page, dpi) for page in pdf]
    finally:
        pdf.close()


def draw_page_scan(
    profile: ScanProfile, size_px: tuple[int, int], rng: np.random.Generator
) -> PageScan:
    """Draw the skew and platen offset of one page."""
    angle = rng.uniform(-profile.max_rotation_deg, profile.max_rotation_deg)
    max_shift_px = profile.max_shift_mm / MM_PER_INCH * profile.dpi
    dx, dy = rng.uniform(-max_shift_px, max_shift_px, size=2)
    return PageScan(
        rotation_deg=round(float(angle), ROTATION_DECIMALS),
        shift_px=(round(float(dx), SHIFT_DECIMALS), round(float(dy), SHIFT_DECIMALS)),
        size_px=size_px,
    )


def _smooth_field(shape: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """A field in [0, 1] varying over centimetres (bicubic stretch of a coarse random grid)."""
    height, width = shape
    rows, cols = FIELD_GRID if height >= width else FIELD_GRID[::-1]
    grid = rng.random((rows, cols), dtype=np.float32)
    field = cv2.resize(grid, (width, height), interpolation=cv2.INTER_CUBIC)
    return np.clip(field, 0.0, 1.0)


def _tone(page: np.ndarray, profile: ScanProfile, rng: np.random.Generator) -> np.ndarray:
    """Map the clean render onto paper grey and (unevenly faded) toner grey."""
    ink = 1.0 - page.astype(np.float32) / 255.0
    if profile.toner_fade > 0:
        ink *= 1.0 - profile.toner_fade * _smooth_field(page.shape, rng)
    return profile.paper_level - (profile.paper_level - profile.ink_level) * ink


def _add_speckles(img: np.ndarray, profile: ScanProfile, rng: np.random.Generator) -> None:
    """Dust on the glass, in place: small dark specks, a few white drop-outs."""
    height, width = img.shape
    count = int(rng.poisson(profile.speckle_density * height * width))
    ys = rng.integers(0, height, size=count)
    xs = rng.integers(0, width, size=count)
    sizes = rng.choice(SPECK_SIZES_PX, size=count)
    dark = rng.random(count) < DARK_SPECK_SHARE
    values = np.where(dark, profile.ink_level, profile.paper_level).astype(np.float32)
    for dy in range(max(SPECK_SIZES_PX)):
        for dx in range(max(SPECK_SIZES_PX)):
            hit = sizes > max(dy, dx)  # the speck's square covers this offset
            rows = np.minimum(ys[hit] + dy, height - 1)
            cols = np.minimum(xs[hit] + dx, width - 1)
            img[rows, cols] = values[hit]


def _place_on_platen(img: np.ndarray, scan: PageScan, profile: ScanProfile) -> np.ndarray:
    """Skew and shift the sheet; the scanner's backing shows where the sheet is not."""
    height, width = img.shape
    matrix = cv2.getRotationMatrix2D((width / 2.0, height / 2.0), scan.rotation_deg, 1.0)
    matrix[:, 2] += scan.shift_px
    placed = cv2.warpAffine(
        img,
        matrix,
        (width, height),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=profile.background_level,
    )
    if profile.edge_shadow > 0:
        sheet = cv2.warpAffine(
            np.ones_like(img), matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=0.0
        )
        sigma = EDGE_SHADOW_WIDTH_MM / MM_PER_INCH * profile.dpi
        soft = cv2.GaussianBlur(sheet, (0, 0), sigma)
        placed *= 1.0 - profile.edge_shadow * 4.0 * soft * (1.0 - soft)  # peaks on the edge
    return placed


def _encode_jpeg(image: Image.Image, quality: int, dpi: tuple[float, float]) -> bytes:
    """Grayscale JPEG with ``dpi`` in its JFIF header. Progressive with optimised Huffman tables
    (5-10 % smaller than baseline at the same quality, and what many scanner drivers write)."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=True, dpi=dpi)
    return buffer.getvalue()


def _degrade_to_jpeg(
    page: Image.Image, profile: ScanProfile, rng: np.random.Generator
) -> tuple[bytes, PageScan]:
    clean = np.asarray(page.convert("L"))
    scan = draw_page_scan(profile, (clean.shape[1], clean.shape[0]), rng)
    img = _tone(clean, profile, rng)
    _add_speckles(img, profile, rng)
    img = _place_on_platen(img, scan, profile)
    if profile.illumination_falloff > 0:
        img *= 1.0 - profile.illumination_falloff * _smooth_field(img.shape, rng)
    if profile.blur_sigma > 0:
        img = cv2.GaussianBlur(img, (0, 0), profile.blur_sigma)
    if profile.noise_sigma > 0:
        img += profile.noise_sigma * rng.standard_normal(img.shape, dtype=np.float32)
    pixels = np.clip(np.rint(img), 0, 255).astype(np.uint8)
    dpi = (profile.dpi, profile.dpi)
    return _encode_jpeg(Image.fromarray(pixels), profile.jpeg_quality, dpi), scan


def degrade(page: Image.Image, profile: ScanProfile, rng: np.random.Generator) -> Image.Image:
    """``page`` (rendered at ``profile.dpi``) as the scanner would deliver it, mode "L"."""
    page_dpi = page.info.get("dpi")
    if page_dpi is not None and round(page_dpi[0]) != profile.dpi:
        raise ValueError(f"page rendered at {page_dpi[0]} dpi, profile scans at {profile.dpi}")
    jpeg, _ = _degrade_to_jpeg(page, profile, rng)
    image = Image.open(io.BytesIO(jpeg))
    image.load()
    return image


def page_rng(seed: int, page_index: int) -> np.random.Generator:
    """Independent stream per page: page k looks the same whatever the other pages are."""
    return np.random.default_rng((seed, page_index))


def scan_pdf(pdf_path: Path, out_pdf: Path, profile: ScanProfile, seed: int) -> ScanRecord:
    """Write ``out_pdf``: image-only, one JPEG per page at ``profile.dpi``, source page sizes."""
    source = pdfium.PdfDocument(pdf_path)
    scanned = pdfium.PdfDocument.new()
    pages: list[PageScan] = []
    try:
        for index, page in enumerate(source):
            width_pt, height_pt = page.get_size()
            jpeg, scan = _degrade_to_jpeg(
                _render_page(page, profile.dpi), profile, page_rng(seed, index)
            )
            pages.append(scan)
            out_page = scanned.new_page(width_pt, height_pt)
            image = pdfium.PdfImage.new(scanned)
            image.load_jpeg(io.BytesIO(jpeg), inline=True)
            image.set_matrix(pdfium.PdfMatrix().scale(width_pt, height_pt))
            out_page.insert_obj(image)
            out_page.gen_content()
        out_pdf.parent.mkdir(parents=True, exist_ok=True)
        out_pdf.write_bytes(_reproducible_pdf_bytes(scanned))
    finally:
        scanned.close()
        source.close()
    return ScanRecord(
        pdf_path=out_pdf,
        dpi=profile.dpi,
        seed=seed,
        pages=tuple(pages),
        file_size=out_pdf.stat().st_size,
    )


def is_bilevel(image: Image.Image) -> bool:
    """Only pure black and pure white pixels (a page scanned in black-and-white mode)."""
    colors = image.convert("L").getcolors(256)
    return colors is not None and {value for _, value in colors} <= {0, 255}


def save_page_images(
    images: list[Image.Image], out: Path, fmt: str, jpeg_quality: int = PAGE_JPEG_QUALITY
) -> None:
    """Write page images as ``fmt`` ("png", "jpg"/"jpeg", "tif"/"tiff"), dpi recorded.

    TIFF: one file ``out``, multi-page when there are several images. PNG and JPEG hold one
    page per file: ``out`` itself for a single image, else ``<stem>-01<suffix>``,
    ``<stem>-02<suffix>``... next to it. The dpi comes from each image's ``info["dpi"]`` (set by
    ``render_pages`` and ``degrade``); the suffix of ``out`` must match ``fmt``. JPEG files and
    TIFF pages are JPEG-compressed at ``jpeg_quality``, PNG is lossless.
    """
    key = fmt.lower().lstrip(".")
    if key not in _PIL_FORMATS:
        raise ValueError(f"unsupported image format {fmt!r}; use one of {sorted(_PIL_FORMATS)}")
    pil_format = _PIL_FORMATS[key]
    if _PIL_FORMATS.get(out.suffix.lower().lstrip(".")) != pil_format:
        raise ValueError(f"{out.name} does not end in a {fmt} suffix")
    if not images:
        raise ValueError("no images to save")
    missing = [index for index, image in enumerate(images) if "dpi" not in image.info]
    if missing:
        raise ValueError(f"images {missing} carry no dpi (image.info['dpi'])")
    out.parent.mkdir(parents=True, exist_ok=True)
    if pil_format == "TIFF":
        if all(is_bilevel(image) for image in images):  # a black-and-white scan: fax coding
            first, *rest = [image.convert("1", dither=Image.Dither.NONE) for image in images]
            first.save(out, "TIFF", save_all=True, append_images=rest,
                       compression=BILEVEL_TIFF_COMPRESSION, dpi=images[0].info["dpi"])
            return
        first, *rest = [image.convert("L") for image in images]
        first.save(
            out,
            "TIFF",
            save_all=True,
            append_images=rest,
            compression=TIFF_COMPRESSION,
            quality=jpeg_quality,
            dpi=images[0].info["dpi"],
        )
        return
    targets = (
        [out]
        if len(images) == 1
        else [out.with_name(f"{out.stem}-{n:02d}{out.suffix}") for n in range(1, len(images) + 1)]
    )
    for image, target in zip(images, targets, strict=True):
        dpi = image.info["dpi"]
        if pil_format == "JPEG":
            target.write_bytes(_encode_jpeg(image.convert("L"), jpeg_quality, dpi))
        elif is_bilevel(image):  # black-and-white PNG: 1 bit per pixel
            image.convert("1", dither=Image.Dither.NONE).save(target, "PNG", dpi=dpi)
        else:
            image.convert("L").save(target, "PNG", dpi=dpi)


def mix_pdf(
    digital_pdf: Path, scanned_pdf: Path, scanned_pages: set[int], out_pdf: Path
) -> None:
    """Archive PDF mixing digital pages and scanned ones (0-based ``scanned_pages``)."""
    digital = pdfium.PdfDocument(digital_pdf)
    scanned = pdfium.PdfDocument(scanned_pdf)
    mixed = pdfium.PdfDocument.new()
    try:
        count = len(digital)
        if len(scanned) != count:
            raise ValueError(f"page counts differ: digital {count}, scanned {len(scanned)}")
        outside = sorted(index for index in scanned_pages if not 0 <= index < count)
        if outside:
            raise ValueError(f"scanned_pages {outside} outside 0..{count - 1}")
        for index in range(count):
            source = scanned if index in scanned_pages else digital
            mixed.import_pages(source, pages=[index], index=index)
        out_pdf.parent.mkdir(parents=True, exist_ok=True)
        out_pdf.write_bytes(_reproducible_pdf_bytes(mixed))
    finally:
        mixed.close()
        scanned.close()
        digital.close()
