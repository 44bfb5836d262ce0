"""The shipped fonts, and which of them an article needs.

Noto Serif and Noto Sans cover Latin, Cyrillic (every Kazakh letter) and Greek; the
fallbacks are included only when the article has characters that need them, so a book
in English and Kazakh does not carry a 4 MB CJK font. Each face names its licence, which
the colophon quotes for the faces a file embeds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import uharfbuzz as hb

OFL = "SIL Open Font License 1.1"  # fonts/OFL.txt
APACHE = "Apache License 2.0"  # fonts/LICENSE-Apache-2.0.txt


@dataclass(frozen=True, slots=True)
class FontFace:
    family: str
    file: str
    license: str
    weight: str = "normal"
    style: str = "normal"
    fallback: bool = False  # included only when the text needs it


FACES = (
    FontFace("Noto Serif", "NotoSerif-Regular.ttf", OFL),
    FontFace("Noto Serif", "NotoSerif-Bold.ttf", OFL, weight="bold"),
    FontFace("Noto Serif", "NotoSerif-Italic.ttf", OFL, style="italic"),
    FontFace("Noto Serif", "NotoSerif-BoldItalic.ttf", OFL, weight="bold", style="italic"),
    FontFace("Noto Sans", "NotoSans-Regular.ttf", OFL),
    FontFace("Noto Sans", "NotoSans-Bold.ttf", OFL, weight="bold"),
    FontFace("Noto Naskh Arabic", "NotoNaskhArabic-Regular.ttf", OFL, fallback=True),
    FontFace("Noto Serif Hebrew", "NotoSerifHebrew-Regular.ttf", OFL, fallback=True),
    FontFace("Noto Serif Georgian", "NotoSerifGeorgian-Regular.ttf", OFL, fallback=True),
    FontFace("Noto Serif Armenian", "NotoSerifArmenian-Regular.ttf", OFL, fallback=True),
    FontFace("Noto Sans Old Turkic", "NotoSansOldTurkic-Regular.ttf", OFL, fallback=True),  # runes (U+10C00)
    FontFace("Noto Sans Symbols", "NotoSansSymbols-Regular.ttf", OFL, fallback=True),  # arrows (→), signs
    FontFace("Droid Sans Fallback", "DroidSansFallbackFull.ttf", APACHE, fallback=True),
)


@lru_cache(maxsize=None)
def coverage(path: Path) -> frozenset[int]:
    """Code points the font at `path` maps to a glyph."""
    return frozenset(hb.Face(hb.Blob.from_file_path(str(path))).unicodes)


def faces_for(text: str, fonts_dir: Path) -> tuple[FontFace, ...]:
    """The base faces, plus each fallback that covers a character the faces before it do not."""
    chosen = [face for face in FACES if not face.fallback]
    covered = set().union(*(coverage(fonts_dir / face.file) for face in chosen))
    missing = {ord(c) for c in set(text) if not c.isspace()} - covered
    for face in (f for f in FACES if f.fallback):
        found = missing & coverage(fonts_dir / face.file)
        if found:
            chosen.append(face)
            missing -= found
    return tuple(chosen)


def families_by_license(faces: tuple[FontFace, ...]) -> dict[str, list[str]]:
    """Each licence of `faces` with its families, both in the order of `faces`: the colophon's credits."""
    families: dict[str, list[str]] = {}
    for face in faces:
        named = families.setdefault(face.license, [])
        if face.family not in named:
            named.append(face.family)
    return families


def covered_by_any(fonts_dir: Path) -> frozenset[int]:
    """Code points some shipped face draws: anything else would print as an empty box."""
    return frozenset().union(*(coverage(fonts_dir / face.file) for face in FACES))
