"""EPUB Accessibility 1.1 metadata for the package document: what the book offers and claims.

The claims hold because the tests check them on every build: EPUBCheck, DAISY Ace (axe
rules for WCAG 2.x A and AA), language tags on every Kazakh and Russian run, row headers in
the infobox, alt text on the cover, a page list that matches the print edition.
"""

from __future__ import annotations

from encyclopress.core.i18n import N_

CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
FEATURES = (
    "structuralNavigation", "tableOfContents", "readingOrder", "pageNavigation", "pageBreakMarkers",
    "displayTransformability", "alternativeText",
)
PAGE_FEATURES = ("pageNavigation", "pageBreakMarkers")
SUMMARY = N_(
    "Text with headings, a table of contents and a list of the print edition's pages; passages "
    "in other languages are tagged with their language, and the cover image has a text alternative."
)
SUMMARY_UNPAGED = N_(  # an e-book built without its print edition has no page list
    "Text with headings and a table of contents; passages in other languages are tagged with their "
    "language, and the cover image has a text alternative."
)


def accessibility_metadata(summary: str, certifier: str, page_source: str | None) -> list[tuple[str, str]]:
    """(property, value) pairs for `<meta property>` in the package, in this order.
    `summary` is SUMMARY translated; `page_source` identifies the print edition whose
    pages the page list gives, None when there is no page list."""
    features = [f for f in FEATURES if page_source or f not in PAGE_FEATURES]
    return [
        ("schema:accessMode", "textual"),
        ("schema:accessMode", "visual"),  # the cover image
        ("schema:accessModeSufficient", "textual"),
        *(("schema:accessibilityFeature", feature) for feature in features),
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", summary),
        ("dcterms:conformsTo", CONFORMS_TO),
        ("a11y:certifiedBy", certifier),
        *([("pageBreakSource", page_source)] if page_source else []),
    ]
