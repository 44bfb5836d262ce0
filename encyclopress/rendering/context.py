"""What every renderer receives: the project's folders, the article, its metadata, the build."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from encyclopress import __version__
from encyclopress.core.diagnostics import fail
from encyclopress.core.i18n import DEFAULT_LOCALE, N_, language_of

if TYPE_CHECKING:  # the command line imports this module; it must stay light to start fast
    from jinja2 import Environment

    from encyclopress.core.filekinds import FileKind
    from encyclopress.core.model import Article
    from encyclopress.reading.fonts import FontFace
    from encyclopress.reading.publication import Publication


@dataclass(frozen=True, slots=True)
class Project:
    """The fixed top level: templates/, styles/, fonts/, content/ under one root."""

    root: Path

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def styles(self) -> Path:
        return self.root / "styles"

    @property
    def fonts(self) -> Path:
        return self.root / "fonts"

    @property
    def content(self) -> Path:
        return self.root / "content"


@dataclass(frozen=True, slots=True)
class BuildInfo:
    moment: datetime  # UTC, whole seconds: the one build date every output carries
    fonts: tuple[FontFace, ...]
    locale: str = DEFAULT_LOCALE  # the edition: language of everything the tool adds
    suffix: str = ""  # "" for the publication's main edition, else e.g. "kk"
    identifier: str = ""  # the edition's own identifier (editions are distinct publications)
    isbn: str | None = None  # the sidecar's ISBN, on the main edition only: an ISBN names one edition
    version: str = __version__

    @property
    def language(self) -> str:
        return language_of(self.locale)

    @property
    def date(self):
        return self.moment.date()

    @property
    def timestamp(self) -> str:
        return self.moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def build_moment(*sources: Path) -> datetime:
    """SOURCE_DATE_EPOCH when set, else the newest modification time of the sources, never "now".

    (`--date` overrides both: options.BuildOptions.date.)
    """
    epoch = source_date_epoch()
    if epoch is not None:
        return epoch
    seconds = int(max(p.stat().st_mtime for p in sources if p.exists()))
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def source_date_epoch() -> datetime | None:
    """SOURCE_DATE_EPOCH as a moment, None when unset; malformed, it is an error rather than
    ignored, as the reproducible-builds specification asks."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not value:
        return None
    try:
        if not value.isascii() or not value.isdigit():
            raise ValueError
        return datetime.fromtimestamp(int(value), tz=timezone.utc)
    except (ValueError, OverflowError, OSError):
        message = f"must be a whole number of seconds since 1970 (before year 10000), not {value!r}"
        raise fail("SOURCE_DATE_EPOCH", None, message) from None


class Edition:
    """What every edition (of an article, of a collection) is named and speaks: needs
    `publication` and `build` attributes."""

    __slots__ = ()
    publication: Publication
    build: BuildInfo

    def output_name(self, kind: FileKind) -> str:
        """`<slug>.<suffix>` (`alash-autonomy.pdf`), `<slug>.<edition>.<suffix>` for other editions."""
        edition = f".{self.build.suffix}" if self.build.suffix else ""
        return f"{self.publication.slug}{edition}.{kind.suffix}"

    def gettext(self, message: str) -> str:
        """`message` in the publication's language, for strings Python writes (nav titles)."""
        from encyclopress.core.i18n import translations

        return translations(self.build.locale).gettext(message)


@dataclass(frozen=True, slots=True)
class RenderContext(Edition):
    """One edition of one article."""

    project: Project
    article: Article
    publication: Publication
    build: BuildInfo
    env: Environment
    print_template: ClassVar[str] = "print.html.j2"
    warn_unlisted_pages: ClassVar[bool] = True  # every printed page has text the e-book has

    @property
    def source(self) -> Path:
        """The file problems found while rendering are reported against."""
        return self.article.source

    @property
    def title(self) -> str:
        return self.article.plain_title

    def summary(self) -> str:
        """The lead's first sentences (metadata takes the sidecar's description first)."""
        return self.article.summary()

    def languages(self) -> tuple[str, ...]:
        """Languages tagged in the text (the publication's own comes from its sidecar)."""
        return self.article.languages()

    def has_part(self) -> tuple[str, ...]:
        """Identifiers of the publications this one is made of: an article, of none."""
        return ()

    def infobox_prefixes(self) -> tuple[str, ...]:
        """The id prefix of each infobox printed ("": the article's own ids have none)."""
        return ("",) if self.article.infobox else ()

    def sources(self) -> list[tuple[Path, str]]:
        """The files the edition is made from, each with what it is (an English message id)."""
        return source_files(self.article.source)

    def template_vars(self) -> dict[str, object]:
        from encyclopress.rendering.edition import edition_statement

        return {"article": self.article, "publication": self.publication, "build": self.build,
                "edition": edition_statement(self)}


def source_files(article: Path) -> list[tuple[Path, str]]:
    """An article's text and, when it has one, its sidecar."""
    found = [(article, N_("Article text (source)"))]
    sidecar = article.with_suffix(".toml")
    if sidecar.exists():
        found.append((sidecar, N_("Publication metadata (source)")))
    return found
