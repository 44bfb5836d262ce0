"""Encyclopress: encyclopedia articles in plain text → print PDF, EPUB 3 and catalog records.

The pipeline reads as its module names: reader (text → model) → infobox (field semantics) →
templating (Jinja2) → pdf / epub renderers → pipeline (one article, one batch) → cli.
"""

__version__ = "0.1.0"
