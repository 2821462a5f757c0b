"""Kesimpulan Evaluasi terhadap Hasil RKPD -> program-level indicators (DOMAIN.md 7, KES-01).

Headers (seed 001): No, Nama Perangkat Daerah, Nama Program, Rata-rata Capaian Kinerja Program
Prioritas RKPD Kab/Kota (%), Predikat Capaian Kinerja ..., Rata-rata Realisasi Anggaran ... (%),
Predikat Capaian Kinerja Anggaran ..., Faktor Penghambat, Faktor Pendukung, Keterangan.
The averages and predikat of an urusan are printed once over its program rows (merged cell):
they belong to the first program of the block. Values are year to date: period `year`.
The Faktor Penghambat / Pendukung and Keterangan cells are kept as the row's statements (KES-03
compares them with the E.81's footer).
"""

from __future__ import annotations

from pipeline.model import IndicatorRecord, Measure, RawTable, StatementKind, TableType
from pipeline.normalize.context import TableContext
from pipeline.normalize.headers import Role
from pipeline.normalize.program_rows import Layout, TextRole, ValueRole, normalize_programs

LAYOUT = Layout(
    table_type=TableType.KESIMPULAN_RKPD,
    no=Role("no", ("no", "nomor")),
    program=Role("program", ("nama program", "program")),
    organization=Role("organization", ("nama perangkat daerah", "perangkat daerah", "nama opd",
                                       "nama skpd")),
    values=(
        ValueRole(Role("capaian", (
            "rata rata capaian kinerja program prioritas rkpd kab kota %",
            "rata rata capaian kinerja program prioritas rkpd provinsi %",
            "rata rata capaian kinerja %",
        )), Measure.CAPAIAN),
        ValueRole(Role("predikat", (
            "predikat capaian kinerja program prioritas rkpd kab kota",
            "predikat capaian kinerja program prioritas rkpd provinsi",
            "predikat capaian kinerja",
        )), Measure.PREDIKAT),
        ValueRole(Role("capaian_anggaran", (
            "rata rata realisasi anggaran program prioritas rkpd kab kota %",
            "rata rata realisasi anggaran program prioritas rkpd provinsi %",
            "rata rata realisasi anggaran %",
        )), Measure.CAPAIAN_ANGGARAN),
        ValueRole(Role("predikat_anggaran", (
            "predikat capaian kinerja anggaran program prioritas rkpd kab kota",
            "predikat capaian kinerja anggaran program prioritas rkpd provinsi",
            "predikat capaian kinerja anggaran",
            "predikat realisasi anggaran",
        )), Measure.PREDIKAT_ANGGARAN),
    ),
    texts=(
        TextRole(Role("faktor_penghambat", ("faktor penghambat",)),
                 StatementKind.FAKTOR_PENGHAMBAT),
        TextRole(Role("faktor_pendukung", ("faktor pendukung", "faktor pendorong")),
                 StatementKind.FAKTOR_PENDUKUNG),
        TextRole(Role("keterangan", ("keterangan",)), StatementKind.KETERANGAN),
    ),
)


def normalize(table: RawTable, ctx: TableContext) -> list[IndicatorRecord]:
    """One program-level indicator per program row (see the module docstring)."""
    return normalize_programs(table, ctx, LAYOUT)
