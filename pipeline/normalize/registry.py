"""Table type -> the module that reads it. Each module exposes the same function shape:

    def normalize(table: RawTable, ctx: TableContext) -> list[IndicatorRecord]
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from pipeline.model import IndicatorRecord, RawTable, TableType
from pipeline.normalize.context import TableContext

Normalizer = Callable[[RawTable, TableContext], list[IndicatorRecord]]

MODULES: dict[TableType, str] = {
    TableType.IKU: "pipeline.normalize.iku",
    TableType.IKI: "pipeline.normalize.iki",
    TableType.RENCANA_AKSI: "pipeline.normalize.rencana_aksi",
    TableType.PERJANJIAN_KINERJA: "pipeline.normalize.perjanjian_kinerja",
    TableType.E81: "pipeline.normalize.e81",
    TableType.KERTAS_KERJA: "pipeline.normalize.kertas_kerja",
    TableType.KESIMPULAN_RKPD: "pipeline.normalize.kesimpulan_rkpd",
    TableType.CAPAIAN_PROGRAM: "pipeline.normalize.capaian_program",
}


def normalizer_for(table_type: TableType) -> Normalizer | None:
    """The `normalize` function of the table type's module; None for types nobody reads yet."""
    module_name = MODULES.get(table_type)
    if module_name is None:
        return None
    return importlib.import_module(module_name).normalize  # type: ignore[no-any-return]
