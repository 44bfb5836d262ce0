"""Roman numerals: the front matter of a printed book is numbered in them (i, ii, … xli)."""

from __future__ import annotations

_NUMERALS = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
             (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def lower_roman(number: int) -> str:
    """`number` (1 or more) in lowercase roman numerals, as CSS `lower-roman` prints it."""
    digits = []
    for value, numeral in _NUMERALS:
        times, number = divmod(number, value)
        digits.append(numeral * times)
    return "".join(digits)
