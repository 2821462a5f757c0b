"""The sample archive in data/raw: complete, faithful to the truth, and reproducible."""

import json
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from tests.corpus.digital import row_to_slots
from tests.corpus.generate import GENERATED_DIRS, INDEX_NAME, ROOT, Corpus, load_truths
from tests.corpus.repairs import apply_repairs
from tests.corpus.styles import STYLES

RAW = ROOT / "data" / "raw"
INDEX = json.loads((RAW / INDEX_NAME).read_text(encoding="utf-8"))["files"]
TRUTHS = {t["name"]: (p, t) for p, t in load_truths(None)}
MAX_ARCHIVE_BYTES = 40 * 2**20
WORD_TOLERANCE = 1.5  # points: tighter than pdfplumber's 3 so adjacent narrow cells stay apart


def entries(variant: str) -> list[dict]:
    return [e for e in INDEX if e["variant"] == variant]


def truth_of(entry: dict) -> dict:
    return json.loads((ROOT / entry["truth"]).read_text(encoding="utf-8"))


def test_every_document_in_every_style_and_scan_quality():
    have = Counter((e["truth"], e["variant"], e.get("style"), e.get("dpi")) for e in INDEX)
    for truth_path, truth in TRUTHS.values():
        rel = truth_path.relative_to(ROOT).as_posix()
        for style in STYLES:
            assert have[(rel, "digital", style, None)] == 1, (truth["name"], style)
        assert {dpi for (t, v, _, dpi) in have if t == rel and v == "scan"} == {200, 300}


def test_page_images_and_a_mixed_pdf_are_there():
    suffixes = {Path(e["path"]).suffix for e in entries("image")}
    assert {".png", ".jpg", ".tif"} <= suffixes
    for entry in entries("image"):
        with Image.open(RAW / entry["path"]) as image:
            assert getattr(image, "n_frames", 1) == entry["pages"]
            assert round(image.info["dpi"][0]) == entry["dpi"]
    (mixed,) = entries("mixed")
    assert 0 < len(mixed["scanned_pages"]) < mixed["pages"]
    with pdfplumber.open(RAW / mixed["path"]) as pdf:
        has_text = [bool(page.chars) for page in pdf.pages]
    assert has_text == [n not in mixed["scanned_pages"] for n in range(1, mixed["pages"] + 1)]


def test_index_lists_exactly_the_generated_files():
    on_disk = {p.relative_to(RAW).as_posix() for d in GENERATED_DIRS for p in (RAW / d).rglob("*")
               if p.is_file()}
    assert on_disk == {e["path"] for e in INDEX}
    assert sum(e["bytes"] for e in INDEX) < MAX_ARCHIVE_BYTES


@pytest.mark.parametrize("entry", entries("scan"), ids=lambda e: e["path"])
def test_scans_have_no_text_layer(entry):
    with pdfplumber.open(RAW / entry["path"]) as pdf:
        assert len(pdf.pages) == entry["pages"]
        assert not any(page.chars for page in pdf.pages)
        assert len(entry["rotation_deg"]) == entry["pages"]
        assert all(abs(a) <= 2.0 for a in entry["rotation_deg"])


def cell_words(cell) -> list[str]:
    if isinstance(cell.content, dict):
        frac = cell.content
        text = " ".join([frac.get("prefix", ""), frac["frac"]["num"], frac["frac"]["den"],
                         frac.get("suffix", "")])
    else:
        text = cell.text
    return text.split()


@pytest.mark.parametrize("entry", entries("digital"), ids=lambda e: e["path"])
def test_digital_pdf_prints_every_cell_on_its_page(entry):
    """Cell by cell: each word of each truth cell is on the page the index gives for its row."""
    assert_cells_printed(entry, truth_of(entry))


@pytest.mark.parametrize("entry", entries("repaired"), ids=lambda e: e["path"])
def test_repaired_twin_prints_the_repaired_cells(entry):
    """A twin of every truth with repairs, typeset from the repaired truth (not the printed one)."""
    truth = truth_of(entry)
    assert entry["repaired"] is True and entry["repairs"] == len(truth["repairs"])
    assert_cells_printed(entry, apply_repairs(truth))


def test_every_truth_with_repairs_has_one_twin():
    twins = Counter(e["truth"] for e in entries("repaired"))
    assert twins == {path.relative_to(ROOT).as_posix(): 1 for path, t in TRUTHS.values()
                     if t.get("repairs")}


def assert_cells_printed(entry: dict, truth: dict) -> None:
    missing = []
    with pdfplumber.open(RAW / entry["path"]) as pdf:
        words = [Counter(w["text"] for w in page.extract_words(x_tolerance=WORD_TOLERANCE))
                 for page in pdf.pages]
        for table in truth["tables"]:
            pages = entry["row_pages"][table["id"]]
            for n, row in enumerate(table["rows"]):
                page_words = words[pages[n] - 1]
                for cell in filter(None, row_to_slots(row["cells"])):
                    lost = [w for w in cell_words(cell) if page_words[w] == 0]
                    if lost:
                        missing.append(f"{table['id']} row {n} p{pages[n]}: {lost}")
    assert not missing, f"{len(missing)} cells not printed as in the truth:\n" + "\n".join(missing[:30])


def test_regenerating_gives_identical_bytes(tmp_path):
    """Determinism and freshness: the committed files are what the generator makes now."""
    name = "iku_kota_pasuruan_2024"
    corpus = Corpus(tmp_path)
    corpus.document(*TRUTHS[name])
    committed = {e["path"]: e["sha256"] for e in INDEX}
    assert corpus.entries
    for entry in corpus.entries:
        assert committed[entry["path"]] == entry["sha256"], entry["path"]
