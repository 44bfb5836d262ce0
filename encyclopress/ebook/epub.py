"""E-reader edition: EPUB 3 through ebooklib, one XHTML document per top-level section.

ebooklib is told to raise, its writer's known gaps are closed in `_finish_zip`: the
package gets `xml:lang`, and the zip gets fixed timestamps with `mimetype` first and stored.
Every document is ours, the nav too (templates/epub/nav.xhtml.j2: contents, landmarks and
the print page list; ebooklib's would put an id on its epub:type toc), made from the same
entries as the NCX. Markers where each printed page starts go into the documents
(print_pages, page_markers); fonts go in as subsets of the characters the book uses.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from ebooklib import epub
from lxml import etree

from encyclopress.core.diagnostics import Diagnostic, fail
from encyclopress.core.filekinds import EPUB, PDF
from encyclopress.core.i18n import N_
from encyclopress.core.identifiers import print_edition_id
from encyclopress.ebook import book_pages
from encyclopress.ebook.accessibility import (
    SUMMARY,
    SUMMARY_UNPAGED,
    accessibility_metadata,
)
from encyclopress.ebook.cover import cover_image
from encyclopress.ebook.font_subset import subset_font
from encyclopress.ebook.navigation import Landmark, ncx_toc
from encyclopress.ebook.page_markers import PageTarget, body_ids, place_markers
from encyclopress.print_edition.layout import PrintEdition
from encyclopress.rendering.context import RenderContext
from encyclopress.rendering.dublin_core import dublin_core
from encyclopress.rendering.output import Stage
from encyclopress.rendering.templating import render

OPF_NS = "http://www.idpf.org/2007/opf"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TEXT = "text"  # the documents' folder in the package
COVER_IMAGE = "images/cover.png"
ZIP_FIRST, ZIP_LAST = (1980, 1, 1, 0, 0, 0), (2107, 12, 31, 23, 59, 58)  # the DOS date range


class _Document(epub.EpubHtml):
    """An XHTML document rendered whole by our templates, written as is. `root` is it
    parsed once, for the checks, the page markers and the fonts' characters."""

    root: etree._Element

    def get_content(self, default=None) -> bytes:
        return self.content


def _document(uid: str, title: str, lang: str, xhtml: str) -> _Document:
    document = _Document(uid=uid, file_name=f"{TEXT}/{book_pages.document_name(uid)}", title=title, lang=lang)
    document.content = xhtml.encode("utf-8")
    document.root = etree.fromstring(document.content)
    return document


def write_epub(ctx: RenderContext, stage: Stage, printed: PrintEdition) -> list[Diagnostic]:
    """The e-reader edition as `<slug>.epub`, listing the pages of `<slug>.pdf` when that is built."""
    warnings: list[Diagnostic] = []
    book = _book(ctx, printed, warnings)
    buffer = io.BytesIO()
    options = {
        "mtime": ctx.build.moment.replace(tzinfo=None),
        "raise_exceptions": True,
        "epub3_pages": False,  # else every element with epub:type and id becomes a "page"
        "compresslevel": 0,  # _finish_zip compresses once, when it rewrites the zip
    }
    if not epub.write_epub(buffer, book, options):
        raise fail(ctx.source, None, "ebooklib could not write the EPUB")
    # the package's metadata is the text's (title, summary); the edition statement says its own
    epub_bytes = _finish_zip(buffer.getvalue(), ctx.build.moment, ctx.publication.language)
    stage.path(ctx.output_name(EPUB)).write_bytes(epub_bytes)
    return warnings


def _book(ctx: RenderContext, printed: PrintEdition, warnings: list[Diagnostic]) -> epub.EpubBook:
    book = epub.EpubBook()
    _add_dublin_core(book, ctx)
    cover, *chapters = _chapters(ctx)
    # Without the PDF there is no print edition to list pages of, and WeasyPrint is not loaded.
    targets = _mark_print_pages(ctx, printed, chapters, warnings) if printed.with_pdf else []
    _add_accessibility(book, ctx, targets)
    nav = _add_navigation(book, ctx, cover, chapters, targets)
    documents = [cover, *chapters, nav]
    _add_resources(book, ctx, documents)
    for document in documents:
        book.add_item(document)
    # The nav stays in the spine (readers that show documents, not menus, still find the
    # contents) but out of the reading order: converters (pandoc, calibre) would print its
    # hidden landmarks and page list as text.
    book.spine = [cover, chapters[0], (nav, "no"), *chapters[1:]]
    return book


def _add_dublin_core(book: epub.EpubBook, ctx: RenderContext) -> None:
    """The package's DC elements, the same as `<slug>.dc.xml`'s (rendering/dublin_core.py).

    ebooklib's setters would add their own elements, so only the attributes its writer reads
    are set: the identifier (NCX `dtb:uid`), the title (NCX) and the edition's language.
    """
    book.metadata.pop(epub.NAMESPACES["DC"])  # EpubBook() starts with a random identifier
    book.uid = ctx.build.identifier
    book.title = ctx.title
    book.language = ctx.publication.language  # the text's; its passages' and the edition's follow
    for number, element in enumerate(dublin_core(ctx), 1):
        attributes = {XML_LANG: element.lang} if element.lang else {}
        if (element.name, element.value) == ("identifier", book.uid):  # the package's unique-identifier points here
            attributes["id"] = book.IDENTIFIER_ID
        if element.role:  # EPUB 3.3 §5.5.3.2.3: the role refines the element
            attributes["id"] = f"{element.name}-{number}"
            book.add_metadata(None, "meta", element.role,
                              {"refines": f"#{attributes['id']}", "property": "role", "scheme": "marc:relators"})
        book.add_metadata("DC", element.name, element.value, attributes)


def _add_accessibility(book: epub.EpubBook, ctx: RenderContext, targets: list[PageTarget]) -> None:
    book.add_prefix("a11y", "http://www.idpf.org/epub/vocab/package/a11y/#")
    page_source = print_edition_id(ctx.output_name(PDF)) if targets else None
    summary = ctx.gettext(SUMMARY if targets else SUMMARY_UNPAGED)
    for prop, value in accessibility_metadata(summary, ctx.publication.publisher, page_source):
        book.add_metadata(None, "meta", value, {"property": prop})


def _chapters(ctx: RenderContext) -> list[_Document]:
    """The cover page, then the book's documents (book_pages.py: an article's or a collection's)."""
    variables = ctx.template_vars()
    cover = ("cover", "epub/cover.xhtml.j2", ctx.gettext(N_("Cover")), {"image": f"../{COVER_IMAGE}", "book_title": ctx.title})
    documents = []
    for uid, template, title, extra in [cover, *book_pages.pages(ctx)]:
        document = _document(uid, title, ctx.build.language, render(ctx.env, template, **{**variables, **extra}))
        _check_has_text(document.root, template, ctx)
        documents.append(document)
    return documents


def _check_has_text(root: etree._Element, template: str, ctx: RenderContext) -> None:
    """ebooklib ships empty documents silently; we refuse to. (The cover page is its image.)"""
    body = root.find("{http://www.w3.org/1999/xhtml}body")
    if body is None or not ("".join(body.itertext()).strip() or body.find(".//{*}img[@alt]") is not None):
        raise fail(f"templates/{template}", None, f"renders an empty chapter for {ctx.source}")


def _name(document: _Document) -> str:
    """The document's file name in its folder, as the other documents link to it."""
    return document.file_name.removeprefix(f"{TEXT}/")


def _mark_print_pages(ctx: RenderContext, printed: PrintEdition, chapters: list[_Document],
                      warnings: list[Diagnostic]) -> list[PageTarget]:
    """Put a marker where each page of the print edition starts; the targets for the page list."""
    roots = {_name(chapter): chapter.root for chapter in chapters}
    starts, missing = printed.pdf.page_starts(set().union(*map(body_ids, roots.values())))
    targets = place_markers(roots, starts)
    for chapter, root in zip(chapters, roots.values()):
        chapter.content = etree.tostring(root.getroottree(), encoding="utf-8", xml_declaration=True)
    warnings += [] if not ctx.warn_unlisted_pages else [
        Diagnostic(ctx.source, None, f"epub: printed page {n} has no text the e-book also has; "
                   "it is left out of the page list", "warning")
        for n in missing
    ]
    return targets


def _add_navigation(book: epub.EpubBook, ctx: RenderContext, cover: _Document, chapters: list[_Document],
                    targets: list[PageTarget]) -> _Document:
    """The NCX and the EPUB 2 guide in the book; the nav document (contents, landmarks, pages) returned."""
    language = ctx.publication.language  # of the article text: the edition's may differ
    entries = book_pages.contents(ctx, [_name(c) for c in chapters], [c.title for c in chapters])
    start = chapters[book_pages.body_start(ctx)]
    landmarks = [
        Landmark("cover", "cover", _name(cover), cover.title),
        Landmark("toc", "toc", "nav.xhtml", ctx.gettext(N_("Contents"))),
        Landmark("bodymatter", "text", _name(start), start.title, language),
    ]
    book.toc = ncx_toc(entries, TEXT)
    book.add_item(epub.EpubNcx())
    book.guide = [{"type": m.guide_type, "href": f"{TEXT}/{m.document}", "title": m.title} for m in landmarks]
    xhtml = render(ctx.env, "epub/nav.xhtml.j2", **ctx.template_vars(), toc=entries, landmarks=landmarks, pages=targets)
    nav = _document("nav", ctx.gettext(N_("Contents")), ctx.publication.language, xhtml)
    nav.properties.append("nav")
    return nav


def _add_resources(book: epub.EpubBook, ctx: RenderContext, documents: list[_Document]) -> None:
    """Stylesheets, the cover image, and the fonts cut down to the characters of `documents`."""
    fonts_css = render(ctx.env, "epub/fonts.css.j2", **ctx.template_vars())
    book.add_item(epub.EpubItem(uid="css-fonts", file_name="styles/fonts.css", media_type="text/css", content=fonts_css))
    for name in ("base.css", "epub.css"):
        content = (ctx.project.styles / name).read_bytes()
        book.add_item(epub.EpubItem(uid=f"css-{name[:-4]}", file_name=f"styles/{name}", media_type="text/css", content=content))
    book.set_cover(COVER_IMAGE, cover_image(ctx), create_page=False)
    text = "".join("".join(d.root.itertext()) for d in documents)
    for face in ctx.build.fonts:
        data = subset_font(ctx.project.fonts / face.file, text)
        book.add_item(epub.EpubItem(uid=f"font-{face.file[:-4]}", file_name=f"fonts/{face.file}", media_type="font/ttf", content=data))


def _finish_zip(data: bytes, moment: datetime, language: str) -> bytes:
    """Same input, same bytes: fixed entry times, `mimetype` first and stored, package xml:lang."""
    stamp = min(max(moment.timetuple()[:6], ZIP_FIRST), ZIP_LAST)  # what zip can record
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        names = ["mimetype"] + [n for n in source.namelist() if n != "mimetype"]
        for name in names:
            content = source.read(name)
            if name.endswith(".opf"):
                content = _with_package_lang(content, language)
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, content)
    return out.getvalue()


def _with_package_lang(opf: bytes, language: str) -> bytes:
    root = etree.fromstring(opf)
    root.set(XML_LANG, language)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")
