from pipeline.validate import plausibility
from pipeline.validate.capaian import capaian_with_polarity
from pipeline.validate.registry import RuleName, Severity
from tests.validate.builders import document, indicator

FLUKTUASI = "Rata - rata Persentase Fluktuasi Harga Bahan Pangan Pokok"


def run(*inds):
    return list(capaian_with_polarity(document(*inds)))


def test_negative_polarity_scored_with_the_positive_formula_is_an_error() -> None:
    # seed 001 E.81 row 40: target 10,00, realisasi 19,88, printed 198,75%
    row = indicator(("target", "year", "10,00"), ("realisasi", "year", "19,88"),
                    ("capaian", "year", "198,75%"), name=FLUKTUASI, unit="%",
                    polarity="negative", row_no="40", level="program", code="3.30.04")
    [f] = run(row)
    assert (f.rule, f.rule_id, f.severity, f.field, f.reported, f.expected) == (
        RuleName.CAPAIAN_MISMATCH, "POL-01", Severity.ERROR, "capaian/year", "198,75%",
        "1,20%")
    assert f.message == (
        f'Capaian 2024 of row 40 "{FLUKTUASI}" printed 198,75% but with lower-is-better '
        "polarity (POL-01) (2 x 10,00 - 19,88) / 10,00 x 100 = 1,20%; the printed value is "
        "the higher-is-better formula 19,88 / 10,00 x 100.")


def test_a_negative_capaian_is_floored_at_zero_and_the_raw_value_shown() -> None:
    # row 40 col 15: 23,34 against the Renstra target 10,00, printed 233,38%
    row = indicator(("target", "renstra_end", "10,00"), ("realisasi", "renstra_to_date", "23,34"),
                    ("capaian", "renstra_to_date", "233,38%"), name=FLUKTUASI, unit="%",
                    polarity="negative", row_no="40")
    [f] = run(row)
    assert (f.field, f.expected) == ("capaian/renstra_to_date", "0,00%")
    assert "= -33,40%, floored at 0,00%" in f.message


def test_rounding_within_printed_precision_is_no_finding() -> None:
    # row 43 col 15: 10,30 / 4,00 x 100 = 257,50 printed 257,46%
    row = indicator(("target", "renstra_end", "4,00"), ("realisasi", "renstra_to_date", "10,30"),
                    ("capaian", "renstra_to_date", "257,46%"), unit="laporan", row_no="43")
    assert run(row) == []


def test_the_accepted_alternative_for_negative_indicators_is_info() -> None:
    # target / realisasi x 100 = 10 / 19,88 x 100 = 50,30%
    row = indicator(("target", "year", "10,00"), ("realisasi", "year", "19,88"),
                    ("capaian", "year", "50,30%"), name=FLUKTUASI, polarity="negative")
    [f] = run(row)
    assert (f.severity, f.rule_id, f.expected) == (Severity.INFO, "POL-01", "50,30%")
    assert "accepted alternative" in f.message


def test_a_plain_arithmetic_error_on_an_e81_row_names_the_column_rule() -> None:
    row = indicator(("target", "year", "8,00"), ("realisasi", "year", "1,00"),
                    ("capaian", "year", "25,00%"), unit="dokumen", row_no="8")
    [f] = run(row)
    assert (f.rule_id, f.expected) == ("E81-06", "12,50%")


def test_target_zero_on_a_negative_indicator_gives_100_at_realisasi_zero() -> None:
    ok = indicator(("target", "year", "0"), ("realisasi", "year", "0"),
                   ("capaian", "year", "100%"), name="Jumlah kasus", polarity="negative")
    wrong = indicator(("target", "year", "0"), ("realisasi", "year", "3"),
                      ("capaian", "year", "100%"), name="Jumlah kasus", polarity="negative")
    [f] = run(ok, wrong)
    assert (f.indicator_id, f.expected) == (wrong.indicator_id, "0%")


def test_missing_realisasi_or_target_is_not_recomputed() -> None:
    row = indicator(("target", "year", "49,10"), ("capaian", "year", "0,00%"), unit="%")
    assert run(row) == []


# ../shared/real LKIP DKP Jawa Barat 2016, Lampiran III: the Satuan is % (growth of production),
# the realisation columns print tonnes, and "Pencapaian" is the growth 2015 -> 2016
def _dkp(realisasi: str, capaian: str) -> object:
    return indicator(("realisasi", "year", realisasi, 2016), ("target", "year", "5.00", 2016),
                     ("capaian", "year", capaian, 2016), table_type="iku", unit="%",
                     name="Prosentase Peningkatan Produksi Perikanan")


def test_realisasi_printed_in_another_unit_than_the_satuan_is_not_divided_by_the_target(
) -> None:
    row = _dkp("1,089,732.21 ton", "1.12")
    assert list(capaian_with_polarity(document(row))) == []
    assert list(plausibility.capaian_range(document(_dkp("769,073.87 ton", "(99.85)")))) == []


def test_realisasi_in_the_satuan_is_still_checked() -> None:
    [f] = list(capaian_with_polarity(document(_dkp("4.50", "1.12"))))
    assert (f.rule_id, f.expected) == ("POL-01", "90,00%")


def test_the_unit_of_the_other_years_realisation_tells_the_columns_unit() -> None:
    # the same table: "Prosentase Kontribusi Benih Ikan Mas", 2015 printed with "ekor", 2016 bare
    row = indicator(("realisasi", "year", "14,744,969,270 ekor", 2015),
                    ("realisasi", "year", "9,490,502,720", 2016), ("target", "year", "50.00", 2016),
                    ("capaian", "year", "302.97", 2016), table_type="iku", unit="%",
                    name="Prosentase Kontribusi Benih Ikan Mas")
    assert list(capaian_with_polarity(document(row))) == []
    assert list(plausibility.capaian_range(document(row))) == []
