"""Table type from the table's header labels and the title printed above it.

Each type is described by data: title phrases and header phrases with weights. A table's score
for a type is the sum of the weights of the phrases found (fuzzy, rapidfuzz), and the best type
wins when it reaches MIN_SCORE. Header variants come from DOMAIN.md section 7.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from pipeline.model import RawTable, TableType
from pipeline.normalize.text import key

PHRASE_MATCH = 88.0  # rapidfuzz partial_ratio at or above which a phrase counts as present
MIN_SCORE = 3.0
# a title alone does not make a table: the TUGAS/FUNGSI list under an IKI title is no IKI table
MIN_HEADER_SCORE = 1.5


@dataclass(frozen=True)
class Signature:
    table_type: TableType
    title: tuple[tuple[str, float], ...]  # phrase, weight
    header: tuple[tuple[str, float], ...]


SIGNATURES = (
    Signature(TableType.E81,
              (("evaluasi terhadap hasil renja", 3), ("hasil pelaksanaan renja", 3)),
              (("realisasi kinerja pada triwulan", 2), ("target renstra", 1.5),
               ("tingkat capaian kinerja", 1.5), ("kode rekening", 1),
               ("realisasi capaian kinerja renstra", 1.5), ("renja", 1),
               # Tangerang Selatan 2023 extract (cols 2, 3, 7-10, 14), printed without a title
               ("indikator kinerja program outcome", 1),
               ("perangkat daerah penanggung jawab", 1))),
    Signature(TableType.KERTAS_KERJA,
              (("kertas kerja perhitungan capaian", 3),),
              (("data masukan", 2), ("hasil perhitungan", 2), ("formula perhitungan", 1),
               ("variabel", 1))),
    Signature(TableType.KESIMPULAN_RKPD,
              (("kesimpulan evaluasi", 3),),
              (("rata rata capaian kinerja program prioritas", 3), ("nama perangkat daerah", 1),
               ("predikat capaian kinerja", 1), ("faktor penghambat", 0.5))),
    Signature(TableType.CAPAIAN_PROGRAM,
              (("capaian kinerja terhadap rkpd", 2), ("rekapitulasi capaian", 2)),
              (("nama program", 1.5), ("capaian kinerja", 1), ("serapan anggaran", 2))),
    Signature(TableType.RENCANA_AKSI,
              (("rencana aksi", 3),),
              (("sasaran strategis", 1), ("kegiatan sub kegiatan", 1.5), ("uraian", 1),
               ("penanggung jawab", 0.5), ("target", 0.5))),
    Signature(TableType.PERJANJIAN_KINERJA,
              (("perjanjian kinerja", 3),),
              (("sasaran strategis", 1), ("indikator kinerja", 1), ("target", 1))),
    Signature(TableType.IKI,
              (("indikator kinerja individu", 3),),
              (("kinerja", 0.5), ("indikator", 0.5), ("formulasi perhitungan", 1),
               ("sumber data", 1))),
    # the capaian tables of an LKjIP and its lampiran (Target / Realisasi / Capaian per
    # indicator): Disnak Jabar "Tabel 6. Pengukuran Capaian ... Indikator Kinerja", Disperindag
    # Jabar "Tabel 3.2", Diskanlaut Jabar "PENCAPAIAN TARGET KINERJA"
    Signature(TableType.IKU,
              (("pengukuran capaian", 2), ("capaian indikator kinerja", 2),
               ("pencapaian target kinerja", 2), ("target dan realisasi", 2),
               ("capaian kinerja", 1)),
              (("indikator kinerja", 1), ("target", 0.75), ("realisasi", 1), ("capaian", 1))),
    Signature(TableType.IKU,
              (("indikator kinerja utama", 3),),
              (("indikator kinerja", 1), ("formulasi perhitungan", 1), ("sumber data", 1),
               ("penanggung jawab", 0.5), ("definisi operasional", 1),
               ("indikator kinerja utama", 2), ("indikator tujuan", 1))),
)


def phrase_present(phrase: str, text_key: str) -> bool:
    return bool(text_key) and fuzz.partial_ratio(phrase, text_key) >= PHRASE_MATCH


def score(sig: Signature, title_key: str, header_key: str) -> float:
    header = sum(w for p, w in sig.header if phrase_present(p, header_key))
    if header < MIN_HEADER_SCORE:
        return 0.0
    return header + sum(w for p, w in sig.title if phrase_present(p, title_key))


def classify_table(table: RawTable) -> TableType:
    """`KERTAS KERJA PERHITUNGAN CAPAIAN OUTCOME` over `Data Masukan / Variabel` -> kertas_kerja."""
    title_key = key(table.title)
    header_key = " | ".join(key(c) for c in table.columns)
    best = max(SIGNATURES, key=lambda s: score(s, title_key, header_key))
    return best.table_type if score(best, title_key, header_key) >= MIN_SCORE else TableType.UNKNOWN
