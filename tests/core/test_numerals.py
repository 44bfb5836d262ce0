"""core/numerals.py: the roman numerals a book's front matter is numbered in."""

from __future__ import annotations

from encyclopress.core.numerals import lower_roman


def test_lower_roman_as_css_prints_it():
    expected = {1: "i", 2: "ii", 3: "iii", 4: "iv", 5: "v", 9: "ix", 14: "xiv", 40: "xl", 41: "xli",
                49: "xlix", 90: "xc", 400: "cd", 1994: "mcmxciv", 3999: "mmmcmxcix"}
    assert {n: lower_roman(n) for n in expected} == expected
