"""Dates recognized in prose, Old Style converted, and marked with <time> in both outputs."""

from datetime import date

from encyclopress.reading.inline import parse_inline
from encyclopress.reading.textdates import find_dates

OS_NS = "held at Orenburg from 5 to 13 December 1917 OS (18 to 26 December 1917 NS), with"


def mentions(text):
    return [(text[m.start:m.end], m.iso) for m in find_dates(text)]


def test_the_old_style_new_style_sentence():
    assert mentions(OS_NS) == [
        ("5", "1917-12-18"), ("13 December 1917", "1917-12-26"),
        ("18", "1917-12-18"), ("26 December 1917", "1917-12-26"),
    ]


def test_plain_dates_month_years_and_non_dates():
    text = "On 17 August 1920 and in December 1917, not 31 February 1917 nor 1917 alone; 3 March 1918 O.S."
    assert mentions(text) == [("17 August 1920", "1920-08-17"), ("December 1917", "1917-12"),
                              ("3 March 1918", "1918-03-16")]


def test_runs_carry_the_dates_and_keep_the_text():
    runs = parse_inline(OS_NS)
    assert "".join(r.text for r in runs) == OS_NS
    assert [(r.text, r.time) for r in runs if r.time] == mentions(OS_NS)


def test_every_time_element_is_a_valid_iso_date(built):
    import zipfile

    from helpers import NS
    from lxml import etree

    seen = []
    with zipfile.ZipFile(built / "alash-autonomy.epub") as z:
        for name in z.namelist():
            if name.endswith(".xhtml"):
                seen += etree.fromstring(z.read(name)).xpath("//x:time/@datetime", namespaces=NS)
    assert {"1917-12-18", "1917-12-26", "1917-12-13", "1920-08-26"} <= set(seen)
    for value in seen:
        parts = value.split("-")
        date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
