from dataclasses import replace

from pipeline.validate import formulas
from pipeline.validate.registry import RuleName, Severity
from tests.validate.builders import calculation, document, indicator

BMD = "Persentase barang milik daerah yang terpelihara"


def _kk(calc, name=BMD, result="50%"):
    return indicator(("realisasi", "tw2", result), table_type="kertas_kerja", name=name,
                     level="kegiatan", calculation=calc)


def test_kk_01_the_expression_uses_2_where_the_input_says_1() -> None:
    calc = calculation("∑ barang milik daerah yang terpelihara = 1 ∑ barang milik daerah = 4",
                       {"∑ barang milik daerah yang terpelihara": 1.0,
                        "∑ barang milik daerah": 4.0}, "2/4*100", 50.0, "50%")
    [f] = list(formulas.expression_uses_inputs(document(_kk(calc))))
    assert (f.rule, f.rule_id, f.severity, f.field, f.reported, f.expected) == (
        RuleName.FORMULA_MISMATCH, "KK-01", Severity.ERROR, "realisasi/tw2", "2/4*100 = 50%",
        "1/4*100 = 25%")


def test_kk_01_the_retribusi_numerator_differs_from_its_input() -> None:
    # the stored inputs may be empty: the Data Masukan text is read again
    text = ("Realisasi PAD pelayanan pasar s.d Juni 2024 = 1.151.384.000 dari Target PAD "
            "pelayanan pasar Tahun 2024 = 3.129.274.170")
    calc = calculation(text, {}, "1.151.221.600/3.129.274.170 x 100%", 36.788774, "36,79%")
    [f] = list(formulas.expression_uses_inputs(document(_kk(calc, result="36,79%"))))
    assert f.expected == "1.151.384.000/3.129.274.170 x 100% = 36,79%"


def test_kk_01_stated_monthly_results_and_x100_are_not_operands() -> None:
    text = ("∑ Bahan Pokok yang mengalami fluktuasi lebih besar dari 10% bulan April = 15, "
            "∑ Bahan Pokok yang dipantau = 69 ... bulan Mei = 16 ... bulan Juni = 14")
    calc = calculation(text, {}, "15/69*100%=22 16/69*100%=23 14/69*100%=20", 21.73913, "22")
    assert list(formulas.expression_uses_inputs(document(_kk(calc, result="22")))) == []


def test_kk_02_result_against_the_expression_with_missing_x100_accepted() -> None:
    no_x100 = calculation("∑ PKL = 90 ∑ PKL sesuai Lokus Perwali = 726", {}, "90/726",
                          0.123967, "12,40%")
    wrong = calculation("= 3 = 3", {}, "3 / 3 x 100", 100.0, "90%")
    found = list(formulas.expression_gives_result(document(_kk(no_x100), _kk(wrong))))
    assert [(f.rule_id, f.reported, f.expected) for f in found] == [("KK-02", "90%", "100")]


def test_iku_01_a_count_with_a_percentage_formula_and_a_circular_numerator() -> None:
    count = replace(indicator(table_type="iki", name="Jumlah usaha mikro yang difasilitasi"),
                    formula="Jumlah usaha mikro yang difasilitasi dibagi jumlah seluruh usaha "
                            "mikro x 100%")
    circular = replace(indicator(table_type="iki",
                                 name="Prosentase Usaha Mikro yang di bina"),
                       formula="Prosentase Usaha Mikro yang di bina: Seluruh Jumlah Usaha "
                               "Mikro X 100%")
    summed = replace(indicator(table_type="iku", name="Persentase Kontribusi PDRB"),
                     formula="Persentase Kontribusi Sektor Industri + Persentase Kontribusi "
                             "Sektor Perdagangan")
    level = replace(indicator(table_type="iki", name="Prosentase perubahan IHK perbulan"),
                    formula="IHK Tahunan (Rerata IHK bulanan)")
    described = replace(indicator(table_type="iku", name="Persentase OPD yang melaksanakan "
                                                         "SPIP"),
                        formula="Mengukur keberhasilan Inspektorat dalam membina penerapan SPIP")
    found = list(formulas.formula_fits_indicator(
        document(count, circular, summed, level, described)))
    assert [(f.indicator_id, f.rule_id, f.field) for f in found] == [
        (count.indicator_id, "IKU-01", "formula"), (circular.indicator_id, "IKU-01", "formula"),
        (level.indicator_id, "IKU-01", "formula")]


def test_iku_00_a_data_source_in_the_formula_cell_but_not_for_a_score() -> None:
    source = replace(indicator(table_type="iku", name="Presentase Ekspor Non Migas"),
                     formula="Data BPS dan Bank Indonesia")
    score = replace(indicator(table_type="iku", name="Nilai SAKIP PD"),
                    formula="Data Nilai Kinerja Akuntabilitas pada LHE SAKIP")
    [f] = list(formulas.formula_is_a_formula(document(source, score)))
    assert (f.indicator_id, f.rule, f.rule_id) == (source.indicator_id, RuleName.MISSING_VALUE,
                                                   "IKU-00")


def test_iku_00_a_formula_in_words_is_a_formula() -> None:
    # ../shared/real IKU BPMPD Jabar 2016, column "Penjelasan/Formulasi": what is counted, in words
    words = replace(indicator(table_type="iku",
                              name="Persentase Desa yang memiliki Kantor Desa di atas Tanah Kas "
                                   "Desa"),
                    formula="Berdasarkan persentase bangunan kantor diatas tanah kas desa, "
                            "kelengkapan penunjang kantor desa dalam teknologi")
    basis = replace(indicator(table_type="iku", name="Pertumbuhan Sektor Industri"),
                    formula="Berdasarkan Laporan Dinas dan Perhitungan BPS")  # Kaltim IKU
    [f] = list(formulas.formula_is_a_formula(document(words, basis)))
    assert (f.indicator_id, f.rule_id) == (basis.indicator_id, "IKU-00")
