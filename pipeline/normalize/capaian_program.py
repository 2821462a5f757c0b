"""Recap of capaian kinerja and serapan anggaran per program -> program-level indicators
(DOMAIN.md 7, row capaian_program; REC-02, XDOC-02).

Headers (seed 001 narrative): No, Nama Program, Tribulan II: Capaian Kinerja (%), Serapan
Anggaran (%). The quarter over the figures is the reporting quarter; the figures are year to
date, so they are stored as capaian / capaian_anggaran of period `year` (`tw2` means the quarter
alone in SCHEMA.md).
"""

from __future__ import annotations

from pipeline.model import IndicatorRecord, Measure, RawTable, TableType
from pipeline.normalize.context import TableContext
from pipeline.normalize.headers import Role
from pipeline.normalize.program_rows import Layout, ValueRole, normalize_programs

LAYOUT = Layout(
    table_type=TableType.CAPAIAN_PROGRAM,
    no=Role("no", ("no", "nomor")),
    program=Role("program", ("nama program", "program")),
    organization=None,
    values=(
        ValueRole(Role("capaian", ("capaian kinerja %", "capaian kinerja", "capaian %")),
                  Measure.CAPAIAN),
        ValueRole(Role("capaian_anggaran", (
            "serapan anggaran %", "serapan anggaran", "realisasi anggaran %",
            "realisasi keuangan %",
        )), Measure.CAPAIAN_ANGGARAN),
    ),
)


def normalize(table: RawTable, ctx: TableContext) -> list[IndicatorRecord]:
    """One program-level indicator per program row (see the module docstring)."""
    return normalize_programs(table, ctx, LAYOUT)
