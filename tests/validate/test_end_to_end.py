"""The sample archive's digital excel files ingested, validated and compared with the truth's
known_discrepancies: one test per known discrepancy (rule, indicator, field), and precision:
no error or warning that the truth does not list."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.ingest import ingest_folder
from pipeline.validate import Finding
from tests.validate.truth_match import (Known, alarms, found, indicator_ids, known_discrepancies,
                                        truth)

RAW = Path(__file__).resolve().parents[2] / "data" / "raw" / "digital"
STYLE = "excel"
DOCUMENTS = ("iku_iki_kab_gresik_2021", "iku_kota_pasuruan_2024", "iku_prov_kaltim_2023",
             "monev_tw2_kota_pasuruan_2024", "rencana_aksi_2024")
# Every known discrepancy is found. Three KK-04 wordings whose formula also gives a count
# ("Jumlah ...") a percentage are reported by IKU-01 as well (one finding per indicator, rule and
# field): iki_kasi_kelembagaan_pengawasan_koperasi/1, iki_kabid_perindustrian/3,
# iki_seksi_promosi_pemasaran_permodalan/2.
KNOWN = [k for name in DOCUMENTS for k in known_discrepancies(name)]


@pytest.fixture(scope="module")
def validated(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Finding],
                                                                 dict[str, dict[str, str]]]:
    folder = tmp_path_factory.mktemp("raw")
    for name in DOCUMENTS:
        shutil.copy(RAW / f"{name}__{STYLE}.pdf", folder)
    db = folder / "w.duckdb"
    summary = ingest_folder(folder, db)
    con = duckdb.connect(str(db), read_only=True)
    try:
        keys = {name: indicator_ids(con, name, f"{name}__{STYLE}.pdf") for name in DOCUMENTS}
        stored = con.execute("SELECT count(*) FROM findings").fetchone()
    finally:
        con.close()
    assert stored == (len(summary.findings),)
    return list(summary.findings), keys


@pytest.mark.parametrize("known", [pytest.param(k, id=k.label) for k in KNOWN])
def test_known_discrepancy_is_found(known: Known, validated) -> None:
    findings, keys = validated
    assert found(known, keys[known.document], findings) is not None


def test_the_mission_examples_with_their_messages(validated) -> None:
    findings, keys = validated
    monev = keys["monev_tw2_kota_pasuruan_2024"]
    kk = found(Known("monev_tw2_kota_pasuruan_2024", "kk/25", "formula_mismatch", "KK-01",
                     "realisasi/tw2"), monev, findings)
    row8 = found(Known("monev_tw2_kota_pasuruan_2024", "e81/8", "implausible_capaian",
                       "E81-09", "capaian/renstra_to_date"), monev, findings)
    assert kk is not None and row8 is not None
    # pages from data/raw/INDEX.json row_pages: kertas_kerja row 27 -> 4, e81 row 7 -> 8
    assert (kk.reported, kk.expected, kk.page) == ("2/4*100 = 50%", "1/4*100 = 25%", 4)
    assert kk.message.startswith(
        'The worked expression 2/4*100 = 50% of "Persentase barang milik daerah yang '
        'terpelihara" uses 2, which is not among its Data Masukan')
    assert (row8.reported, row8.severity.value, row8.page) == ("2312,50%", "warning", 8)
    assert row8.message == (
        'Capaian Renstra 2024 of row 8 "Jumlah dokumen perencanaan perangkat daerah" printed '
        "2312,50% = realisasi 92,50 / target 4,00 x 100 = 2.312,50%, above 200%, is not "
        "plausible for a count of documents (column 6 K 91,50 already exceeds the Renstra "
        "target 4,00).")


def test_no_false_alarms_and_the_recall_summary(validated) -> None:
    findings, keys = validated
    matched: set[str] = set()
    lines = []
    for name in DOCUMENTS:
        mine = [k for k in KNOWN if k.document == name]
        hits = [f for k in mine if (f := found(k, keys[name], findings)) is not None]
        matched |= {f.finding_id for f in hits}
        lines.append(f"{name}: {len({k.label for k in mine if found(k, keys[name], findings)})}"
                     f" of {len(mine)} known discrepancies found")
    false_alarms = [f for f in alarms(findings) if f.finding_id not in matched]
    detected = sum(found(k, keys[k.document], findings) is not None for k in KNOWN)
    print("\n" + "\n".join(lines))
    print(f"recall {detected}/{len(KNOWN)}; false alarms (error/warning not in the truth): "
          f"{len(false_alarms)}; info findings: {len(findings) - len(alarms(findings))}")
    assert [(f.rule_id, f.field, f.reported) for f in false_alarms] == []
    assert detected == len(KNOWN)


def _row_pages(name: str) -> dict[str, int | None]:
    """{truth key: the page its row starts on} (data/raw/INDEX.json row_pages)."""
    index = json.loads((RAW.parent / "INDEX.json").read_text(encoding="utf-8"))["files"]
    pages = next(e["row_pages"] for e in index if e["path"] == f"digital/{name}__{STYLE}.pdf")
    return {i["key"]: pages[i["table_id"]][i["row"]] for i in truth(name)["indicators"]}


def test_each_known_discrepancy_is_reported_on_its_rows_page(validated) -> None:
    findings, keys = validated
    pages = {name: _row_pages(name) for name in DOCUMENTS}
    wrong = [(k.label, f.page, pages[k.document][k.indicator]) for k in KNOWN
             if (f := found(k, keys[k.document], findings)) is not None
             and f.page != pages[k.document][k.indicator]]
    assert wrong == []
