"""Perjanjian Kinerja tables (the lampiran of a PK): sasaran strategis, indikator kinerja and the
year's target, read like an IKU table (`indicator_table.read_indicator_table`).

Header variants seen (Inspektorat Prov. Jawa Barat PK 2016): No, Sasaran Strategis, Indikator
Kinerja, Target; a target without a year in its header belongs to the document's year. Targets
such as `WTP`, `A`, `III` are text: value NULL, raw_text kept (NUM-04).
"""

from __future__ import annotations

from pipeline.model import IndicatorRecord, Level, RawTable, TableType
from pipeline.normalize.context import TableContext
from pipeline.normalize.indicator_table import TableSpec, read_indicator_table

SPEC = TableSpec(table_type=TableType.PERJANJIAN_KINERJA, default_level=Level.SASARAN)


def normalize(table: RawTable, ctx: TableContext) -> list[IndicatorRecord]:
    """The indicators of one Perjanjian Kinerja table."""
    return read_indicator_table(table, ctx, SPEC)
