"""pipeline.normalize.document: what a document whose tables cannot be read tells its reader."""

import dataclasses

from pipeline.model import (BBox, Cell, ExtractedDocument, Measure, MeasurementRecord, PageText,
                            Period, RawTable, Source)
from pipeline.normalize import normalize_document, rencana_aksi
from pipeline.normalize.document import cell_provenance, with_provenance

# The 200-dpi scan of seed 004 (measured): the second header row (URAIAN / INDIKATOR KINERJA /
# SATUAN / TARGET) fell into the body, so the columns carry only the group names.
GROUPS = ("SASARAN STRATEGIS",) * 4 + ("PROGRAM",) * 4 + ("KEGIATAN/SUB.KEGIATAN",) * 4 + (
    "PENANGGUNG JAWAB",)
SECOND_HEADER = ("URAIAN", "INDIKATOR KINERJA", "SATUAN", "TARGET") * 3 + ("",)


def _row(texts):
    return tuple(Cell(t, 1, None) for t in texts)


def test_a_typed_table_that_gives_no_indicators_is_a_problem_not_silence() -> None:
    table = RawTable(columns=GROUPS, header_rows=(GROUPS,), page=1, title="RENCANA AKSI",
                     method="ocr-lines",
                     rows=(_row(SECOND_HEADER),
                           _row(("Meningkatnya pertumbuhan", "Persentase UMKM", "%",
                                 "TW 1 = 12,5") * 3 + ("Bidang Perdagangan",))))
    doc = normalize_document(ExtractedDocument(1, (PageText(1, "RENCANA AKSI"),), (table,)))
    assert doc.indicators == ()
    assert doc.problems == ("the rencana_aksi table on page 1 gave no indicators: its column "
                            "headers could not be read",)


def test_a_quarter_told_by_its_place_keeps_its_capped_confidence() -> None:
    # the 300-dpi scan of seed 004: "TW =\n100" (numeral lost) in a cell read at confidence 69;
    # the Rencana Aksi normalizer caps it at 40, the cell's provenance must not raise it again
    box = BBox(10, 10, 60, 30)
    cell = Cell("TW =\n100", 7, box, Source.OCR, 69.0)
    inferred = MeasurementRecord(Measure.TARGET, 2024, Period.TW3, 100.0, cell.text, 7, box,
                                 Source.OCR, rencana_aksi.INFERRED_QUARTER_CONFIDENCE)
    read = dataclasses.replace(inferred, confidence=None, source=Source.TEXT_LAYER)
    table = RawTable(columns=("Target",), header_rows=(("Target",),), rows=((cell,),), page=7,
                     title="", method="ocr-lines")
    kept, filled = with_provenance((inferred, read), cell_provenance(table))
    assert (kept.source, kept.confidence) == (Source.OCR, 40.0)
    assert (filled.source, filled.confidence) == (Source.OCR, 69.0)
