"""The recipe for one collection: its articles read as for their own editions, then one book.

The articles are read (and checked) again here rather than taken from their own builds:
a collection may name articles no build of this run touches, and reading is fast; the
layout is what costs, and each article is laid out once per edition, in parallel
(print_edition/book.py).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from encyclopress.builder.options import BuildOptions, Result
from encyclopress.builder.pipeline import build_editions, editions
from encyclopress.builder.writers import WRITERS
from encyclopress.core.diagnostics import Diagnostic
from encyclopress.print_edition.layout import Mapper
from encyclopress.reading.collection import Collection, Part, load_collection
from encyclopress.reading.fonts import faces_for
from encyclopress.reading.glyphs import uncovered_characters, uncovered_in
from encyclopress.reading.publication import licence_warnings, load_publication
from encyclopress.reading.reader import read_article
from encyclopress.rendering.collection_context import (
    CollectedArticle,
    CollectionContext,
)
from encyclopress.rendering.context import Project, build_moment


def collection_formats(formats: tuple[str, ...]) -> tuple[str, ...]:
    """Of the formats asked for, those a collection has (the print files, for now)."""
    return tuple(fmt for fmt in formats if WRITERS[fmt].collections)


def build_collection(source: Path, out_dir: Path, options: BuildOptions, project: Project,
                     mapper: Mapper = map) -> Result:
    """Build one collection's editions into `out_dir` (`<name>.pdf`, `<name>.kk.pdf`…), all or
    none; the pieces of its print editions laid out by `mapper` (engine/fork.py's `forked`
    on worker processes, or map here)."""
    return build_editions(source, out_dir, options, collection_formats(options.formats),
                          lambda warnings: prepare_collection(source, project, warnings, options), mapper)


def prepare_collection(source: Path, project: Project, warnings: list[Diagnostic],
                       options: BuildOptions = BuildOptions()) -> list[CollectionContext]:
    """Read the collection file and every article it names; one context per edition."""
    collection = load_collection(source)
    publication = collection.publication
    if options.paper:
        publication = replace(publication, paper=options.paper)
    warnings += licence_warnings(source, publication)  # its own: its articles' are their own builds'
    warnings += uncovered_in(collection.located_texts(), project.fonts)
    parts = _read_parts(collection, project, warnings)
    titles = [collection.title, collection.subtitle or "", *(title for _, title in publication.parallel_titles)]
    texts = [item.article.text() + " ".join(t for _, t in item.publication.parallel_titles)
             for _, items in parts for item in items]
    fonts = faces_for(" ".join(titles + texts), project.fonts)
    files = [source, *(path for member in collection.members for path in (member.path, member.path.with_suffix(".toml")))]
    moment = options.date or build_moment(*files)
    return [CollectionContext(project, collection, parts, publication, build, env)
            for build, env in editions(publication, options, moment, fonts, project)]


def _read_parts(collection: Collection, project: Project,
                warnings: list[Diagnostic]) -> tuple[tuple[Part, tuple[CollectedArticle, ...]], ...]:
    """Each part with its articles read (their problems reported against their own files)."""
    parts = []
    number = 0
    for part in collection.parts:
        items = []
        for member in part.members:
            number += 1
            article = read_article(member.path, warnings)
            items.append(CollectedArticle(article, load_publication(member.path), f"a{number}-"))
            warnings += uncovered_characters(article, items[-1].publication, project.fonts)
        parts.append((part, tuple(items)))
    return tuple(parts)
