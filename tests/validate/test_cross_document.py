import pytest

from pipeline.validate import cross_document
from pipeline.validate.registry import RuleName
from tests.validate.warehouse_rows import add_document, add_indicator, fresh

IKU, MONEV = "i" * 64, "m" * 64


@pytest.fixture
def con():
    con = fresh()
    add_document(con, IKU, "iku.pdf", "iku")
    add_document(con, MONEV, "monev.pdf", "e81")
    add_document(con, "x" * 64, "other.pdf", "iku", organization="Dinas Koperasi")
    yield con
    con.close()


def _findings(check, con, ids=(IKU, MONEV)):
    return [(f.indicator_id, f.rule_id, f.field, f.reported, f.expected)
            for f in check(con, list(ids))]


def test_xdoc_01_iku_target_and_last_years_realisation_against_the_e81(con) -> None:
    # seed 000 iku/4 against seed 001 E.81 row 3 (Nilai SAKIP PD): 73 vs 72,00; 72,36 vs 92,87
    iku = add_indicator(con, IKU, "iku", ("target", "year", "73"),
                        ("realisasi", "year", "72,36", 2023), name="Nilai SAKIP PD",
                        level="sasaran", unit="nilai")
    add_indicator(con, MONEV, "e81", ("target", "year", "72,00"),
                  ("realisasi", "renstra_to_prev", "92,87", 2023), name="Nilai SAKIP PD",
                  level="sasaran", unit="nilai")
    same = add_indicator(con, IKU, "iku", ("target", "year", "49,10 %"),
                         name="Persentase Kontribusi PDRB Sektor Unggulan", level="tujuan")
    add_indicator(con, MONEV, "e81", ("target", "year", "49,10"),
                  name="Persentase Kontribusi PDRB Sektor Unggulan", level="sasaran")
    assert sorted(_findings(cross_document.plan_against_e81, con)) == [
        (iku, "XDOC-01", "realisasi/year", "72,36", "92,87"),
        (iku, "XDOC-01", "target/year", "73", "72,00"),
    ]
    assert same  # equal within printed precision: no finding


def test_an_organisation_of_another_name_is_not_compared(con) -> None:
    add_indicator(con, "x" * 64, "iku", ("target", "year", "5"), name="Nilai SAKIP PD")
    add_indicator(con, MONEV, "e81", ("target", "year", "72,00"), name="Nilai SAKIP PD")
    assert _findings(cross_document.plan_against_e81, con, ["x" * 64, MONEV]) == []


def test_kk_03_kertas_kerja_result_against_the_e81_quarter(con) -> None:
    name = "Persentase harga pangan yang mengalami fluktuasi harga lebih besar 10%"
    kk = add_indicator(con, MONEV, "kertas_kerja", ("realisasi", "tw2", "22"), name=name,
                       level="kegiatan")
    add_indicator(con, MONEV, "e81", ("realisasi", "tw2", "21,33"), name=name, level="kegiatan",
                  code="3.30.04.2.02")
    agree = add_indicator(con, MONEV, "kertas_kerja", ("realisasi", "tw2", "92%"),
                          name="Persentase kebutuhan penunjang pemerintahan", level="program")
    add_indicator(con, MONEV, "e81", ("realisasi", "tw2", "92,00"),
                  name="Persentase Kebutuhan Penunjang Pemerintahan", level="program")
    assert _findings(cross_document.kertas_kerja_against_e81, con) == [
        (kk, "KK-03", "realisasi/tw2", "22", "21,33")]
    assert agree


def test_kk_03_a_previous_year_input_against_column_6(con) -> None:
    kk = add_indicator(con, MONEV, "kertas_kerja", ("realisasi", "tw2", "77,2"),
                       name="Nilai SAKIP SKPD", level="sasaran", unit="nilai",
                       inputs={"Nilai SAKIP Disperindag Tahun 2023": 77.2})
    add_indicator(con, MONEV, "e81", ("realisasi", "renstra_to_prev", "92,87", 2023),
                  name="Nilai SAKIP PD", level="sasaran", unit="nilai")
    assert _findings(cross_document.kertas_kerja_against_e81, con) == [
        (kk, "KK-03", "realisasi/tw2", "77,2", "blank"),
        (kk, "XDOC-01", "realisasi/renstra_to_prev", "Nilai SAKIP Disperindag Tahun 2023 = 77,2",
         "92,87")]


def test_xdoc_02_recap_capaian_against_the_e81_program_row(con) -> None:
    recap = add_indicator(con, MONEV, "capaian_program", ("capaian", "year", "1%"),
                          row_name="PROGRAM STABILISASI HARGA BARANG KEBUTUHAN POKOK")
    add_indicator(con, MONEV, "e81", ("target", "year", "10,00"), ("realisasi", "year", "19,88"),
                  ("capaian", "year", "198,75%"),
                  row_name="Program Stabilisasi Harga Barang Kebutuhan Pokok",
                  code="3.30.04", polarity="negative")
    [f] = cross_document.recap_against_e81(con, [MONEV])
    assert (f.indicator_id, f.rule, f.rule_id, f.reported, f.expected) == (
        recap, RuleName.CROSS_DOCUMENT_MISMATCH, "XDOC-02", "1%", "198,75%")
    assert f.message.endswith("the recap's value is the lower-is-better formula (2 x 10,00 - "
                              "19,88) / 10,00 x 100 and the E.81's the higher-is-better one.")


def test_kes_01_a_merged_kesimpulan_average_against_the_e81_programs(con) -> None:
    head = add_indicator(con, MONEV, "kesimpulan_rkpd", ("capaian", "year", "43%"),
                         ("capaian_anggaran", "year", "36%"), row_name="Program Penunjang")
    add_indicator(con, MONEV, "kesimpulan_rkpd", row_name="Program Stabilisasi Harga")
    add_indicator(con, MONEV, "e81", ("capaian", "year", "93,88%"),
                  ("capaian_anggaran", "year", "50,23%"), row_name="PROGRAM PENUNJANG",
                  code="3.30.01")
    add_indicator(con, MONEV, "e81", ("capaian", "year", "198,75%"),
                  ("capaian_anggaran", "year", "21,77%"), row_name="PROGRAM STABILISASI HARGA",
                  code="3.30.04")
    # K: (93,88 + 198,75) / 2 = 146,32 vs 43; Rp: (50,23 + 21,77) / 2 = 36,00 agrees
    assert _findings(cross_document.kesimpulan_against_e81, con, [MONEV]) == [
        (head, "KES-01", "capaian/year", "43%", "146,32%")]
