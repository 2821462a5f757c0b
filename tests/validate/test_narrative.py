"""KES-03 and REC-02 over seed 001's printed sentences (the Monev bundle)."""

from pipeline.validate import narrative
from pipeline.validate.registry import RuleName, Severity
from tests.validate.builders import document, indicator, said

PEDAGANG = "Para pedagang yang tidak kooperatif saat ditanyai harga setiap hari."
SDM = "SDM yang kompeten, standar pengujian yang lengkap, dan sarana prasarana pendukung lainnya."
FOOTER = (said("e81_faktor_pendorong", SDM),
          said("e81_faktor_penghambat", PEDAGANG),
          said("e81_faktor_penghambat", "Kurangnya kesadaran pemilik UTTP untuk menerakan "
                                        "alatnya."))


def _kesimpulan(*statements):
    return indicator(table_type="kesimpulan_rkpd", level="program", row_no="1",
                     row_name="Program Stabilisasi Harga Barang Kebutuhan Pokok",
                     statements=statements)


def test_kes_03_a_hindrance_listed_as_a_supporting_factor() -> None:
    row = _kesimpulan(said("faktor_pendukung", PEDAGANG, 13))
    [f] = list(narrative.kesimpulan_factors_as_in_e81(document(row, statements=FOOTER)))
    assert (f.rule, f.rule_id, f.severity, f.field, f.reported, f.page) == (
        RuleName.CROSS_DOCUMENT_MISMATCH, "KES-03", Severity.WARNING, "faktor_pendukung",
        PEDAGANG, 13)
    assert 'under "Faktor Penghambat Pencapaian Kinerja"' in f.message


def test_kes_03_factors_shifted_one_column_right_are_named() -> None:
    row = _kesimpulan(said("faktor_pendukung", "Kurangnya kesadaran pemilik UTTP untuk "
                                               "menerakan alatnya.", 13),
                      said("keterangan", SDM, 13))
    [f] = list(narrative.kesimpulan_factors_as_in_e81(document(row, statements=FOOTER)))
    assert f.message.endswith("stands in its Keterangan: the factors are shifted one column "
                              "right.")


def test_kes_03_factors_in_their_own_columns_are_no_finding() -> None:
    # the repaired twin: the hindrance under Faktor Penghambat, the driver under Pendukung
    row = _kesimpulan(said("faktor_penghambat", PEDAGANG, 13), said("faktor_pendukung", SDM, 13),
                      said("keterangan", "-Pelaksanaan DAK non fisik 2024 baru mulai", 13))
    assert list(narrative.kesimpulan_factors_as_in_e81(document(row, statements=FOOTER))) == []


BUDGET = ("anggaran sebesar Rp.17.472.215.166,- dan sampai dengan Tribulan II tahun 2024, "
          "realisasi keuangan telah mencapai Rp.7.738.464.127,-")


def _recap(result: str, serapan=("50%", "26%", "43%", "78%", "0%", "19%")):
    first = indicator(("capaian_anggaran", "year", serapan[0]), table_type="capaian_program",
                      level="program", row_no="1",
                      statements=(said("stated_budget", BUDGET, 14),
                                  said("stated_result", result, 14)))
    rest = [indicator(("capaian_anggaran", "year", s), table_type="capaian_program",
                      level="program") for s in serapan[1:]]
    return [first, *rest]


def test_rec_02_the_percentage_is_the_mean_of_the_recap_not_the_stated_ratio() -> None:
    rows = _recap("kinerja outcome sebesar 43% dengan realisasi keuangan sebesar 36%")
    [f] = list(narrative.stated_serapan(document(*rows)))
    assert (f.rule, f.rule_id, f.severity, f.indicator_id, f.field, f.reported, f.expected) == (
        RuleName.TOTAL_MISMATCH, "REC-02", Severity.WARNING, rows[0].indicator_id,
        "capaian_anggaran/year", "36%", "44,29%")
    assert ("7.738.464.127 / 17.472.215.166 x 100 = 44,29%" in f.message
            and "(50 + 26 + 43 + 78 + 0 + 19) / 6 = 36,00%" in f.message)


def test_rec_02_a_percentage_that_is_neither_is_an_error() -> None:
    [f] = list(narrative.stated_serapan(document(*_recap("realisasi keuangan sebesar 52%"))))
    assert (f.severity, f.reported) == (Severity.ERROR, "52%")


def test_rec_02_the_ratio_of_the_stated_amounts_is_no_finding() -> None:
    # seed 001 Perindustrian: 551.797.512 / 2.585.049.200 = 21,35%, printed 21%; and the twin
    assert list(narrative.stated_serapan(document(
        *_recap("realisasi keuangan sebesar 44%")))) == []
