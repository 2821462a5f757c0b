"""OCR-01/02: numbers read by OCR are flagged when unsure or unreadable, never altered."""

from pipeline.validate.facts import DocumentFacts, Indicator, Number
from pipeline.validate.ocr import (detached_sign, leading_zero, letters_in_a_number_cell,
                                   low_confidence, unreadable_number, warned)


def indicator(*numbers: Number) -> Indicator:
    return Indicator("i1", "iku", 1, "1", "sasaran", None, None, "Meningkatnya Produksi",
                     "Persentase Kontribusi PDRB Sektor Unggulan", "%", "positive", None, None,
                     None, 0, 0, numbers=numbers)


def doc(*numbers: Number) -> DocumentFacts:
    return DocumentFacts("d1", "scan/iku.pdf", "iku", None, None, 2024, None,
                         indicators=(indicator(*numbers),))


def test_low_confidence_ocr_number_is_a_parse_error_naming_value_and_page():
    unsure = Number("target", 2024, "year", 49.1, "49,10 %", 1, "ocr", 41.0)
    sure = Number("realisasi", 2023, "year", 0.24, "0,24 %", 1, "ocr", 93.0)
    (finding,) = list(low_confidence(doc(unsure, sure)))
    assert (finding.rule.value, finding.rule_id, finding.field, finding.reported, finding.page) == (
        "parse_error", "OCR-01", "target/year", "49,10 %", 1)
    assert finding.message == (
        'The target year of row 1 "Persentase Kontribusi PDRB Sektor Unggulan" was read from the scan '
        "as 49,10 % with OCR confidence 41% (below 60%): check it on page 1.")


def test_text_layer_numbers_are_never_flagged_by_confidence():
    assert list(low_confidence(doc(Number("target", 2024, "year", 49.1, "49,10 %", 1)))) == []


def test_digits_that_do_not_read_as_a_number_are_flagged_with_the_raw_text():
    garbled = Number("target", 2024, "year", None, "4O,1O %", 1, "ocr", 88.0)
    dash = Number("realisasi", 2023, "year", None, "-", 1, "ocr", 90.0)
    (finding,) = list(unreadable_number(doc(garbled, dash)))
    assert (finding.rule_id, finding.reported) == ("OCR-02", "4O,1O %")


def test_a_quarter_surely_read_empty_is_not_an_unreadable_number():
    # the 300-dpi Rencana Aksi scan: 141 OCR-02 warnings, most of them on "TW1=-", whose only
    # digit is its label's
    empty = Number("target", 2024, "tw1", None, "TW1=-", 1, "ocr", 84.0)
    spaced = Number("target", 2024, "tw3", None, "TW 3 =\n-", 1, "ocr", 77.0)
    unsure = Number("target", 2024, "tw2", None, "TW2=-", 1, "ocr", 35.0)  # a faint "1"?
    lost = Number("target", 2024, "tw4", None, "TW4=", 1, "ocr", 90.0)  # its value lost
    garbled = Number("target", 2024, "tw3", None, "TW3= 3=20", 4, "ocr", 60.0)
    found = list(unreadable_number(doc(empty, spaced, unsure, lost, garbled)))
    assert [f.reported for f in found] == ["TW2=-", "TW4=", "TW3= 3=20"]
    assert not warned("TW1=-", None, 84.0)


def test_a_minus_set_apart_from_its_digits_is_flagged_and_kept():
    # the 300-dpi Monev scan, E.81 realisasi anggaran TW II printed "417.758.004"
    detached = Number("realisasi_anggaran", 2024, "tw2", -417758004.0, "- 417.758.004", 10,
                      "ocr", 87.0)
    attached = Number("realisasi", 2024, "tw2", -5.2, "-5,2", 10, "ocr", 90.0)
    (finding,) = list(detached_sign(doc(detached, attached)))
    assert (finding.rule_id, finding.reported, finding.field) == (
        "OCR-03", "- 417.758.004", "realisasi_anggaran/tw2")
    assert "minus set apart from the digits" in finding.message
    assert warned("- 417.758.004", -417758004.0, 87.0)
    assert not warned("-5,2", -5.2, 90.0)
    assert warned("4O,1O %", None, 88.0) and warned("49,10 %", 49.1, 41.0)


def test_a_number_cell_read_as_a_few_letters_is_flagged():
    # the 200-dpi Monev scan: "0,00" read "om" (confidence 80), "11" read "u", "50%" read "%",
    # "7.416.613.829" read "TAMA" (confidence 23)
    om = Number("realisasi", 2024, "year", None, "om", 7, "ocr", 80.0)
    u = Number("realisasi", 2024, "tw2", None, "u", 4, "ocr", 82.0)
    pct = Number("realisasi", 2024, "tw2", None, "%", 4, "ocr", 35.0)
    tama = Number("anggaran", 2024, "renstra_end", None, "TAMA", 7, "ocr", 23.0)
    # words a number cell prints, read surely, and empty markers are not
    words = [Number("target", 2024, "year", None, t, 2, "ocr", 92.0)
             for t in ("WTP", "BB", "Baik", "-", "")]
    found = list(letters_in_a_number_cell(doc(om, u, pct, tama, *words)))
    assert [(f.rule_id, f.reported) for f in found] == [
        ("OCR-04", "om"), ("OCR-04", "u"), ("OCR-04", "%"), ("OCR-04", "TAMA")]
    assert found[0].message == (
        'The realisasi year of row 1 "Persentase Kontribusi PDRB Sektor Unggulan" was read from '
        'the scan as "om" where a number is expected; no value is stored: read it on page 7.')


def test_a_number_read_with_a_leading_zero_is_flagged():
    # the 200-dpi Monev scan: "65,00" read "00" at confidence 69
    zeros = Number("realisasi", 2024, "year", 0.0, "00", 7, "ocr", 69.0)
    fine = [Number("realisasi", 2024, "tw1", v, t, 7, "ocr", 90.0)
            for v, t in ((0.0, "0,00"), (0.5, "0,50"), (0.0, "0"))]
    assert [(f.rule_id, f.reported) for f in leading_zero(doc(zeros, *fine))] == [
        ("OCR-05", "00")]
    assert warned("00", 0.0, 69.0) and not warned("0,50", 0.5, 90.0)
