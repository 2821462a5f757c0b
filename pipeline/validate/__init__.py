"""The validators: run every registered rule over the warehouse and collect all findings.

    findings = run_rules(con)               # every readable document
    warehouse.replace_findings(con, doc_id, [f for f in findings if f.document_id == doc_id])

Rules are small registered functions (registry.py), one module per family. None stops the
others: a rule that raises becomes a `rule_failed` finding naming the rule and the error, and
the run goes on (STYLE 4.1 item 11: problems are data).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pipeline.validate import (capaian, cross_document, e81, formulas, plausibility,  # noqa: F401
                               predikat, quarters)
from pipeline.validate.facts import Connection, DocumentFacts, document_ids, load_documents
from pipeline.validate.registry import (RULES, SEVERITY_RANK, Finding, Rule, RuleName, Scope,
                                        Severity)

__all__ = ["Finding", "Severity", "run_rules", "dedupe", "reaches"]


def run_rules(con: Connection, document_ids_: Sequence[str] | None = None) -> list[Finding]:
    """Findings of every rule on the given documents (all readable documents when None).

    Cross-document rules see the whole warehouse but report only on the given documents.
    """
    ids = document_ids(con, document_ids_)
    found: list[Finding] = []
    for doc in load_documents(con, ids):
        for rule_def in RULES:
            if rule_def.scope is Scope.DOCUMENT:
                found.extend(_run(rule_def, doc.document_id, doc))
    for rule_def in RULES:
        if rule_def.scope is Scope.WAREHOUSE:
            found.extend(f for f in _run(rule_def, None, con, ids) if f.document_id in ids)
    return dedupe(found)


def _run(rule_def: Rule, document_id: str | None, *args: object) -> list[Finding]:
    try:
        return list(rule_def.check(*args))
    except Exception as exc:  # noqa: BLE001 - a failing rule is recorded, the others still run
        return [Finding(document_id or "", None, None, RuleName.RULE_FAILED, rule_def.rule_id,
                        Severity.WARNING, rule_def.check.__name__, None, None,
                        f"The check {rule_def.check.__name__} ({rule_def.rule_id}) could not "
                        f"run: {type(exc).__name__}: {exc}.")]


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
