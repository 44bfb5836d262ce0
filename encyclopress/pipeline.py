"""The recipe: read → model → render, for one article and for a batch.

One article's failure never stops the others; each article's outputs appear together
or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .context import BuildInfo, Project, RenderContext, build_moment
from .cover import write_cover
from .diagnostics import BuildError, Diagnostic
from .epub import write_epub
from .fonts import faces_for
from .output import Stage, staged
from .pdf import write_pdf
from .publication import load_publication
from .reader import read_article
from .templating import make_env

# A writer puts its files in the stage (stage.path(ctx.output_name(...))) and returns warnings.
Writer = Callable[[RenderContext, Stage], list[Diagnostic]]
WRITERS: dict[str, Writer] = {"pdf": write_pdf, "epub": write_epub, "cover": write_cover}


@dataclass
class Result:
    source: Path
    outputs: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ok: bool = False


def build_article(source: Path, out_dir: Path, formats: tuple[str, ...], project: Project) -> Result:
    """Build one article into `out_dir`: `<stem>.pdf`, `<stem>.epub`…, all or none."""
    result = Result(source)
    try:
        ctx = prepare(source, project, result.diagnostics)
        with staged(out_dir) as stage:
            for fmt in formats:
                result.diagnostics += WRITERS[fmt](ctx, stage)
        result.outputs = sorted(stage.pending)
        result.ok = True
    except BuildError as error:
        result.diagnostics += error.diagnostics
    return result


def build_all(sources: list[Path], out_dir: Path, formats: tuple[str, ...], project: Project,
              report: Callable[[Result], None]) -> list[Result]:
    results = []
    for source in sources:
        result = build_article(source, out_dir, formats, project)
        report(result)
        results.append(result)
    return results


def prepare(source: Path, project: Project, warnings: list[Diagnostic]) -> RenderContext:
    """Read the article and its sidecar and gather everything the renderers need."""
    article = read_article(source, warnings)
    publication = load_publication(source)
    titles = " ".join(title for _, title in publication.parallel_titles)
    fonts = faces_for(article.text() + titles, project.fonts)
    build = BuildInfo(build_moment(source, source.with_suffix(".toml")), fonts)
    env = make_env(project.templates, publication.locale)
    return RenderContext(project, article, publication, build, env)
