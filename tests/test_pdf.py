"""Print edition, checked on built files with poppler and pikepdf."""

from __future__ import annotations

import pikepdf
import pytest

from lxml import html

from conftest import ARTICLES, SEED
from encyclopress.pipeline import prepare
from encyclopress.templating import render
from helpers import pdffonts, pdftotext

SHIPPED = ("Noto-Serif", "Noto-Sans", "Noto-Naskh-Arabic", "Noto-Serif-Hebrew", "Noto-Serif-Georgian",
           "Noto-Serif-Armenian", "Droid-Sans-Fallback")


@pytest.fixture(scope="module")
def seed_pdf(built):
    return built / "alash-autonomy.pdf"


@pytest.mark.parametrize("name", ["alash-autonomy", *(a.stem for a in ARTICLES)])
def test_every_font_is_embedded_subset_and_ours(built, name):
    fonts = pdffonts(built / f"{name}.pdf")
    assert fonts
    for font in fonts:
        assert (font["emb"], font["sub"], font["uni"]) == ("yes", "yes", "yes"), font
        family = font["name"].split("+", 1)[1]
        assert family.startswith(SHIPPED), font


def test_text_extracts_intact(seed_pdf):
    text = pdftotext(seed_pdf)
    for expected in ["Оян, Қазақ!", "Алаш туралы сөз", "Тар заман", "Üş Jüz", "«Оян, Қазақ!»",
                     "Алаш автономиясы", "Алашская автономия", "1917–1920", "13 December 1917"]:
        assert expected in text, expected
    assert "ӘәҒғҚқҢңӨөҰұҮүҺһІі" not in text  # sanity: the checks above read real text, not a dump


def test_attribution_block(seed_pdf):
    text = pdftotext(seed_pdf)
    assert "https://en.wikipedia.org/wiki/Alash_Autonomy" in text
    assert "CC BY-SA 4.0" in text


def test_metadata_language_outline_and_page_size(seed_pdf):
    with pikepdf.open(seed_pdf) as pdf:
        assert str(pdf.Root.Lang) == "en"
        assert str(pdf.docinfo["/Title"]) == "Alash Autonomy"
        assert str(pdf.docinfo["/Subject"]).startswith("The Alash Autonomy, also known as Alash Orda")
        assert "Alash Orda" in str(pdf.docinfo["/Keywords"])
        assert [float(x) for x in pdf.pages[0].MediaBox] == pytest.approx([0, 0, 595.28, 841.89], abs=0.01)
        with pdf.open_outline() as outline:
            (title,) = outline.root
            assert title.title == "Alash Autonomy"
            assert [c.title for c in title.children] == ["Ethnonym", "History", "Government", "Films", "See also"]


def test_page_numbers_in_the_margin(seed_pdf):
    assert pdftotext(seed_pdf, 2, 2).strip().endswith("2")


def test_the_infobox_is_a_table_with_row_headers(project, seed_pdf):
    ctx = prepare(SEED, project, [])[0]
    page = html.fromstring(render(ctx.env, "print.html.j2", **ctx.template_vars()))
    headers = page.xpath("//table[@class='infobox']//th[@scope='row']/text()")
    assert headers[:3] == ["Official name", "Preceded by", "Succeeded by"] and not page.xpath("//dl")
    text = pdftotext(seed_pdf, 1, 1)
    for label in ["Preceded by", "Prime Minister", "Alikhan Bukeikhanov", "13 December 1917", "26 August 1920"]:
        assert label in text
