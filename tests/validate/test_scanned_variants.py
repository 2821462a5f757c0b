"""The known discrepancies found on scanned variants (issue 6): the 300-dpi scans of every seed
document (the Monev bundle, the Pasuruan IKU, cross-document against the Monev bundle, the
Kaltim IKU, the Gresik IKU/IKI decree and the Rencana Aksi) ingested together, validated, and
each known discrepancy looked for on the indicator OCR read.

The scans are read once per test session (`read_once`): the accuracy test of tests/extract
reads the same files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.ingest import ingest_folder
from pipeline.validate import Finding
from tests.extract.scan_accuracy import read_once
from tests.validate.truth_match import Known, found, known_discrepancies, scanned_indicator_ids

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
SCANS = {"monev_tw2_kota_pasuruan_2024": "scan/monev_tw2_kota_pasuruan_2024__scan300.pdf",
         "iku_kota_pasuruan_2024": "scan/iku_kota_pasuruan_2024__scan300.pdf",
         "iku_prov_kaltim_2023": "scan/iku_prov_kaltim_2023__scan300.pdf",
         "iku_iki_kab_gresik_2021": "scan/iku_iki_kab_gresik_2021__scan300.pdf",
         "rencana_aksi_2024": "scan/rencana_aksi_2024__scan300.pdf"}
KNOWN = [k for name in SCANS for k in known_discrepancies(name)]


def row_pages(path: str) -> dict[str, list[int]]:
    index = json.loads((RAW / "INDEX.json").read_text(encoding="utf-8"))["files"]
    return next(e["row_pages"] for e in index if e["path"] == path)


@pytest.fixture(scope="module")
def validated(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Finding],
                                                                 dict[str, dict[str, str]]]:
    folder = tmp_path_factory.mktemp("scans")
    for path in SCANS.values():
        shutil.copy(RAW / path, folder)
    summary = ingest_folder(folder, folder / "w.duckdb", extract=read_once)
    con = duckdb.connect(str(folder / "w.duckdb"), read_only=True)
    try:
        keys = {name: scanned_indicator_ids(con, name, Path(path).name, row_pages(path))
                for name, path in SCANS.items()}
    finally:
        con.close()
    return list(summary.findings), keys


@pytest.mark.parametrize("known", KNOWN, ids=[k.label for k in KNOWN])
def test_known_discrepancy_is_found_on_the_scan(known: Known, validated) -> None:
    findings, keys = validated
    assert found(known, keys[known.document], findings) is not None
