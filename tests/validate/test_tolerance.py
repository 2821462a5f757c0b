import pytest

from pipeline.validate.tolerance import Interval, printed, show, unit_of


@pytest.mark.parametrize(("text", "unit"), [("36,79%", 0.01), ("257,46%", 0.01), ("92%", 1.0),
                                            ("1.151.384.000", 1.0), ("4.000,00", 0.01),
                                            ("77,2", 0.1), (None, 0.0)])
def test_the_unit_is_the_last_printed_digit(text: str | None, unit: float) -> None:
    assert unit_of(text) == pytest.approx(unit)


def test_a_printed_value_covers_rounding_and_truncation() -> None:
    assert printed(257.46, "257,46%") == Interval(pytest.approx(257.455), pytest.approx(257.47))
    assert printed(-33.4, "-33,40%") == Interval(pytest.approx(-33.41), pytest.approx(-33.395))


def test_row_43_rounding_is_inside_the_interval_so_no_finding() -> None:
    # DOMAIN NUM-TOL: 10,30 / 4,00 x 100 = 257,50 against a printed 257,46%
    ratio = printed(10.30, "10,30").divided_by(printed(4.0, "4,00"))
    assert ratio is not None
    assert ratio.scale(100).overlaps(printed(257.46, "257,46%"))


def test_a_real_difference_is_outside_the_interval() -> None:
    # Kertas Kerja 22 against the E.81's 21,33
    assert not printed(22, "22").overlaps(printed(21.33, "21,33"))


def test_division_by_an_interval_holding_zero_is_undefined() -> None:
    assert Interval(1, 2).divided_by(Interval(-0.5, 0.5)) is None


def test_show_uses_the_indonesian_format() -> None:
    assert show(2312.5, 2, True) == "2.312,50%"
    assert show(8221933110, 0) == "8.221.933.110"
