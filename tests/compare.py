"""Compare normalized indicators with the truth's canonical reading, as a readable diff."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.model import IndicatorRecord
from pipeline.normalize.text import fold

FIELDS = ("row_no", "level", "code", "parent_code", "name", "indicator_name", "unit", "polarity",
          "formula", "data_source", "responsible")


def value_of(record: IndicatorRecord, field: str) -> object:
    value = getattr(record, field)
    return getattr(value, "value", value)  # enums compare by their stored value


def measurement_set(measurements) -> set[tuple]:
    out = set()
    for m in measurements:
        if isinstance(m, dict):
            measure, year, period, value, raw = m["measure"], m["year"], m["period"], m["value"], m["raw_text"]
        else:
            measure, year, period, value, raw = m.measure.value, m.year, m.period.value, m.value, m.raw_text
        out.add((measure, year, period, None if value is None else round(value, 6), fold(raw)))
    return out


def diff_indicators(got: Sequence[IndicatorRecord], want: Sequence[dict]) -> list[str]:
    """Field-by-field differences, indicators paired in table order; [] when equal."""
    problems: list[str] = []
    if len(got) != len(want):
        problems.append(f"indicator count: got {len(got)}, truth {len(want)}")
    for n, (g, w) in enumerate(zip(got, want)):
        label = f"#{n} {w['key']} ({(w['indicator_name'] or w['name'] or '')[:50]!r})"
        for field in FIELDS:
            gv, wv = value_of(g, field), w[field]
            if isinstance(gv, str) or isinstance(wv, str):
                gv, wv = fold(gv) if gv else gv, fold(wv) if wv else wv
            if gv != wv:
                problems.append(f"{label} {field}: got {gv!r}, truth {wv!r}")
        gm, wm = measurement_set(g.measurements), measurement_set(w["measurements"])
        for extra in sorted(gm - wm, key=str):
            problems.append(f"{label} measurement not in truth: {extra}")
        for lost in sorted(wm - gm, key=str):
            problems.append(f"{label} measurement missing: {lost}")
    return problems


def truth_indicators(truth: dict, table_id: str) -> list[dict]:
    return sorted((i for i in truth["indicators"] if i["table_id"] == table_id), key=lambda i: i["row"])
