"""Safe evaluation of the worked expressions of a Kertas Kerja ("Nilai" cells), DOMAIN.md 6.

    "2/4*100"                              -> 50
    "(86/100)*100%"                        -> 86      `%` after a number is the number itself
    "(100%+100%+100%+100%+100%+50%)/6"     -> 91,67
    "1.151.221.600/3.129.274.170 x 100%"   -> 36,79   Indonesian numbers, `x`/`×` multiply
    "∑ a : ∑ b x 100%" with numbers        ->         `:` divides
    "15/69*100%=22"                        -> 21,74   the `=22` after it is the stated result

The text is tokenized by our own patterns (numbers read by `numbers.parse_number`, the operators
above, parentheses); anything else is rejected before Python sees it. The tokens are rebuilt into
a Python expression, parsed with `ast` and evaluated by walking the tree with a whitelist of
nodes (numbers, + - * /, unary +/-). `eval` is never called. Every problem is a FormulaError
with a sentence that names the text.
"""

from __future__ import annotations

import ast
import math
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.normalize.numbers import parse_number

MAX_LENGTH = 400  # characters; a worked expression in a table cell is far shorter
MAX_TOKENS = 200  # keeps the parser's nesting and the evaluation small


class FormulaError(ValueError):
    """A text that is not a worked arithmetic expression we evaluate."""


@dataclass(frozen=True)
class Expression:
    value: float
    text: str  # normalized, for findings to quote: "(100 + 100 + 50) / 6", "15 / 69 × 100"
    stated_result: str | None  # the printed result after `=`, "22" in "15/69*100%=22"


# One token of a worked expression, tried in this order:
#   "1.151.221.600"  "77,2"  "100"  "0,80"   a number, Indonesian or plain (read by parse_number)
#   "%"                                       after a number (or ")"): the number itself
#   "x"  "X"  "×"  "*"                        multiply
#   "/"  ":"  "÷"                             divide
#   "+"  "-"  "−"                             add, subtract (also unary)
#   "("  ")"
TOKEN = re.compile(
    r"""
    \s*(?:
        (?P<number>\d(?:[\d.,]*\d)?)
      | (?P<percent>%)
      | (?P<mul>[xX×*])
      | (?P<div>[/:÷])
      | (?P<add>\+)
      | (?P<sub>[-−])
      | (?P<open>\()
      | (?P<close>\))
    )
    """,
    re.VERBOSE,
)
PYTHON_OPERATOR = {"mul": "*", "div": "/", "add": "+", "sub": "-", "open": "(", "close": ")"}
UNARY_CONTEXT = ("", "mul", "div", "add", "sub", "open")  # a minus after these is a sign
SHOWN_OPERATOR = {"mul": " × ", "div": " / ", "add": " + ", "sub": " - ",
                  "open": "(", "close": ")"}

# The stated result written after the expression: "15/69*100%=22", "2/4*100 = 50%"
STATED_RESULT = re.compile(r"""^(?P<expression>[^=]*)=(?P<result>[^=]*)$""", re.VERBOSE)

# A fraction typeset in a cell is extracted as "numerator / denominator" with a spaced bar,
# optionally followed by a multiplier or a stated result:
#   "100%+100%+100%+100%+100%+50% / 6"   "3 / 3 x 100"   "a + b / c x 100% = 22"
FRACTION_BAR = re.compile(r"""\s/\s""", re.VERBOSE)
FRACTION_SUFFIX = re.compile(
    r"""
    (?P<suffix>
        (?:\s*[xX×*]\s*\d[\d.,]*\s*%?)?   # " x 100%"  " x 100"
        (?:\s*=.*)?                        # " = 22"
    )$
    """,
    re.VERBOSE,
)
# an operator outside parentheses that makes a numerator or denominator need parentheses
ADDITIVE = re.compile(r"""(?<=[\d%)\s])\s*[-+−]""", re.VERBOSE)
ANY_OPERATOR = re.compile(r"""[-+−xX×*/:÷]""", re.VERBOSE)

BINARY: dict[type[ast.operator], Callable[[float, float], float]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
}
UNARY: dict[type[ast.unaryop], Callable[[float], float]] = {
    ast.UAdd: operator.pos, ast.USub: operator.neg,
}


def _number(printed: str, text: str) -> float:
    parsed = parse_number(printed)
    if parsed.value is None or not math.isfinite(parsed.value):
        raise FormulaError(f"cannot read the number {printed[:30]!r} in {text[:60]!r}")
    return parsed.value


def _tokens(text: str) -> list[tuple[str, str]]:
    """(kind, printed) pairs; a FormulaError names the first character that is not allowed."""
    tokens: list[tuple[str, str]] = []
    pos = 0
    stripped = text.rstrip()
    while pos < len(stripped):
        match = TOKEN.match(stripped, pos)
        if match is None or match.lastgroup is None:
            bad = stripped[pos:].lstrip()[:20]
            raise FormulaError(f"not allowed in a worked expression: {bad!r} in {text!r}")
        tokens.append((match.lastgroup, match.group(match.lastgroup)))
        pos = match.end()
    if len(tokens) > MAX_TOKENS:
        raise FormulaError(f"expression too long ({len(tokens)} tokens): {text[:40]!r}...")
    return tokens


def _rebuild(tokens: list[tuple[str, str]], text: str) -> tuple[str, str]:
    """The Python source (numbers as float literals) and the normalized text to show."""
    source: list[str] = []
    shown: list[str] = []
    previous = ""
    for kind, printed in tokens:
        if kind == "percent":
            if previous not in ("number", "close"):
                raise FormulaError(f"a % sign must follow a number: {text!r}")
        elif kind == "number":
            source.append(repr(_number(printed, text)))
            shown.append(printed)
        elif kind == "sub" and previous in UNARY_CONTEXT:
            source.append("-")
            shown.append(" -")
        else:
            source.append(PYTHON_OPERATOR[kind])
            shown.append(SHOWN_OPERATOR[kind])
        previous = kind
    return " ".join(source), " ".join("".join(shown).split()).replace("( ", "(")


def _walk(node: ast.AST, text: str) -> float:
    if isinstance(node, ast.Expression):
        return _walk(node.body, text)
    if isinstance(node, ast.Constant) and type(node.value) is float:
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in BINARY:
        left, right = _walk(node.left, text), _walk(node.right, text)
        if isinstance(node.op, ast.Div) and right == 0:
            raise FormulaError(f"division by zero in {text!r}")
        return BINARY[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp) and type(node.op) in UNARY:
        return UNARY[type(node.op)](_walk(node.operand, text))
    raise FormulaError(f"not an arithmetic expression: {type(node).__name__} in {text!r}")


def _split_stated_result(text: str) -> tuple[str, str | None]:
    if "=" not in text:
        return text, None
    match = STATED_RESULT.match(text)
    if match is None:
        raise FormulaError(f"more than one '=' in {text!r}")
    return match["expression"], match["result"].strip() or None


def evaluate(text: str) -> Expression:
    """`15/69*100%=22` -> Expression(21.739..., "15 / 69 × 100", "22"); FormulaError otherwise."""
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"expression too long ({len(text)} characters): {text[:40]!r}...")
    expression, stated = _split_stated_result(text)
    tokens = _tokens(expression)
    if not tokens:
        raise FormulaError(f"no expression in {text!r}")
    source, shown = _rebuild(tokens, text)
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as error:
        raise FormulaError(f"malformed expression {text!r}: {error.msg}") from error
    value = _walk(tree, text)
    if not math.isfinite(value):
        raise FormulaError(f"the expression {text!r} does not give a finite number")
    return Expression(value, shown, stated)


def outside_parentheses(text: str) -> str:
    """`text` with every character inside parentheses blanked (same length):
    `a (b, c) d` -> `a        d`; an unclosed `(` blanks the rest."""
    depth = 0
    outside: list[str] = []
    for char in text:
        depth += char == "("
        outside.append(char if depth == 0 else " ")
        depth -= char == ")" and depth > 0
    return "".join(outside)


def _compound(part: str, pattern: re.Pattern[str]) -> bool:
    """True when `part` has an operator (of `pattern`) outside parentheses."""
    return bool(pattern.search(outside_parentheses(part).strip()))


def _wrap(part: str) -> str:
    return f"({part})"


def fraction_reading(text: str) -> str:
    """A typeset fraction's flat text with the parentheses its bar implies, else `text` as is:
    `100%+100%+50% / 6` -> `(100%+100%+50%)/6`; `3 / 3 x 100` and `90/726` stay."""
    parts = FRACTION_BAR.split(text)
    if len(parts) != 2:
        return text
    numerator, rest = parts[0].strip(), parts[1]
    suffix_match = FRACTION_SUFFIX.search(rest)
    suffix = suffix_match["suffix"] if suffix_match else ""
    denominator = rest[: len(rest) - len(suffix)].strip()
    wrap_num = _compound(numerator, ADDITIVE)
    wrap_den = _compound(denominator, ANY_OPERATOR)
    if not (wrap_num or wrap_den):
        return text
    num_text = _wrap(numerator) if wrap_num else numerator
    den_text = _wrap(denominator) if wrap_den else denominator
    return f"{num_text}/{den_text}{suffix}"
