"""NUM-TOL: a number printed with d decimals stands for an interval, and so does anything
computed from printed numbers (interval arithmetic). Two values agree when their intervals
overlap: 001 row 43 prints 257,46% for 10,30 / 4,00 x 100; [10,25; 10,31] / [3,995; 4,01] x 100
= [255,6; 258,1] holds 257,46, so it is no finding.

A printed value may have been rounded (half a unit either way) or truncated (up to one unit
below the true value): the interval of `v` printed with unit u is [v - u/2, v + u] (mirrored
for negative numbers), which accepts both.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.normalize.numbers import format_number, printed_decimals

# Rupiah columns are exact, but a quarterly split of an annual budget may differ by 1 rupiah per
# part (DOMAIN 1.5: 2.054.219.626 / 2.054.219.627), so sums of Rp get one rupiah per term.
RUPIAH_SLACK_PER_TERM = 1.0


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    @staticmethod
    def exact(value: float) -> Interval:
        return Interval(value, value)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def scale(self, factor: float) -> Interval:
        a, b = self.lo * factor, self.hi * factor
        return Interval(min(a, b), max(a, b))

    def divided_by(self, other: Interval) -> Interval | None:
        """None when the divisor may be zero (the quotient is then undefined)."""
        if other.lo <= 0 <= other.hi:
            return None
        quotients = [self.lo / other.lo, self.lo / other.hi, self.hi / other.lo,
                     self.hi / other.hi]
        return Interval(min(quotients), max(quotients))

    def widened(self, slack: float) -> Interval:
        return Interval(self.lo - slack, self.hi + slack)

    def floored(self, floor: float) -> Interval:
        return Interval(max(self.lo, floor), max(self.hi, floor))

    def overlaps(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    @property
    def mid(self) -> float:
        return (self.lo + self.hi) / 2


def unit_of(raw_text: str | None) -> float:
    """The last printed digit's unit: "36,79%" -> 0,01; "1.151.384.000" -> 1; None -> 0."""
    if raw_text is None:
        return 0.0
    return float(10 ** -printed_decimals(raw_text))


def printed(value: float, raw_text: str | None) -> Interval:
    """The interval a printed number stands for (rounded or truncated to its printed digits)."""
    unit = unit_of(raw_text)
    if value >= 0:
        return Interval(value - unit / 2, value + unit)
    return Interval(value - unit, value + unit / 2)


def decimals_of(raw_text: str | None, default: int = 2) -> int:
    """Decimals to show a recomputed value with: the printed cell's, else `default`."""
    return default if raw_text is None else printed_decimals(raw_text)


def show(value: float, decimals: int = 2, percent: bool = False) -> str:
    """Indonesian rendering for messages: 2312.5 -> "2.312,50" (or "2.312,50%")."""
    return format_number(value, decimals, percent)
