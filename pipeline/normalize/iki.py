"""IKI tables (Indikator Kinerja Individu): one table per position (jabatan), level individu.

Header variants: DOMAIN.md section 7 (Kab. Gresik: KINERJA over the row number and the kinerja,
INDIKATOR, FORMULASI PERHITUNGAN, SUMBER DATA; the Kepala Bidang variant SASARAN / KINERJA UTAMA,
INDIKATOR KINERJA UTAMA, PENJELASAN/FORMULASI PENGHITUNGAN, SUMBER DATA). The table prints no
Penanggung Jawab: the responsible is the jabatan printed in the title above the table
("INDIKATOR KINERJA INDIVIDU / Kepala Sub Bagian Keuangan"), exactly as printed.
"""

from __future__ import annotations

import re

from pipeline.model import IndicatorRecord, Level, RawTable, TableType
from pipeline.normalize.context import TableContext
from pipeline.normalize.indicator_table import TableSpec, read_indicator_table
from pipeline.normalize.text import fold_or_none

# Where a title names the position, tried in this order:
#   "INDIKATOR KINERJA INDIVIDU\nKepala Sub Bagian Keuangan"   (the line after the heading)
#   "INDIKATOR KINERJA INDIVIDU Kepala Bidang Perdagangan"     (the rest of the heading line)
#   "INDIKATOR KINERJA INDIVIDU (IKI) : Kepala Seksi ..."      (after a colon)
#   "2 Jabatan : Kepala Dinas", "Jabatan Kepala Dinas"         (a preamble field)
JABATAN_PATTERNS = (
    re.compile(r"""INDIKATOR \s+ KINERJA \s+ INDIVIDU (?:\s*\(IKI\))? [ \t]* [:\-]? [ \t]*
                   (?:\n\s*)? (?P<jabatan>[^\n]+)""", re.VERBOSE | re.IGNORECASE),
    re.compile(r"""^ [ \t]* (?:\d+\.?[ \t]+)? Jabatan [ \t]* :? [ \t]* (?P<jabatan>[^\n]+)""",
               re.VERBOSE | re.IGNORECASE | re.MULTILINE),
)


def jabatan(title: str) -> str | None:
    """The position a title names: "INDIKATOR KINERJA INDIVIDU\\nSeksi Industri Mikro" ->
    "Seksi Industri Mikro"; None when the title names none."""
    for pattern in JABATAN_PATTERNS:
        match = pattern.search(title)
        if match:
            return fold_or_none(match["jabatan"])
    return None


def normalize(table: RawTable, ctx: TableContext) -> list[IndicatorRecord]:
    """The indicators of one IKI table, each with the title's jabatan as responsible."""
    spec = TableSpec(table_type=TableType.IKI, default_level=Level.INDIVIDU,
                     responsible=jabatan(table.title))
    return read_indicator_table(table, ctx, spec)
