"""pipeline.normalize.document: what a document whose tables cannot be read tells its reader."""

from pipeline.model import Cell, ExtractedDocument, PageText, RawTable
from pipeline.normalize import normalize_document

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
