import pytest

from pipeline.validate import predikat
from pipeline.validate.registry import RuleName, Severity
from tests.validate.builders import document, indicator


@pytest.mark.parametrize(("value", "label"), [(50.0, "Sangat Rendah"), (50.01, "Rendah"),
                                              (65.08, "Sedang"), (75.27, "Tinggi"),
                                              (90.0, "Tinggi"), (90.5, "Sangat Tinggi"),
                                              (120.0, "Sangat Tinggi"), (41.33, "Sangat Rendah")])
def test_pred_01_bands_closed_upward(value: float, label: str) -> None:
    assert predikat.band_of(value).label == label


def test_the_literal_reading_differs_only_in_the_gaps() -> None:
    assert predikat.literal_band_of(75.27).label == "Sedang"
    assert predikat.literal_band_of(80.0).label == "Tinggi"


def _e81(average_year: str, label_year: str, average_renstra: str, label_renstra: str):
    average = indicator(("capaian", "year", average_year),
                        ("capaian", "renstra_to_date", average_renstra), level="summary",
                        name="Total Rata-Rata Capaian Kinerja dan Anggaran Seluruh Program (%)")
    labels = indicator(("predikat", "year", label_year),
                       ("predikat", "renstra_to_date", label_renstra), level="summary",
                       name="Predikat Kinerja")
    return average, labels


def test_seed_001_labels_are_right_and_the_gap_gets_an_info_note() -> None:
    average, labels = _e81("65,08%", "Sedang", "75,27%", "Tinggi")
    # both averages fall in gaps: 65,08 between 65 and 66, 75,27 between 75 and 76
    year, renstra = predikat.predikat_labels(document(average, labels))
    assert (renstra.rule, renstra.rule_id, renstra.severity, renstra.field, renstra.reported,
            renstra.expected) == (RuleName.PREDIKAT_MISMATCH, "PRED-02", Severity.INFO,
                                  "predikat/renstra_to_date", "Tinggi", "Tinggi")
    assert renstra.message == ("75,27% lies in a gap of the printed intervals: Tinggi is right "
                               "with the bands closed upward (PRED-01); read literally (Tinggi "
                               "from 76%) it would be Sedang.")
    assert (year.field, year.severity) == ("predikat/year", Severity.INFO)


def test_a_wrong_label_is_an_error_naming_the_band() -> None:
    # seed 001 Kesimpulan: 43% labelled Rendah
    row = indicator(("capaian", "year", "43%"), ("predikat", "year", "Rendah"),
                    table_type="kesimpulan_rkpd", level="program")
    [f] = list(predikat.predikat_labels(document(row)))
    assert (f.rule_id, f.severity, f.expected) == ("PRED-01", Severity.ERROR, "Sangat Rendah")
    assert f.message == ("Predikat printed Rendah for a capaian of 43%, but 43% lies in the "
                         "band R <= 50% = Sangat Rendah (Permendagri 86/2017 scale, PRED-01).")


def test_a_document_with_its_own_scale_is_not_rated_with_permendagri() -> None:
    row = indicator(("capaian", "year", "43%"), ("predikat", "year", "Cukup"),
                    table_type="iku", level="sasaran")
    assert list(predikat.predikat_labels(document(row))) == []


def test_e81_14_predikat_after_polarity_rescoring() -> None:
    program = indicator(("target", "year", "10,00"), ("realisasi", "year", "19,88"),
                        ("capaian", "year", "198,75%"), level="program", code="3.30.04",
                        row_no="40", polarity="negative")
    average, labels = _e81("198,75%", "Sangat Tinggi", "0,00%", "Sangat Rendah")
    [f] = list(predikat.predikat_after_rescoring(document(program, average, labels)))
    assert (f.rule_id, f.field, f.reported, f.expected) == (
        "E81-14", "predikat/year", "Sangat Tinggi", "Sangat Rendah")
