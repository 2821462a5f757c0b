"""Tests for pipeline.normalize.formulas: worked expressions of a Kertas Kerja (DOMAIN.md 6)."""

from __future__ import annotations

import ast
import inspect

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.normalize import formulas
from pipeline.normalize.formulas import (
    FormulaError,
    evaluate,
    fraction_reading,
    outside_parentheses,
)
from pipeline.normalize.numbers import format_number

# Every Nilai expression of seed 001's Kertas Kerja, as the extractor delivers it (fractions read
# `num / den suffix`), with its value and the `=` result printed after it.
SEED_EXPRESSIONS = [
    ("(100%+100%+100%+100%+100%+50%)/6", 91.666667, None),  # kk/6, fraction with parentheses
    ("3 / 3 x 100", 100.0, None),                           # kk/7, typeset fraction
    ("2 / 2 x 100", 100.0, None),                           # kk/11
    ("1/1*100", 100.0, None),
    ("4/4*100", 100.0, None),
    ("3/3*100", 100.0, None),
    ("2/4*100", 50.0, None),                                # kk/25: inputs say 1 and 4 (KK-01)
    ("(86/100)*100%", 86.0, None),
    ("1.151.221.600/3.129.274.170 x 100%", 36.788774, None),
    ("(1/6)*100%", 16.666667, None),
    ("90/726", 0.123967, None),                             # omits x100 (KK-02)
    ("15/69*100%=22", 21.73913, "22"),
    ("16/69*100%=23", 23.188406, "23"),
    ("14/69*100%=20", 20.289855, "20"),
    ("103/12870*100%", 0.800311, None),
    ("77,2", 77.2, None),
    ("21,91", 21.91, None),
    ("23,48", 23.48, None),
    ("16,67", 16.67, None),
    ("66", 66.0, None),
    ("103", 103.0, None),
    ("0", 0.0, None),
]


@pytest.mark.parametrize("text, value, stated", SEED_EXPRESSIONS)
def test_seed_expressions(text, value, stated):
    result = evaluate(text)
    assert round(result.value, 6) == value
    assert result.stated_result == stated


@pytest.mark.parametrize("text, shown", [
    ("2/4*100", "2 / 4 × 100"),
    ("(86/100)*100%", "(86 / 100) × 100"),
    ("1.151.221.600/3.129.274.170 x 100%", "1.151.221.600 / 3.129.274.170 × 100"),
    ("15/69*100%=22", "15 / 69 × 100"),
    ("(100%+100%+50%)/6", "(100 + 100 + 50) / 6"),
    ("6 : 3", "6 / 3"),
    ("10 ÷ 4 X 2", "10 / 4 × 2"),
    ("-5+3", "-5 + 3"),
    ("2 x -3", "2 × -3"),
    ("(-1)", "(-1)"),
])
def test_normalized_text(text, shown):
    assert evaluate(text).text == shown


@pytest.mark.parametrize("text, value", [
    ("6 : 3", 2.0),                # `:` divides (`∑ a : ∑ b x 100%`)
    ("1 × 2 × 3", 6.0),
    ("10 − 4", 6.0),               # typographic minus
    ("2 + 3 * 4", 14.0),           # usual precedence
    ("(2 + 3) x 4", 20.0),
    ("1.000 x 2", 2000.0),         # Indonesian thousands
    ("0,5 x 4", 2.0),              # Indonesian decimal comma
    ("50 %", 50.0),
    ("2/4*100 = 50%", 50.0),
])
def test_operators_and_numbers(text, value):
    assert evaluate(text).value == pytest.approx(value)


@pytest.mark.parametrize("text", [
    "a + b",                                     # names
    "∑ Temuan x 100%",
    "x",
    "abs(1)",                                    # calls
    "pow(2, 3)",
    "__import__('os').system('ls')",
    "().__class__",                              # attributes
    "'1' + '2'",                                 # strings
    "lambda: 1",
    "[1, 2]",
    "2**10",                                     # exponent
    "9**9**9",
    "2 ^ 3",
    "1e308 * 10",                                # exponent notation
    "1 // 2",                                    # floor division is not `/`
    "1 < 2",
    "%5",                                        # % before a number
    "(1 + 2",                                    # unbalanced
    "1 + 2)",
    "1 +",
    "",
    "=",
    "1 = 2 = 3",                                 # two results
    "1" * 401,                                   # too long
    " x ".join(["999999999999999999999"] * 16),  # overflows to infinity
])
def test_rejected(text):
    with pytest.raises(FormulaError):
        evaluate(text)


@pytest.mark.parametrize("text", ["1/0", "5 : (2 - 2)", "3 / (1,5 - 1,5) x 100%"])
def test_division_by_zero_is_a_formula_error(text):
    with pytest.raises(FormulaError, match="division by zero"):
        evaluate(text)


def test_error_names_the_offending_text():
    with pytest.raises(FormulaError, match=r"not allowed in a worked expression: .__import__"):
        evaluate("__import__('os')")


def test_never_calls_eval_or_exec():
    tree = ast.parse(inspect.getsource(formulas))
    called = {node.func.id for node in ast.walk(tree)
              if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert not called & {"eval", "exec", "compile", "__import__"}


@pytest.mark.parametrize("text, reading", [
    ("100%+100%+100%+100%+100%+50% / 6", "(100%+100%+100%+100%+100%+50%)/6"),  # kk/6 typeset
    ("3 / 3 x 100", "3 / 3 x 100"),            # simple fraction: as printed
    ("2 / 2 x 100", "2 / 2 x 100"),
    ("90/726", "90/726"),                      # no typeset bar
    ("1.151.221.600/3.129.274.170 x 100%", "1.151.221.600/3.129.274.170 x 100%"),
    ("15 - 10 / 10 x 100%", "(15 - 10)/10 x 100%"),
    ("4 / 2 + 2 x 100", "4/(2 + 2) x 100"),
    ("(1 + 2) / 3", "(1 + 2) / 3"),            # already grouped
    ("-3 / 4", "-3 / 4"),                      # a sign is not a sum
    ("1 / 2 / 3", "1 / 2 / 3"),                # two bars: not one fraction
])
def test_fraction_reading(text, reading):
    assert fraction_reading(text) == reading


def test_fraction_reading_evaluates_as_typeset():
    assert evaluate(fraction_reading("100%+100%+100%+100%+100%+50% / 6")).value == pytest.approx(
        91.666667)


@pytest.mark.parametrize("text, outside", [
    ("a (b, c) d", "a        d"),
    ("= 3 (jasa surat, jasa\n∑ x", "= 3             "),   # unclosed: the rest is inside
    ("no parentheses", "no parentheses"),
])
def test_outside_parentheses(text, outside):
    assert outside_parentheses(text) == outside.ljust(len(text))


@given(st.integers(0, 10**12), st.integers(1, 10**12))
def test_indonesian_numbers_round_trip(a, b):
    text = f"{format_number(a, 0)} / {format_number(b, 0)} x 100%"
    assert evaluate(text).value == pytest.approx(a / b * 100)


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
       st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False))
def test_decimal_comma_sums(a, b):
    text = f"{format_number(float(a), 2)} + {format_number(float(b), 2)}"
    assert evaluate(text).value == pytest.approx(float(a + b))
