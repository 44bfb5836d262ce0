"""Files embedded in the archival PDF (PDF/A-3 associated files).

Each provider in PROVIDERS turns a context into zero or more attachments known when the
PDF is written. A file that depends on other outputs (the MARCXML catalog record, which
links the editions staged before it) goes in afterwards through pdfa.add_associated_file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from encyclopress.rendering.context import RenderContext


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    data: bytes
    relationship: str  # PDF/A-3 AFRelationship: Source, Data, Supplement, Alternative, Unspecified
    description: str


def source_files(ctx: RenderContext) -> list[Attachment]:
    """The files the edition was made from (article text, sidecar, collection file), exactly as they were."""
    return [Attachment(path.name, path.read_bytes(), "Source", ctx.gettext(what)) for path, what in ctx.sources()]


PROVIDERS: list[Callable[[RenderContext], list[Attachment]]] = [source_files]


def attachments(ctx: RenderContext) -> list[Attachment]:
    return [attachment for provider in PROVIDERS for attachment in provider(ctx)]
