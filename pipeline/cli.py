"""The command line: thin wrappers over ingest_folder / bench_folder.

Exit codes: 0 the batch ran (files that failed are recorded in the warehouse, not an error),
1 the batch could not run (folder missing, warehouse not writable), 2 usage error (click),
3 `validate --fail-on LEVEL` found a finding at LEVEL or above (findings alone never fail a run).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from pipeline.bench import BenchResult, bench_folder, bench_ocr
from pipeline.errors import PipelineError
from pipeline.ingest import FileProgress, IngestSummary, ProgressCallback, ingest_folder
from pipeline.report import write_report
from pipeline.validate import Finding, Severity, reaches, validate_warehouse
from pipeline.warehouse import Connection, connect

DEFAULT_DB = Path("data/warehouse/kinerja.duckdb")
DEFAULT_REPORT_DIR = Path("data/warehouse/reports")
DEFAULT_RAW = Path("data/raw")
# exit code of `validate --fail-on LEVEL` when a finding reaches LEVEL (0 = ran, 1 = failed,
# 2 = usage error are taken)
EXIT_FINDINGS = 3
FAIL_LEVELS = (Severity.ERROR, Severity.WARNING)


def db_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", "db", type=click.Path(path_type=Path), default=DEFAULT_DB,
                        show_default=True, help="DuckDB warehouse file (created if missing).")(
        command)


def quiet_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--quiet", is_flag=True, help="No progress bar.")(command)


def strict_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--strict", is_flag=True,
                        help="Raise on the first file that cannot be read (development).")(command)


@click.group()
def main() -> None:
    """Kinerja: Indonesian local-government performance PDFs into a DuckDB warehouse.

    Example: python -m pipeline ingest data/raw --db data/warehouse/kinerja.duckdb
    """


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@db_option
@click.option("--force", is_flag=True, help="Re-read files already stored (ok or partial).")
@strict_option
@quiet_option
def ingest(folder: Path, db: Path, force: bool, strict: bool, quiet: bool) -> None:
    """Read every PDF (and page image) under FOLDER into the warehouse.

    Files already stored with the same bytes (status ok or partial) are skipped, so a re-run
    after a crash redoes only what is missing. Files that cannot be read get status failed and
    a plain error in the documents table; the run goes on.

    Example: python -m pipeline ingest data/raw --db data/warehouse/kinerja.duckdb
    """
    with _progress_bar(quiet) as progress:
        try:
            summary = ingest_folder(folder, db, force=force, strict=strict, progress=progress)
        except PipelineError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(_summary_line(summary))


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--ocr-folder", type=click.Path(path_type=Path), default=None,
              help="Also time OCR: scanned files under this folder against bare tesseract.")
@click.option("--ocr-pages", type=int, default=6, show_default=True,
              help="How many scanned pages to time.")
def bench(folder: Path, ocr_folder: Path | None, ocr_pages: int) -> None:
    """Time the pipeline on FOLDER (into a temporary warehouse) against bare pdfplumber, and
    OCR of scanned files against bare tesseract on the same page images.

    Example: python -m pipeline bench data/raw/digital --ocr-folder data/raw/scan
    """
    try:
        result = bench_folder(folder)
    except PipelineError as exc:
        raise click.ClickException(str(exc)) from exc
    _echo_text_bench(result)
    if ocr_folder is not None:
        ocr = bench_ocr(ocr_folder, ocr_pages)
        click.echo(f"OCR pipeline: {ocr.pages} pages of {ocr.files} files in "
                   f"{ocr.pipeline_seconds:.2f} s = {ocr.pipeline_seconds / max(ocr.pages, 1):.1f} "
                   f"s/page; bare tesseract on the same images: {ocr.bare_seconds:.2f} s = "
                   f"{ocr.bare_seconds / max(ocr.pages, 1):.1f} s/page")
        click.echo(f"ratio OCR pipeline/bare tesseract (pages/s): {ocr.ratio:.2f}")


def _echo_text_bench(result: BenchResult) -> None:
    run, bare = result.pipeline, result.bare
    click.echo(f"pipeline: {run.pages} pages in {run.seconds:.2f} s = "
               f"{run.pages_per_second:.1f} pages/s ({run.files_seen} files)")
    click.echo(f"bare pdfplumber (open + extract_words): {bare.pages} pages in "
               f"{bare.seconds:.2f} s = {bare.pages_per_second:.1f} pages/s "
               f"({bare.files} PDFs, {bare.unreadable} unreadable)")
    click.echo(f"ratio pipeline/bare: {result.ratio:.2f}")


@main.command()
@db_option
@click.option("--out", "out", type=click.Path(path_type=Path), default=DEFAULT_REPORT_DIR,
              show_default=True, help="Folder for findings.html, findings.csv, findings.xlsx.")
@click.option("--raw", "raw", type=click.Path(path_type=Path), default=DEFAULT_RAW,
              show_default=True,
              help="The folder that was ingested: page crops are rendered from its files.")
def report(db: Path, out: Path, raw: Path) -> None:
    """Write the discrepancy report of the warehouse's findings into OUT.

    findings.html (self-contained: filterable table with a crop of each finding's page region),
    findings.csv, and findings.xlsx (a Summary sheet and one sheet per document with findings).

    Example: python -m pipeline report --db data/warehouse/kinerja.duckdb --out reports/
    """
    try:
        with existing_warehouse(db) as con:
            files = write_report(con, out, raw)
    except (PipelineError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"findings: {files.findings} ({files.crops} with a page crop)")
    for path in (files.html, files.csv, files.xlsx):
        click.echo(f"wrote {path}")


@main.command()
@db_option
@click.option("--fail-on", "fail_on", type=click.Choice([s.value for s in FAIL_LEVELS]),
              default=None, help="Exit with 3 when a finding reaches this severity.")
def validate(db: Path, fail_on: str | None) -> None:
    """Re-run the validators over the warehouse and replace its findings table.

    Exit 0 whatever is found (findings are data); with --fail-on, 3 when a finding reaches
    that severity.

    Example: python -m pipeline validate --db data/warehouse/kinerja.duckdb --fail-on error
    """
    try:
        with existing_warehouse(db) as con:
            findings = validate_warehouse(con)
    except PipelineError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(_findings_line(findings))
    if fail_on is not None and reaches(findings, Severity(fail_on)):
        raise click.exceptions.Exit(EXIT_FINDINGS)


@contextmanager
def existing_warehouse(db: Path) -> Iterator[Connection]:
    """A connection to a warehouse that must exist already (report, validate)."""
    if not db.is_file():
        raise click.ClickException(f"the warehouse {db} does not exist: run "
                                   f"`python -m pipeline ingest FOLDER --db {db}` first")
    con = connect(db)
    try:
        yield con
    finally:
        con.close()


def _findings_line(findings: Sequence[Finding]) -> str:
    counts = Counter(f.severity.value for f in findings)
    return (f"findings: {len(findings)} ({counts['error']} error, {counts['warning']} warning, "
            f"{counts['info']} info)")


def _summary_line(summary: IngestSummary) -> str:
    return (f"files: {summary.ok} ok, {summary.partial} partial, {summary.failed} failed, "
            f"{summary.skipped} skipped, {summary.duplicates} duplicate "
            f"(of {summary.files_seen})\n"
            f"tables: {summary.tables}, indicators: {summary.indicators}, "
            f"measurements: {summary.measurements}\n"
            f"pages: {summary.pages} in {summary.seconds:.2f} s = "
            f"{summary.pages_per_second:.1f} pages/s")


@contextmanager
def _progress_bar(quiet: bool) -> Iterator[ProgressCallback | None]:
    """A progress bar over files on stderr; none with --quiet or when stderr is not a terminal."""
    console = Console(stderr=True)
    if quiet or not console.is_terminal:
        yield None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("ingest", total=None)

        def advance(event: FileProgress) -> None:
            bar.update(task, total=event.total, completed=event.done,
                       description=f"{event.outcome.value:9} {event.source_path}")

        yield advance
