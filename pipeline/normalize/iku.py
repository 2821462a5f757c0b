"""IKU tables (Indikator Kinerja Utama): sasaran/tujuan rows and their indicators.

Header variants: DOMAIN.md section 7 (Kota Pasuruan: No, Tujuan/ Sasaran Strategis, Indikator
Kinerja, Definisi Operasional, Realisasi 2023, Target 2024, Metode/ Formulasi Perhitungan, Sumber
Data, Penanggung Jawab; Prov. Kaltim: No., Tujuan, Indikator Tujuan, Sasaran Strategis, Indikator
Kinerja Utama, Satuan, ... Target 2023, Triwulan I-IV). The level is the cell's printed prefix
("Tujuan:", "Sasaran:"), else sasaran, where IKU sit; an "Indikator Tujuan" column gives
indicators of level tujuan. The reading itself is `indicator_table.read_indicator_table`.
"""

from __future__ import annotations

from pipeline.model import IndicatorRecord, Level, RawTable, TableType
from pipeline.normalize.context import TableContext
from pipeline.normalize.indicator_table import TableSpec, read_indicator_table

SPEC = TableSpec(table_type=TableType.IKU, default_level=Level.SASARAN)


def normalize(table: RawTable, ctx: TableContext) -> list[IndicatorRecord]:
    """The indicators of one IKU table."""
    return read_indicator_table(table, ctx, SPEC)
