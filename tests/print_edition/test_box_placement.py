"""Nothing of the infobox is cut in print: beside the lead when it fits there, else under it,
breaking between rows with "<caption> (continued)" on every further page."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers import ARTICLES, CORPUS, EPOCH, ROOT, SEED, page_count, pdftotext
from lxml import html

from encyclopress.builder.pipeline import prepare
from encyclopress.cli import main
from encyclopress.print_edition.box_placement import (
    BoxPlacement,
    first_placement,
    revised,
)
from encyclopress.print_edition.layout import print_html

PAPERS = ("a4", "letter", "a5")
LONG_BOXES = ("kazakh-soviet-socialist-republic", "crimean-peoples-republic", "karakalpakstan")
BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
# The test articles and the corpus (one PDF per name in a folder).
SOURCES = [SEED, *ARTICLES, *CORPUS]


def _build(paths: list[Path], out: Path, *options: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        assert main([*map(str, paths), "--out", str(out), "--formats", "pdf", "--jobs", "2", *options], root=ROOT) == 0


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every test and corpus article printed on each paper: the folder of each paper's PDFs."""
    outs = {}
    for paper in PAPERS:
        outs[paper] = tmp_path_factory.mktemp(paper)
        _build(SOURCES, outs[paper], "--paper", paper)
    return outs


def _rows(source: Path, project, paper: str) -> list[tuple[str, list[str]]]:
    """Each infobox row of the print edition's HTML: its label, and its value (or each item of it)."""
    ctx = prepare(source, project, [])[0]
    page = html.fromstring(print_html(ctx, paper))
    rows = []
    for row in page.xpath("//table[contains(@class, 'infobox')]//tr[th[@scope='row']]"):
        items = row.xpath("td//li") or row.xpath("td")
        rows.append((_words(row.xpath("th")[0].text_content()), [_words(i.text_content()) for i in items]))
    return rows


def _words(text: str) -> str:
    return " ".join(text.split())


def _unspaced(text: str) -> str:
    """The text without spaces, nor the direction marks pdftotext puts around right-to-left runs."""
    return "".join(text.split()).translate(BIDI_CONTROLS)


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_infobox_row_reaches_the_pdf(printed, project, source, paper):
    """Compared without spaces: a cell's line breaks fall where they may (`(1917–` / `1920)`).
    Drawing order keeps a cell's lines together; reading order has right-to-left words in order."""
    pdf = printed[paper] / f"{source.stem}.pdf"
    texts = [_unspaced(pdftotext(pdf, raw=True)), _unspaced(pdftotext(pdf))]
    lost = [(label, value) for label, values in _rows(source, project, paper)
            for value in [label, *values] if not any(_unspaced(value) in text for text in texts)]
    assert lost == []


def _page_texts(pdf: Path) -> list[str]:
    return [pdftotext(pdf, n, n) for n in range(1, page_count(pdf) + 1)]


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("name", LONG_BOXES)
def test_a_long_box_is_captioned_again_on_the_page_it_continues_on(printed, paper, name):
    """The corpus's three longest boxes: on A5 each splits, and its second part starts page 2
    under "(continued)"; on A4 and Letter a box fits beside or under the lead, or does the same."""
    pages = _page_texts(printed[paper] / f"{name}.pdf")
    continued = [n for n, text in enumerate(pages, 1) if "(continued)" in text]
    assert continued == [2] if paper == "a5" else continued in ([], [2])


@pytest.mark.parametrize(("locale", "words"), [("kk", "(жалғасы)"), ("ru", "(продолжение)")])
def test_continued_in_the_edition_s_language(tmp_path, locale, words):
    source = ROOT / "tests" / "articles" / "corpus" / "karakalpakstan.txt"
    _build([source], tmp_path, "--paper", "a5", "--locale", locale)
    page_two = pdftotext(tmp_path / f"karakalpakstan.{locale}.pdf", 2, 2)
    assert f"Republic of Karakalpakstan {words}" in page_two


def test_a_box_of_many_pages_repeats_its_caption_on_each(tmp_path):
    names = [a + b for a in "ABCDEFGHIJ" for b in "abcdefghij"]  # 100 keys, no numbered groups
    facts = "".join(f"- Entry {name}: Value of entry {name}\n" for name in names)
    source = tmp_path / "long-box.txt"
    source.write_text(f"= Long Box =\n\nChronicle\n{facts}\nA short lead.\n", encoding="utf-8")
    _build([source], tmp_path, "--paper", "a5")
    pages = _page_texts(tmp_path / "long-box.pdf")
    assert len(pages) >= 3 and "Chronicle" in pages[0] and "(continued)" not in pages[0]
    assert all("Chronicle (continued)" in page for page in pages[1:])
    assert "Value of entry Jj" in pages[-1]


def _pages(*anchors_by_page: set[str]) -> list[SimpleNamespace]:
    return [SimpleNamespace(anchors=dict.fromkeys(anchors)) for anchors in anchors_by_page]


WHOLE = _pages({"infobox", "infobox-row-1", "infobox-row-2", "infobox-end"}, {"lead"})
CUT = _pages({"infobox", "infobox-row-1", "infobox-row-2"})  # the end of the float dropped
EMPTIED = _pages({"lead"})  # its one row taller than the page dropped: only the caption shows
BROKEN = _pages({"infobox", "infobox-row-1", "infobox-row-2"}, {"infobox", "infobox-row-3", "infobox-end"})


def test_beside_the_lead_when_it_fits_else_under_it_else_split():
    assert first_placement("a4") == BoxPlacement(beside=True) and first_placement("a5") == BoxPlacement(beside=False)
    assert revised(BoxPlacement(beside=True), WHOLE) is None
    assert revised(BoxPlacement(beside=True), CUT) == BoxPlacement(beside=False)
    assert revised(BoxPlacement(beside=True), EMPTIED) == BoxPlacement(beside=False)
    assert revised(BoxPlacement(beside=False), WHOLE) is None
    assert revised(BoxPlacement(beside=False), BROKEN) == BoxPlacement(beside=False, first_part=2)
    assert revised(BoxPlacement(beside=False, first_part=2), BROKEN) is None  # the last try
