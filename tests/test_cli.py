import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from tests.sample_files import CHECK_SCHEMA, REPO, SAMPLE_PDF, copy_sample, make_pdf, stage_counts

TIMING_LINE_RE = re.compile(r"""^pages:\ (?P<pages>\d+)\ in\ \d+\.\d\d\ s\ =\ \d+\.\d\ pages/s$""",
                            re.VERBOSE)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    copy_sample(raw / "iku.pdf")
    make_pdf(raw / "sub" / "rencana.PDF", pages=2)
    (raw / "broken.pdf").write_bytes(b"")
    return raw


def run(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output.splitlines()


def test_ingest_prints_the_summary_and_exits_0_even_when_files_fail(folder: Path,
                                                                     tmp_path: Path) -> None:
    code, lines = run("ingest", str(folder), "--db", str(tmp_path / "w.duckdb"))
    assert code == 0
    sample = stage_counts(SAMPLE_PDF)  # the reportlab PDF has no table
    assert lines[:2] == ["files: 2 ok, 0 partial, 1 failed, 0 skipped, 0 duplicate (of 3)",
                         f"tables: {sample.tables}, indicators: {sample.indicators}, "
                         f"measurements: {sample.measurements}"]
    assert (match := TIMING_LINE_RE.match(lines[2])) and match["pages"] == "3"
    assert len(lines) == 3


def test_ingest_twice_skips_and_the_warehouse_passes_the_contract_check(folder: Path,
                                                                        tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    assert run("ingest", str(folder), "--db", str(db), "--quiet")[0] == 0
    code, lines = run("ingest", str(folder), "--db", str(db), "--quiet")
    assert (code, lines[0]) == (0, "files: 0 ok, 0 partial, 1 failed, 2 skipped, "
                                   "0 duplicate (of 3)")
    check = subprocess.run([sys.executable, str(CHECK_SCHEMA), str(db)], capture_output=True,
                           text=True, check=False)
    assert check.returncode == 0, check.stdout
    sample = stage_counts(SAMPLE_PDF)
    assert check.stdout.strip() == (
        f"schema: ok | documents 3, indicators {sample.indicators}, measurements "
        f"{sample.measurements}, calculations {sample.calculations}, findings 0")


def test_a_missing_folder_exits_1_with_a_plain_message(tmp_path: Path) -> None:
    code, lines = run("ingest", str(tmp_path / "nowhere"), "--db", str(tmp_path / "w.duckdb"))
    assert (code, lines) == (1, [f"Error: the folder {tmp_path / 'nowhere'} does not exist or "
                                 "is not a folder"])


def test_an_unusable_warehouse_path_exits_1(folder: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    code, lines = run("ingest", str(folder), "--db", str(blocker / "w.duckdb"))
    assert code == 1
    assert lines[0].startswith(f"Error: cannot use the warehouse {blocker / 'w.duckdb'}: ")
    assert lines[-1].endswith("(check the path and that the folder is writable)")


def test_strict_stops_on_the_first_unreadable_file_with_exit_1(folder: Path,
                                                              tmp_path: Path) -> None:
    code, lines = run("ingest", str(folder), "--db", str(tmp_path / "w.duckdb"), "--strict")
    assert (code, lines) == (1, [f"Error: {folder / 'broken.pdf'}: the file is empty (0 bytes)"])


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("ingest")[0] == 2
    assert run("ingest", str(tmp_path), "--no-such-flag")[0] == 2


@pytest.mark.parametrize("command", [[], ["ingest"], ["bench"]])
def test_every_command_help_has_an_example(command: list[str]) -> None:
    code, lines = run(*command, "--help")
    assert code == 0
    assert any(line.strip().startswith("Example: python -m pipeline") for line in lines)


def test_bench_reports_both_speeds_and_their_ratio(folder: Path) -> None:
    code, lines = run("bench", str(folder))
    assert code == 0
    assert re.fullmatch(r"pipeline: 3 pages in \d+\.\d\d s = \d+\.\d pages/s \(3 files\)",
                        lines[0])
    assert re.fullmatch(r"bare pdfplumber \(open \+ extract_words\): 3 pages in \d+\.\d\d s = "
                        r"\d+\.\d pages/s \(3 PDFs, 1 unreadable\)", lines[1])
    assert re.fullmatch(r"ratio pipeline/bare: \d+\.\d\d", lines[2])


def test_python_dash_m_pipeline_runs_the_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "pipeline", "--help"], cwd=REPO,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert "ingest" in done.stdout and "bench" in done.stdout
