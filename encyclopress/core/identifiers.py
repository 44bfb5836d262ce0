"""Identifiers the tool makes up: UUID 5 names in its own namespace, so they are stable
from build to build and machine to machine."""

from __future__ import annotations

import uuid

ID_NAMESPACE = uuid.UUID("8c0a5c7e-3b7e-5d36-9d7b-2f0f3c6a1e41")  # ours, so identifiers are stable


def default_identifier(name: str) -> str:
    """`urn:uuid:…` naming `name` (a slug, an edition, "catalog") in our namespace."""
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, name)}"


def print_edition_id(pdf_name: str) -> str:
    """The identifier of the print edition whose pages an e-book lists: a UUID 5 of its file
    name (`alash-autonomy.pdf`; each localized edition has its own pages)."""
    return default_identifier(pdf_name)
