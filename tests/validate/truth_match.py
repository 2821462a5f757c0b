"""Known discrepancies of the truth files matched against the validators' findings.

Truth indicators are keyed ("e81/8", "kk/25"); warehouse indicators have hashed ids. They are
paired per document in reading order (truth: table order, then row; warehouse: table_index,
row_index), which the digital ingest reproduces exactly for the excel style.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb
from rapidfuzz import fuzz

from pipeline.normalize.text import fold
from pipeline.validate import Finding, Severity

TRUTH_DIR = Path(__file__).resolve().parents[1] / "truth"
WAREHOUSE_ORDER = ("SELECT i.indicator_id, i.indicator_name, i.name FROM indicators i "
                   "JOIN documents d USING (document_id) WHERE d.source_path = ? "
                   "ORDER BY i.table_index, i.row_index, i.indicator_id")


@dataclass(frozen=True)
class Known:
    document: str  # truth name, e.g. monev_tw2_kota_pasuruan_2024
    indicator: str  # truth key, e.g. e81/8
    rule: str
    rule_id: str | None
    field: str

    @property
    def label(self) -> str:
        return f"{self.document}:{self.indicator}:{self.rule_id}:{self.rule}:{self.field}"


def truth(name: str) -> dict:
    return json.loads((TRUTH_DIR / f"{name}.json").read_text(encoding="utf-8"))


def known_discrepancies(name: str) -> list[Known]:
    return [Known(name, k["indicator"], k["rule"], k.get("rule_id"), k["field"])
            for k in truth(name).get("known_discrepancies", [])]


def truth_order(name: str) -> list[dict]:
    data = truth(name)
    position = {t["id"]: n for n, t in enumerate(data["tables"])}
    return sorted(data["indicators"], key=lambda i: (position[i["table_id"]], i["row"]))


def indicator_ids(con: duckdb.DuckDBPyConnection, name: str, source_path: str) -> dict[str, str]:
    """{truth key: indicator_id}: each truth indicator, in reading order, takes the first
    unpaired warehouse indicator with the same (folded) name; raises when one is left over."""
    rows = con.execute(WAREHOUSE_ORDER, [source_path]).fetchall()
    wanted = truth_order(name)
    if len(rows) != len(wanted):
        raise AssertionError(f"{source_path}: {len(rows)} indicators, truth {len(wanted)}")
    free = [(ind_id, fold(ind_name or row_name)) for ind_id, ind_name, row_name in rows]
    pairs = {}
    for w in wanted:
        key = fold(w["indicator_name"] or w["name"])
        n = next((n for n, (_, got) in enumerate(free) if got == key), None)
        if n is None:
            raise AssertionError(f"{source_path}: no indicator named {key!r} ({w['key']})")
        pairs[w["key"]] = free.pop(n)[0]
    return pairs


def found(known: Known, ids: dict[str, str], findings: list[Finding]) -> Finding | None:
    """The finding on the same indicator with the same rule and field."""
    target = ids.get(known.indicator)
    return next((f for f in findings if f.indicator_id == target and f.rule.value == known.rule
                 and f.field == known.field), None)


def alarms(findings: list[Finding]) -> list[Finding]:
    """Findings an auditor must act on (error, warning); info states an accepted method."""
    return [f for f in findings if f.severity is not Severity.INFO]


# a scanned indicator is the truth's when their names agree this well (rapidfuzz ratio): OCR
# slips a letter here and there
SCANNED_NAME_MATCH = 90.0
SCANNED_ORDER = ("SELECT i.indicator_id, i.indicator_name, i.name, i.page FROM indicators i "
                 "JOIN documents d USING (document_id) WHERE d.source_path = ? "
                 "ORDER BY i.table_index, i.row_index, i.indicator_id")


def scanned_indicator_ids(con: duckdb.DuckDBPyConnection, name: str, source_path: str,
                          row_pages: dict[str, list[int]]) -> dict[str, str]:
    """{truth key: indicator_id} for a scan: each truth indicator, in reading order, takes the
    unpaired warehouse indicator on its page whose name is closest (ratio >= 90); truth
    indicators OCR did not read are left out."""
    rows = con.execute(SCANNED_ORDER, [source_path]).fetchall()
    free = [(ind_id, fold(ind_name or row_name), page) for ind_id, ind_name, row_name, page in rows]
    pairs = {}
    for w in truth_order(name):
        key, page = fold(w["indicator_name"] or w["name"]), row_pages[w["table_id"]][w["row"]]
        scored = [(fuzz.ratio(key, got), n) for n, (_, got, p) in enumerate(free) if p == page]
        # of equal names (Gresik iki_sekretariat/2 and /3) the first unpaired, as in reading order
        best = max(scored, key=lambda s: (s[0], -s[1]), default=None)
        if best is not None and best[0] >= SCANNED_NAME_MATCH:
            pairs[w["key"]] = free.pop(best[1])[0]
    return pairs
