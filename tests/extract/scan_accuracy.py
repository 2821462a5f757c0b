"""How well scans and page images are read, against the truth (issue 5).

    .venv/bin/python -m tests.extract.scan_accuracy [--only NAME ...]

For every scanned variant in data/raw/INDEX.json (scan, image, mixed): the document type,
indicator recall (an indicator counts as found when an extracted indicator's name matches the
truth's at fuzzy ratio >= 90), the share of the truth's measurements read with exactly the
printed value, the wrong values an auditor is not warned of (`pipeline.validate.ocr.warned`: low
confidence, digits that are no number, a detached sign), pages read by OCR and seconds per page.
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from pipeline.extract import extract_document
from pipeline.ids import document_id
from pipeline.model import ExtractedDocument, IndicatorRecord, Source
from pipeline.normalize import normalize_document
from pipeline.validate.ocr import warned

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
SCANNED = ("scan", "image", "mixed")
NAME_MATCH = 90.0  # rapidfuzz ratio for an indicator name read from a scan to count as found


@dataclass(frozen=True)
class Score:
    path: str
    dpi: int | None
    doc_type_ok: bool
    indicators: int  # in the truth (pages of this file only)
    found: int
    measurements: int
    exact: int
    wrong_unflagged: int
    ocr_pages: int
    seconds: float

    @property
    def recall(self) -> float:
        return self.found / self.indicators if self.indicators else 1.0

    @property
    def exact_share(self) -> float:
        return self.exact / self.measurements if self.measurements else 1.0


# each scan's read, by the sha256 of its bytes: one OCR read (minutes for a bundle) serves the
# accuracy test and the validation of the scanned variants (tests/validate), which ingests
# copies of the same files
_READS: dict[str, ExtractedDocument] = {}


def read_once(path: Path) -> ExtractedDocument:
    key = document_id(path)
    if key not in _READS:
        _READS[key] = extract_document(path)
    return _READS[key]


def label(ind: dict | IndicatorRecord) -> str:
    if isinstance(ind, dict):
        return (ind["indicator_name"] or ind["name"] or "").lower()
    return (ind.indicator_name or ind.name or "").lower()


def truth_on_pages(entry: dict, truth: dict) -> list[dict]:
    """The truth's indicators printed on the pages this file holds (image files hold some)."""
    pages = set(entry.get("source_pages") or range(1, entry["pages"] + 1))
    return [i for i in truth["indicators"]
            if entry["row_pages"][i["table_id"]][i["row"]] in pages]


def score(entry: dict) -> Score:
    truth = json.loads((ROOT / entry["truth"]).read_text(encoding="utf-8"))
    started = time.perf_counter()
    extracted = read_once(RAW / entry["path"])
    got = list(normalize_document(extracted).indicators)
    seconds = time.perf_counter() - started
    want = truth_on_pages(entry, truth)
    found = exact = wrong_unflagged = total = 0
    free = list(got)
    for w in want:
        total += len(w["measurements"])
        page = entry["row_pages"][w["table_id"]][w["row"]]
        if entry.get("source_pages"):  # an image file holds some pages of the original
            page = entry["source_pages"].index(page) + 1
        # the same indicator is printed in several tables (Kaltim: definitions on page 1, targets
        # on page 2): a name match on the indicator's own page comes first
        match = max(free, key=lambda g: (fuzz.ratio(label(g), label(w)) >= NAME_MATCH
                                         and g.page == page, fuzz.ratio(label(g), label(w))),
                    default=None)
        if match is None or fuzz.ratio(label(match), label(w)) < NAME_MATCH:
            continue
        free.remove(match)
        found += 1
        read = {(m.measure.value, m.year, m.period.value): m for m in match.measurements}
        for m in w["measurements"]:
            r = read.get((m["measure"], m["year"], m["period"]))
            if r is None:
                continue
            if r.value == m["value"]:
                exact += 1
            elif r.source is Source.OCR and not warned(r.raw_text, r.value, r.confidence):
                wrong_unflagged += 1
    doc_type = normalize_document(extracted).meta.doc_type.value
    return Score(entry["path"], entry.get("dpi"), doc_type == truth["document"]["doc_type"],
                 len(want), found, total, exact, wrong_unflagged, len(extracted.ocr_pages), seconds)


def entries(only: list[str] | None = None) -> list[dict]:
    index = json.loads((RAW / "INDEX.json").read_text(encoding="utf-8"))["files"]
    return [e for e in index if e["variant"] in SCANNED
            and (not only or any(name in e["path"] for name in only))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*")
    args = parser.parse_args()
    print(f"{'file':<58} {'dpi':>4} type  recall  exact   wrong! pages s/page")
    for entry in entries(args.only):
        s = score(entry)
        print(f"{s.path:<58} {s.dpi or '':>4} {'ok ' if s.doc_type_ok else 'NO '}  "
              f"{s.found:>3}/{s.indicators:<3} {s.exact:>4}/{s.measurements:<4} "
              f"{s.wrong_unflagged:>4} {s.ocr_pages:>4} {s.seconds / max(s.ocr_pages, 1):6.1f}",
              flush=True)


if __name__ == "__main__":
    main()
