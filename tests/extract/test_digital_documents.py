"""Whole digital documents of the sample archive against their truth, cell by cell.

For every digital PDF in data/raw (every layout style): the document fields, the type of every
table, every indicator row with all its fields, every measurement (value, measure, year, period,
raw text) and the page of every indicator must equal the truth. A failing document prints a
readable field-by-field diff.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from pipeline.extract import extract_document
from pipeline.model import NormalizedDocument, TableType
from pipeline.normalize import normalize_document
from tests.compare import diff_indicators, truth_indicators

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
INDEX = json.loads((RAW / "INDEX.json").read_text(encoding="utf-8"))["files"]
DIGITAL = [e for e in INDEX if e["variant"] == "digital"]
DOC_FIELDS = ("doc_type", "organization", "region", "fiscal_year", "period")
# documents not yet read at 100%, with the reason; strict, so a fix shows up as XPASS
KNOWN_GAPS: dict[tuple[str, str], str] = {}


@cache
def read(path: str) -> NormalizedDocument:
    return normalize_document(extract_document(RAW / path), strict=True)


def truth_of(entry: dict) -> dict:
    return json.loads((ROOT / entry["truth"]).read_text(encoding="utf-8"))


def document_diff(entry: dict) -> list[str]:
    truth, got = truth_of(entry), read(entry["path"])
    problems = [f"document {f}: got {getattr(got.meta, f)!r}, truth {truth['document'][f]!r}"
                for f in DOC_FIELDS
                if getattr(getattr(got.meta, f), "value", getattr(got.meta, f)) != truth["document"][f]]
    want_tables = [t for t in truth["tables"] if t["table_type"] != TableType.UNKNOWN.value]
    got_tables = [i for i, t in enumerate(got.table_types) if t is not TableType.UNKNOWN]
    got_types = [got.table_types[i].value for i in got_tables]
    if got_types != [t["table_type"] for t in want_tables]:
        problems.append(f"table types: got {got_types}, truth {[t['table_type'] for t in want_tables]}")
        return problems
    for index, table in zip(got_tables, want_tables):
        rows = [i for i in got.indicators if i.table_index == index]
        want = truth_indicators(truth, table["id"])
        problems += [f"{table['id']}: {p}" for p in diff_indicators(rows, want)]
        pages = entry["row_pages"][table["id"]]
        problems += [f"{table['id']}: {w['key']} page: got {g.page}, truth {pages[w['row']]}"
                     for g, w in zip(rows, want) if g.page != pages[w["row"]]]
    return problems


def case_id(entry: dict) -> str:
    return Path(entry["path"]).stem


def cases() -> list:
    out = []
    for entry in DIGITAL:
        name, style = Path(entry["path"]).stem.split("__")
        gap = KNOWN_GAPS.get((name, style))
        marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
        out.append(pytest.param(entry, marks=marks, id=case_id(entry)))
    return out


@pytest.mark.parametrize("entry", cases())
def test_document_matches_truth(entry):
    problems = document_diff(entry)
    assert not problems, f"{len(problems)} differences:\n" + "\n".join(problems[:60])
