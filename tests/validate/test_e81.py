from pipeline.validate import capaian, e81, e81_summary
from pipeline.validate.registry import RuleName, Severity
from tests.validate.builders import document, indicator


def one(check, *inds):
    return list(check(document(*inds)))


def test_e81_04_a_capped_renstra_budget_capaian_is_an_error_with_the_real_value() -> None:
    # seed 001 row 7: 8.064.180.456 / 84.613.200 x 100 printed 100,00%
    row = indicator(("anggaran", "renstra_end", "84.613.200"),
                    ("realisasi_anggaran", "renstra_to_date", "8.064.180.456"),
                    ("capaian_anggaran", "renstra_to_date", "100,00%"), row_no="7",
                    name="Persentase Dokumen Perencanaan", level="kegiatan", code="3.30.01.2.01")
    [f] = one(e81.budget_capaian, row)
    assert (f.rule, f.rule_id, f.field, f.reported, f.expected) == (
        RuleName.CAPAIAN_MISMATCH, "E81-04", "capaian_anggaran/renstra_to_date", "100,00%",
        "9.530,64%")
    assert f.message.startswith(
        'Column 15 Rp = 14 Rp / 5 Rp x 100 of row 7 "Persentase Dokumen Perencanaan" = '
        "8.064.180.456 / 84.613.200 x 100 = 9.530,64%; the form prints 100,00% (capped")


def test_e81_16_an_empty_renstra_budget_makes_the_capaian_undefined() -> None:
    # row 47: 5 Rp blank, 14 Rp 792.298.094, printed 0,00%
    row = indicator(("realisasi_anggaran", "renstra_to_date", "792.298.094"),
                    ("capaian_anggaran", "renstra_to_date", "0,00%"), row_no="47")
    [f] = one(e81.budget_capaian, row)
    assert (f.rule, f.rule_id, f.severity, f.expected) == (
        RuleName.MISSING_VALUE, "E81-16", Severity.WARNING, None)


def test_e81_02_a_consistent_year_budget_capaian_is_no_finding() -> None:
    # row 6: 4.565.996.333 / 9.090.736.328 = 50,227 printed 50,23%
    row = indicator(("anggaran", "year", "9.090.736.328"),
                    ("realisasi_anggaran", "year", "4.565.996.333"),
                    ("capaian_anggaran", "year", "50,23%"))
    assert one(e81.budget_capaian, row) == []


def test_e81_07_the_mean_of_6_and_12_is_flagged_with_the_latest_value() -> None:
    # row 12 (Orang/Bulan, a level): 6 K 100,00, 12 K 65,00, 14 K printed 82,50
    row = indicator(("realisasi", "renstra_to_prev", "100,00"), ("realisasi", "year", "65,00"),
                    ("realisasi", "renstra_to_date", "82,50"), unit="orang/bulan", row_no="12",
                    name="Jumlah Orang yang Menerima Gaji")
    [f] = one(e81.renstra_to_date_performance, row)
    assert (f.rule, f.rule_id, f.reported, f.expected) == (
        RuleName.TOTAL_MISMATCH, "E81-07", "82,50", "65,00")
    assert "the mean of 6 K and 12 K" in f.message


def test_e81_07_a_flow_count_summed_or_a_level_kept_is_no_finding() -> None:
    flow = indicator(("realisasi", "renstra_to_prev", "10,00"), ("realisasi", "year", "86,00"),
                     ("realisasi", "renstra_to_date", "96,00"), unit="peserta",
                     name="Jumlah pedagang/produsen")
    level = indicator(("realisasi", "renstra_to_prev", "80,00"), ("realisasi", "year", "36,79"),
                      ("realisasi", "renstra_to_date", "36,79"), unit="%")
    assert one(e81.renstra_to_date_performance, flow, level) == []


def _kegiatan_34():
    parent = indicator(("realisasi_anggaran", "renstra_to_prev", "28.963.600"),
                       ("realisasi_anggaran", "renstra_to_date", "1.177.167.208"),
                       ("anggaran", "year", "2.426.469.138"),
                       level="kegiatan", code="3.30.03.2.01", row_no="34")
    first = indicator(("realisasi_anggaran", "renstra_to_prev", "28.963.600"),
                      ("realisasi_anggaran", "renstra_to_date", "687.841.375"),
                      ("anggaran", "year", "719.779.338"),
                      code="3.30.03.2.01.0001", row_no="35")
    second = indicator(("realisasi_anggaran", "renstra_to_prev", "4.455.780.761"),
                       ("realisasi_anggaran", "renstra_to_date", "4.945.106.594"),
                       ("anggaran", "year", "1.706.689.800"),
                       code="3.30.03.2.01.0002", row_no="36")
    return parent, first, second


def test_e81_11_a_kegiatan_must_equal_the_sum_of_its_sub_kegiatan() -> None:
    parent, first, second = _kegiatan_34()
    found = one(e81.hierarchy_sums, parent, first, second)
    assert [(f.indicator_id, f.field, f.reported, f.expected) for f in found] == [
        (parent.indicator_id, "realisasi_anggaran/renstra_to_prev", "28.963.600",
         "4.484.744.361"),
        (parent.indicator_id, "realisasi_anggaran/renstra_to_date", "1.177.167.208",
         "5.632.947.969"),
    ]  # 7 Rp adds up: 719.779.338 + 1.706.689.800 = 2.426.469.138
    assert found[0].message == (
        '6 Rp of kegiatan 3.30.03.2.01 (row 34 "(no name)") printed 28.963.600 but the sum '
        "over its sub kegiatan is 28.963.600 (row 35) + 4.455.780.761 (row 36) = "
        "4.484.744.361.")


def test_e81_11_a_blank_parent_over_spending_children_is_flagged() -> None:
    parent = indicator(level="program", code="3.30.02", row_no="30")
    child = indicator(("realisasi_anggaran", "renstra_to_prev", "30.606.000"),
                      level="kegiatan", code="3.30.02.2.06", row_no="31")
    [f] = one(e81.hierarchy_sums, parent, child)
    assert (f.reported, f.expected) == ("", "30.606.000")


def _programs():
    first = indicator(("anggaran", "year", "9.090.736.328"),
                      ("realisasi_anggaran", "year", "4.565.996.333"),
                      ("target", "year", "98,00"), ("realisasi", "year", "92,00"),
                      ("capaian", "year", "93,88%"), ("capaian_anggaran", "year", "50,23%"),
                      level="program", code="3.30.01", row_no="6")
    fluktuasi = indicator(("anggaran", "year", "560.531.800"),
                          ("realisasi_anggaran", "year", "439.153.219"),
                          ("target", "year", "10,00"), ("realisasi", "year", "19,88"),
                          ("capaian", "year", "198,75%"), ("capaian_anggaran", "year", "78,35%"),
                          level="program", code="3.30.04", row_no="40", polarity="negative",
                          name="Rata - rata Persentase Fluktuasi Harga Bahan Pangan Pokok")
    return first, fluktuasi


def test_e81_12_the_jumlah_row_sums_program_rows_only() -> None:
    first, fluktuasi = _programs()
    kegiatan = indicator(("anggaran", "year", "29.913.800"), level="kegiatan",
                         code="3.30.01.2.01")
    good = indicator(("anggaran", "year", "9.651.268.128"), level="summary",
                     name="Jumlah Anggaran dan Realisasi dari Seluruh Program")
    assert one(e81_summary.jumlah_row, first, fluktuasi, kegiatan, good) == []
    bad = indicator(("anggaran", "year", "9.681.181.928"), level="summary",
                    name="Jumlah Anggaran dan Realisasi dari Seluruh Program")
    [f] = one(e81_summary.jumlah_row, first, fluktuasi, kegiatan, bad)
    assert (f.rule_id, f.expected) == ("E81-12", "9.651.268.128")


def test_e81_13_averages_mean_for_k_aggregate_for_rp_and_polarity_rescored() -> None:
    first, fluktuasi = _programs()
    # K: (93,88 + 198,75) / 2 = 146,315; Rp: the aggregate 5.005.149.552 / 9.651.268.128 =
    # 51,86% (the mean of 50,23 and 78,35 would be 64,29)
    average = indicator(("capaian", "year", "146,32%"), ("capaian_anggaran", "year", "51,86%"),
                        level="summary", name="Total Rata-Rata Capaian Kinerja")
    found = one(e81_summary.average_rows, first, fluktuasi, average)
    assert [(f.rule, f.rule_id, f.severity, f.field, f.expected) for f in found] == [
        (RuleName.TOTAL_MISMATCH, "E81-13", Severity.INFO, "capaian_anggaran/year", "51,86%"),
        (RuleName.CAPAIAN_MISMATCH, "POL-01", Severity.ERROR, "capaian/year", "47,54%"),
    ]  # POL-01: row 40 rescored (20 - 19,88) / 10 x 100 = 1,20 -> (93,88 + 1,20) / 2
    assert "row 40 198,75% -> 1,20%" in found[1].message


def test_e81_01_and_03_budget_quarters_and_renstra_to_date() -> None:
    ok = indicator(("realisasi_anggaran", "tw1", "1.670.390.519"),
                   ("realisasi_anggaran", "tw2", "2.895.605.814"),
                   ("realisasi_anggaran", "year", "4.565.996.333"),
                   ("realisasi_anggaran", "renstra_to_date", "4.565.996.333"))
    bad = indicator(("realisasi_anggaran", "tw1", "1.670.390.519"),
                    ("realisasi_anggaran", "year", "4.565.996.333"),
                    ("realisasi_anggaran", "renstra_to_prev", "1.000"),
                    ("realisasi_anggaran", "renstra_to_date", "4.565.996.333"))
    [q] = one(e81.budget_year_from_quarters, ok, bad)
    [t] = one(e81.budget_renstra_to_date, ok, bad)
    assert (q.indicator_id, q.rule_id, q.expected) == (bad.indicator_id, "E81-01",
                                                       "1.670.390.519")
    assert (t.indicator_id, t.rule_id, t.expected) == (bad.indicator_id, "E81-03",
                                                       "4.565.997.333")


def test_e81_05_year_realisation_from_quarters_by_any_accumulation() -> None:
    mean = indicator(("realisasi", "tw1", "19,06"), ("realisasi", "tw2", "20,69"),
                     ("realisasi", "year", "19,88"))
    flow = indicator(("realisasi", "tw1", "161,00"), ("realisasi", "tw2", "103,00"),
                     ("realisasi", "year", "264,00"))
    none = indicator(("realisasi", "tw1", "1,00"), ("realisasi", "tw2", "2,00"),
                     ("realisasi", "year", "7,00"))
    [f] = one(e81.year_from_quarters, mean, flow, none)
    assert (f.indicator_id, f.severity) == (none.indicator_id, Severity.WARNING)


def test_e81_07_half_of_a_lone_6_k_names_the_blank_12_k() -> None:
    # row 5: 6 K 72,36, 12 K blank, 14 K printed 36,18
    row = indicator(("realisasi", "renstra_to_prev", "72,36"),
                    ("realisasi", "renstra_to_date", "36,18"), unit="%", row_no="5",
                    name="Persentase Kontribusi PDRB Sektor Unggulan", level="sasaran")
    [f] = one(e81.renstra_to_date_performance, row)
    assert (f.reported, f.expected) == ("36,18", "72,36")
    assert f.message == (
        'Column 14 K (\'14 = 6 + 12\') of row 5 "Persentase Kontribusi PDRB Sektor Unggulan" '
        "printed 36,18 but 6 K + 12 K = 72,36 + blank = 72,36, and for this non-cumulative "
        "indicator (%) the latest known value is 72,36 (6 K); the printed value is half of it "
        "(a mean with a blank 12 K).")


# ../shared/real Rekapitulasi Renja BPMPD (Permendagri 54/2010, Tabel I): column 5 realised to
# 2012, columns 6-8 the Renja of 2013, column 9 the Renja target of 2014, "10 = (5+7+9)"
def _bpmpd(to_date: str, capaian_2013: str = "84,93") -> object:
    return indicator(("target", "renstra_end", "500.000.000,00", 2015),
                     ("realisasi", "renstra_to_prev", "150.000.000,00", 2012),
                     ("target", "year", "300.000.000,00", 2013),
                     ("realisasi", "year", "254.800.272,00", 2013),
                     ("capaian", "year", capaian_2013, 2013),
                     ("target", "year", "350.000.000,00", 2014),
                     ("realisasi", "renstra_to_date", to_date, 2014),
                     name="Bimbingan Teknis Kewirausahaan, Monitoring, dan Evaluasi", unit=None)


def test_e81_07_the_54_2010_table_adds_the_target_of_the_running_year() -> None:
    assert one(e81.renstra_to_date_performance, _bpmpd("754.800.272,00")) == []


def test_e81_07_a_54_2010_sum_that_differs_names_its_own_columns() -> None:
    [f] = one(e81.renstra_to_date_performance, _bpmpd("704.800.272,00"))
    assert (f.rule_id, f.field, f.reported) == ("E81-07", "realisasi/renstra_to_date",
                                                 "704.800.272,00")
    assert f.message.startswith(
        "Column 10 ('10 = 5 + 7 + 9') of \"Bimbingan Teknis Kewirausahaan, Monitoring, dan "
        "Evaluasi\" printed 704.800.272,00 but 5 + 7 + 9 = 150.000.000,00 + 254.800.272,00 + "
        "350.000.000,00 = 754.800.272,00")


def test_e81_06_takes_the_target_of_the_capaians_year() -> None:
    # 8 = 7/6 of 2013: 254.800.272 / 300.000.000 = 84,93%, not / 350.000.000 (the 2014 target)
    assert list(capaian.capaian_with_polarity(document(_bpmpd("754.800.272,00")))) == []
    [f] = list(capaian.capaian_with_polarity(document(_bpmpd("754.800.272,00", "72,80"))))
    assert (f.rule_id, f.expected) == ("E81-06", "84,93%")
