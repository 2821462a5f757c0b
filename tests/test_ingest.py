from pathlib import Path

import pytest
from PIL import Image

from pipeline import ids, warehouse
from pipeline.errors import BatchError, InputFileError
from pipeline.ingest import FileProgress, IngestSummary, Outcome, ingest_folder
from tests.sample_files import (SAMPLE_PDF, copy_sample, make_pdf, make_zip, stage_counts,
                                truncate)

# a blank page in a scan is the empty back of a sheet; a document of blank pages only is partial
IMAGE_ERROR = "no text could be read: every page is blank (1 scanned)"
# The reportlab PDFs hold one line of text per page: no tables. The sample IKU PDF holds what
# extract + normalize find in it when called directly.
SAMPLE = stage_counts(SAMPLE_PDF)


def summary_of(*, files_seen: int, ok: int = 0, failed: int = 0, skipped: int = 0,
               samples_read: int = 0, pages: int = 0, **counts: int) -> IngestSummary:
    """The expected summary when `samples_read` copies of the sample PDF were read."""
    return IngestSummary(files_seen=files_seen, ok=ok, failed=failed, skipped=skipped,
                         pages=pages, tables=SAMPLE.tables * samples_read,
                         indicators=SAMPLE.indicators * samples_read,
                         measurements=SAMPLE.measurements * samples_read, **counts)


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """Three good PDFs (one with an upper-case suffix), a page image and an index file."""
    folder = tmp_path / "raw"
    copy_sample(folder / "digital" / "iku.pdf")
    make_pdf(folder / "digital" / "rencana_aksi.pdf", pages=2)
    make_pdf(folder / "scan" / "UPPER.PDF", pages=3, text="Rencana Aksi")
    (folder / "images").mkdir()
    Image.new("RGB", (20, 20), "white").save(folder / "images" / "page.png")
    (folder / "INDEX.json").write_text("{}")
    return folder


def statuses(db: Path) -> dict[str, tuple[str, str | None, int | None]]:
    con = warehouse.connect(db)
    rows = con.execute("SELECT source_path, status, error, page_count FROM documents").fetchall()
    con.close()
    return {path: (status, error, pages) for path, status, error, pages in rows}


def counts(db: Path) -> dict[str, int]:
    con = warehouse.connect(db)
    result = warehouse.table_counts(con)
    con.close()
    return result


def known(db: Path) -> dict[str, tuple[str, str]]:
    con = warehouse.connect(db)
    result = warehouse.known_documents(con)
    con.close()
    return result


def without_time(summary: IngestSummary) -> IngestSummary:
    summary.seconds = 0.0
    return summary


def test_ingest_records_every_pdf_and_image_and_ignores_other_files(archive: Path,
                                                                    tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    summary = ingest_folder(archive, db)
    assert without_time(summary) == summary_of(files_seen=4, ok=3, partial=1, samples_read=1,
                                               pages=7)
    assert statuses(db) == {
        "digital/iku.pdf": ("ok", None, 1),
        "digital/rencana_aksi.pdf": ("ok", None, 2),
        "images/page.png": ("partial", IMAGE_ERROR, 1),
        "scan/UPPER.PDF": ("ok", None, 3),
    }
    assert known(db)["digital/iku.pdf"] == (ids.document_id(SAMPLE_PDF), "ok")
    assert counts(db) == {"documents": 4, "indicators": SAMPLE.indicators,
                          "measurements": SAMPLE.measurements,
                          "calculations": SAMPLE.calculations, "findings": 0}


def test_a_second_run_skips_what_is_stored_and_changes_nothing(archive: Path,
                                                               tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    ingest_folder(archive, db)
    first_ids, first_counts = known(db), counts(db)
    again = ingest_folder(archive, db)
    assert without_time(again) == IngestSummary(files_seen=4, skipped=4)
    assert known(db) == first_ids
    assert counts(db) == first_counts == {
        "documents": 4, "indicators": SAMPLE.indicators, "measurements": SAMPLE.measurements,
        "calculations": SAMPLE.calculations, "findings": 0}


def test_force_rereads_everything_without_duplicates(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    ingest_folder(archive, db)
    first_ids, first_counts = known(db), counts(db)
    forced = ingest_folder(archive, db, force=True)
    assert without_time(forced) == summary_of(files_seen=4, ok=3, partial=1, samples_read=1,
                                              pages=7)
    assert known(db) == first_ids
    assert counts(db) == first_counts


def test_a_changed_file_replaces_its_old_rows(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    ingest_folder(archive, db)
    changed = make_pdf(archive / "digital" / "rencana_aksi.pdf", pages=5, text="Revisi")
    summary = ingest_folder(archive, db)
    assert (summary.ok, summary.skipped, summary.pages) == (1, 3, 5)
    assert known(db)["digital/rencana_aksi.pdf"] == (ids.document_id(changed), "ok")
    assert statuses(db)["digital/rencana_aksi.pdf"] == ("ok", None, 5)
    assert counts(db)["documents"] == 4


def test_a_rerun_after_a_crash_redoes_only_the_missing_document(archive: Path,
                                                                tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    ingest_folder(archive, db)
    complete, before_crash = known(db), counts(db)
    con = warehouse.connect(db)
    warehouse.remove_document(con, complete["scan/UPPER.PDF"][0])  # the run died before it
    con.close()
    resumed = ingest_folder(archive, db)
    assert without_time(resumed) == IngestSummary(files_seen=4, ok=1, skipped=3, pages=3)
    assert known(db) == complete
    assert counts(db) == before_crash


def test_bad_files_get_a_row_with_a_plain_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "raw"
    copy_sample(folder / "good.pdf")
    make_pdf(folder / "GOOD_UPPER.PDF")
    truncate(SAMPLE_PDF, folder / "corrupt.pdf")
    make_pdf(folder / "encrypted.pdf", encrypt="secret")
    (folder / "empty.pdf").write_bytes(b"")
    make_zip(folder / "word_export.pdf")
    (folder / "notes.pdf").write_text("Catatan rapat, bukan PDF\n")
    Image.new("RGB", (20, 20), "gray").save(folder / "photo.jpg")
    db = tmp_path / "w.duckdb"
    summary = ingest_folder(folder, db)
    assert without_time(summary) == summary_of(files_seen=8, ok=2, partial=1, failed=5,
                                               samples_read=1, pages=3)
    assert statuses(db) == {
        "GOOD_UPPER.PDF": ("ok", None, 1),
        "corrupt.pdf": ("failed", "the PDF is damaged and cannot be parsed: "
                                  "PDFium: Data format error", None),
        "empty.pdf": ("failed", "the file is empty (0 bytes)", None),
        "encrypted.pdf": ("failed", "the file is encrypted and needs a password", None),
        "good.pdf": ("ok", None, 1),
        "notes.pdf": ("failed", "not a PDF: the file starts with 'Catatan ' (a text file?)",
                      None),
        "photo.jpg": ("partial", IMAGE_ERROR, 1),
        "word_export.pdf": ("failed", "not a PDF: the file starts with 'PK' (a ZIP/Office file?)",
                            None),
    }


def test_strict_raises_on_the_first_unreadable_file(tmp_path: Path) -> None:
    folder = tmp_path / "raw"
    make_pdf(folder / "a_good.pdf")
    make_pdf(folder / "b_encrypted.pdf", encrypt="secret")
    with pytest.raises(InputFileError, match="the file is encrypted and needs a password"):
        ingest_folder(folder, tmp_path / "w.duckdb", strict=True)


def test_a_file_above_the_page_limit_is_cut_and_marked_partial(tmp_path: Path) -> None:
    folder = tmp_path / "raw"
    make_pdf(folder / "bundle.pdf", pages=5)
    db = tmp_path / "w.duckdb"
    summary = ingest_folder(folder, db, max_pages=2)
    assert without_time(summary) == IngestSummary(files_seen=1, partial=1, pages=2)
    assert statuses(db) == {"bundle.pdf": (
        "partial", "the file has 5 pages, above the limit of 2; only the first 2 were read", 5)}


def test_a_file_with_the_same_bytes_as_an_earlier_one_is_stored_once(tmp_path: Path) -> None:
    folder = tmp_path / "raw"
    copy_sample(folder / "a.pdf")
    copy_sample(folder / "copy" / "a.pdf")
    db = tmp_path / "w.duckdb"
    first = ingest_folder(folder, db)
    second = ingest_folder(folder, db)
    assert (first.ok, first.duplicates, second.skipped, second.duplicates) == (1, 1, 1, 1)
    assert known(db) == {"a.pdf": (ids.document_id(SAMPLE_PDF), "ok")}


def test_progress_reports_each_file_in_order(archive: Path, tmp_path: Path) -> None:
    events: list[FileProgress] = []
    ingest_folder(archive, tmp_path / "w.duckdb", progress=events.append)
    assert events == [
        FileProgress(1, 4, "digital/iku.pdf", Outcome.OK, None),
        FileProgress(2, 4, "digital/rencana_aksi.pdf", Outcome.OK, None),
        FileProgress(3, 4, "images/page.png", Outcome.PARTIAL, IMAGE_ERROR),
        FileProgress(4, 4, "scan/UPPER.PDF", Outcome.OK, None),
    ]


def test_a_missing_folder_stops_the_batch(tmp_path: Path) -> None:
    with pytest.raises(BatchError, match="does not exist or is not a folder"):
        ingest_folder(tmp_path / "nowhere", tmp_path / "w.duckdb")
