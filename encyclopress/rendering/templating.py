"""One Jinja2 environment for every template: autoescape on, StrictUndefined, gettext, Babel dates.

Templates receive three names: `article` (model.Article), `publication`
(publication.Publication) and `build` (pipeline.BuildInfo).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import format_decimal
from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
)
from jinja2.bccache import Bucket, FileSystemBytecodeCache

from encyclopress.core.cachedir import cache_home
from encyclopress.core.diagnostics import fail
from encyclopress.core.i18n import language_of, translations
from encyclopress.core.model import PartialDate
from encyclopress.core.numerals import lower_roman
from encyclopress.reading.fonts import families_by_license


class _CompiledTemplates(FileSystemBytecodeCache):
    """Compiled templates kept between runs in the user's cache folder (Jinja checks each
    against its template's source): a build starts without compiling ten templates."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a cache folder that cannot be written costs the compiling, nothing else
            pass


def _compiled_templates() -> _CompiledTemplates | None:
    folder = cache_home() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _CompiledTemplates(str(folder))


@lru_cache(maxsize=None)
def make_env(templates: Path, locale: str) -> Environment:
    """The environment for `locale`, made once a run: templates compile once, not per article."""
    env = Environment(
        loader=FileSystemLoader(templates),
        bytecode_cache=_compiled_templates(),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    catalog = translations(locale)
    env.install_gettext_translations(catalog, newstyle=True)  # type: ignore[attr-defined]
    # Labels that come from the article (infobox keys) are data: translated if known,
    # and escaped like any text, never marked safe as `_()` results are.
    env.filters["translate"] = catalog.gettext
    env.filters["date"] = lambda value: format_partial_date(value, locale)
    env.filters["number"] = lambda value: format_decimal(value, locale=locale)
    env.filters["date_range"] = lambda span: format_date_range(span[0], span[1], locale)
    env.filters["quote"] = lambda text: quote(text, locale)
    env.filters["and_list"] = lambda items: format_list(list(items), locale=locale)  # "A, B and C"
    env.filters["by_license"] = families_by_license
    env.filters["roman"] = lower_roman
    return env


def format_partial_date(value: PartialDate | date, locale: str) -> str:
    """`13 December 1917` (en_GB), `December 1917`, or `1917`, by what is known."""
    if isinstance(value, date):
        return format_date(value, format="long", locale=locale)
    if value.day and value.month:
        return format_date(date(value.year, value.month, value.day), format="long", locale=locale)
    if value.month:
        return format_skeleton("yMMMM", date(value.year, value.month, 1), locale=locale)
    return str(value.year)


def format_date_range(start: PartialDate, end: PartialDate, locale: str) -> str:
    """Two long dates joined by an en dash: Babel's interval formats abbreviate month names."""
    return f"{format_partial_date(start, locale)} – {format_partial_date(end, locale)}"


# CLDR quotation marks (Babel has no quotation data) per language.
QUOTES = {"en": ("“", "”"), "ru": ("«", "»"), "kk": ("«", "»")}


def quote(text: str, locale: str) -> str:
    opening, closing = QUOTES.get(language_of(locale), QUOTES["en"])
    return f"{opening}{text}{closing}"


def render(env: Environment, name: str, **context: object) -> str:
    """Render a template; template mistakes become `templates/name:line: error:` lines."""
    try:
        return env.get_template(name).render(**context)
    except TemplateSyntaxError as error:
        raise fail(f"templates/{error.name or name}", error.lineno, error.message or "syntax error") from None
    except TemplateError as error:
        raise fail(f"templates/{name}", _template_line(error, name), str(error)) from None


def _template_line(error: Exception, name: str) -> int | None:
    """The deepest traceback frame that ran template code, as Jinja rewrites them."""
    line = None
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(name):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
