"""`make corpus`: render every truth file into the sample archive `data/raw`, with an index.

For each seed document: digital PDFs in every layout style, image-only scans at 300 and 200 dpi,
and for some documents page images (.png/.jpg/.tif) and a PDF mixing digital and scanned pages,
as archives hold them; and for each truth with `repairs`, its repaired twin in `repaired/` (every
known discrepancy corrected, tests/corpus/repairs.py), which the validators must find clean.
`data/raw/INDEX.json` maps every file to its truth file, variant, pages, the page of every table
row and, for scans, the rotation of every page. Everything is derived
from the truth and fixed seeds, so the same truth gives the same bytes.

Usage: python -m tests.corpus.generate [--out data/raw] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from tests.corpus.digital import Rendered, render_pdf
from tests.corpus.repairs import apply_repairs
from tests.corpus.scan import PROFILES, degrade, mix_pdf, page_rng, render_pages, save_page_images, scan_pdf
from tests.corpus.styles import STYLES

ROOT = Path(__file__).resolve().parents[2]
TRUTH_DIR = ROOT / "tests" / "truth"
GENERATED_DIRS = ("digital", "scan", "images", "mixed", "repaired")
INDEX_NAME = "INDEX.json"


@dataclass(frozen=True)
class ScanPlan:
    """Which digital style a scan is made from (the paper that went through the scanner)."""

    profile: str
    from_style: str


SCANS = (ScanPlan("300dpi", "excel"), ScanPlan("200dpi", "word"))
# page images as archives hold them: (document, format, profile, style scanned)
IMAGES = {
    "iku_kota_pasuruan_2024": ("png", "300dpi", "word"),
    "iku_prov_kaltim_2023": ("jpg", "200dpi", "excel"),
    "rencana_aksi_2024": ("tif", "300dpi", "word"),
}
# archives keep PNG and TIFF page images as black-and-white scans (a grey noisy PNG is 2 MB)
BILEVEL_FORMATS = {"png", "tif"}
BILEVEL_THRESHOLD = 150  # grey level: toner (~25-90 after blur) below, paper (~245) above
# one archive PDF whose pages are partly digital and partly scanned: the Kertas Kerja pages
MIXED = {"monev_tw2_kota_pasuruan_2024": ("excel", "300dpi", "kertas_kerja")}
# the repaired twins are typeset in one style: they test the validators, not the reading
REPAIRED_STYLE = "excel"


def stable_seed(*parts: str) -> int:
    """A seed that depends on the names only (never on time or ordering)."""
    return int.from_bytes(hashlib.sha256("/".join(parts).encode()).digest()[:4], "big")


def bilevel(page: Image.Image) -> Image.Image:
    """Black-and-white version of a scanned page, as a document scanner in B/W mode gives."""
    out = page.point(lambda v: 0 if v < BILEVEL_THRESHOLD else 255)
    out.info["dpi"] = page.info["dpi"]
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_truths(only: list[str] | None) -> list[tuple[Path, dict]]:
    files = sorted(p for p in TRUTH_DIR.glob("*.json") if p.name != "truth.schema.json")
    truths = [(p, json.loads(p.read_text(encoding="utf-8"))) for p in files]
    return [(p, t) for p, t in truths if not only or t["name"] in only]


class Corpus:
    """Writes the files of the archive and collects their index entries."""

    def __init__(self, out: Path):
        self.out = out
        self.entries: list[dict] = []

    def add(self, path: Path, truth_path: Path, variant: str, **facts: object) -> None:
        entry = {"path": path.relative_to(self.out).as_posix(),
                 "truth": truth_path.relative_to(ROOT).as_posix(), "variant": variant,
                 "bytes": path.stat().st_size, "sha256": sha256(path)}
        entry.update(facts)
        self.entries.append(entry)
        print(f"  {entry['path']:<62} {entry['bytes'] / 1024:8.0f} KB", flush=True)

    def document(self, truth_path: Path, truth: dict) -> None:
        name = truth["name"]
        rendered: dict[str, Rendered] = {}
        for style in STYLES.values():
            pdf = self.out / "digital" / f"{name}__{style.name}.pdf"
            rendered[style.name] = render_pdf(truth, style, pdf)
            self.add(pdf, truth_path, "digital", style=style.name, pages=rendered[style.name].pages,
                     row_pages=rendered[style.name].row_pages)
        for plan in SCANS:
            source = self.out / "digital" / f"{name}__{plan.from_style}.pdf"
            pdf = self.out / "scan" / f"{name}__scan{plan.profile.removesuffix('dpi')}.pdf"
            record = scan_pdf(source, pdf, PROFILES[plan.profile], stable_seed(name, plan.profile))
            self.add(pdf, truth_path, "scan", style=plan.from_style, dpi=record.dpi,
                     pages=len(record.pages), row_pages=rendered[plan.from_style].row_pages,
                     rotation_deg=[round(p.rotation_deg, 3) for p in record.pages])
        if name in IMAGES:
            self.images(truth_path, name, rendered)
        if name in MIXED:
            self.mixed(truth_path, name, rendered)
        if truth.get("repairs"):
            self.repaired(truth_path, truth)

    def images(self, truth_path: Path, name: str, rendered: dict[str, Rendered]) -> None:
        fmt, profile_name, style = IMAGES[name]
        profile = PROFILES[profile_name]
        source = self.out / "digital" / f"{name}__{style}.pdf"
        seed = stable_seed(name, "images")
        pages = [degrade(page, profile, page_rng(seed, n))
                 for n, page in enumerate(render_pages(source, profile.dpi))]
        if fmt in BILEVEL_FORMATS:
            pages = [bilevel(page) for page in pages]
        facts = dict(style=style, dpi=profile.dpi, row_pages=rendered[style].row_pages)
        if fmt == "tif":  # one multi-page TIFF holds the whole document
            path = self.out / "images" / f"{name}.tif"
            save_page_images(pages, path, "tif")
            self.add(path, truth_path, "image", pages=len(pages),
                     source_pages=list(range(1, len(pages) + 1)), **facts)
            return
        for n, page in enumerate(pages, start=1):  # one image file per page
            path = self.out / "images" / f"{name}__p{n}.{fmt}"
            save_page_images([page], path, fmt)
            self.add(path, truth_path, "image", pages=1, source_pages=[n], **facts)

    def mixed(self, truth_path: Path, name: str, rendered: dict[str, Rendered]) -> None:
        style, profile_name, table_id = MIXED[name]
        digital = self.out / "digital" / f"{name}__{style}.pdf"
        scanned = self.out / "scan" / f"{name}__scan{profile_name.removesuffix('dpi')}.pdf"
        if not any(e["path"] == scanned.relative_to(self.out).as_posix() and e["style"] == style
                   for e in self.entries):
            raise ValueError(f"mixed PDF of {name} needs a {profile_name} scan of style {style}")
        scanned_pages = sorted(set(rendered[style].row_pages[table_id]))
        path = self.out / "mixed" / f"{name}__mixed.pdf"
        mix_pdf(digital, scanned, {p - 1 for p in scanned_pages}, path)
        self.add(path, truth_path, "mixed", style=style, dpi=PROFILES[profile_name].dpi,
                 pages=rendered[style].pages, row_pages=rendered[style].row_pages,
                 scanned_pages=scanned_pages)

    def repaired(self, truth_path: Path, truth: dict) -> None:
        """The twin with every repair applied; its canonical readings are not in the truth."""
        path = self.out / "repaired" / f"{truth['name']}__repaired.pdf"
        rendered = render_pdf(apply_repairs(truth), STYLES[REPAIRED_STYLE], path)
        self.add(path, truth_path, "repaired", style=REPAIRED_STYLE, pages=rendered.pages,
                 row_pages=rendered.row_pages, repaired=True, repairs=len(truth["repairs"]))

    def write_index(self) -> Path:
        index = self.out / INDEX_NAME
        index.write_text(json.dumps({"files": self.entries}, indent=1, ensure_ascii=False) + "\n",
                         encoding="utf-8")
        return index


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "raw")
    parser.add_argument("--only", nargs="*", help="truth names to render (default: all)")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    started = time.perf_counter()
    if not args.only:  # a full run owns these folders: nothing stale survives it
        for folder in GENERATED_DIRS:
            shutil.rmtree(out / folder, ignore_errors=True)
    corpus = Corpus(out)
    for truth_path, truth in load_truths(args.only):
        print(f"{truth['name']}:", flush=True)
        corpus.document(truth_path, truth)
    if not args.only:
        corpus.write_index()
    total = sum(e["bytes"] for e in corpus.entries)
    print(f"corpus: {len(corpus.entries)} files, {total / 2**20:.1f} MB, "
          f"{time.perf_counter() - started:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
