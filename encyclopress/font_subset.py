"""Shipped fonts cut down to the characters a book uses (fontTools' subsetter).

The e-book carries a font for every face its text needs; whole, Noto Serif alone is 600 KB
a style. A subset keeps the glyphs of the given characters and what they pull in (accents,
ligatures, kerning, mark positioning), every name record (the OFL copyright and licence
entries travel with the font), and the hinting. fontTools writes the same bytes for the
same input: the `head` timestamp is left as the file has it.
"""

from __future__ import annotations

import io
from pathlib import Path

from fontTools import subset

# Characters an e-reader may draw that the text does not contain: hyphens where it
# hyphenates (base.css asks for U+2010), and list bullets, which take the item's font.
READER_ADDS = "\u2010-•◦▪"


def subset_font(path: Path, text: str) -> bytes:
    """The font at `path` reduced to the characters of `text` (and READER_ADDS), as TrueType."""
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.notdef_outline = True  # a visible box, not nothing, if a reader asks for a missing glyph
    font = subset.load_font(path, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + READER_ADDS)
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()
