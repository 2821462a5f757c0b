"""The validators: run every registered rule over the warehouse and collect all findings.

    findings = validate_warehouse(con)        # run every rule, replace the findings table
    findings = run_rules(con, [document_id])  # run only, write nothing

Rules are small registered functions (registry.py), one module per family. None stops the
others: a rule that raises becomes a `rule_failed` finding naming the rule and the error, and
the run goes on (STYLE 4.1 item 11: problems are data).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from pipeline import warehouse
from pipeline.validate import (capaian, cross_document, e81, e81_summary,  # noqa: F401 - registers
                               formulas, narrative, ocr, plausibility, populations,
                               predikat, quarters)
from pipeline.validate.facts import Connection, DocumentFacts, document_ids, load_documents
from pipeline.validate.registry import (RULES, SEVERITY_RANK, Finding, Rule, RuleName, Scope,
                                        Severity)

__all__ = ["Finding", "Severity", "dedupe", "reaches", "run_rules", "validate_warehouse"]


def run_rules(con: Connection, document_ids_: Sequence[str] | None = None) -> list[Finding]:
    """Findings of every rule on the given documents (all readable documents when None).

    Cross-document rules see the whole warehouse but report only on the given documents.
    """
    ids = document_ids(con, document_ids_)
    found: list[Finding] = []
    for doc in load_documents(con, ids):
        for rule_def in RULES:
            if rule_def.scope is Scope.DOCUMENT:
                found.extend(_run(rule_def, [doc.document_id], doc))
    wanted = set(ids)
    for rule_def in RULES:
        if rule_def.scope is Scope.WAREHOUSE and ids:
            found.extend(f for f in _run(rule_def, ids, con, ids) if f.document_id in wanted)
    return dedupe(_folded(f) for f in found)


def validate_warehouse(con: Connection,
                       document_ids_: Sequence[str] | None = None) -> list[Finding]:
    """Run every rule and replace the findings of the checked documents, in one transaction."""
    ids = document_ids(con, document_ids_)
    findings = run_rules(con, ids)
    warehouse.replace_findings(con, ids, [finding_row(f) for f in findings])
    return findings


def finding_row(f: Finding) -> dict[str, Any]:
    """A Finding as a `findings` row."""
    return {"finding_id": f.finding_id, "document_id": f.document_id,
            "indicator_id": f.indicator_id, "page": f.page, "rule": f.rule.value,
            "severity": f.severity.value, "field": f.field, "reported": f.reported,
            "expected": f.expected, "message": f.message, "rule_id": f.rule_id}


def _run(rule_def: Rule, targets: Sequence[str], *args: object) -> list[Finding]:
    try:
        return list(rule_def.check(*args))
    except Exception as exc:  # noqa: BLE001 - a failing rule is recorded, the others still run
        name = rule_def.check.__name__
        return [Finding(doc_id, None, None, RuleName.RULE_FAILED, rule_def.rule_id,
                        Severity.WARNING, name, None, None,
                        f"The check {name} ({rule_def.rule_id}) could not run on this "
                        f"document: {type(exc).__name__}: {exc}.")
                for doc_id in targets]


def _fold(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())


def _folded(f: Finding) -> Finding:
    """Cell texts in findings with their line breaks folded (SCHEMA.md: text is folded)."""
    return replace(f, reported=_fold(f.reported), expected=_fold(f.expected),
                   message=_fold(f.message) or "")


def dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per finding_id (document, rule, indicator, field): the most severe one, the
    first of equals; order of first appearance is kept."""
    kept: dict[str, Finding] = {}
    for f in findings:
        old = kept.get(f.finding_id)
        if old is None or SEVERITY_RANK[f.severity] > SEVERITY_RANK[old.severity]:
            kept[f.finding_id] = f
    return list(kept.values())


def reaches(findings: Iterable[Finding], level: Severity) -> bool:
    """True when any finding is at `level` or above (for --fail-on)."""
    return any(SEVERITY_RANK[f.severity] >= SEVERITY_RANK[level] for f in findings)


def documents(con: Connection, ids: Sequence[str] | None = None) -> list[DocumentFacts]:
    """The facts the document rules see (for tests and debugging)."""
    return list(load_documents(con, document_ids(con, ids)))
