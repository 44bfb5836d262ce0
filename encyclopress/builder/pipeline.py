"""The recipe for one article: read → model → render, every edition, every format.

An article's outputs appear together or not at all; batches are batch.py's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from encyclopress.builder.options import BuildOptions, Result, attempt
from encyclopress.builder.writers import run_order, write, writes
from encyclopress.core.diagnostics import BuildError, Diagnostic, as_errors
from encyclopress.core.filekinds import BOOKLET, PDF, TWO_UP
from encyclopress.core.paper import HANDOUT_PAGE
from encyclopress.print_edition.layout import Mapper, PrintEdition
from encyclopress.reading.editions import (
    edition_identifier,
    edition_isbn,
    edition_locales,
)
from encyclopress.reading.fonts import FontFace, faces_for
from encyclopress.reading.glyphs import uncovered_characters
from encyclopress.reading.publication import (
    Publication,
    licence_warnings,
    load_publication,
)
from encyclopress.reading.reader import read_article
from encyclopress.rendering.collection_context import CollectionContext
from encyclopress.rendering.context import (
    BuildInfo,
    Edition,
    Project,
    RenderContext,
    build_moment,
)
from encyclopress.rendering.output import staged
from encyclopress.rendering.templating import make_env

if TYPE_CHECKING:
    from jinja2 import Environment


def build_article(source: Path, out_dir: Path, options: BuildOptions, project: Project,
                  mapper: Mapper = map) -> Result:
    """Build one article's editions into `out_dir`: `<stem>.pdf`, `<stem>.kk.epub`…, all or none;
    its handout laid out by `mapper` beside its PDF (engine/fork.py's `forked`, or map here)."""
    return build_editions(source, out_dir, options, options.formats,
                          lambda warnings: prepare(source, project, warnings, options), mapper)


def build_editions(source: Path, out_dir: Path, options: BuildOptions, formats: tuple[str, ...],
                   contexts_of: Callable[[list[Diagnostic]], Sequence[Edition]], mapper: Mapper = map) -> Result:
    """Write `formats` of every edition `contexts_of` reads (its warnings into the result), all or
    none; a collection's pieces, or an article's handout, laid out by `mapper` (print_edition/layout.py)."""
    result = Result(source)
    with attempt(result):
        contexts = contexts_of(result.diagnostics)
        _stop_if_strict(options, result.diagnostics)
        with staged(out_dir) as stage:
            ordered = run_order(formats)
            for ctx in contexts:
                with closing(PrintEdition(ctx, with_pdf=writes(ordered, PDF), mapper=mapper)) as printed:
                    if _handout_beside(ctx, ordered):
                        printed.lay_out_beside(HANDOUT_PAGE)
                    if {"epub", "cover"} & set(formats) and not isinstance(ctx, CollectionContext):
                        from encyclopress.ebook.cover import start_cover

                        # drawn in a thread while WeasyPrint lays out; started after the fork, whose
                        # child would get no copy of the thread, only the locks it held (a
                        # collection's workers fork later, as it is laid out: drawn when asked for)
                        start_cover(ctx)
                    for fmt in ordered:
                        result.diagnostics += write(fmt, ctx, stage, printed)
            _stop_if_strict(options, result.diagnostics)
        result.outputs = sorted(stage.pending)
        result.ok = True
    if options.strict:
        result.diagnostics = as_errors(result.diagnostics)
    return result


def _handout_beside(ctx: Edition, formats: tuple[str, ...]) -> bool:
    """Whether the edition's handout is laid out beside its PDF: both are made, on two papers."""
    handout = writes(formats, BOOKLET) or writes(formats, TWO_UP)
    return handout and writes(formats, PDF) and ctx.publication.paper != HANDOUT_PAGE


def _stop_if_strict(options: BuildOptions, diagnostics: list[Diagnostic]) -> None:
    """Under --strict a warning fails the article; the warnings themselves are the report."""
    if options.strict and any(d.severity == "warning" for d in diagnostics):
        raise BuildError(())


def prepare(source: Path, project: Project, warnings: list[Diagnostic],
            options: BuildOptions = BuildOptions()) -> list[RenderContext]:
    """Read the article and its sidecar once; one render context per edition."""
    article = read_article(source, warnings)
    publication = load_publication(source)
    if options.paper:
        publication = replace(publication, paper=options.paper)
    warnings += licence_warnings(source, publication)
    warnings += uncovered_characters(article, publication, project.fonts)
    titles = " ".join(title for _, title in publication.parallel_titles)
    fonts = faces_for(article.text() + titles, project.fonts)
    moment = options.date or build_moment(source, source.with_suffix(".toml"))
    return [RenderContext(project, article, publication, build, env)
            for build, env in editions(publication, options, moment, fonts, project)]


def editions(publication: Publication, options: BuildOptions, moment: datetime, fonts: tuple[FontFace, ...],
             project: Project) -> list[tuple[BuildInfo, Environment]]:
    """The build facts and template environment of each edition of `publication` asked for."""
    return [(BuildInfo(moment, fonts, locale, suffix, edition_identifier(publication, suffix),
                       edition_isbn(publication, suffix)),
             make_env(project.templates, locale))
            for locale, suffix in edition_locales(publication, options.locales)]
