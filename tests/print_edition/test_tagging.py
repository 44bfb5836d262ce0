"""The tagged PDF read back as a screen reader and text extractors read it (issues 14, 15):
languages in the structure tree, one structure element per HTML element across pages,
right-to-left runs in reading order, hyphenated words whole. Read with pikepdf,
`pdfinfo -struct-text`, pdftotext and `mutool draw -F txt`."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from helpers import ROOT

from encyclopress.builder.pipeline import prepare
from encyclopress.engine.glyph_order import is_right_to_left_run
from encyclopress.engine.tagging import structure_corrections
from encyclopress.print_edition.layout import PrintEdition

BIDI_CONTROLS = re.compile("[\u202a-\u202e]")  # pdftotext wraps right-to-left words in embeddings
RIGHT_TO_LEFT = ["طريق الحرير", "جاده ابریشم", "דרך המשי"]  # tests/articles/many-scripts.txt


def extracted(tool: str, pdf: Path, *pages: str) -> str:
    command = {
        "pdftotext": ["pdftotext", *pages, str(pdf), "-"],
        "mutool": ["mutool", "draw", "-F", "txt", "-o", "-", str(pdf)],
        "pdfinfo": ["pdfinfo", "-struct-text", str(pdf)],
    }[tool]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return BIDI_CONTROLS.sub("", out)


def elements(node: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    kids = node.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in kids if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/StructElem"]


def walk(node: pikepdf.Dictionary):
    yield node
    for kid in elements(node):
        yield from walk(kid)


def title_block(pdf: pikepdf.Pdf) -> list[tuple[str, str | None]]:
    """(tag, /Lang) of the title block's elements: the title, parallel titles, dates."""
    header = elements(pdf.Root.StructTreeRoot.K[0])[0]
    return [(str(e.S), str(e.Lang) if "/Lang" in e else None) for e in elements(header)]


def test_kk_edition_is_english_text_with_kazakh_apparatus(built):
    with pikepdf.open(built / "alash-autonomy.kk.pdf") as pdf:
        assert str(pdf.Root.Lang) == "en"  # the article's language, not the edition's
        assert title_block(pdf) == [("/H1", None), ("/P", "kk"), ("/P", "ru"), ("/P", "kk"), ("/P", "kk")]  # … dates, edition
        labels = [e for e in walk(pdf.Root.StructTreeRoot.K[0]) if e.S == "/TH" and "/Lang" in e]
        assert labels and all(str(e.Lang) == "kk" for e in labels)  # the table's labels (a title is the article's)
        langs = {str(e.Lang) for e in walk(pdf.Root.StructTreeRoot.K[0]) if "/Lang" in e}
        assert langs == {"kk", "ru"}
    struct = extracted("pdfinfo", built / "alash-autonomy.kk.pdf")
    assert struct.index('"Алаш автономиясы"') < struct.index('"Алашская автономия"')  # the P's, in order


def test_english_edition_marks_only_the_parallel_titles_and_quotes(built):
    with pikepdf.open(built / "alash-autonomy.pdf") as pdf:
        assert str(pdf.Root.Lang) == "en"
        assert title_block(pdf) == [("/H1", None), ("/P", "kk"), ("/P", "ru"), ("/P", None), ("/P", None)]
        marked = [e for e in walk(pdf.Root.StructTreeRoot.K[0]) if "/Lang" in e]
        assert not [e for e in marked if e.S == "/TH"]
        assert {str(e.Lang) for e in marked} == {"kk", "ru"}  # «Оян, Қазақ!» and the like in the text
        assert len(marked) > 2


def test_a_paragraph_across_pages_is_one_element(print_variants):
    """The seed on A5 breaks pages inside paragraphs: each stays one element, and each of the
    five sections one Sect (a split element would add one)."""
    pdf_path = print_variants["a5"] / "alash-autonomy.pdf"
    with pikepdf.open(pdf_path) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages)}
        across = [
            e for e in walk(pdf.Root.StructTreeRoot.K[0])
            if e.S == "/P" and len({pages[k.Pg.objgen] for k in elements(e) if "/Pg" in k}) > 1
        ]
        assert across
        assert sum(1 for e in elements(pdf.Root.StructTreeRoot.K[0]) if e.S == "/Sect") == 5


@pytest.mark.parametrize("name", ["alash-autonomy.pdf", "alash-autonomy.ru.pdf", "many-scripts.pdf"])
def test_parent_tree_points_at_the_elements_that_hold_the_content(built, name):
    with pikepdf.open(built / name) as pdf:
        root = pdf.Root.StructTreeRoot
        in_tree = {e.objgen for e in walk(root.K[0])}
        for e in walk(root.K[0]):
            assert all(kid.P.objgen == e.objgen for kid in elements(e))
        nums = root.ParentTree.Nums
        for page in range(len(pdf.pages)):
            assert int(nums[2 * page]) == page
            for mcid, owner in enumerate(nums[2 * page + 1]):
                assert owner.objgen in in_tree or owner.S == "/Span"  # Spans of running heads hang loose
                contents = owner.K if isinstance(owner.K, pikepdf.Array) else [owner.K]
                assert any(k == mcid or (isinstance(k, pikepdf.Dictionary) and k.get("/MCID") == mcid)
                           for k in contents)


def test_hyphenated_words_extract_whole(built):
    page_one = extracted("pdftotext", built / "alash-autonomy.pdf", "-f", "1", "-l", "1")
    assert "disestablished" in page_one  # the pdftotext output as is: nothing joined here
    text = extracted("pdftotext", built / "alash-autonomy.pdf")
    assert "‐" not in text  # the seed has no hyphen of its own: each one was the layout's
    assert not re.search(r"^(lished|ov,|ing) ", text, re.MULTILINE)  # no word's end left on the next line
    assert "Balabanov, until 1919" in " ".join(text.split())
    with pikepdf.open(built / "alash-autonomy.pdf") as pdf:  # what tag-tree readers read
        spoken = [str(e.ActualText) for e in walk(pdf.Root.StructTreeRoot.K[0]) if "/ActualText" in e]
    assert any(t.endswith("and disestablished") for t in spoken)


@pytest.mark.parametrize("tool", ["pdftotext", "mutool", "pdfinfo"])
def test_right_to_left_runs_extract_in_reading_order(built, tool):
    text = " ".join(extracted(tool, built / "many-scripts.pdf").split())
    for run in RIGHT_TO_LEFT:
        assert run in text, (tool, run)
        assert run[::-1] not in text, (tool, run)


def test_right_to_left_runs_look_the_same(project, tmp_path):
    """Drawn in reading order, each glyph stays where the layout put it: the same pixels."""
    ctx = prepare(ROOT / "tests" / "articles" / "many-scripts.txt", project, [])[0]
    layout = PrintEdition(ctx, with_pdf=True).pdf
    plain = tmp_path / "plain.pdf"
    layout.write(plain, pdf_variant="pdf/a-3a")
    corrected = tmp_path / "corrected.pdf"
    with structure_corrections() as correct:
        layout.write(corrected, pdf_variant="pdf/a-3a", finisher=correct)
    assert plain.read_bytes() != corrected.read_bytes()
    for pdf in (plain, corrected):
        subprocess.run(["pdftoppm", "-r", "150", "-gray", "-f", "1", "-l", "1", str(pdf), str(tmp_path / pdf.stem)],
                       check=True)
    before, after = ((tmp_path / f"{name}-1.pgm").read_bytes() for name in ("plain", "corrected"))
    assert len(before) == len(after)
    changed = sum(1 for a, b in zip(before, after) if abs(a - b) > 64)
    assert changed < 20, changed  # sub-pixel rounding of the moves at most


@pytest.mark.parametrize(("text", "expected"), [
    ("דרך המשי", True), ("طريق الحرير,", True), ("ءجۇز", True),
    ("Hebrew ", False), ("1917 דרך", False), ("Arabic طريق", False),
])
def test_only_runs_of_right_to_left_letters_are_redrawn(text, expected):
    assert is_right_to_left_run(text) is expected
