"""Many articles: skip those already up to date, share the rest among worker processes.

One article's failure never stops the others. This module is imported by the command
line before anything is known to need building, so it loads the rendering pipeline
only for articles whose outputs are missing or stale (see cache.py).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from encyclopress.builder.cache import BuildCache, article_key
from encyclopress.builder.options import BuildOptions, Result, attempt
from encyclopress.core.cachedir import tool_digest
from encyclopress.engine.fork import forked
from encyclopress.engine.memory import return_freed_memory
from encyclopress.reading.collection import is_collection
from encyclopress.rendering.context import Project

if TYPE_CHECKING:
    from encyclopress.print_edition.layout import Mapper


def build_all(sources: list[Path], out_dir: Path, options: BuildOptions, project: Project,
              report: Callable[[Result], None], jobs: int = 1, scheduler: str | None = None) -> list[Result]:
    """Build `sources` into `out_dir`, in order; `report` sees each result as it comes.
    The stale ones are built by `jobs` local processes, or on the Dask `scheduler`'s workers."""
    cache = BuildCache(out_dir)
    keys = _keys(sources, options, project)
    results: dict[Path, Result] = {}
    for source in sources:
        if cache.is_fresh(_name(source), keys[source]):
            results[source] = Result(source, cache.outputs(_name(source)), ok=True, cached=True)
            report(results[source])
    stale = [source for source in sources if source not in results]
    for result in _build(stale, out_dir, options, project, jobs, scheduler):  # consumed to the end: the pool closes
        _remember(cache, _name(result.source), result, keys[result.source])
        report(result)
        results[result.source] = result
    cache.save()
    return [results[source] for source in sources]


def _name(source: Path) -> str:
    """An article's name in the cache: its absolute path."""
    return str(source.resolve())


def _keys(sources: list[Path], options: BuildOptions, project: Project) -> dict[Path, str | None]:
    tool = tool_digest(project.root)
    settings = f"{options!r} SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH')}"
    dated = options.date is not None or "SOURCE_DATE_EPOCH" in os.environ
    return {source: article_key(source, tool, settings, with_times=not dated) for source in sources}


def _remember(cache: BuildCache, name: str, result: Result, key: str | None) -> None:
    if result.ok and not result.diagnostics:  # warnings are shown again until they are dealt with
        cache.record(name, key, result.outputs)
    else:
        cache.forget(name)


def _build(sources: list[Path], out_dir: Path, options: BuildOptions, project: Project,
           jobs: int, scheduler: str | None) -> Iterator[Result]:
    """The articles, then the collections: built here, each piece of their print editions laid
    out by the workers (print_edition/book.py), a collection's articles being done by then."""
    articles = [source for source in sources if not is_collection(source)]
    collections = [source for source in sources if is_collection(source)]
    if scheduler is not None and articles:
        from encyclopress.builder.cluster import build_on_cluster

        yield from build_on_cluster(articles, out_dir, options, project, scheduler, jobs)
        articles = []  # a collection reads its articles' files, which a job does not ship: built here
    if not articles and not collections:
        return
    # loaded before the workers fork, so they share it
    from encyclopress.builder.collection import build_collection
    from encyclopress.builder.pipeline import build_article

    if jobs <= 1:
        for source in [*articles, *collections]:
            yield _built(_builder(source)(source, out_dir, options, project, map))
        return
    if len(articles) > 1 or collections:
        _preload(options.formats)
    if len(articles) == 1:  # one article on two cores: its layouts at once, the handout's in a forked process
        yield _built(build_article(articles[0], out_dir, options, project, forked))
    elif articles:
        yield from _pool_built(articles, out_dir, options, project, jobs)
    # A collection's pieces on workers forked for each map and ended with it: the articles'
    # workers have ended, and no worker idles beside the layouts the book is built from.
    for source in collections:
        yield _built(build_collection(source, out_dir, options, project, partial(forked, jobs=jobs)))


def _pool_built(articles: list[Path], out_dir: Path, options: BuildOptions, project: Project,
                jobs: int) -> Iterator[Result]:
    # forked: the workers start with the pipeline, its writers and WeasyPrint already loaded.
    results = forked(_build_one, [(source, out_dir, options, project) for source in articles], jobs)
    try:
        yield from results
    finally:  # stopped early (an interrupt): the workers stop, and remove their staged files
        results.close()


def _built(result: Result) -> Result:
    return_freed_memory()
    return result


def _preload(formats: tuple[str, ...]) -> None:
    """Import once in the parent what every worker would otherwise import for itself."""
    from encyclopress.builder.writers import writer
    from encyclopress.engine.weasy import weasyprint

    for fmt in formats:
        writer(fmt)
    weasyprint()


def _builder(source: Path) -> Callable[[Path, Path, BuildOptions, Project, Mapper], Result]:
    """How `source` is built: as a collection (`<name>.collection.toml`) or an article."""
    if is_collection(source):
        from encyclopress.builder.collection import build_collection

        return build_collection
    from encyclopress.builder.pipeline import build_article

    return build_article


def _build_one(work: tuple[Path, Path, BuildOptions, Project]) -> Result:
    try:
        return _builder(work[0])(*work)
    finally:
        return_freed_memory()  # glibc keeps what an article freed: a worker's memory would creep up


def build_shelf(out_dir: Path, project: Project) -> Result:
    """The feeds and catalog page over all of out/. No cache key here: the shelf index finds
    what changed in one listing of out/, and only the pages that changed are written."""
    if not out_dir.is_dir():  # every article failed before writing one: nothing to list, nor to create
        return Result(out_dir, ok=True)
    return make_shelf(out_dir, project, tool_digest(project.root))


def make_shelf(out_dir: Path, project: Project, tool: str = "") -> Result:
    """Bring the feeds and the page up to date with every publication in `out_dir`: the pages
    that changed, published together or not at all (`tool` changed: every page)."""
    from encyclopress.shelf.feeds import write_catalog

    result = Result(out_dir)
    with attempt(result):
        written = write_catalog(out_dir, project, tool)
        result.diagnostics += written.warnings
        result.outputs = written.outputs
        result.ok = True
    return result


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def progress(total: int, quiet: bool) -> Callable[[Result], None] | None:
    """A progress bar on a terminal for batches; None when quiet, piped, or one article."""
    if quiet or total < 2 or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    bar = tqdm(total=total, unit="article", file=sys.stderr, leave=False)
    return lambda result: bar.update(1)
