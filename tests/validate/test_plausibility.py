from pipeline.validate import plausibility
from pipeline.validate.registry import RuleName, Severity
from tests.validate.builders import document, indicator

ROW_8 = "Jumlah dokumen perencanaan perangkat daerah"


def _row_8():
    return indicator(("target", "renstra_end", "4,00"), ("realisasi", "renstra_to_prev", "91,50"),
                     ("target", "year", "8,00"), ("realisasi", "year", "1,00"),
                     ("realisasi", "renstra_to_date", "92,50"),
                     ("capaian", "renstra_to_date", "2312,50%"), unit="dokumen", row_no="8",
                     name=ROW_8, code="3.30.01.2.01.0001")


def test_e81_09_a_fractional_count_in_a_source_cell_only() -> None:
    [f] = list(plausibility.counts_and_shares(document(_row_8())))
    assert (f.rule, f.rule_id, f.severity, f.field, f.reported) == (
        RuleName.IMPLAUSIBLE_VALUE, "E81-09", Severity.WARNING, "realisasi/renstra_to_prev",
        "91,50")  # 14 K 92,50 carries it and is not reported again


def test_e81_09_a_share_above_100() -> None:
    row = indicator(("realisasi", "renstra_to_prev", "2.080,00"), unit="%",
                    name="Persentase IKM Berkembang")
    growth = indicator(("realisasi", "renstra_to_prev", "120,00"), unit="%",
                       name="Persentase Peningkatan Omset")
    [f] = list(plausibility.counts_and_shares(document(row, growth)))
    assert (f.indicator_id, f.reported) == (row.indicator_id, "2.080,00")


def test_e81_09_the_2312_percent_renstra_capaian_of_row_8() -> None:
    [f] = list(plausibility.capaian_range(document(_row_8())))
    assert (f.rule, f.field, f.reported) == (RuleName.IMPLAUSIBLE_CAPAIAN,
                                             "capaian/renstra_to_date", "2312,50%")
    assert f.message == (
        f'Capaian Renstra 2024 of row 8 "{ROW_8}" printed 2312,50% = realisasi 92,50 / '
        "target 4,00 x 100 = 2.312,50%, above 200%, is not plausible for a count of "
        "documents (column 6 K 91,50 already exceeds the Renstra target 4,00).")


def test_e81_15_a_yearly_target_above_the_renstra_target() -> None:
    [f] = list(plausibility.yearly_target_within_renstra(document(_row_8())))
    assert (f.rule_id, f.field, f.reported) == ("E81-15", "target/year", "8,00")


def test_code_01_a_two_digit_sub_kegiatan_suffix() -> None:
    bad = indicator(code="3.30.05.2.01.05")
    good = indicator(code="3.30.05.2.01.0002")
    older_scheme = indicator(code="1 01 01 01")  # Permendagri 13/2006: kept as printed
    [f] = list(plausibility.kode_rekening_pattern(document(bad, good, older_scheme)))
    assert (f.rule, f.reported, f.expected) == (RuleName.INVALID_CODE, "3.30.05.2.01.05",
                                                "3.30.05.2.01.0005")


def test_num_02_a_lone_dot_decimal_in_an_indonesian_document() -> None:
    row = indicator(("target", "tw4", "TW 4 = 54.54"), ("target", "tw2", "TW 2 = 54,54"),
                    table_type="rencana_aksi")
    other = indicator(("target", "tw1", "TW 1 = 9,68"), table_type="rencana_aksi")
    [f] = list(plausibility.lone_dot_decimals(document(row, other)))
    assert (f.rule, f.field, f.expected) == (RuleName.PARSE_ERROR, "target/tw4", "54,54")


def test_num_02_an_english_format_document_is_not_flagged() -> None:
    # a real LKIP (Jawa Barat 2016) writes every decimal with a dot: 81.23, 92.72
    rows = [indicator(("capaian", "year", text)) for text in ("81.23", "92.72", "90,14")]
    assert list(plausibility.lone_dot_decimals(document(*rows))) == []


def test_unit_01_a_scale_word_far_above_its_sibling() -> None:
    koperasi = indicator(("target", "year", "1.118 Triliun"), unit="rupiah",
                         name="Nilai Omset Koperasi", table_type="iku")
    ukm = indicator(("target", "year", "54 Triliun"), unit="rupiah", name="Nilai Omset UKM",
                    table_type="iku")
    [f] = list(plausibility.magnitude_against_siblings(document(koperasi, ukm)))
    assert (f.indicator_id, f.rule_id, f.field) == (koperasi.indicator_id, "UNIT-01",
                                                    "target/year")
    assert "21 times" in f.message


def test_unit_01_a_clean_number_above_its_sibling_is_another_quantity() -> None:
    # the repaired twin of 002: cooperative turnover 1.118 Miliar beside UKM turnover 54 Triliun
    koperasi = indicator(("target", "year", "1.118 Miliar"), unit="rupiah",
                         name="Nilai Omset Koperasi", table_type="iku")
    ukm = indicator(("target", "year", "54 Triliun"), unit="rupiah", name="Nilai Omset UKM",
                    table_type="iku")
    assert list(plausibility.magnitude_against_siblings(document(koperasi, ukm))) == []


def test_num_05_separators_of_no_format_are_read_and_flagged() -> None:
    # the Monev E.81 6 K of row 53 "2.080,00", read "2.080.00" from the 300-dpi scan
    slipped = indicator(("realisasi", "renstra_to_prev", "2.080.00"), name="Persentase IKM")
    clean = indicator(("realisasi", "renstra_to_prev", "2.080,00"), ("target", "year", "1.118"))
    [f] = list(plausibility.slipped_separators(document(slipped, clean)))
    assert (f.rule, f.rule_id, f.field, f.reported, f.expected) == (
        RuleName.PARSE_ERROR, "NUM-05", "realisasi/renstra_to_prev", "2.080.00", "2.080,00")
    assert "read as 2.080,00 (taking the last separator as the decimal mark" in f.message
    mixed = indicator(("anggaran", "year", "1,095.836.320"))
    [f] = list(plausibility.slipped_separators(document(mixed)))
    assert "read as 1.095.836.320 (taking every separator as thousands)" in f.message
