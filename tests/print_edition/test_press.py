"""The print-shop file (--press): PDF/X-4 boxes, output intent and colours, on the built seed."""

from __future__ import annotations

import pikepdf
import pytest

from encyclopress.core.paper import POINTS_PER_MM, SIZES


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


def test_crop_marks_drawn_and_no_rgb_colour_left(press):
    operators = set()
    for page in press.pages:
        streams = [page, *(x for x in page.Resources.XObject.values() if x.Subtype == "/Form")]
        for stream in streams:
            operators |= {str(i.operator) for i in pikepdf.parse_content_stream(stream)}
    assert {"m", "l", "K"} <= operators  # the marks: stroked lines in CMYK black
    assert not operators & {"rg", "RG"}
