"""Measure OCR of the sample scans and images against their digital twins (issue 5).

For every scanned page (data/raw/scan, data/raw/images, the scanned pages of data/raw/mixed)
the OCR words are compared with the text-layer words of the same page of the digital PDF of
the same style (INDEX.json `style`): word recall/precision, number-token exact match, the skew
found against the recorded rotation, and the seconds per page.

    .venv/bin/python -m tests.extract.ocr_measure [--jobs 2] [--pages-per-file N] [--out report.json]

Why a registration step: the simulated scans shift the printed page by a few points (the
paper slides in the scanner), so positions are compared after removing the median offset of
words that occur once on both pages.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, replace
from pathlib import Path

# a cell read below this OCR confidence would be flagged (the proposal for the table reader)
LOW_CONFIDENCE = 60.0

REPO = Path(__file__).resolve().parents[2]

import pytesseract

from pipeline.extract.ocr import LANGUAGES, PAGE_PSM, ocr_page
from pipeline.extract.raster import load_images, render_page
from tests.extract import ocr_twin


@dataclass(frozen=True)
class Job:
    kind: str  # scan / image / mixed
    path: str  # relative to data/raw
    page_index: int  # 0-based page of the file (image frame)
    twin: str  # digital twin relative to data/raw
    twin_index: int
    dpi: float
    rotation: float | None  # recorded scan rotation, degrees
    bare: bool = False  # also time bare tesseract (psm 6, ind+eng) on the same page image


@dataclass(frozen=True)
class PageScore:
    kind: str
    path: str
    page: int
    dpi: float
    seconds: float
    cpu_seconds: float
    bare_seconds: float | None
    skew: float
    rotation: float | None
    digital_words: int
    ocr_words: int
    recalled: int
    precise: int
    numbers: int
    numbers_ok: int
    number_misses: list[tuple[str, str, float | None]]
    wrong_values: int  # misses that parse to another value
    wrong_unflagged: int  # ... and parse cleanly with OCR confidence >= LOW_CONFIDENCE


def jobs_from_index(pages_per_file: int | None) -> list[Job]:
    index = json.loads((ocr_twin.RAW / "INDEX.json").read_text())
    twins = {(f["truth"], f["style"]): f["path"] for f in index["files"]
             if f["variant"] == "digital"}
    jobs = []
    for f in index["files"]:
        twin = twins.get((f["truth"], f.get("style")))
        if f["variant"] == "scan":
            pages = [(i, i) for i in range(f["pages"])]
            rotations = f["rotation_deg"]
        elif f["variant"] == "image":
            pages = [(i, p - 1) for i, p in enumerate(f["source_pages"])]
            rotations = None
        elif f["variant"] == "mixed":
            pages = [(p - 1, p - 1) for p in f["scanned_pages"]]
            rotations = None
        else:
            continue
        for i, twin_index in pages[:pages_per_file]:
            rotation = rotations[i] if rotations else None
            jobs.append(Job(f["variant"], f["path"], i, twin, twin_index, float(f["dpi"]),
                            rotation))
    return jobs


def page_image(job: Job) -> tuple[object, float]:
    if job.kind == "image":
        frame = load_images(ocr_twin.RAW / job.path)[job.page_index]
        return frame.image, frame.dpi
    return render_page(ocr_twin.RAW / job.path, job.page_index, job.dpi), job.dpi


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the tesseract runs)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def score(job: Job) -> PageScore:
    image, dpi = page_image(job)
    twin = ocr_twin.load_twin(job.twin, job.twin_index)
    start = time.perf_counter()
    cpu_start = cpu_seconds()
    result = ocr_page(image, dpi, twin.width, twin.height)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    cpu = cpu_seconds() - cpu_start
    words = ocr_twin.score_words(result.words, twin.words)
    wrong = [m for m in words.number_misses if ocr_twin.wrong_value(m[0], m[1])]
    bare = None
    if job.bare:
        start = time.perf_counter()
        pytesseract.image_to_data(image, lang=LANGUAGES, config=f"--psm {PAGE_PSM} --dpi {dpi:g}")
        bare = round(time.perf_counter() - start, 2)
    return PageScore(job.kind, job.path, job.page_index + 1, dpi, round(seconds, 2),
                     round(cpu, 2), bare,
                     result.skew, job.rotation, words.digital_words, words.ocr_words,
                     words.recalled, words.precise, words.numbers,
                     words.numbers - len(words.number_misses), words.number_misses,
                     len(wrong), sum(ocr_twin.unflagged(r, c, LOW_CONFIDENCE) for _, r, c in wrong))


def share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 1.0


def bare_mean(group: list[PageScore]) -> float | None:
    times = [s.bare_seconds for s in group if s.bare_seconds is not None]
    return round(statistics.mean(times), 2) if times else None


def summarize(scores: list[PageScore]) -> dict[str, dict[str, float]]:
    groups: dict[str, list[PageScore]] = {}
    for s in scores:
        groups.setdefault(f"{s.kind} {s.dpi:g} dpi", []).append(s)
    out = {}
    for name, group in sorted(groups.items()):
        out[name] = {
            "pages": len(group),
            "word_recall": share(sum(s.recalled for s in group),
                                 sum(s.digital_words for s in group)),
            "word_precision": share(sum(s.precise for s in group),
                                    sum(s.ocr_words for s in group)),
            "number_exact": share(sum(s.numbers_ok for s in group),
                                  sum(s.numbers for s in group)),
            "numbers": sum(s.numbers for s in group),
            "wrong_values": sum(s.wrong_values for s in group),
            "wrong_unflagged": sum(s.wrong_unflagged for s in group),
            "seconds_per_page": round(statistics.mean(s.seconds for s in group), 2),
            "cpu_seconds_per_page": round(statistics.mean(s.cpu_seconds for s in group), 2),
            "bare_tesseract_seconds_per_page": bare_mean(group),
            "max_skew_error": max((abs(s.skew - s.rotation) for s in group
                                   if s.rotation is not None), default=0.0),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--pages-per-file", type=int, default=None)
    parser.add_argument("--bare", action="store_true",
                        help="also time bare tesseract on each page image (the bench ratio)")
    parser.add_argument("--only", default="", help="substring of the file paths to measure")
    parser.add_argument("--raw", type=Path, default=ocr_twin.RAW,
                        help="the sample archive (a copy of data/raw while it is regenerated)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/ocr_measure.json"))
    args = parser.parse_args()
    ocr_twin.RAW = args.raw  # read by the forked workers too
    jobs = [replace(j, bare=args.bare) for j in jobs_from_index(args.pages_per_file)
            if args.only in j.path]
    start = time.perf_counter()
    with ProcessPoolExecutor(args.jobs) as pool:
        scores = list(pool.map(score, jobs))
    wall = time.perf_counter() - start
    summary = summarize(scores)
    args.out.write_text(json.dumps({"summary": summary, "wall_seconds": round(wall, 1),
                                    "jobs": args.jobs, "pages": [asdict(s) for s in scores]},
                                   indent=1, ensure_ascii=False))
    for name, row in summary.items():
        print(name, row)
    print(f"{len(scores)} pages in {wall:.1f} s wall with {args.jobs} processes "
          f"({len(scores) / wall:.2f} pages/s)")


if __name__ == "__main__":
    main()
