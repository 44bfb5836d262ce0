"""The recipe: read → model → render, for one article and for a batch.

One article's failure never stops the others; each article's outputs appear together
or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from .catalog import write_catalog
from .context import BuildInfo, Project, RenderContext, build_moment
from .cover import write_cover
from .diagnostics import BuildError, Diagnostic, as_errors, unexpected
from .editions import edition_identifier, edition_locales
from .epub import write_epub
from .fonts import faces_for
from .glyphs import uncovered_characters
from .handout import write_2up, write_booklet
from .output import Stage, staged
from .pdf import write_pdf
from .press import write_press
from .publication import load_publication
from .reader import read_article
from .templating import make_env

# A writer puts its files in the stage (stage.path(ctx.output_name(...))) and returns warnings.
# The command line runs them in this order, whatever order --formats names: the catalog
# comes last, so its records link the editions staged before it.
Writer = Callable[[RenderContext, Stage], list[Diagnostic]]
WRITERS: dict[str, Writer] = {
    "pdf": write_pdf, "booklet": write_booklet, "epub": write_epub, "cover": write_cover,
    "2up": write_2up, "press": write_press, "catalog": write_catalog,
}
ON_REQUEST = frozenset({"2up", "press"})  # built only when asked for (--handout 2up, --press)
DEFAULT_FORMATS = tuple(fmt for fmt in WRITERS if fmt not in ON_REQUEST)


@dataclass(frozen=True)
class BuildOptions:
    """What the command line asks for, beyond which articles and where to."""

    formats: tuple[str, ...] = DEFAULT_FORMATS
    locales: tuple[str, ...] = ()  # editions; () = the sidecar's
    paper: str | None = None  # overrides the sidecar's
    strict: bool = False  # any warning fails the article (reported as an error)
    date: datetime | None = None  # the build date, over SOURCE_DATE_EPOCH and file times


@dataclass
class Result:
    source: Path
    outputs: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ok: bool = False


def build_article(source: Path, out_dir: Path, options: BuildOptions, project: Project) -> Result:
    """Build one article's editions into `out_dir`: `<stem>.pdf`, `<stem>.kk.epub`…, all or none."""
    result = Result(source)
    try:
        contexts = prepare(source, project, result.diagnostics, options)
        _stop_if_strict(options, result.diagnostics)
        with staged(out_dir) as stage:
            for ctx in contexts:
                for fmt in options.formats:
                    result.diagnostics += WRITERS[fmt](ctx, stage)
            _stop_if_strict(options, result.diagnostics)
        result.outputs = sorted(stage.pending)
        result.ok = True
    except BuildError as error:
        result.diagnostics += error.diagnostics
    except Exception as error:  # a bug or the system (disk full): this article fails, not the batch
        result.diagnostics.append(unexpected(source, error))
    if options.strict:
        result.diagnostics = as_errors(result.diagnostics)
    return result


def _stop_if_strict(options: BuildOptions, diagnostics: list[Diagnostic]) -> None:
    """Under --strict a warning fails the article; the warnings themselves are the report."""
    if options.strict and any(d.severity == "warning" for d in diagnostics):
        raise BuildError(())


def build_all(sources: list[Path], out_dir: Path, options: BuildOptions, project: Project,
              report: Callable[[Result], None]) -> list[Result]:
    results = []
    for source in sources:
        result = build_article(source, out_dir, options, project)
        report(result)
        results.append(result)
    return results


def prepare(source: Path, project: Project, warnings: list[Diagnostic],
            options: BuildOptions = BuildOptions()) -> list[RenderContext]:
    """Read the article and its sidecar once; one render context per edition."""
    article = read_article(source, warnings)
    publication = load_publication(source)
    if options.paper:
        publication = replace(publication, paper=options.paper)
    warnings += uncovered_characters(article, publication, project.fonts)
    titles = " ".join(title for _, title in publication.parallel_titles)
    fonts = faces_for(article.text() + titles, project.fonts)
    moment = options.date or build_moment(source, source.with_suffix(".toml"))
    return [
        RenderContext(project, article, publication,
                      BuildInfo(moment, fonts, locale, suffix, edition_identifier(publication, suffix)),
                      make_env(project.templates, locale))
        for locale, suffix in edition_locales(publication, options.locales)
    ]
