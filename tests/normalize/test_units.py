import pytest

from pipeline.normalize.units import normalize_unit, printed_unit


@pytest.mark.parametrize(("texts", "unit"), [
    (["35 orang"], "orang"), (["5.835 ijin", "1.200 ijin"], "ijin"), (["50%", "100%"], "%"),
    (["2 dokumen", "4 km"], None),  # they disagree
    (["35 orang", "40"], None),  # one number prints none
    (["TW 1 = -"], None), ([], None),
])
def test_printed_unit(texts: list[str], unit: str | None) -> None:
    assert printed_unit(texts) == unit


@pytest.mark.parametrize(("text", "unit"), [("Persen", "%"), ("Orang/Bulan", "orang/bulan"),
                                             ("-", None), ("", None)])
def test_normalize_unit(text: str, unit: str | None) -> None:
    assert normalize_unit(text) == unit
