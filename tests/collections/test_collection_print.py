"""The collection's PDF, checked with qpdf, poppler and pikepdf like an article's: one book with a
title page, contents with page numbers, articles opening on right-hand pages, nested bookmarks."""

from __future__ import annotations

import shutil
import subprocess

import pikepdf
import pytest
from collection_fixture import MEMBERS, build, collection_argv, copy_collection
from helpers import EPOCH, ROOT, pdffonts, pdftotext, pdftotext_area

from encyclopress.builder.collection import prepare_collection
from encyclopress.core.filekinds import PDF
from encyclopress.print_edition import assembly
from encyclopress.print_edition.book import BookLayout
from encyclopress.reading.reader import read_article
from encyclopress.rendering.context import Project

EDITIONS = ["alash-reader.pdf", "alash-reader.kk.pdf", "alash-reader.ru.pdf"]


@pytest.fixture(scope="module")
def titles(collection_file):
    return [read_article(collection_file.with_name(f"{slug}.txt"), []).plain_title for slug in MEMBERS]


def _outline(pdf: pikepdf.Pdf) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every bookmark, in order."""
    pages = {page.objgen: number for number, page in enumerate(pdf.pages)}
    found = []

    def walk(items, depth):
        for item in items:
            found.append((depth, item.title, pages[item.destination[0].objgen]))
            walk(item.children, depth + 1)

    with pdf.open_outline() as outline:
        walk(outline.root, 0)
    return found


def test_every_edition_and_the_booklets_are_built(collection_out):
    names = sorted(p.name for p in collection_out.glob("alash-reader*.pdf"))
    assert names == sorted(EDITIONS + [n.replace(".pdf", ".booklet.pdf") for n in EDITIONS])
    with pikepdf.open(collection_out / "alash-reader.booklet.pdf") as booklet:
        assert len(booklet.pages) % 2 == 0  # A5 pages two to a sheet


@pytest.mark.parametrize("name", EDITIONS)
def test_qpdf_finds_nothing_wrong(collection_out, name):
    run = subprocess.run(["qpdf", "--check", str(collection_out / name)], capture_output=True, text=True)
    assert run.returncode == 0 and "No syntax or stream encoding errors" in run.stdout, run.stdout + run.stderr


@pytest.mark.parametrize("name", EDITIONS)
def test_tagged_pdfa_3a_with_the_collection_and_every_article_attached_once(collection_out, name, collection_file):
    with pikepdf.open(collection_out / name) as pdf:
        assert pdf.open_metadata().pdfa_status == "3A"
        assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked
        files = list(pdf.Root.AF)
        assert len({f.objgen for f in files}) == len(files)
        attached = {str(f.UF): bytes(f.EF.F.read_bytes()) for f in files}
    expected = {p.name for p in collection_file.parent.iterdir()}  # the collection, texts and sidecars
    assert set(attached) == expected | {name.replace(".pdf", ".marcxml")}  # and its catalog record
    assert attached["alash-reader.collection.toml"] == collection_file.read_bytes()


def test_bookmarks_nest_part_article_section_and_point_at_their_pages(collection_out, titles):
    with pikepdf.open(collection_out / "alash-reader.pdf") as pdf:
        outline = _outline(pdf)
    assert [title for depth, title, _ in outline if depth == 0] == ["The Autonomy", "Press and Scripts",
                                                                      "Sources and licences"]
    assert [title for depth, title, _ in outline if depth == 1] == titles
    sections = [title for depth, title, _ in outline if depth == 2]
    assert sections[:5] == ["Ethnonym", "History", "Government", "Films", "See also"]
    for depth, title, page in outline:
        if depth == 1:  # each article opens on a right-hand page: odd page numbers, even indexes
            assert page % 2 == 0, title
            assert title in pdftotext(collection_out / "alash-reader.pdf", page + 1, page + 1)


def test_contents_give_the_pages_the_articles_start_on(collection_out, titles):
    pdf = collection_out / "alash-reader.pdf"
    with pikepdf.open(pdf) as doc:
        starts = {title: doc.pages[page].label for depth, title, page in _outline(doc) if depth == 1}
    contents = pdftotext(pdf, 2, 3)
    for title in titles:
        number = starts[title]
        assert f"{title} " in contents and f" {number} " in contents.split(title, 1)[1][:400], title


def test_text_in_reading_order_title_page_first_sources_last(collection_out, collection_file):
    """pdftotext reads the title page, the contents, then each article's title and lead in
    the collection's order, then the sources: the order the structure tree gives."""
    text = pdftotext(collection_out / "alash-reader.pdf")
    cursor = text.index("The Alash Movement")
    assert cursor < text.index("Edited by Aigerim Seitkali and John Smith") < text.index("Contents")
    cursor = text.index("Sources and licences")  # the contents' last entry
    for slug in MEMBERS:
        article = read_article(collection_file.with_name(f"{slug}.txt"), [])
        lead = " ".join(article.summary().split()[:4])
        cursor = text.index(article.plain_title, cursor)
        cursor = text.index(lead, cursor)
    sources = text[text.index("Sources and licences", cursor):]
    for slug in MEMBERS:
        assert read_article(collection_file.with_name(f"{slug}.txt"), []).plain_title in sources
    assert "https://en.wikipedia.org/wiki/Alash_Autonomy" in sources and "CC BY-SA 4.0" in sources


def test_running_heads_name_the_article_and_numbering_runs_through(collection_out):
    pdf = collection_out / "alash-reader.pdf"
    with pikepdf.open(pdf) as doc:
        start = next(page for depth, title, page in _outline(doc) if title == "Alash Autonomy")
        label = doc.pages[start + 1].label
    second = pdftotext(pdf, start + 2, start + 2)  # the article's second page
    assert second.lstrip().startswith("Alash Autonomy") and f" {label} " in f"{second} "


def test_the_front_matter_is_numbered_in_roman_and_the_body_from_1(collection_out):
    """As in a printed book: the front matter's pages labelled i, ii… (the contents printing
    theirs), the body's from 1 on the right-hand page after them, whatever their number."""
    path = collection_out / EDITIONS[0]
    with pikepdf.open(path) as pdf:
        labels = [page.label for page in pdf.pages]
    body = labels.index("1")
    assert labels[:body] == ["i", "ii", "iii", "iv"]  # the title page, its verso, the contents, a blank page
    assert labels[body:] == [str(n) for n in range(1, len(labels) - body + 1)]
    assert "iii" in pdftotext(path, 3, 3).split()  # the contents' page, after the title page and its verso


def test_the_localized_edition_localizes_what_the_tool_adds(collection_out):
    text = pdftotext(collection_out / "alash-reader.kk.pdf", 1, 3)
    assert "Алаш қозғалысы" in text and "Мазмұны" in text


def test_rebuilds_are_byte_identical_and_a_no_op_rebuild_is_cached(collection_file, collection_out, tmp_path):
    again = tmp_path / "again"
    assert build([*collection_argv(collection_file), "--out", str(again)]) == 0
    built = sorted(str(p.relative_to(collection_out)) for p in collection_out.rglob("*") if p.is_file())
    assert sorted(str(p.relative_to(again)) for p in again.rglob("*") if p.is_file()) == built
    for name in built:
        assert (again / name).read_bytes() == (collection_out / name).read_bytes(), name
    # the collection alone (its article warns of its missing licence: warnings are built again)
    books = [name for name in built if name.startswith("alash-reader.")]
    before = {name: (again / name).stat().st_mtime_ns for name in books}
    assert build([str(collection_file), "--out", str(again)]) == 0
    assert {name: (again / name).stat().st_mtime_ns for name in books} == before


def test_one_process_builds_the_same_files(collection_file, collection_out, tmp_path):
    """With --jobs 1 every piece is laid out in this process, one after another: the same files."""
    assert build([*collection_argv(collection_file), "--out", str(tmp_path), "--jobs", "1"]) == 0
    for name in [p.name for p in collection_out.iterdir() if p.name.startswith("alash-reader.")]:
        assert (tmp_path / name).read_bytes() == (collection_out / name).read_bytes(), name


def test_the_book_s_pages_can_be_read_before_it_is_written(collection_file, collection_out, monkeypatch):
    """Its front matter is laid out when the book is written; asked for first (the page count,
    where each page starts), it is laid out then, in a child process too: the same pages."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    ctx = prepare_collection(collection_file, Project(ROOT), [])[0]
    assert ctx.output_name(PDF) == EDITIONS[0]
    pages = BookLayout(ctx, ctx.publication.paper, press=False)
    with pikepdf.open(collection_out / EDITIONS[0]) as pdf:
        labels = [page.label for page in pdf.pages]
    assert pages.page_count == len(labels) and pages.pagination == (labels.index("1"), len(labels) - labels.index("1"))
    starts, _ = pages.page_starts({"a1-title"})
    assert [start.page for start in starts] == [labels[labels.index("1") + 2]]  # after the part's page and its verso


def test_the_pdf_claims_no_author(collection_out):
    """Its editors did not write it: no /Author, none in the XMP (its title page names them)."""
    with pikepdf.open(collection_out / EDITIONS[0]) as pdf:
        assert "/Author" not in pdf.docinfo and "/Title" in pdf.docinfo
        with pdf.open_metadata() as xmp:
            assert "dc:creator" not in xmp


def test_a_missing_article_fails_the_collection_alone_with_its_line(tmp_path, capsys):
    path = copy_collection(tmp_path / "content")
    (tmp_path / "content" / "many-scripts.txt").unlink()
    article = tmp_path / "content" / "no-infobox.txt"
    out = tmp_path / "out"
    assert build([str(article), str(path), "--out", str(out), "--formats", "pdf"]) == 1
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if '"many-scripts"' in text)
    assert f"{path}:{line}: error: no article 'many-scripts'" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["no-infobox.pdf"]  # the article built, no part file


def test_a5_press_and_2up_files_of_a_collection(collection_file, tmp_path):
    out = tmp_path / "print"
    assert build([str(collection_file), "--out", str(out), "--locale", "en", "--formats", "pdf",
                  "--paper", "a5", "--press", "--handout", "2up"]) == 0
    for name in ("alash-reader.pdf", "alash-reader.press.pdf", "alash-reader.2up.pdf"):
        run = subprocess.run(["qpdf", "--check", str(out / name)], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout
    with pikepdf.open(out / "alash-reader.pdf") as pdf, pikepdf.open(out / "alash-reader.press.pdf") as press, \
            pikepdf.open(out / "alash-reader.2up.pdf") as two_up:
        pages = len(pdf.pages)
        assert [round(float(x)) for x in pdf.pages[0].MediaBox[2:]] == [420, 595]  # A5
        assert len(press.pages) == pages and "/TrimBox" in press.pages[0] and "/BleedBox" in press.pages[0]
        assert len(two_up.pages) == (pages + 1) // 2


def test_each_long_infobox_of_a_collection_is_placed_on_its_own(tmp_path):
    """Two corpus articles with long boxes in one A5 book: each box is tried as in its own PDF
    (print_edition/box_placement.py, by its article's id prefix), and each splits under
    "(continued)" with its end laid out: no row lost."""
    content = tmp_path / "content"
    content.mkdir()
    for slug in ("karakalpakstan", "crimean-peoples-republic"):
        for source in (ROOT / "tests" / "articles" / "corpus").glob(f"{slug}.*"):
            shutil.copy2(source, content / source.name)
    path = content / "boxes.collection.toml"
    path.write_text('title = "Boxes"\nlicense = "CC BY-SA 4.0"\narticles = ["karakalpakstan", "crimean-peoples-republic"]\n',
                    encoding="utf-8")
    out = tmp_path / "out"
    assert build([str(path), "--out", str(out), "--formats", "pdf", "--paper", "a5"]) == 0
    text = pdftotext(out / "boxes.pdf")
    assert text.count("(continued)") >= 2
    with pikepdf.open(out / "boxes.pdf") as pdf:
        anchors = {str(name) for name, _ in pikepdf.NameTree(pdf.Root.Names.Dests).items()}
    # each box's end is laid out (a float cut at the end of its page loses it), each split in two
    assert {"a1-infobox-end", "a2-infobox-end", "a1-infobox-continued", "a2-infobox-continued"} <= anchors


@pytest.mark.parametrize("name", EDITIONS)
def test_the_assembled_structure_tree_points_at_its_own_pages(collection_out, name):
    """The pieces' trees merged into one: every ParentTree number used once, each page's
    entry holding elements of that page, every element under the one document element."""
    with pikepdf.open(collection_out / name) as pdf:
        tree = pdf.Root.StructTreeRoot
        nums = tree.ParentTree.Nums
        keys = [int(nums[i]) for i in range(0, len(nums), 2)]
        assert keys == sorted(set(keys))
        entries = dict(zip(keys, (nums[i] for i in range(1, len(nums), 2))))
        used = []
        for page in pdf.pages:
            if "/StructParents" not in page.obj:
                continue
            used.append(int(page.obj.StructParents))
            for element in entries[used[-1]]:
                assert element.Pg.objgen == page.obj.objgen
            for annotation in page.obj.get("/Annots", ()):
                used.append(int(annotation.StructParent))
                assert entries[used[-1]].K[0].Obj.objgen == annotation.objgen
        assert len(used) == len(set(used)) and set(used) <= set(keys)
        document = tree.K if isinstance(tree.K, pikepdf.Dictionary) else tree.K[0]
        assert all(kid.P.objgen == document.objgen for kid in document.K)
        assert len(document.K) > len(MEMBERS)  # the title page, contents, parts, articles, sources


def test_page_numbers_are_drawn_as_artifacts_on_body_pages_only(collection_out):
    """The folio (each body page's number, laid over the assembled pages) is a pagination
    artifact, and the title page, the contents (whose pages print their own roman numbers)
    and the blank pages have none."""
    path = collection_out / EDITIONS[0]
    with pikepdf.open(path) as pdf:
        labels = [page.label for page in pdf.pages]
        streams = [page.obj.get("/Contents", pikepdf.Array()) for page in pdf.pages]  # an added blank page has none
        contents = [b"".join(part.read_bytes() for part in (s if isinstance(s, pikepdf.Array) else [s])) for s in streams]
    numbered = [n for n, data in enumerate(contents, 1)
                if f"/Artifact <</Type /Pagination /Subtype /Footer>> BDC q /Folio{n} Do".encode() in data]
    assert numbered and numbered[0] > 3  # not the title page, its verso, the contents
    for n in numbered:
        # the only text in the bottom margin (20 mm of A4's 842 pt): its number
        assert pdftotext_area(path, n, 0, 842 - 57, 595, 57) == labels[n - 1]
    blank = [n for n in range(1, len(contents) + 1) if not pdftotext(path, n, n).strip()]
    assert blank and not set(blank) & set(numbered)


def test_each_font_is_embedded_once_and_draws_every_page_as_the_pieces_did(collection_file, collection_out,
                                                                           tmp_path, monkeypatch):
    """Each piece embeds its own subsets; the book has one font per face (font_merge.py), with
    which every page renders pixel for pixel as with the pieces' own."""
    merged = [row["name"].partition("+")[2] for row in pdffonts(collection_out / EDITIONS[0])]
    assert len(merged) == len(set(merged))
    monkeypatch.setattr(assembly, "merge_fonts", lambda book: None)
    build([str(collection_file), "--out", str(tmp_path / "out"), "--formats", "pdf"])
    unmerged = tmp_path / "out" / EDITIONS[0]
    assert len(pdffonts(unmerged)) > 2 * len(merged)
    pages = {}
    for name, pdf in (("merged", collection_out / EDITIONS[0]), ("unmerged", unmerged)):
        subprocess.run(["pdftoppm", "-r", "30", "-gray", str(pdf), str(tmp_path / name)], check=True)
        pages[name] = [p.read_bytes() for p in sorted(tmp_path.glob(f"{name}-*.pgm"))]
    assert len(pages["merged"]) > 10 and pages["merged"] == pages["unmerged"]
