"""E-reader edition: EPUB 3 through ebooklib, one XHTML document per top-level section.

ebooklib is told to raise, its writer's known gaps are closed in `_finish_zip`: the
package gets `xml:lang`, and the zip gets fixed timestamps with `mimetype` first and stored.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from ebooklib import epub
from lxml import etree

from .context import RenderContext
from .diagnostics import Diagnostic, fail
from .i18n import N_
from .model import plain
from .output import Stage
from .templating import render

OPF_NS = "http://www.idpf.org/2007/opf"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ZIP_FIRST, ZIP_LAST = (1980, 1, 1, 0, 0, 0), (2107, 12, 31, 23, 59, 58)  # the DOS date range


class _Document(epub.EpubHtml):
    """An XHTML document rendered whole by our templates, written as is."""

    def get_content(self, default=None) -> bytes:
        return self.content


def write_epub(ctx: RenderContext, stage: Stage) -> list[Diagnostic]:
    """The e-reader edition as `<slug>.epub`."""
    book = _book(ctx)
    buffer = io.BytesIO()
    options = {
        "mtime": ctx.build.moment.replace(tzinfo=None),
        "raise_exceptions": True,
        "epub3_pages": False,  # else every element with epub:type and id becomes a "page"
        "landmark_title": ctx.gettext(N_("Landmarks")),
    }
    if not epub.write_epub(buffer, book, options):
        raise fail(ctx.article.source, None, "ebooklib could not write the EPUB")
    epub_bytes = _finish_zip(buffer.getvalue(), ctx.build.moment, ctx.publication.language)
    stage.path(ctx.output_name("epub")).write_bytes(epub_bytes)
    return []


def _book(ctx: RenderContext) -> epub.EpubBook:
    pub, article = ctx.publication, ctx.article
    book = epub.EpubBook()
    book.set_identifier(pub.identifier)
    book.set_title(article.plain_title)
    book.set_language(pub.language)
    for lang, title in pub.parallel_titles:
        book.add_metadata("DC", "title", title, {"id": f"title-{lang}", XML_LANG: lang})
    for lang in article.languages():
        if lang != pub.language:
            book.add_metadata("DC", "language", lang)
    for author in pub.authors:
        book.add_author(author)
    book.add_metadata("DC", "publisher", pub.publisher)
    book.add_metadata("DC", "date", ctx.build.date.isoformat())
    book.add_metadata("DC", "rights", f"{pub.license} ({pub.license_url})")
    description = pub.description or article.summary()
    if description:  # none without a lead paragraph, and an empty dc:description is invalid
        book.add_metadata("DC", "description", description)
    if pub.source_url:
        book.add_metadata("DC", "source", pub.source_url)
    for subject in pub.subjects:
        book.add_metadata("DC", "subject", subject)
    _add_resources(book, ctx)
    chapters = _chapters(ctx)
    for chapter in chapters:
        book.add_item(chapter)
    book.toc = _toc(ctx, chapters)
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav(file_name="nav.xhtml"))
    book.spine = [chapters[0], "nav", *chapters[1:]]
    book.guide = [
        {"type": "toc", "href": "nav.xhtml", "title": ctx.gettext(N_("Contents"))},
        {"type": "text", "href": chapters[0].file_name, "title": article.plain_title},
    ]
    return book


def _chapters(ctx: RenderContext) -> list[_Document]:
    """The opening (title, infobox, lead), one document per section, and the colophon."""
    variables = ctx.template_vars()
    pages = [("title", "epub/title.xhtml.j2", ctx.article.plain_title, {})]
    for n, section in enumerate(ctx.article.sections, 1):
        pages.append((f"s{n:02d}-{section.anchor}", "epub/section.xhtml.j2", plain(section.title), {"section": section}))
    pages.append(("colophon", "epub/colophon.xhtml.j2", ctx.gettext(N_("About this edition")), {}))
    documents = []
    for uid, template, title, extra in pages:
        xhtml = render(ctx.env, template, **variables, **extra)
        _check_has_text(xhtml, template, ctx)
        doc = _Document(uid=uid, file_name=f"text/{uid}.xhtml", title=title, lang=ctx.publication.language)
        doc.content = xhtml.encode("utf-8")
        documents.append(doc)
    return documents


def _check_has_text(xhtml: str, template: str, ctx: RenderContext) -> None:
    """ebooklib ships empty documents silently; we refuse to."""
    body = etree.fromstring(xhtml.encode("utf-8")).find("{http://www.w3.org/1999/xhtml}body")
    if body is None or not "".join(body.itertext()).strip():
        raise fail(f"templates/{template}", None, f"renders an empty chapter for {ctx.article.source}")


def _toc(ctx: RenderContext, chapters: list[_Document]) -> list:
    toc: list = [epub.Link(chapters[0].file_name, ctx.article.plain_title, "toc-title")]
    for chapter, section in zip(chapters[1:], ctx.article.sections):
        link = epub.Link(chapter.file_name, plain(section.title), f"toc-{section.anchor}")
        children = [
            epub.Link(f"{chapter.file_name}#{child.anchor}", plain(child.title), f"toc-{child.anchor}")
            for child in section.children
        ]
        toc.append((epub.Section(plain(section.title), chapter.file_name), children) if children else link)
    toc.append(epub.Link(chapters[-1].file_name, chapters[-1].title, "toc-colophon"))
    return toc


def _add_resources(book: epub.EpubBook, ctx: RenderContext) -> None:
    fonts_css = render(ctx.env, "epub/fonts.css.j2", **ctx.template_vars())
    book.add_item(epub.EpubItem(uid="css-fonts", file_name="styles/fonts.css", media_type="text/css", content=fonts_css))
    for name in ("base.css", "epub.css"):
        content = (ctx.project.styles / name).read_bytes()
        book.add_item(epub.EpubItem(uid=f"css-{name[:-4]}", file_name=f"styles/{name}", media_type="text/css", content=content))
    for face in ctx.build.fonts:
        data = (ctx.project.fonts / face.file).read_bytes()
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
