"""The print-shop file (--press): PDF/X-4 boxes, output intent and colours, on the built seed."""

from __future__ import annotations

import re

import pikepdf
import pytest
import tinycss2
from helpers import ROOT

from encyclopress.core.paper import POINTS_PER_MM, SIZES

COLOUR = re.compile(r"#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|device-cmyk)\(", re.I)


@pytest.fixture(scope="module")
def press(print_variants):
    with pikepdf.open(print_variants["press"] / "alash-autonomy.press.pdf") as pdf:
        yield pdf


def test_trim_box_is_the_page_and_bleed_box_3mm_beyond(press):
    width, height = SIZES["a4"]
    bleed = 3 * POINTS_PER_MM
    for page in press.pages:
        assert [float(v) for v in page.TrimBox] == pytest.approx([0, 0, width, height], abs=0.01)
        assert [float(v) for v in page.BleedBox] == pytest.approx([-bleed, -bleed, width + bleed, height + bleed], abs=0.01)
        media = [float(v) for v in page.MediaBox]  # room for the crop marks outside the bleed
        assert media[0] < -bleed and media[1] < -bleed and media[2] > width + bleed and media[3] > height + bleed


def test_pdfx4_metadata_and_cmyk_output_intent(press):
    meta = press.open_metadata()
    assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
    assert meta["xmpMM:DocumentID"].startswith("uuid:")  # stable, not WeasyPrint's random one
    assert press.trailer.Info.Trapped == "/False"
    (intent,) = press.Root.OutputIntents
    assert intent.S == "/GTS_PDFX" and intent.DestOutputProfile.N == 4
    assert press.pdf_version == "1.6"


def test_crop_marks_drawn_and_every_colour_cmyk(press):
    instructions = [i for page in press.pages
                    for stream in [page, *(x for x in page.Resources.XObject.values() if x.Subtype == "/Form")]
                    for i in pikepdf.parse_content_stream(stream)]
    operators = {str(i.operator) for i in instructions}
    assert {"m", "l", "K"} <= operators  # the marks: stroked lines in CMYK black
    assert not operators & {"rg", "RG", "g", "G"}  # no RGB, no grey
    spaces = {str(i.operands[0]) for i in instructions if str(i.operator) in {"cs", "CS"}}
    assert spaces == {"/DeviceCMYK"}  # the text and rules, through the palette


def _rules(name):
    """(selector or at-rule, declarations) of each rule in styles/<name>."""
    sheet = tinycss2.parse_stylesheet((ROOT / "styles" / name).read_text(), skip_comments=True, skip_whitespace=True)
    return [(tinycss2.serialize(r.prelude).strip() if r.type == "qualified-rule" else f"@{r.at_keyword}",
             tinycss2.parse_blocks_contents(r.content or [], skip_comments=True, skip_whitespace=True))
            for r in sheet]


def _palette(name):
    """The custom properties styles/<name> declares on :root, with their values."""
    return {d.name: tinycss2.serialize(d.value).strip()
            for selector, declarations in _rules(name) if selector == ":root"
            for d in declarations if d.type == "declaration"}


def test_print_colours_come_only_from_the_palette():
    coloured = {selector for selector, declarations in _rules("print.css") if selector != ":root"
                for d in declarations if d.type == "declaration" and "var(--" in tinycss2.serialize(d.value)}
    for name in ("print.css", "base.css"):  # base.css is shared with the e-book: print.css restates its colours
        for selector, declarations in _rules(name):
            literal = [d.name for d in declarations if d.type == "declaration" and COLOUR.search(tinycss2.serialize(d.value))]
            assert not literal or (name, selector) == ("print.css", ":root") or selector in coloured, (name, selector, literal)


def test_press_swaps_the_whole_palette_for_cmyk():
    press = _palette("press.css")
    assert press.keys() == _palette("print.css").keys()
    assert all(value.startswith("device-cmyk(") for value in press.values()), press
    assert not [selector for selector, _ in _rules("press.css") if selector not in {"@color-profile", "@page", ":root"}]
