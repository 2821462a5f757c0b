"""Truth files are well formed: schema, grid geometry and references between sections."""

import json
from pathlib import Path

import jsonschema
import pytest

TRUTH_DIR = Path(__file__).parent
SCHEMA = json.loads((TRUTH_DIR / "truth.schema.json").read_text(encoding="utf-8"))
TRUTH_FILES = sorted(p for p in TRUTH_DIR.glob("*.json") if p.name != "truth.schema.json")
SEEDS = ("iku_kota_pasuruan_2024", "iku_prov_kaltim_2023", "iku_iki_kab_gresik_2021",
         "rencana_aksi_2024", "monev_tw2_kota_pasuruan_2024")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def row_slots(cells: list) -> int:
    """Grid slots a printed row covers: colspans counted, rowspan placeholders (null) count one."""
    return sum(c.get("colspan", 1) if isinstance(c, dict) else 1 for c in cells)


def test_every_seed_has_a_truth_file():
    assert sorted(p.stem for p in TRUTH_FILES) == sorted(SEEDS)


@pytest.mark.parametrize("path", TRUTH_FILES, ids=lambda p: p.stem)
def test_truth_file_matches_schema(path):
    jsonschema.validate(load(path), SCHEMA)


@pytest.mark.parametrize("path", TRUTH_FILES, ids=lambda p: p.stem)
def test_table_rows_cover_the_grid(path):
    truth = load(path)
    for table in truth["tables"]:
        width = len(table["columns"])
        rows = list(table["header_rows"]) + [r["cells"] for r in table["rows"]]
        if table["column_number_row"] is not None:
            rows.append(table["column_number_row"])
        for n, cells in enumerate(rows):
            assert row_slots(cells) == width, f"{table['id']} row {n}: {row_slots(cells)} slots, grid {width}"


@pytest.mark.parametrize("path", TRUTH_FILES, ids=lambda p: p.stem)
def test_references_resolve(path):
    truth = load(path)
    tables = {t["id"]: t for t in truth["tables"]}
    assert len(tables) == len(truth["tables"]), "table ids are unique"
    placed = [b["table_id"] for b in truth["blocks"] if b["kind"] == "table"]
    assert sorted(placed) == sorted(tables), "every table is placed once in blocks"
    keys = [i["key"] for i in truth["indicators"]]
    assert len(keys) == len(set(keys)), "indicator keys are unique"
    for ind in truth["indicators"]:
        assert ind["table_id"] in tables, ind["key"]
        assert ind["row"] < len(tables[ind["table_id"]]["rows"]), ind["key"]
        assert ind["level"] == "summary" or tables[ind["table_id"]]["table_type"] != "unknown"
        seen = set()
        for m in ind["measurements"]:
            slot = (m["measure"], m["year"], m["period"])
            assert slot not in seen, f"{ind['key']}: two measurements for {slot}"
            seen.add(slot)
    for calc in truth["calculations"]:
        assert calc["indicator"] in keys, calc["indicator"]
    for d in truth["known_discrepancies"]:
        assert d["indicator"] is None or d["indicator"] in keys, d["indicator"]
