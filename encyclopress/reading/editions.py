"""Which localized editions of a publication to build, and what each is called.

The main edition uses the sidecar's `locale` and plain names (`<slug>.pdf`); each other
edition is named for its language (`<slug>.kk.pdf`). The article text is never
translated: an edition localizes what the tool adds.
"""

from __future__ import annotations

from encyclopress.core.i18n import babel_locale, language_of
from encyclopress.core.identifiers import default_identifier
from encyclopress.reading.publication import Publication


def edition_identifier(publication: Publication, suffix: str) -> str:
    """The main edition's identifier is the publication's; each other edition gets its own."""
    if not suffix:
        return publication.identifier
    return default_identifier(f"{publication.identifier}#{suffix}")


def edition_isbn(publication: Publication, suffix: str) -> str | None:
    """The sidecar's ISBN is the main edition's: the others are other publications, and an
    ISBN shared by three editions would make catalogs and e-book libraries merge them."""
    return None if suffix else publication.isbn


def edition_locales(publication: Publication, requested: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """`(locale, file-name suffix)` per edition: the requested ones, else the sidecar's, else the main."""
    main = language_of(publication.locale)
    editions: dict[str, tuple[str, str]] = {}
    for code in requested or publication.locales or (publication.locale,):
        language = language_of(code)
        edition = (publication.locale, "") if language == main else (babel_locale(code), language)
        editions.setdefault(language, edition)
    return list(editions.values())
