from pathlib import Path

import pytest
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.psexceptions import PSEOF
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.errors import InputFileError
from pipeline.sources import (SourceKind, check_pdf, explain_read_error, find_sources,
                              not_a_pdf)
from tests.sample_files import make_pdf, make_zip


def test_find_sources_takes_pdfs_of_any_case_and_images_sorted(tmp_path: Path) -> None:
    for name in ("b/z.PDF", "a.pdf", "b/scan.TIF", "img.jpeg", "INDEX.json", "notes.txt",
                 "b/c/x.Pdf"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    found = [(s.source_path, s.kind) for s in find_sources(tmp_path)]
    assert found == [("a.pdf", SourceKind.PDF), ("b/c/x.Pdf", SourceKind.PDF),
                     ("b/scan.TIF", SourceKind.IMAGE), ("b/z.PDF", SourceKind.PDF),
                     ("img.jpeg", SourceKind.IMAGE)]


@pytest.mark.parametrize(("head", "message"), [
    (b"PK\x03\x04\x14\x00", "not a PDF: the file starts with 'PK' (a ZIP/Office file?)"),
    (b"\x89PNG\r\n\x1a\n", "not a PDF: the file starts with bytes 89 50 4e 47 (a PNG image?)"),
    (b"hello world\n", "not a PDF: the file starts with 'hello wo' (a text file?)"),
    (b"<html><body>", "not a PDF: the file starts with '<html><b' (an HTML/XML page?)"),
    (b"\xd0\xcf\x11\xe0\xa1", "not a PDF: the file starts with bytes d0 cf 11 e0 "
                              "(an old Word/Excel file?)"),
])
def test_not_a_pdf_names_the_first_bytes(head: bytes, message: str) -> None:
    assert not_a_pdf(head) == message


def test_check_pdf_counts_pages_and_accepts_junk_before_the_header(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "three.pdf", pages=3)
    assert check_pdf(pdf) == 3
    prefixed = tmp_path / "prefixed.pdf"
    prefixed.write_bytes(b"\xef\xbb\xbf" + pdf.read_bytes())
    assert check_pdf(prefixed) == 3


def test_check_pdf_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.pdf").write_bytes(b"")
    make_pdf(tmp_path / "locked.pdf", encrypt="secret")
    make_zip(tmp_path / "docx.pdf")
    reasons = {}
    for name in ("empty.pdf", "locked.pdf", "docx.pdf"):
        with pytest.raises(InputFileError) as caught:
            check_pdf(tmp_path / name)
        reasons[name] = caught.value.reason
    assert reasons == {
        "empty.pdf": "the file is empty (0 bytes)",
        "locked.pdf": "the file is encrypted and needs a password",
        "docx.pdf": "not a PDF: the file starts with 'PK' (a ZIP/Office file?)",
    }


def test_explain_read_error_unwraps_pdfplumber_exceptions() -> None:
    assert explain_read_error(PdfminerException(PDFPasswordIncorrect())) == (
        "the file is encrypted and needs a password")
    assert explain_read_error(PdfminerException(PSEOF("Unexpected EOF"))) == (
        "the PDF is damaged and cannot be parsed: PSEOF: Unexpected EOF")
    assert explain_read_error(ValueError("x")) is None
