import pytest

from pipeline.validate import quarters
from pipeline.validate.registry import RuleName
from tests.validate.builders import document, indicator


def test_e81_10_a_flow_count_whose_quarters_exceed_the_year() -> None:
    # row 31: TW II target 360 Peserta against 7 K = 120
    row = indicator(("target", "year", "120,00"), ("target", "tw2", "360,00"), unit="peserta",
                    name="Jumlah pedagang/produsen yang memenuhi asas perlindungan konsumen",
                    row_no="31")
    [f] = list(quarters.quarter_targets_within_year(document(row)))
    assert (f.rule, f.rule_id, f.field, f.reported) == (
        RuleName.QUARTER_MISMATCH, "E81-10", "target/tw2", "360,00")


def test_e81_10_a_level_restated_each_quarter_and_a_share_within_the_year_pass() -> None:
    level = indicator(("target", "year", "6,00"), ("target", "tw1", "6,00"),
                      ("target", "tw2", "6,00"), unit="unit", name="Jumlah Fasilitas Pasar")
    share = indicator(("target", "year", "98,00"), ("target", "tw1", "24,00"),
                      ("target", "tw2", "98,00"), unit="%", name="Persentase Kebutuhan")
    assert list(quarters.quarter_targets_within_year(document(level, share))) == []


def test_e81_10_a_share_quarter_above_the_year_and_budgets_above_7_rp() -> None:
    # row 37: TW II 24,00% against 13,77%; row 35: 556.070.938 + 789.859.900 > 719.779.338
    share = indicator(("target", "year", "13,77"), ("target", "tw1", "8,10"),
                      ("target", "tw2", "24,00"), unit="%", row_no="37")
    budget = indicator(("anggaran", "year", "719.779.338"), ("anggaran", "tw1", "556.070.938"),
                       ("anggaran", "tw2", "789.859.900"), row_no="35")
    found = list(quarters.quarter_targets_within_year(document(share, budget)))
    assert [(f.indicator_id, f.field) for f in found] == [
        (share.indicator_id, "target/tw2"), (budget.indicator_id, "anggaran/tw2")]


@pytest.mark.parametrize(("values", "kind"), [
    ([95, 95, 95, 95], "constant"), ([39, 78, 117, 156], "cumulative"),
    ([10, 20, 20, 10], "flow"), ([75, 65, 55, 35], "flow"), ([70, 585, 120, 170], None)])
def test_ra_01_series_types(values: list[float], kind: str | None) -> None:
    assert quarters.series_type(values) == kind


def _iku(annual: str, *quarter_texts: str, polarity: str = "positive"):
    cells = [("target", f"tw{n}", text) for n, text in enumerate(quarter_texts, 1) if text]
    return indicator(("target", "year", annual), *cells, table_type="iku", unit="rupiah",
                     name="Nilai Omset UKM", polarity=polarity)


@pytest.mark.parametrize(("annual", "quarter_texts", "polarity"), [
    ("54 Triliun", ("13,5", "27", "40,5", "54"), "positive"),  # Kaltim IKU: running totals
    ("1.118\nTriliun", ("279,5", "559", "838,5", "1.118"), "positive"),
    ("60", ("10", "20", "20", "10"), "positive"),  # per-quarter amounts
    ("95", ("95", "95", "95", "95"), "positive"),  # a level restated
    ("5,00", ("4,00", "5,50", "6,00", "4,50"), "positive"),  # rates and their mean
    ("14", ("17", "16", "15", "14"), "negative"),  # a falling rate ends at the target
    ("4,15%", ("", "", "", "4,15%"), "positive"),  # a year-end statistic: one quarter
])
def test_ra_02_quarters_that_lead_to_the_year_pass(annual, quarter_texts, polarity) -> None:
    row = _iku(annual, *quarter_texts, polarity=polarity)
    assert list(quarters.quarter_targets_lead_to_the_year(document(row))) == []


@pytest.mark.parametrize(("annual", "quarter_texts", "field", "reported"), [
    # the Kaltim IKU .jpg: `13,5` read without its comma
    ("54 Triliun", ("135", "27", "40,5", "54"), "target/tw1", "135"),
    ("50", ("10", "20", "20", "10"), "target/tw3", "20"),  # adds up to 60, falls after TW III
    ("40", ("10", "20", "30", "45"), "target/tw4", "45"),  # a running total past the year
])
def test_ra_02_quarters_that_miss_the_year(annual, quarter_texts, field, reported) -> None:
    row = _iku(annual, *quarter_texts)
    [f] = list(quarters.quarter_targets_lead_to_the_year(document(row)))
    assert (f.rule, f.rule_id, f.field, f.reported) == (
        RuleName.QUARTER_MISMATCH, "RA-02", field, reported)
    assert annual.split()[0] in f.message


def test_ra_02_leaves_e81_quarters_to_e81_10() -> None:
    row = indicator(("target", "year", "50"), ("target", "tw1", "135"), ("target", "tw2", "27"))
    assert list(quarters.quarter_targets_lead_to_the_year(document(row))) == []


def _ra(*cells, **fields):
    return indicator(*cells, table_type="rencana_aksi", **fields)


def test_ra_01_the_uttp_series_fits_no_type() -> None:
    row = _ra(("target", "tw1", "TW 1 = 70"), ("target", "tw2", "TW 2 = 585"),
              ("target", "tw3", "TW 3 = 120"), ("target", "tw4", "TW 4 =170"), unit="uttp")
    [f] = list(quarters.rencana_aksi_series(document(row)))
    assert (f.rule_id, f.field, f.reported) == ("RA-01", "target/tw2", "TW 2 = 585")


def test_ra_04_the_same_indicator_with_other_targets() -> None:
    sasaran = _ra(("target", "tw4", "TW 4 = 9,68"), name="Prosentase UMKM menjadi wirausaha",
                  level="sasaran")
    program = _ra(("target", "tw4", "TW 4 = 50"), name="Persentase UMKM menjadi wirausaha",
                  level="program")
    [f] = list(quarters.same_indicator_same_targets(document(sasaran, program)))
    assert (f.indicator_id, f.rule, f.rule_id, f.field, f.expected) == (
        program.indicator_id, RuleName.CROSS_DOCUMENT_MISMATCH, "RA-04", "target/tw4",
        "TW 4 = 9,68")


def test_ra_05_goal_statement_missing_unit_and_missing_responsible() -> None:
    goal = _ra(("target", "tw1", "TW 1 = 12,5"), unit="%", level="sasaran",
               name="Meningkatnya pertumbuhan produksi UMKM dan IKM")
    no_unit = _ra(("target", "tw3", "TW 3 = 5"), name="Jumlah pelaku usaha", unit=None)
    no_owner = _ra(("target", "tw1", "TW 1 = 10"), name="Jumlah izin", unit="ikm",
                   responsible=None)
    found = list(quarters.rencana_aksi_cells_present(document(goal, no_unit, no_owner)))
    assert [(f.indicator_id, f.field) for f in found] == [
        (goal.indicator_id, "indicator_name"), (no_unit.indicator_id, "unit"),
        (no_owner.indicator_id, "responsible")]


@pytest.mark.parametrize(("target", "flagged"), [
    # Dishub Jabar Rencana Aksi 2016 (../shared/real): no Satuan column, the unit in the cell
    ("35 orang", False), ("5.835 ijin", False), ("50%", False), ("35", True)])
def test_ra_05_a_unit_printed_with_the_target_is_a_satuan(target: str, flagged: bool) -> None:
    row = _ra(("target", "year", target), name="Jumlah Peserta Pelajar Pelopor", unit=None)
    found = list(quarters.rencana_aksi_cells_present(document(row)))
    assert [f.field for f in found] == (["unit"] if flagged else [])


@pytest.mark.parametrize(("name", "flagged"), [
    # Dishub Jabar Rencana Aksi 2016 (../shared/real): the unit closes the indicator's name
    ("Jumlah kendaraan yang melaksanakan uji berkala di Jawa Barat (kendaraan)", False),
    ("Jumlah Pengadaan dan Pemasangan Marka Jalan (meter’)", False),
    ("Jumlah Kesepakatan Pembangunan Pelabuhan Laut di Jawa Barat", True),
    ("Prosentase ketersediaan Fasilitas Perlengkapan Jalan (Rambu, Marka, Guardrail, PJU)",
     True)])
def test_ra_05_a_unit_closing_the_name_is_a_satuan(name: str, flagged: bool) -> None:
    row = _ra(("target", "year", "35"), name=name, unit=None)
    found = list(quarters.rencana_aksi_cells_present(document(row)))
    assert [f.field for f in found] == (["unit"] if flagged else [])


def test_ra_02_names_the_quarter_values_without_their_labels() -> None:
    row = indicator(("target", "year", "1"), ("target", "tw1", "TW1= 21,12"),
                    ("target", "tw2", "TW2=\n43,57"), ("target", "tw4", "TW4= 82,15"),
                    table_type="rencana_aksi", unit="%", name="Persentase pemeriksaan koperasi")
    [f] = list(quarters.quarter_targets_lead_to_the_year(document(row)))
    assert "(TW I 21,12 / TW II 43,57 / TW IV 82,15)" in f.message
    assert "annual target 1:" in f.message
