"""Which engine reads which table kind better: the project's reader against camelot's flavors.

For every digital PDF of data/raw/INDEX.json and every truth table in it, runs the project's
reader (`pipeline.extract.extract_document`, the whole file) and camelot in each flavor (on the
pages of the truth tables, one call per page so each page is timed), and scores their tables
cell by cell against the truth as printed (tests/extract/cell_score.py says how). Prints a table
per table kind and style and a verdict per kind; writes everything to data/warehouse/engines.json.

    .venv/bin/python -m tests.extract.engines [--engine project --engine camelot-lattice ...]
                                               [--document iku_kota_pasuruan_2024] [--out F]

camelot 2.0 flavors measured, with their defaults: lattice (ruled lines, engine="combined":
the rendered page plus the PDF's vector rules), stream (whitespace), network (text-edge
alignment) and hybrid (network plus lattice's rules); and lattice with split_text. Its fifth
flavor, ml (Table Transformer), needs torch and is not installed.
"""

from __future__ import annotations

import json
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import camelot
import click

from pipeline.extract import extract_document
from pipeline.model import Cell
from tests.extract.cell_score import DocumentScore, EngineTable, Tally, score_document
from tests.truth_tables import load_truth

ROOT = Path(__file__).resolve().parents[2]
INDEX = ROOT / "data" / "raw" / "INDEX.json"
OUT = ROOT / "data" / "warehouse" / "engines.json"
PROJECT = "project"
# camelot engines: flavor and read_pdf options. Defaults for every flavor, plus lattice with
# split_text: pdfminer joins a row number and the text beside it into one line ("2 Melaksanakan
# ...") when they sit close, and lattice then puts the whole line in one cell; split_text cuts
# such lines at the column rules.
CAMELOT_ENGINES: dict[str, tuple[str, dict[str, object]]] = {
    "camelot-lattice": ("lattice", {}),
    "camelot-lattice-split": ("lattice", {"split_text": True}),
    "camelot-stream": ("stream", {}),
    "camelot-network": ("network", {}),
    "camelot-hybrid": ("hybrid", {}),
}
ENGINES = (PROJECT, *CAMELOT_ENGINES)
KINDS = ("iku", "iki", "e81", "kertas_kerja", "rencana_aksi", "kesimpulan_rkpd", "capaian_program",
         "unknown")
STYLES = ("excel", "word", "plain")


@dataclass(frozen=True)
class Sample:
    """One digital PDF of the archive with its truth."""

    path: Path
    name: str  # truth name
    style: str
    pages: int
    row_pages: dict[str, list[int]]  # truth table id -> page of each body row


@dataclass(frozen=True)
class EngineRun:
    tables: tuple[EngineTable, ...]
    page_seconds: dict[int, float]  # page -> seconds spent on it


def digital_samples(index: Path = INDEX) -> list[Sample]:
    files = json.loads(index.read_text(encoding="utf-8"))["files"]
    return [Sample(index.parent / f["path"], Path(f["truth"]).stem, f["style"], f["pages"],
                   f["row_pages"])
            for f in files if f["variant"] == "digital"]


def table_pages(sample: Sample) -> list[int]:
    return sorted({p for pages in sample.row_pages.values() for p in pages})


def run_project(sample: Sample) -> EngineRun:
    """The project's reader on the whole file; its time spread evenly over the file's pages."""
    start = time.perf_counter()
    document = extract_document(sample.path)
    per_page = (time.perf_counter() - start) / document.page_count
    tables = tuple(EngineTable(tuple(tuple(c.text if c else "" for c in row) for row in t.rows),
                               tuple(row_page(row, t.page) for row in t.rows))
                   for t in document.tables)
    return EngineRun(tables, {p: per_page for p in range(1, document.page_count + 1)})


def row_page(row: Sequence[Cell | None], default: int) -> int:
    """The page of a stitched table's row: its first cell's."""
    return next((c.page for c in row if c is not None), default)


def run_camelot(flavor: str, options: dict[str, object]) -> Callable[[Sample], EngineRun]:
    def run(sample: Sample) -> EngineRun:
        tables: list[EngineTable] = []
        seconds: dict[int, float] = {}
        for page in table_pages(sample):
            start = time.perf_counter()
            with warnings.catch_warnings():  # "no tables found on page N" is a result here
                warnings.simplefilter("ignore")
                found = camelot.read_pdf(str(sample.path), pages=str(page), flavor=flavor,
                                         suppress_stdout=True, **options)
            seconds[page] = time.perf_counter() - start
            for t in found:
                rows = tuple(tuple(str(c) for c in row) for row in t.df.values.tolist())
                tables.append(EngineTable(rows, (page,) * len(rows)))
        return EngineRun(tuple(tables), seconds)
    return run


RUNNERS: dict[str, Callable[[Sample], EngineRun]] = {
    PROJECT: run_project, **{name: run_camelot(*how) for name, how in CAMELOT_ENGINES.items()}}


def score_sample(sample: Sample, run: EngineRun) -> DocumentScore:
    truth = load_truth(sample.name)
    return score_document(truth["tables"], sample.row_pages, run.tables)


# --- aggregation -------------------------------------------------------------------------------

@dataclass
class KindResult:
    """A table kind in one style read by one engine, summed over documents."""

    kind: str
    style: str
    engine: str
    tally: Tally
    found: int = 0
    expected: int = 0
    pieces: int = 0
    seconds: float = 0.0
    pages: int = 0

    @property
    def seconds_per_page(self) -> float:
        return self.seconds / self.pages if self.pages else 0.0


def kind_pages(sample: Sample, kind_of: dict[str, str], kind: str) -> set[int]:
    return {p for table_id, pages in sample.row_pages.items() if kind_of[table_id] == kind
            for p in pages}


def add_document(results: dict[tuple[str, str, str], KindResult], sample: Sample, engine: str,
                 score: DocumentScore, run: EngineRun) -> None:
    kind_of = {t.table_id: t.table_type for t in score.tables}
    for table in score.tables:
        key = (table.table_type, sample.style, engine)
        result = results.setdefault(key, KindResult(*key, Tally()))
        result.tally.add(table.tally)
        result.found += table.found
        result.expected += 1
        result.pieces += table.pieces
    for kind in set(kind_of.values()):
        pages = kind_pages(sample, kind_of, kind)
        result = results[(kind, sample.style, engine)]
        result.seconds += sum(run.page_seconds.get(p, 0.0) for p in pages)
        result.pages += len(pages)


def document_record(sample: Sample, engine: str, score: DocumentScore, run: EngineRun) -> dict:
    return {"file": sample.path.name, "truth": sample.name, "style": sample.style,
            "engine": engine, "extra_tables": score.extra_tables,
            "stray_cells": score.stray.got, "tables_returned": len(run.tables),
            "pages_read": len(run.page_seconds), "seconds": sum(run.page_seconds.values()),
            "tables": [{"id": t.table_id, "kind": t.table_type, **asdict(t.tally),
                        "precision": t.tally.precision, "recall": t.tally.recall,
                        "f1": t.tally.f1, "found": t.found, "pieces": t.pieces}
                       for t in score.tables]}


# --- report ------------------------------------------------------------------------------------

def result_line(r: KindResult) -> str:
    t = r.tally
    return (f"  {r.style:6} {r.engine:22} {t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f} "
            f"{r.found:3}/{r.expected:<3} {r.pieces:6} {r.seconds_per_page:8.3f}")


def winner_line(kind: str, style: str, rows: Sequence[KindResult]) -> str:
    """The best engine by F1 (the faster one on a tie) and its lead over the best other one."""
    ranked = sorted(rows, key=lambda r: (-r.tally.f1, r.seconds_per_page))
    best = ranked[0]
    line = f"  {kind:16} {style:6} {best.engine:22} F1 {best.tally.f1:.3f}"
    if len(ranked) > 1:
        other = ranked[1]
        line += f"  lead {best.tally.f1 - other.tally.f1:+.3f} over {other.engine}"
    return line


def report(results: dict[tuple[str, str, str], KindResult]) -> str:
    lines = []
    for kind in KINDS:
        rows = [r for r in results.values() if r.kind == kind]
        if not rows:
            continue
        lines += [f"\n{kind}", f"  {'style':6} {'engine':22} {'P':>6} {'R':>6} {'F1':>6} "
                               f"{'found':>7} {'pieces':>6} {'s/page':>8}"]
        order = {e: n for n, e in enumerate(ENGINES)}
        lines += [result_line(r) for r in sorted(rows, key=lambda r: (STYLES.index(r.style),
                                                                      order[r.engine]))]
    lines.append("\nbest engine per kind and style (F1; lead over the next engine)")
    for kind in KINDS:
        for style in STYLES:
            rows = [r for r in results.values() if r.kind == kind and r.style == style]
            if rows:
                lines.append(winner_line(kind, style, rows))
    return "\n".join(lines)


@click.command()
@click.option("--engine", "engines", multiple=True, type=click.Choice(ENGINES),
              help="engines to measure (default: all)")
@click.option("--document", "documents", multiple=True,
              help="truth names to measure (default: all)")
@click.option("--index", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=INDEX, show_default=True, help="archive index (files relative to it)")
@click.option("--out", type=click.Path(path_type=Path), default=OUT, show_default=True)
def main(engines: tuple[str, ...], documents: tuple[str, ...], index: Path, out: Path) -> None:
    """Score every engine on every digital PDF of data/raw against its truth tables."""
    samples = [s for s in digital_samples(index) if not documents or s.name in documents]
    results: dict[tuple[str, str, str], KindResult] = {}
    records = []
    for sample in samples:
        for engine in engines or ENGINES:
            run = RUNNERS[engine](sample)
            score = score_sample(sample, run)
            add_document(results, sample, engine, score, run)
            records.append(document_record(sample, engine, score, run))
            click.echo(f"{sample.path.name:45} {engine:22} "
                       f"{sum(run.page_seconds.values()):6.1f}s", err=True)
    click.echo(report(results))
    out.parent.mkdir(parents=True, exist_ok=True)
    summary = [{**{k: v for k, v in asdict(r).items() if k != "tally"}, **asdict(r.tally),
                "precision": r.tally.precision, "recall": r.tally.recall, "f1": r.tally.f1,
                "seconds_per_page": r.seconds_per_page} for r in results.values()]
    out.write_text(json.dumps({"summary": summary, "documents": records}, indent=1),
                   encoding="utf-8")
    click.echo(f"\nwritten {out}", err=True)


if __name__ == "__main__":
    main()
