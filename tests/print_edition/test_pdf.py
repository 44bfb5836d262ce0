"""Print edition, checked on built files with poppler and pikepdf."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from helpers import (
    ARTICLES,
    EPOCH,
    MANY_SCRIPTS_FONTS,
    ROOT,
    SEED,
    page_count,
    pdffonts,
    pdftotext,
    pdftotext_area,
)
from lxml import html

from encyclopress.builder.pipeline import prepare
from encyclopress.cli import main
from encyclopress.print_edition.layout import print_html

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


def test_attribution_block(seed_pdf):
    text = pdftotext(seed_pdf)
    assert "https://en.wikipedia.org/wiki/Alash_Autonomy" in text
    assert "“Alash Autonomy” by Wikipedia contributors is licensed under CC BY-SA 4.0." in text


def test_without_a_sidecar_the_pdf_claims_no_author_no_licence_and_no_keywords(built):
    """many-scripts.txt has no sidecar: nothing invented, and section headings are not keywords."""
    text = pdftotext(built / "many-scripts.pdf")
    assert "licensed" not in text and "Wikipedia" not in text
    with pikepdf.open(built / "many-scripts.pdf") as pdf:
        assert "/Author" not in pdf.docinfo and "/Keywords" not in pdf.docinfo
        assert "/Title" in pdf.docinfo


def test_a_licence_without_authors_is_stated_without_inventing_any(built):
    text = pdftotext(built / "the-steppe-press.pdf")
    assert "“The Steppe Press” is licensed under CC BY 4.0." in text
    with pikepdf.open(built / "the-steppe-press.pdf") as pdf:
        assert "/Author" not in pdf.docinfo
        assert str(pdf.docinfo["/Keywords"]) == "Newspapers -- Kazakhstan -- 19th century, Kazakh language"


@pytest.mark.parametrize(("edition", "statement"), [
    ("", "English edition"), (".kk", "Қазақша басылым, мәтін тілі: ағылшын тілі"),
    (".ru", "Русское издание, язык текста: английский")])
def test_the_title_page_prints_the_edition_statement(built, edition, statement):
    assert statement in pdftotext(built / f"alash-autonomy{edition}.pdf", 1, 1)


SEED_FONTS = "Set in Noto Serif and Noto Sans (SIL Open Font License 1.1)."


@pytest.mark.parametrize(("name", "sentence"), [("alash-autonomy", SEED_FONTS), ("many-scripts", MANY_SCRIPTS_FONTS)])
def test_colophon_names_the_embedded_fonts_with_their_licences(built, name, sentence):
    assert sentence in " ".join(pdftotext(built / f"{name}.pdf").split())
    postscript_names = [font["name"].split("+", 1)[1] for font in pdffonts(built / f"{name}.pdf")]  # Noto-Serif-Bold
    families = {" ".join(w for w in n.split("-") if w not in {"Bold", "Italic"}) for n in postscript_names}
    assert all(family in sentence for family in families), families


def test_old_turkic_runes_are_set_in_their_own_font(tmp_path):
    """karluk-yabghu writes a name in Orkhon runes: embedded, not printed as empty boxes."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        assert main([str(ROOT / "tests" / "articles" / "corpus" / "karluk-yabghu.txt"), "--formats", "pdf",
                     "--out", str(tmp_path)], root=ROOT) == 0
    fonts = {font["name"].split("+", 1)[1]: font for font in pdffonts(tmp_path / "karluk-yabghu.pdf")}
    assert fonts["Noto-Sans-Old-Turkic"]["emb"] == "yes"
    assert "𐰖𐰀𐰉𐰏𐰎𐰆" in pdftotext(tmp_path / "karluk-yabghu.pdf")  # in logical order (engine/glyph_order.py)


def test_metadata_language_outline_and_page_size(seed_pdf):
    with pikepdf.open(seed_pdf) as pdf:
        assert str(pdf.Root.Lang) == "en"
        assert str(pdf.docinfo["/Title"]) == "Alash Autonomy"
        assert str(pdf.docinfo["/Subject"]).startswith("The Alash Autonomy, also known as Alash Orda")
        assert str(pdf.docinfo["/Keywords"]) == "Alash Autonomy, Kazakhstan -- History -- 1917-1920, Alash Orda"
        assert [float(x) for x in pdf.pages[0].MediaBox] == pytest.approx([0, 0, 595.28, 841.89], abs=0.01)
        with pdf.open_outline() as outline:
            (title,) = outline.root
            assert title.title == "Alash Autonomy"
            assert [c.title for c in title.children] == ["Ethnonym", "History", "Government", "Films", "See also"]


def test_page_numbers_in_the_margin(seed_pdf):
    pages = len(pikepdf.open(seed_pdf).pages)
    assert pdftotext(seed_pdf, 2, 2).strip().endswith(f"Page 2 of {pages}")


def test_the_infobox_is_a_table_with_row_headers(project, seed_pdf):
    ctx = prepare(SEED, project, [])[0]
    page = html.fromstring(print_html(ctx, "a4"))
    headers = page.xpath("//table[contains(@class, 'infobox')]//th[@scope='row']/text()")
    assert headers[:3] == ["Official name", "Preceded by", "Succeeded by"] and not page.xpath("//dl")
    text = pdftotext(seed_pdf, 1, 1)
    for label in ["Preceded by", "Prime Minister", "Alikhan Bukeikhanov", "13 December 1917", "26 August 1920"]:
        assert label in text
    # groups (reading/infobox_families.toml): a heading row over their own rows
    groups = page.xpath("//table[contains(@class, 'infobox')]/tbody[contains(@class, 'group')]")
    assert [(g.get("class"), g.xpath("string(tr[1]/th[@scope='rowgroup'])"),
             [tr.text_content().split() for tr in g.xpath("tr[position() > 1]")]) for g in groups] == [
        ("group holders", "Prime Minister", [["1917–1920", "Alikhan", "Bukeikhanov"]]),
        ("group history", "History", [["Established", "13", "December", "1917"], ["Dissolved", "26", "August", "1920"]])]


def test_print_html_tags_arabic_script_kazakh_and_the_edition_statement(project, write):
    """What WeasyPrint is given: an RTL Kazakh run with its language, and the statement with the edition's."""
    article = write("auezov.txt", "= Auezov =\n\nMukhtar Auezov (مۇحتار اۋەزوۆ) and Arabic طريق.\n")
    write("auezov.toml", 'license = "CC0 1.0"\nlocales = ["en", "kk"]\n')
    english, kazakh = prepare(article, project, [])
    page = html.fromstring(print_html(english, "a4"))
    assert [(b.text, b.get("lang")) for b in page.xpath("//bdi[@dir='rtl']")] == [("مۇحتار اۋەزوۆ", "kk-Arab"), ("طريق", None)]
    (line,) = html.fromstring(print_html(kazakh, "a4")).xpath("//header/p[@class='edition']")
    assert (line.text, line.get("lang")) == ("Қазақша басылым, мәтін тілі: ағылшын тілі", "kk")


PAPER_SIZES = {"a4": (595.28, 841.89), "letter": (612, 792), "a5": (419.53, 595.28)}


@pytest.fixture(scope="module")
def paper_pdfs(seed_pdf, print_variants):
    return {"a4": seed_pdf, "letter": print_variants["letter"] / "alash-autonomy.pdf",
            "a5": print_variants["a5"] / "alash-autonomy.pdf"}


@pytest.mark.parametrize("paper", PAPER_SIZES)
def test_page_size_per_paper(paper_pdfs, paper):
    with pikepdf.open(paper_pdfs[paper]) as pdf:
        for page in pdf.pages:
            assert [float(x) for x in page.MediaBox] == pytest.approx([0, 0, *PAPER_SIZES[paper]], abs=0.01)


def test_running_head_with_the_current_section_but_not_on_the_first_page(seed_pdf):
    width = PAPER_SIZES["a4"][0]
    assert pdftotext_area(seed_pdf, 1, 0, 0, width, 60) == ""  # 22 mm top margin ≈ 62 pt
    # page 2 starts inside "History": the head says so, whatever heading comes later on it
    assert pdftotext_area(seed_pdf, 2, 0, 0, width, 60) == "Alash Autonomy History"
    assert pdftotext(seed_pdf, 2, 2).startswith("Alash Autonomy History")


@pytest.mark.parametrize("paper", PAPER_SIZES)
def test_page_n_of_m_footer(paper_pdfs, paper):
    pages = page_count(paper_pdfs[paper])
    for number in range(1, pages + 1):
        assert pdftotext(paper_pdfs[paper], number, number).strip().endswith(f"Page {number} of {pages}")


@pytest.mark.parametrize("paper", ["a4", "a5"])
def test_contents_page_numbers_are_where_the_headings_are(paper_pdfs, paper):
    pdf_path = paper_pdfs[paper]
    listed = dict(re.findall(r"^(\w.*?) ?(?:\. ?){5,}(\d+)\b", _lines(pdf_path), re.M))  # the infobox may follow
    assert list(listed) == ["Ethnonym", "History", "Government", "Films", "See also"]
    with pikepdf.open(pdf_path) as pdf, pdf.open_outline() as outline:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages, 1)}
        (title,) = outline.root
        actual = {item.title: pages[item.destination[0].objgen] for item in title.children}
    assert {name: int(page) for name, page in listed.items()} == actual
    for name, page in actual.items():  # and the heading text really is on that page
        assert f"\n{name}\n" in _lines(pdf_path, page)
    if paper == "a5":
        assert len(set(actual.values())) > 2  # the check spans pages, not one page's worth


def test_no_contents_list_under_three_sections(built):
    assert "Contents" not in pdftotext(built / "no-infobox.pdf")  # two sections


def _lines(pdf: Path, page: int | None = None) -> str:
    """pdftotext's own lines, which the contents check needs (helpers.pdftotext joins them)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
