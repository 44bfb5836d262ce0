"""Catalog records of one publication: MARC 21 (`.mrc`, `.marcxml`) and Dublin Core (`.dc.xml`).

The MARC mapping is templates/catalog/record.marcxml.j2, the Dublin Core one
rendering/dublin_core.py (shared with the EPUB); this module gathers the values they need
that are not plain article or sidecar data (coded languages, page count, links).
Links in the records (MARC 856) are the sidecar's `base_url` joined with the file name, so
a record imported into a library system points at the published files; without a base
URL they are bare file names, relative to the folder the record sits in.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import pymarc
from babel import Locale
from babel.lists import format_list

from encyclopress.catalog import marc
from encyclopress.core.diagnostics import Diagnostic, fail
from encyclopress.core.filekinds import (
    DUBLIN_CORE,
    MARC,
    MARCXML,
    PDF,
    PublishedFile,
    files_of,
)
from encyclopress.core.i18n import N_, language_name, language_of
from encyclopress.print_edition.attachments import Attachment
from encyclopress.print_edition.layout import PrintEdition
from encyclopress.print_edition.pdfa import add_associated_file
from encyclopress.rendering.collection_context import CollectionContext
from encyclopress.rendering.context import RenderContext
from encyclopress.rendering.dublin_core import dublin_core, summary, text_languages
from encyclopress.rendering.output import Stage
from encyclopress.rendering.templating import render

MARC_TEMPLATE = "catalog/record.marcxml.j2"
ENGLISH = Locale("en")  # the cataloguing language of the records' notes (MARC 040 $b eng)


@dataclass(frozen=True, slots=True)
class Link:
    file: PublishedFile
    url: str


@dataclass(frozen=True, slots=True)
class Description:
    """What the record templates need beyond `article`, `publication` and `build`."""

    control_number: str  # MARC 001: the records' file stem, unique in out/
    title: str
    summary: str
    marc_languages: tuple[str, ...]  # their MARC codes, where known
    language_code: str  # MARC code of the main language, `und` when unknown
    language_name: str  # in English, for the 546 note
    passages: str  # the other languages in English, "Kazakh and Russian"
    apparatus_code: str | None  # MARC code of the edition's language, where not the text's (041 $f)
    apparatus_name: str  # the same in English, for 546; "" where the text's
    nonfiling: int
    pages: tuple[int, int] | None  # of `<slug>.pdf` (front matter numbered in roman, the rest); None when not built
    links: tuple[Link, ...]  # the editions, for 856 and dc:format
    collection: Collected | None = None  # a collection's subtitle, editors and contents


@dataclass(frozen=True, slots=True)
class Collected:
    """What a collection's record adds (245 $b, 505, 740; its editors, 245 $c and 720, are
    the publication's)."""

    subtitle: str | None
    titles: tuple[str, ...]  # of its articles, in order


def _collected(ctx: RenderContext | CollectionContext) -> Collected | None:
    if not isinstance(ctx, CollectionContext):
        return None
    titles = tuple(item.article.plain_title for item in ctx.articles)
    return Collected(ctx.collection.subtitle, titles)


def write_catalog(ctx: RenderContext, stage: Stage, printed: PrintEdition) -> list[Diagnostic]:
    """`<slug>.mrc`, `<slug>.marcxml` and `<slug>.dc.xml`, linking the editions staged or in out/."""
    warnings: list[Diagnostic] = []
    record = describe(ctx, stage, printed, warnings)
    formats = (link.file.kind.media_type for link in record.links)
    variables = {**ctx.template_vars(), "record": record, "dublin_core": dublin_core(ctx, formats)}
    marc_record = _marc_record(render(ctx.env, MARC_TEMPLATE, **variables))
    stage.path(ctx.output_name(MARC)).write_bytes(marc.to_iso2709(marc_record))
    marcxml = marc.to_marcxml(marc_record)
    stage.path(ctx.output_name(MARCXML)).write_bytes(marcxml)
    dc_xml = render(ctx.env, "catalog/dc.xml.j2", **variables)
    stage.path(ctx.output_name(DUBLIN_CORE)).write_text(dc_xml, encoding="utf-8")
    _attach_to_archival_pdf(ctx, stage, marcxml)
    return warnings


def _attach_to_archival_pdf(ctx: RenderContext, stage: Stage, marcxml: bytes) -> None:
    """The record travels inside the PDF/A it describes, when that PDF is built with it."""
    pdf = stage.pending.get(stage.out_dir / ctx.output_name(PDF))
    if pdf is not None:
        record = Attachment(ctx.output_name(MARCXML), marcxml, "Data", ctx.gettext(N_("Catalog record (MARCXML)")))
        add_associated_file(pdf, record, "application/marcxml+xml", ctx.build.moment)


def describe(ctx: RenderContext, stage: Stage, printed: PrintEdition, warnings: list[Diagnostic]) -> Description:
    pub = ctx.publication
    codes = {lang: marc.language_code(lang) for lang in text_languages(ctx)}
    for lang, code in codes.items():
        if code is None:
            message = f"catalog: no MARC language code for '{lang}'; it is left out of 008 and 041"
            warnings.append(Diagnostic(ctx.source, None, message, "warning"))
    main_code = codes[pub.language] or marc.UNDETERMINED
    # one language, one name and code: `kk` and `kk-Arab` are both Kazakh (kaz)
    names = list(dict.fromkeys(language_name(lang, ENGLISH) for lang in text_languages(ctx)))
    apparatus = ctx.build.language if ctx.build.language != language_of(pub.language) else None
    editions = files_of(ctx.output_name, stage.out_dir, "edition", stage.pending)
    return Description(
        control_number=ctx.output_name(MARC).removesuffix(f".{MARC.suffix}"),
        title=ctx.title,
        summary=summary(ctx),
        marc_languages=tuple(dict.fromkeys(code for code in codes.values() if code)),
        language_code=main_code,
        language_name=names[0],
        passages=format_list(names[1:], locale=ENGLISH) if names[1:] else "",
        apparatus_code=marc.language_code(apparatus) if apparatus else None,
        apparatus_name=language_name(apparatus, ENGLISH) if apparatus else "",
        nonfiling=marc.nonfiling_characters(ctx.title, main_code),
        pages=printed.pagination,
        links=tuple(Link(file, (pub.base_url or "") + quote(file.name)) for file in editions),
        collection=_collected(ctx),
    )


def _marc_record(marcxml: str) -> pymarc.Record:
    """Our template's output as a pymarc record; a template that pymarc cannot read is our bug."""
    try:
        return marc.record_from_xml(marcxml)
    except Exception as error:  # SAX and pymarc raise many kinds; all mean the same here
        raise fail(f"templates/{MARC_TEMPLATE}", None, f"not a MARCXML record: {error}") from None
