"""One PDF from a collection's pieces (book.py), with pikepdf: pages, structure, links, bookmarks.

The front matter's PDF is the book's base: its catalog keeps the metadata, language,
output intent and attachments. After it each piece's pages are appended, a blank page
before any that would start on a left-hand page, and what each piece's catalog held for
its pages is merged in:

- the structure tree: the piece's top elements join the book's document element; the
  numbers its pages and annotations use in /ParentTree (StructParents, StructParent) are
  moved past those already taken;
- named destinations (the links' targets): one name tree, a piece's names replacing the
  front matter's stand-ins (templates/macros.j2 `link_target`);
- bookmarks: each piece's, under the last bookmark of the piece before that was not
  `nested` (its part's) where `nested` says.

Finally the folio's pages (the body's page numbers) are drawn over the body's, as artifacts,
the pages labelled as printed (the front matter's roman, then the body's from 1) for a
viewer's "go to page", and each font's subsets are merged into one (font_merge.py).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from io import BytesIO
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, Pdf

from encyclopress.print_edition.font_merge import merge_fonts

Piece = tuple[int, bytes, bool]  # its first page (in the whole book, from 1), its PDF, its bookmarks under the part before


def assemble(front: bytes, front_pages: int, pieces: Sequence[Piece], folio: bytes,
             target: Any = None) -> bytes | None:
    """The book: `front` (padded to `front_pages`), then each piece from its page, the body
    numbered by `folio`; to `target` or as bytes."""
    book = Pdf.open(BytesIO(front))
    names = _destinations(book, book)
    with book.open_outline() as outline:
        part: OutlineItem | None = None
        for start, data, nested in pieces:
            with Pdf.open(BytesIO(data)) as piece:
                _pad(book, start - 1)
                items = _append(book, piece, names)
            if nested and part is not None:
                part.children.extend(items)
            else:
                outline.root.extend(items)
                part = items[-1] if items else part
    _set_destinations(book, names)
    with Pdf.open(BytesIO(folio)) as numbers:
        _number(book, numbers, front_pages)
    # PDF 1.7 §12.4.2: lowercase roman from the first page, decimal from 1 where the body starts
    book.Root.PageLabels = Dictionary(Nums=Array([0, Dictionary(S=Name.r), front_pages, Dictionary(S=Name.D)]))
    merge_fonts(book)
    out = BytesIO() if target is None else target
    # the structure elements (most of the book's objects) packed in compressed object streams
    book.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue() if target is None else None


def _append(book: Pdf, piece: Pdf, names: dict[str, Any]) -> list[OutlineItem]:
    """The piece's pages at the end of the book, its structure, destinations (into `names`) and
    top bookmarks (returned) copied; what the book took from it no longer read from it."""
    last = _last_object(book)
    first = len(book.pages)
    with warnings.catch_warnings():  # that its named destinations are not copied: _destinations does
        warnings.simplefilter("ignore", pikepdf.exceptions.PageCopyWarning)
        book.pages.extend(piece.pages)
    _merge_structure(book, piece, first)
    names |= _destinations(book, piece)
    items = _outline(book, piece)
    _own_streams(book, last)
    return items


def _last_object(book: Pdf) -> int:
    """The highest object number in use: qpdf numbers the objects it adds after it."""
    return book.make_indirect(Dictionary()).objgen[0] - 1  # the probe, unreferenced, is not saved


def _own_streams(book: Pdf, last: int) -> None:
    """Streams copied after object `last` given their data: qpdf otherwise reads it from the
    piece when the book is saved, so every piece would stay open (and in memory) until then."""
    for number in range(last + 1, _last_object(book) + 1):
        obj = book.get_object(number, 0)
        if isinstance(obj, pikepdf.Stream):
            obj.write(obj.read_raw_bytes(), filter=obj.get("/Filter"), decode_parms=obj.get("/DecodeParms"))


def _pad(book: Pdf, count: int) -> None:
    """Blank pages, the size of the last, until the book has `count`."""
    while len(book.pages) < count:
        last = book.pages[-1]
        page = Dictionary(Type=Name.Page, Resources=Dictionary(),
                          **{key[1:]: last.obj[key] for key in ("/MediaBox", "/TrimBox", "/BleedBox") if key in last.obj})
        book.pages.append(pikepdf.Page(book.make_indirect(page)))


def _merge_structure(book: Pdf, piece: Pdf, first: int) -> None:
    """The piece's structure elements under the book's document element; its /ParentTree
    numbers (on the pages from `first`) moved past the book's."""
    tree, ours = piece.Root.get("/StructTreeRoot"), book.Root.get("/StructTreeRoot")
    if tree is None or ours is None:  # an untagged book (a handout's pages) keeps no structure
        for page in book.pages[first:]:
            if "/StructParents" in page.obj:
                del page.obj.StructParents
        return
    nums = ours.ParentTree.Nums
    offset = int(nums[-2]) + 1 if len(nums) else 0
    their_nums = tree.ParentTree.Nums
    for index in range(0, len(their_nums), 2):
        nums.append(int(their_nums[index]) + offset)
        nums.append(_copy(book, piece, their_nums[index + 1]))
    for page in book.pages[first:]:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in page.obj.get("/Annots", ()):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset
    document = _document(ours)
    for element in _document(tree).K:
        copied = _copy(book, piece, element)
        copied.P = document
        document.K.append(copied)


def _document(tree: Any) -> Any:
    """The document element at the top of a structure tree (WeasyPrint writes one)."""
    return tree.K[0] if isinstance(tree.K, Array) else tree.K


def _destinations(book: Pdf, pdf: Pdf) -> dict[str, Any]:
    """The named destinations of `pdf` (a flat name tree, as WeasyPrint writes), copied into `book`."""
    tree = pdf.Root.get("/Names", {}).get("/Dests")
    if tree is None:
        return {}
    pairs = tree.Names
    return {str(pairs[i]): pairs[i + 1] if pdf is book else _copy(book, pdf, pairs[i + 1])
            for i in range(0, len(pairs), 2)}


def _set_destinations(book: Pdf, names: dict[str, Any]) -> None:
    if not names:
        return
    if "/Names" not in book.Root:
        book.Root.Names = Dictionary()
    pairs = Array()
    for name in sorted(names):  # a name tree is sorted
        pairs.append(pikepdf.String(name))
        pairs.append(names[name])
    book.Root.Names.Dests = book.make_indirect(Dictionary(Names=pairs))


def _outline(book: Pdf, piece: Pdf) -> list[OutlineItem]:
    """The piece's top bookmarks (with theirs under them), copied into `book`."""
    with piece.open_outline() as theirs:
        return [_copied(book, piece, item) for item in theirs.root]


def _copied(book: Pdf, piece: Pdf, item: OutlineItem) -> OutlineItem:
    copy = OutlineItem(item.title, _copy(book, piece, item.destination))
    copy.is_closed = item.is_closed
    copy.children.extend(_copied(book, piece, child) for child in item.children)
    return copy


def _copy(book: Pdf, piece: Pdf, obj: Any) -> Any:
    """`obj` of `piece` in `book`: what it refers to already copied (its pages) is not copied again."""
    return book.copy_foreign(obj if obj.is_indirect else piece.make_indirect(obj))


def _number(book: Pdf, folio: Pdf, front_pages: int) -> None:
    """Draw each folio page that has text over the body's page, marked as a pagination artifact."""
    for index, (page, numbers) in enumerate(zip(book.pages[front_pages:], folio.pages), front_pages):
        if b"BT" not in numbers.obj.Contents.read_bytes():
            continue
        form = book.copy_foreign(numbers.as_form_xobject())
        # a piece's pages share one resource dictionary: a name for each page's folio
        name = page.add_resource(form, Name.XObject, Name(f"/Folio{index + 1}"), replace_existing=False)
        page.contents_add(pikepdf.Stream(book, b"q\n"), prepend=True)
        page.contents_add(pikepdf.Stream(book, b"Q\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC q "
                                         + name.unparse() + b" Do Q EMC\n"))
