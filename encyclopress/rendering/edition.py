"""What an edition is, and the one sentence that says which edition a file is.

An edition is the article's text, unchanged and in its own language (the sidecar's
`language`; English for the seed), with an apparatus in the edition's language: everything
the tool adds (infobox labels, dates, contents and navigation, colophon). So the text's
language comes first wherever languages are listed (dc:language, MARC 041 $a, 008), and
the edition's follows. The statement is in the edition's language, and the same words go
on the cover, the title page, MARC 250, dc:description and the feeds, so that a reader, a
catalog and a librarian all tell the editions apart by the same words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from encyclopress.core.i18n import N_, language_name, language_of

if TYPE_CHECKING:
    from encyclopress.rendering.context import Edition

# Translators: the name of the edition in your language, e.g. "Russian edition" in Russian.
OWN_EDITION = N_("English edition")
WITH_TEXT_LANGUAGE = N_("%(edition)s, language of the text: %(language)s")


def edition_statement(ctx: Edition) -> str:
    """"Қазақша басылым, мәтін тілі: ағылшын тілі"; "English edition" when the text is English too."""
    from babel import Locale

    edition = ctx.gettext(OWN_EDITION)
    if language_of(ctx.publication.language) == ctx.build.language:
        return edition
    text = language_name(ctx.publication.language, Locale.parse(ctx.build.locale))
    return ctx.gettext(WITH_TEXT_LANGUAGE) % {"edition": edition, "language": text}
