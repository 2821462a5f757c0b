"""The rule registry: every validator is a small function registered with its DOMAIN.md id.

    @rule("E81-04", family="e81", severity=Severity.ERROR, name=RuleName.CAPAIAN_MISMATCH)
    def renstra_budget_capaian(doc: DocumentFacts) -> Iterator[Finding]: ...

A document rule receives one document's facts; a warehouse rule (`scope=Scope.WAREHOUSE`)
receives the connection and the ids of the documents to check, for rules that compare
documents (SQL over the warehouse). The runner (validate/__init__.py) runs every registered
rule and collects all findings; a rule that raises is reported, never fatal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum, StrEnum

from pipeline import ids


class Severity(StrEnum):
    ERROR = "error"  # numbers contradict each other
    WARNING = "warning"  # implausible, needs a look
    INFO = "info"  # an accepted alternative method, stated


# error > warning > info, for --fail-on and for keeping the stronger of two findings
SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class RuleName(StrEnum):
    """SCHEMA.md `rule` vocabulary (values may be added, never renamed)."""

    CAPAIAN_MISMATCH = "capaian_mismatch"
    FORMULA_MISMATCH = "formula_mismatch"
    IMPLAUSIBLE_CAPAIAN = "implausible_capaian"
    IMPLAUSIBLE_VALUE = "implausible_value"  # added: a value (not a capaian) out of its range
    PREDIKAT_MISMATCH = "predikat_mismatch"
    TOTAL_MISMATCH = "total_mismatch"
    QUARTER_MISMATCH = "quarter_mismatch"
    CROSS_DOCUMENT_MISMATCH = "cross_document_mismatch"
    MISSING_VALUE = "missing_value"
    PARSE_ERROR = "parse_error"
    INVALID_CODE = "invalid_code"  # added: kode rekening off the Permendagri 90/2019 pattern
    UNIT_MISMATCH = "unit_mismatch"  # added: a Satuan that counts another thing (RA-03)
    RULE_FAILED = "rule_failed"  # added: a validator raised; its checks did not run


class Scope(IntEnum):
    DOCUMENT = 1
    WAREHOUSE = 2


@dataclass(frozen=True)
class Finding:
    """One problem, in the columns of SCHEMA.md `findings` plus the DOMAIN.md rule id."""

    document_id: str
    indicator_id: str | None
    page: int | None
    rule: RuleName
    rule_id: str
    severity: Severity
    field: str | None
    reported: str | None
    expected: str | None
    message: str

    @property
    def finding_id(self) -> str:
        return ids.finding_id(self.document_id, self.rule.value, self.indicator_id, self.field)


@dataclass(frozen=True)
class Rule:
    rule_id: str  # DOMAIN.md id, e.g. "E81-04"
    family: str  # the module: capaian, e81, formulas, predikat, quarters, ...
    severity: Severity  # the usual severity; a rule may lower it (e.g. info for a method)
    name: RuleName
    scope: Scope
    check: Callable[..., Iterable[Finding]]
    description: str


RULES: list[Rule] = []


def rule(rule_id: str, *, family: str, severity: Severity, name: RuleName,
         scope: Scope = Scope.DOCUMENT) -> Callable[[Callable[..., Iterable[Finding]]],
                                                    Callable[..., Iterable[Finding]]]:
    """Register the decorated function as a validator; the function itself is unchanged."""

    def register(check: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        if any(r.check.__qualname__ == check.__qualname__ and r.family == family
               for r in RULES):
            raise ValueError(f"rule {check.__qualname__} of {family} registered twice")
        description = (check.__doc__ or "").strip().split("\n")[0]
        RULES.append(Rule(rule_id, family, severity, name, scope, check, description))
        return check

    return register

