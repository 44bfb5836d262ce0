import pytest

from encyclopress.core.model import PartialDate
from encyclopress.reading.dates import parse_date


@pytest.mark.parametrize(("text", "expected"), [
    ("13 December 1917", PartialDate(1917, 12, 13)),
    ("December 13, 1917", PartialDate(1917, 12, 13)),
    ("1866-03-05", PartialDate(1866, 3, 5)),
    ("August 1920", PartialDate(1920, 8)),
    ("1917", PartialDate(1917)),
    ("5 Dec 1917", PartialDate(1917, 12, 5)),
    ("31 February 1917", None),
    ("spring 1917", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_iso_form_of_partial_dates():
    assert PartialDate(1917, 12, 13).iso() == "1917-12-13" and PartialDate(1917, 12).iso() == "1917-12"
