"""Files embedded in the archival PDF (PDF/A-3 associated files).

Each provider in PROVIDERS turns a context into zero or more attachments known when the
PDF is written. A file that depends on other outputs (the MARCXML catalog record, which
links the editions staged before it) goes in afterwards through pdfa.add_associated_file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from encyclopress.core.i18n import N_
from encyclopress.rendering.context import RenderContext


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    data: bytes
    relationship: str  # PDF/A-3 AFRelationship: Source, Data, Supplement, Alternative, Unspecified
    description: str


def source_files(ctx: RenderContext) -> list[Attachment]:
    """The article text and its sidecar, exactly as the edition was made from them."""
    source = ctx.article.source
    found = [Attachment(source.name, source.read_bytes(), "Source", ctx.gettext(N_("Article text (source)")))]
    sidecar = source.with_suffix(".toml")
    if sidecar.exists():
        found.append(Attachment(sidecar.name, sidecar.read_bytes(), "Source",
                                ctx.gettext(N_("Publication metadata (source)"))))
    return found


PROVIDERS: list[Callable[[RenderContext], list[Attachment]]] = [source_files]


def attachments(ctx: RenderContext) -> list[Attachment]:
    return [attachment for provider in PROVIDERS for attachment in provider(ctx)]
