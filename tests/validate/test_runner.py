from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import ids, warehouse
from pipeline.cli import main
from pipeline.validate import dedupe, reaches, registry, run_rules, validate_warehouse
from pipeline.validate.registry import Finding, RuleName, Scope, Severity
from tests.validate.warehouse_rows import add_document, add_indicator, fresh

DOC = "m" * 64


def _warehouse(con, capaian: str = "198,75%", share: str = "50,00"):
    add_document(con, DOC, "monev.pdf", "e81")
    return add_indicator(con, DOC, "e81", ("target", "year", "10,00"),
                         ("realisasi", "year", "19,88"), ("capaian", "year", capaian),
                         ("realisasi", "renstra_to_prev", share),
                         name="Persentase harga pangan yang terpantau", level="program",
                         code="3.30.04")


def test_every_rule_runs_and_a_failing_rule_is_reported_not_fatal(monkeypatch) -> None:
    con = fresh()
    ind = _warehouse(con, share="120,00")

    def broken(doc):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(registry, "RULES", [*registry.RULES, registry.Rule(
        "TEST-01", "test", Severity.ERROR, RuleName.CAPAIAN_MISMATCH, Scope.DOCUMENT, broken,
        "")])
    monkeypatch.setattr("pipeline.validate.RULES", registry.RULES)
    found = run_rules(con)
    assert {(f.rule, f.rule_id, f.indicator_id) for f in found} == {
        (RuleName.IMPLAUSIBLE_VALUE, "E81-09", ind),  # a share of 120
        (RuleName.RULE_FAILED, "TEST-01", None),
    }
    failed = next(f for f in found if f.rule is RuleName.RULE_FAILED)
    assert failed.message == ("The check broken (TEST-01) could not run on this document: "
                              "ZeroDivisionError: division by zero.")


def test_findings_are_replaced_per_document_with_stable_ids() -> None:
    con = fresh()
    _warehouse(con, capaian="50,00%")
    first = validate_warehouse(con)
    again = validate_warehouse(con)
    rows = con.execute("SELECT finding_id, rule, rule_id, severity, field, reported, expected "
                       "FROM findings").fetchall()
    assert [f.finding_id for f in first] == [f.finding_id for f in again]
    [finding] = first
    assert rows == [(ids.finding_id(DOC, "capaian_mismatch", finding.indicator_id,
                                    "capaian/year"), "capaian_mismatch", "E81-06", "error",
                     "capaian/year", "50,00%", "198,80%")]


def test_replace_findings_refuses_rows_of_other_documents() -> None:
    con = fresh()
    with pytest.raises(ValueError, match="findings of documents not being replaced"):
        warehouse.replace_findings(con, ["a"], [{"document_id": "b"}])


def _finding(severity: Severity, field: str = "f") -> Finding:
    return Finding(DOC, "i", 1, RuleName.PREDIKAT_MISMATCH, "PRED-01", severity, field, None,
                   None, "m")


def test_dedupe_keeps_the_most_severe_of_one_finding_id() -> None:
    info, error, other = (_finding(Severity.INFO), _finding(Severity.ERROR),
                          _finding(Severity.INFO, "g"))
    assert dedupe([info, other, error]) == [error, other]


def test_reaches_compares_severities() -> None:
    warning = [_finding(Severity.WARNING)]
    assert reaches(warning, Severity.WARNING) and not reaches(warning, Severity.ERROR)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    con = warehouse.connect(path)
    _warehouse(con, share="120,00")  # one warning, no error
    con.close()
    return path


@pytest.mark.parametrize(("fail_on", "code"), [([], 0), (["--fail-on", "error"], 0),
                                               (["--fail-on", "warning"], 3)])
def test_validate_exit_codes(db: Path, fail_on: list[str], code: int) -> None:
    result = CliRunner().invoke(main, ["validate", "--db", str(db), *fail_on])
    assert (result.exit_code, result.output) == (
        code, "findings: 1 (0 error, 1 warning, 0 info)\n")


def test_validate_without_a_warehouse_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_validate_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["validate", "--help"])
    assert "Example: python -m pipeline validate --db" in result.output
