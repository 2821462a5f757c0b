"""Every number in the truth is the one its printed text says, read by the project's parser.

This pins the number-format facts the corpus rests on (`.` groups thousands, `,` is the decimal
mark, `1.118 Triliun` keeps 1118 with quarters 279,5 / 559 / 838,5 / 1.118) and catches a
hand-typed value that disagrees with its own raw_text.
"""

import json
from pathlib import Path

import pytest

from pipeline.normalize.numbers import parse_number
from pipeline.normalize.quarters import parse_quarter_line

TRUTH_DIR = Path(__file__).parent
TRUTHS = {p.stem: json.loads(p.read_text(encoding="utf-8"))
          for p in sorted(TRUTH_DIR.glob("*.json")) if p.name != "truth.schema.json"}
PREDIKAT = {"predikat", "predikat_anggaran"}


def printed_value(raw_text: str) -> float | None:
    """The value a printed cell stands for: a `TW n = v` line stands for v."""
    line = parse_quarter_line(raw_text)
    return parse_number(line.value_text if line else raw_text).value


def number_measurements(truth: dict):
    for ind in truth["indicators"]:
        for m in ind["measurements"]:
            if m["measure"] not in PREDIKAT:
                yield ind["key"], m


@pytest.mark.parametrize("name", sorted(TRUTHS))
def test_values_are_what_the_raw_text_says(name):
    wrong = [f"{key} {m['measure']}/{m['period']}: raw {m['raw_text']!r} reads "
             f"{printed_value(m['raw_text'])}, truth says {m['value']}"
             for key, m in number_measurements(TRUTHS[name])
             if printed_value(m["raw_text"]) != pytest.approx(m["value"], abs=1e-9)]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(TRUTHS))
def test_predikat_keeps_its_label(name):
    for ind in TRUTHS[name]["indicators"]:
        for m in ind["measurements"]:
            if m["measure"] in PREDIKAT:
                assert m["value"] is None and m["raw_text"].strip(), ind["key"]


def kaltim_row(indicator_start: str) -> dict:
    truth = TRUTHS["iku_prov_kaltim_2023"]
    rows = [i for i in truth["indicators"]
            if (i["indicator_name"] or "").startswith(indicator_start) and i["measurements"]]
    assert len(rows) == 1, indicator_start
    return {m["period"]: m for m in rows[0]["measurements"]}


@pytest.mark.parametrize("indicator, annual, quarters", [
    ("Nilai Omset Koperasi", 1118.0, [279.5, 559.0, 838.5, 1118.0]),
    ("Nilai Omset UKM", 54.0, [13.5, 27.0, 40.5, 54.0]),
])
def test_kaltim_scale_word_quarters_read_consistently(indicator, annual, quarters):
    """`1.118 Triliun` is 1118 (thousands dot): the cumulative quarters 4 x 279,5 end at 1.118."""
    row = kaltim_row(indicator)
    assert row["year"]["value"] == annual
    assert "Triliun" in row["year"]["raw_text"]
    assert [row[f"tw{q}"]["value"] for q in range(1, 5)] == quarters
    assert row["tw4"]["value"] == row["year"]["value"] == 4 * row["tw1"]["value"]
