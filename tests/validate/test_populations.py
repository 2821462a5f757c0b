"""KK-04 and RA-03 over the formula and Satuan texts of the seeds and of ../shared/real: what a
formula or unit counts against what the indicator names."""

import pytest

from pipeline.validate import populations
from pipeline.validate.registry import RuleName, Severity
from tests.validate.builders import document, indicator

# (indicator name, formula) pairs whose populations agree, as printed in the seeds
CONSISTENT = [
    ("Persentase Temuan yang Ditindaklanjuti",
     "(∑ Temuan Hasil Pemeriksaan APEP Tahun (n) yang Ditindaklanjuti + ∑ Temuan Hasil "
     "Pemeriksaan APIP Tahun (n) yang Ditindaklanjuti) / (∑ Temuan Hasil Pemeriksaan APEP Tahun "
     "(n) + ∑ Temuan Hasil Pemeriksaan APIP Tahun (n)) × 100%"),
    ("Persentase Peningkatan Produksi Sektor Unggulan",
     "∑ Nilai Produksi Sektor Unggulan Tahun n - ∑ Nilai Produksi Sektor Unggulan Tahun (n-1) "
     "/ ∑ Nilai Produksi Sektor Unggulan Tahun (n-1) x 100%"),
    ("Persentase Jumlah Pertumbuhan Nilai Ekspor",
     "Jumlah Nilai Ekspor yang dicapai tahun ke - n dikurangi jumlah nilai ekspor tahun "
     "sebelumnya ( n - 1) dibagi jumlah nilai ekspor tahun sebelumnya (n-1)x 100%"),
    ("% Pertumbuhan nilai ekspor",
     "(Jumlah nilai eksport tahun n - jumlah nilai eksport tahun n -1)/ jumlah nilai export "
     "tahun n -1 *100"),
    ("Prosentase ASN yang dokumen kepegawaiannya lengkap",
     "Jumlah ASN Dinas Koperasi Usaha Mikro, Perindustrian dan Perdagangan yang dokumen kepeg "
     "lengkap / Jumlah Seluruh ASN Dinas Koperasi Usaha Mikro, Perindustrian dan Perdagangan "
     "x 100%"),
    ("Presentase sarana perdagangan yang dipelihara",
     "(Jumlah sarana prasarana kabupaten yang di pelihara tahunn / jumlah sarana prasarana "
     "pasr kabupaten)*100"),
    ("Persentase alat UTTP yang telah ditera/tera ulang",
     "∑ alat UTTP yang telah di TTU : ∑ potensi alat UTTP di Kota Pasuruan x 100%"),
    ("Persentase ketercapaian retribusi pasar",
     "Realisasi PAD pelayanan pasar Tahun n : Target PAD pelayanan pasar Tahun n x 100%"),
    ("Prosentase jumlah pembinaan pedagang",
     "Jumlah pembinaan pdagangan / jumlah seluruh pedanagan dan sentra pkl X100 %"),
    ("Jumlah koperasi yang mendapatkan penghargaan",
     "Jumlah koperasi yang dinilai kesehatannya tahun ini diambil yang terbaik"),
    # a slash after a word names alternatives, not a division
    ("Jumlah sarana dan prasarana pendukung gedung kantor atau bangunan lainnya yang "
     "dipelihara/ direhabilitasi", "∑ sarana dan prasarana pendukung gedung kantor atau "
     "bangunan lainnya yang dipelihara/ direhabilitasi"),
    # a proxy population (indikator kegiatan for kebutuhan) is not judged: no shared population
    ("Persentase kebutuhan penunjang pemerintahan yang terfasilitasi",
     "Persentase indikator kegiatan yang terpenuhi : total indikator kegiatan"),
    # ../shared/real: a label's colon is no division
    ("Persentase penyelesaian kasus hubungan industrial",
     "Formulasi Perhitungan : Perbandingan antara kasus yang diselesaikan dengan kasus yang "
     "tercatat X 100% Tipe Perhitungan: Non-kumulatif"),
    ("Persentase Desa yang telah mengakses pemasaran",
     "Berdasarkan persentase : terdapat aktifitas produksi dengan hasil berupa barang/jasa "
     "yang dipasarkan keluar desa"),
    # a budget ratio for an indicator about money
    ("Prosentase realisasi keuangan terhadap aliran kas",
     "Jumlah realisasi keuangan Dinas Koperasi Usaha Mikro, Perindustrian dan Perdagangan / "
     "Jumlah aliran kas Dinas Koperasi Usaha Mikro, Perindustrian dan Perdagangan x 100%"),
    # a subtraction in the denominator is no complement
    ("Persentase IKM yang difasilitasi tahun berjalan",
     "(Jumlah IKM yang difasilitasi tahun berjalan) / (Jumlah IKM terdata - Jumlah IKM yang "
     "sudah difasilitasi s.d. tahun terakhir) * 100%"),
    # OCR of the Monev scan: ∑ read as "Y", the space of "IKM ekspor" lost
    ("Persentase IKM yang melakukan ekspor", "IKMekspor: Y IKMx 100%"),
]


@pytest.mark.parametrize(("name", "formula"), CONSISTENT)
def test_a_formula_that_counts_the_indicator_is_no_finding(name: str, formula: str) -> None:
    ind = indicator(name=name, formula=formula)
    assert list(populations.formula_counts_the_indicator(document(ind))) == []


# (name, formula, the two texts the finding names) of the seeds' known KK-04 discrepancies
MISMATCHED = [
    # growth: the year n-1 term subtracted is not the one divided by (seed 001 kk/52)
    ("Persentase Peningkatan IKM Berkembang",
     "∑ IKM berkembang Tahun n - ∑ IKM Tahun (n-1) : ∑ IKM berkembang Tahun (n-1) x 100%",
     ("subtracts \"∑ IKM Tahun n-1\"", "divides by \"∑ IKM berkembang Tahun n-1\"")),
    # share: the numerator and denominator count different things (seed 001 kk/30)
    ("Persentase Kepatuhan Pedagang/Produsen Terhadap Perlindungan Konsumen",
     "∑ pedagang/produsen yang memenuhi asas perlindungan konsumen : ∑ IKM yang mengikuti "
     "kegiatan sosialisasi PK x 100%",
     ("divides \"∑ pedagang/produsen", "by \"∑ IKM yang mengikuti")),
    # condition: the numerator counts ASN under another condition (Gresik IKI)
    ("Prosentase ASN yang hadir tepat waktu",
     "Jumlah ASN Dinas Koperasi Usaha Mikro, Perindustrian dan Perdagangan yang berpakain "
     "dinas lengkap / Jumlah Seluruh ASN Dinas Koperasi Usaha Mikro, Perindustrian dan "
     "Perdagangan x 100%",
     ("counts those \"hadir tepat waktu\"", "counts those \"berpakain dinas lengkap\"")),
    ("Persentase Jumlah usaha mikro yang berdaya saing",
     "Jumlah usaha mikro yang difasilitasi : jumlah seluruh usaha mikro x 100%",
     ("\"berdaya saing\"", "\"difasilitasi\"")),
    # base: "A terhadap B" divided by something else
    ("Prosentase realisasi keuangan terhadap aliran kas",
     "Jumlah realisasi keuangan kantor Dinas Koperasi Usaha Mikro, Perindustrian dan "
     "Perdagangan dalam kondisi baik / Jumlah anggaran belanja langsung Dinas Koperasi Usaha "
     "Mikro, Perindustrian dan Perdagangan x 100%",
     ("against \"aliran kas\"", "divides by \"Jumlah anggaran belanja langsung")),
    # count: "Jumlah Stand" counted as files
    ("Jumlah Stand", "Jumlah Berkas yang diajukan oleh pihak UPT Pasar setiap bulannya",
     ("counts \"stand\"", "counts \"berkas\"")),
    # a budget ratio for an indicator about Renja items aligned with the Renstra (Gresik IKI)
    ("Prosentase sasaran, program dan kegiatan Renja Disnas Koperasi Usaha Mikro, "
     "Perindustrian dan Perdagangan yang selaras dengan Renstra",
     "Realisasi Keuangan Program/ Kegiatan Dinas Koperasi Usaha Mikro, Perindustrian dan "
     "Perdagangan / Jumlah total anggaran belanja langsung Dinas Koperasi Usaha Mikro, "
     "Perindustrian dan Perdagangan x 100%",
     ("is a budget ratio", "names no money")),
    # the share of IKM not verified, for the share verified (Gresik IKI)
    ("Prosentase IKM ber KBLI kategori Industri yang telah verifikasi teknis melalui SIINas",
     "(Jumlah IKM terdata di OSS dengan KBLI kategori industri tahun ini - jumlah ikm terdata "
     "di OSS dengan KBLI kategori industri telah vertek melalui SIINas) / (Jumlah IKM terdata "
     "di OSS dengan KBLI kategori industri tahun ini) * 100%",
     ("subtracts \"jumlah ikm terdata di OSS dengan KBLI kategori industri telah vertek "
      "melalui SIINas\"", "the complement of the indicator")),
    # OCR of the Monev scan: (n-1) read as (-1), the n of "Tahun n-" run on
    ("Persentase Peningkatan IKM Berkembang",
     "IKM berkembang Tahun n- IKM Tahun (-1) : IKM berkembang Tahun (-1) x 100%",
     ("subtracts \"IKM Tahun -1\"", "divides by \"IKM berkembang Tahun -1\"")),
]


@pytest.mark.parametrize(("name", "formula", "named"), MISMATCHED)
def test_a_formula_that_counts_another_population_is_kk_04(name: str, formula: str,
                                                           named: tuple[str, str]) -> None:
    ind = indicator(name=name, formula=formula)
    [f] = list(populations.formula_counts_the_indicator(document(ind)))
    assert (f.rule, f.rule_id, f.severity, f.field, f.reported) == (
        RuleName.FORMULA_MISMATCH, "KK-04", Severity.WARNING, "formula", formula)
    assert all(text in f.message for text in named), f.message


@pytest.mark.parametrize(("a", "b", "alike"), [
    ("eksport", "export", True), ("kesekatannya", "kesehatannya", True),
    ("fasilitasi", "difasilitasi", True), ("ikm", "ikmekspor", True),
    ("pelatihan", "dilatih", False), ("terfasilitasi", "terpenuhi", False),
    ("stand", "berkas", False),
])
def test_words_alike_despite_spelling_and_affixes(a: str, b: str, alike: bool) -> None:
    assert populations.alike(a, b) is alike


# RA-03 over the Rencana Aksi seed (004) rows: (name, Satuan, finding expected)
UNITS = [
    ("Jumlah rumah tangga miskin sasaran dalam operasi pasar", "laporan", True),
    ("Jumlah tamu yang difasilitasi", "laporan", True),
    ("Jumlah rapat koordinasi dan konsultasi SKPD yang diikuti", "laporan", True),
    ("Jumlah pengelola sarana distribusi perdagangan yang dibina", "dokumen", True),
    # the repaired twin's units
    ("Jumlah rumah tangga miskin sasaran dalam operasi pasar", "rumah tangga", False),
    ("Jumlah tamu yang difasilitasi", "orang", False),
    ("Jumlah rapat koordinasi dan konsultasi SKPD yang diikuti", "kali", False),
    # units of a kind the rule does not know, or of the same kind
    ("Jumlah laporan penyediaan jasa surat menyurat", "laporan", False),
    ("Jumlah pelaku usaha yang difasilitasi dalam pameran dagang", "orang", False),
    ("Jumlah pedagang/produsen yang memenuhi asas perlindungan konsumen", "peserta", False),
    ("Jumlah jasa tenaga pendukung administrasi", "laporan", False),
    ("Jumlah paket bahan logistik kantor", "paket", False),
    ("Persentase rumah tangga miskin", "laporan", False),
]


@pytest.mark.parametrize(("name", "unit", "mismatch"), UNITS)
def test_ra_03_the_satuan_counts_the_noun(name: str, unit: str, mismatch: bool) -> None:
    ind = indicator(name=name, unit=unit, table_type="rencana_aksi")
    found = list(populations.unit_counts_the_noun(document(ind)))
    assert [(f.rule, f.rule_id, f.field, f.reported) for f in found] == (
        [(RuleName.UNIT_MISMATCH, "RA-03", "unit", unit)] if mismatch else [])
