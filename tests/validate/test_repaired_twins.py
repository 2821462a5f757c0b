"""Precision on clean documents (issue 6): the repaired twins of the seed documents
(data/raw/repaired, every known discrepancy corrected by the truth's `repairs`) ingested together
into one warehouse give no error and no warning; info findings (an accepted method) may remain."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.ingest import ingest_folder
from pipeline.validate import Finding
from pipeline.validate.registry import Severity

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
TWINS = [e for e in json.loads((RAW / "INDEX.json").read_text(encoding="utf-8"))["files"]
         if e["variant"] == "repaired"]
SEEDS = ("iku_iki_kab_gresik_2021", "iku_kota_pasuruan_2024", "iku_prov_kaltim_2023",
         "monev_tw2_kota_pasuruan_2024", "rencana_aksi_2024")
RAISED = {Severity.ERROR, Severity.WARNING}


def name_of(entry: dict) -> str:
    return Path(entry["truth"]).stem


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Finding]]:
    """All twins in one folder: the cross-document rules compare the IKU with the Monev E.81."""
    folder = tmp_path_factory.mktemp("repaired")
    for entry in TWINS:
        shutil.copy(RAW / entry["path"], folder)
    db = folder / "w.duckdb"
    summary = ingest_folder(folder, db)
    return db, list(summary.findings)


def test_every_seed_has_a_twin() -> None:
    assert sorted(name_of(e) for e in TWINS) == sorted(SEEDS)
    assert all(e["repaired"] and e["repairs"] > 0 for e in TWINS)


@pytest.mark.parametrize("entry", TWINS, ids=name_of)
def test_twin_is_read_whole(entry: dict, warehouse) -> None:
    """Repairs edit cells, never rows: the twin holds every indicator of the truth, so a twin
    read as nothing cannot pass the precision test below."""
    db, _ = warehouse
    truth = json.loads((ROOT / entry["truth"]).read_text(encoding="utf-8"))
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("""SELECT d.status, count(i.indicator_id) FROM documents d
                             LEFT JOIN indicators i USING (document_id)
                             WHERE d.source_path = ? GROUP BY d.status""",
                          [Path(entry["path"]).name]).fetchone()
    finally:
        con.close()
    assert row == ("ok", len(truth["indicators"]))


@pytest.mark.parametrize("entry", TWINS, ids=name_of)
def test_twin_has_no_error_or_warning(entry: dict, warehouse) -> None:
    db, findings = warehouse
    con = duckdb.connect(str(db), read_only=True)
    try:
        (document_id,) = con.execute("SELECT document_id FROM documents WHERE source_path = ?",
                                     [Path(entry["path"]).name]).fetchone()
    finally:
        con.close()
    raised = [f for f in findings if f.document_id == document_id and f.severity in RAISED]
    assert not raised, f"{len(raised)} findings on the repaired twin:\n" + "\n".join(
        f"{f.severity} {f.rule_id} {f.field} p{f.page}: {f.message}" for f in raised)


def test_the_mission_examples_are_repaired(warehouse) -> None:
    """The two discrepancies of the mission read back repaired: the Kertas Kerja 1/4*100 = 25%
    and E.81 row 8 with 6 K = 2 so that 14 K = 2 + 1 = 3 and 15 K = 3 / 4 x 100 = 75%."""
    db, _ = warehouse
    con = duckdb.connect(str(db), read_only=True)
    try:
        calc = con.execute("""SELECT c.expression_text, c.result_value FROM calculations c
                              JOIN indicators i USING (indicator_id)
                              WHERE i.indicator_name = ?""",
                           ["Persentase barang milik daerah yang terpelihara"]).fetchall()
        row8 = con.execute("""SELECT m.measure, m.period, m.value FROM measurements m
                              JOIN indicators i USING (indicator_id)
                              WHERE i.table_type = 'e81' AND i.code = '3.30.01.2.01.0001'
                                AND m.measure IN ('realisasi', 'capaian')
                                AND m.period IN ('renstra_to_prev', 'renstra_to_date')
                              ORDER BY 1, 2""").fetchall()
    finally:
        con.close()
    assert calc == [("1/4*100", 25.0)]
    assert row8 == [("capaian", "renstra_to_date", 75.0), ("realisasi", "renstra_to_date", 3.0),
                    ("realisasi", "renstra_to_prev", 2.0)]
