"""pipeline.normalize.narrative over the free text of seed 001's pages (the Monev bundle as
pdfplumber reads it: lines outside the tables)."""

from pipeline.model import (IndicatorRecord, Level, PageText, StatementKind, StatementRecord,
                            TableType)
from pipeline.normalize.narrative import footer_factors, stated_pairs, with_statements

E81_FOOTER = [
    PageText(11, "", "Faktor Pendorong Keberhasilan Kinerja"),
    PageText(12, "", "\n".join([
        "SDM yang kompeten, standar pengujian yang lengkap, dan sarana prasarana pendukung "
        "lainnya. Kondisi sarana perdagangan yang rusak terkena bencana sehingga mengharuskan "
        "segera dilakukan rehabilitasi terhadap pasar tersebut",
        "untuk dapat dimanfaatkan kembali.",
        "Faktor Penghambat Pencapaian Kinerja",
        "1. Para pedagang yang tidak kooperatif saat ditanyai harga setiap hari.",
        "2. Kurangnya kesadaran pemilik UTTP untuk menerakan alatnya.",
        "3. Kurangnya partisipasi pedagang dalam proses revitalisasi pasar.",
        "Tindak Lanjut yang diperlukan dalam triwulan berikutnya",
        "1. Melakukan pendekatan lebih terhadap para pedagang.",
        "Pasuruan, 8 Juli 2024",
    ])),
]
NARRATIVE = PageText(14, "", "\n".join([
    "Urusan Pemerintahan Bidang Perdagangan",
    "Pada Dinas Perindustrian dan Perdagangan Kota Pasuruan, urusan ini diselenggarakan melalui "
    "6 program, 12 kegiatan dan 28 sub kegiatan,",
    "dengan anggaran sebesar Rp.17.472.215.166,- dan sampai dengan Tribulan II tahun 2024, "
    "realisasi keuangan telah mencapai",
    "Rp.7.738.464.127,-",
    "Rekapitulasi capaian kinerja terhadap RKPD pada setiap program ... disajikan pada tabel "
    "berikut ini:",
    "Secara keseluruhan, tingkat capaian kinerja program pada Urusan Pemerintahan Bidang "
    "Perdagangan terhadap target RKPD, telah mencapai",
    "kinerja outcome sebesar 43% dengan realisasi keuangan sebesar 36%.",
]))


def test_footer_factors_are_split_into_items_and_sentences() -> None:
    assert [(s.kind, s.text, s.page) for s in footer_factors(E81_FOOTER)] == [
        (StatementKind.E81_PENDORONG, "SDM yang kompeten, standar pengujian yang lengkap, dan "
         "sarana prasarana pendukung lainnya.", 12),
        (StatementKind.E81_PENDORONG, "Kondisi sarana perdagangan yang rusak terkena bencana "
         "sehingga mengharuskan segera dilakukan rehabilitasi terhadap pasar tersebut untuk "
         "dapat dimanfaatkan kembali.", 12),
        (StatementKind.E81_PENGHAMBAT, "Para pedagang yang tidak kooperatif saat ditanyai "
         "harga setiap hari.", 12),
        (StatementKind.E81_PENGHAMBAT, "Kurangnya kesadaran pemilik UTTP untuk menerakan "
         "alatnya.", 12),
        (StatementKind.E81_PENGHAMBAT, "Kurangnya partisipasi pedagang dalam proses "
         "revitalisasi pasar.", 12),
    ]


def test_prose_that_only_mentions_a_factor_heading_is_cut_short() -> None:
    prose = PageText(3, "", "\n".join(["Faktor penghambat dalam pencapaian kinerja antara lain:",
                                       *(f"Kalimat panjang nomor {n} tentang hal lain." for n in
                                         range(40))]))
    assert len(footer_factors([prose])) <= 13


def test_the_narrative_states_amounts_and_a_percentage() -> None:
    [pair] = stated_pairs([NARRATIVE])
    assert pair.budget.text == ("anggaran sebesar Rp.17.472.215.166,- dan sampai dengan "
                                "Tribulan II tahun 2024, realisasi keuangan telah mencapai "
                                "Rp.7.738.464.127,-")
    assert pair.result is not None and pair.result.text == (
        "kinerja outcome sebesar 43% dengan realisasi keuangan sebesar 36%")


def _recap_row(table_index: int, page: int, name: str) -> IndicatorRecord:
    return IndicatorRecord(TableType.CAPAIAN_PROGRAM, page, "1", Level.PROGRAM, None, None, name,
                           None, None, None, None, None, None, table_index=table_index)


def test_the_narrative_goes_to_the_first_row_of_the_recap_table_after_it() -> None:
    earlier = _recap_row(4, 13, "PROGRAM PERENCANAAN")
    recap = _recap_row(5, 14, "PROGRAM PENUNJANG")
    rows, loose = with_statements([earlier, recap, _recap_row(5, 14, "PROGRAM PERIZINAN")],
                                  [NARRATIVE])
    assert [r.statements for r in rows[::2]] == [(), ()]
    assert [s.kind for s in rows[1].statements] == [StatementKind.STATED_BUDGET,
                                                    StatementKind.STATED_RESULT]
    assert loose == []
    _, no_table = with_statements([], [NARRATIVE])
    assert [type(s) for s in no_table] == [StatementRecord, StatementRecord]
