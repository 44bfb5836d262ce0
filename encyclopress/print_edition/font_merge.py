"""One font per face in an assembled book (assembly.py), not one per piece.

WeasyPrint subsets each document's fonts to the glyphs it uses, so every piece of a
collection embeds its own Noto Serif, Noto Sans… Its subsets keep the original glyph ids
(HarfBuzz's and fontTools' `retain_gids`), so the subsets of one face are one font with
different glyphs left empty: their union is a font that draws every piece's text. Each
face gets one font program holding every glyph a piece drew, one width array and one
ToUnicode map; the pages and forms that named another subset name it instead.

Merged are the fonts as WeasyPrint writes them: Type 0, TrueType outlines, identity
encoding, ToUnicode in `bfchar` lines. Anything else is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from io import BytesIO

from fontTools.ttLib import TTFont
from pikepdf import Array, Dictionary, Name, Object, Pdf, Stream

Widths = dict[int, float]  # glyph id → advance width, in 1/1000 em


def merge_fonts(book: Pdf) -> None:
    """Each face's subsets in `book` replaced by one font holding all their glyphs."""
    resources = list(_resources(book))
    replaced: dict[tuple[int, int], Object] = {}
    for fonts in _faces(resources).values():
        kept = _merged(book, fonts) if len(fonts) > 1 else None
        if kept is not None:
            replaced |= {font.objgen: kept for font in fonts if font.objgen != kept.objgen}
    for fonts in (res.Font for res in resources if "/Font" in res):
        for key in list(fonts.keys()):
            if fonts[key].objgen in replaced:
                fonts[key] = replaced[fonts[key].objgen]


def _resources(book: Pdf) -> Iterator[Object]:
    """Every resource dictionary of the pages and of the forms and patterns they draw, once."""
    seen: set[tuple[int, int]] = set()
    pending = [page.obj for page in book.pages]
    while pending:
        owner = pending.pop()
        resources = owner.get("/Resources")
        if not isinstance(resources, Dictionary) or (resources.is_indirect and resources.objgen in seen):
            continue
        if resources.is_indirect:
            seen.add(resources.objgen)
        yield resources
        for kind in ("/XObject", "/Pattern"):
            for drawn in resources.get(kind, Dictionary()).values():
                if drawn.objgen not in seen:
                    seen.add(drawn.objgen)
                    pending.append(drawn)


def _faces(resources: list[Object]) -> dict[str, list[Object]]:
    """The mergeable fonts by face: their name without the subset tag (`ABCDEF+`), in the
    order `_resources` finds them (the first is kept, holding the merge)."""
    fonts = {font.objgen: font for res in resources for font in res.get("/Font", Dictionary()).values()}
    faces: dict[str, list[Object]] = {}
    for font in fonts.values():
        if _mergeable(font):
            faces.setdefault(str(font.BaseFont).partition("+")[2] or str(font.BaseFont), []).append(font)
    return faces


def _mergeable(font: Object) -> bool:
    if font.get("/Subtype") != Name.Type0 or font.get("/Encoding") != Name("/Identity-H"):
        return False
    descendant = font.DescendantFonts[0]
    to_unicode = font.get("/ToUnicode")
    descriptor = descendant.FontDescriptor
    return (descendant.get("/Subtype") == Name.CIDFontType2 and "/FontFile2" in descriptor
            and "/CIDSet" not in descriptor  # (PDF 1.4's list of the glyphs present)
            and isinstance(to_unicode, Stream) and b"beginbfrange" not in to_unicode.read_bytes())


def _merged(book: Pdf, fonts: list[Object]) -> Object | None:
    """The first of `fonts`, now holding the glyphs, widths and text of them all; None if
    their programs are not all subsets of one font."""
    kept = fonts[0]
    descendants = [font.DescendantFonts[0] for font in fonts]
    program = _union_program(cid.FontDescriptor.FontFile2.read_bytes() for cid in descendants)
    if program is None:
        return None
    widths: Widths = {}
    text: dict[int, str] = {}
    for font, cid in zip(fonts, descendants):
        widths |= _widths(cid.get("/W", Array()))
        text |= _to_unicode(font.ToUnicode.read_bytes())
    descendants[0].W = _width_array(widths)
    descriptor = descendants[0].FontDescriptor
    descriptor.FontBBox = _union_box(cid.FontDescriptor.FontBBox for cid in descendants)
    descriptor.FontFile2 = Stream(book, program, Length1=len(program))
    kept.ToUnicode = Stream(book, _cmap(text))
    return kept


def _union_program(programs: Iterable[bytes]) -> bytes | None:
    """One TrueType font from subsets of one font with the same glyph ids: each glyph and its
    metrics from whichever subset has it (the one with the most glyph ids is the base); None
    if they are not of one font (their PostScript names or em sizes differ)."""
    # lazy: only the glyphs taken are decoded; recalcTimestamp off: the head table's date
    # would otherwise be "now", and builds would differ
    fonts = [TTFont(BytesIO(data), lazy=True, recalcTimestamp=False) for data in dict.fromkeys(programs)]
    if len({(font["name"].getDebugName(6), font["head"].unitsPerEm) for font in fonts}) > 1:
        return None
    base = max(fonts, key=lambda font: font["maxp"].numGlyphs)
    missing = set().union(*map(_drawn, fonts)) - _drawn(base)
    glyf, hmtx, names = base["glyf"], base["hmtx"], base.getGlyphOrder()  # a subset's names need not be the base's
    for font in fonts:
        taken = missing & _drawn(font)
        missing -= taken
        for gid in sorted(taken):
            name = font.getGlyphName(gid)
            # undecoded: its parts (a composite's) by glyph id, decoded with the base's names
            glyf[names[gid]] = font["glyf"].glyphs[name]
            hmtx[names[gid]] = font["hmtx"][name]
    out = BytesIO()
    base.save(out)
    return out.getvalue()


def _drawn(font: TTFont) -> set[int]:
    """The glyph ids with an outline (a subset empties the others), from the glyph offsets."""
    offsets = font["loca"].locations
    return {gid for gid in range(len(offsets) - 1) if offsets[gid] < offsets[gid + 1]}


def _widths(array: Array) -> Widths:
    """A CIDFont's /W array (`c [w1 w2 …]` and `c_first c_last w` runs) as a mapping."""
    items = list(array)
    widths: Widths = {}
    index = 0
    while index < len(items):
        first = int(items[index])
        if isinstance(items[index + 1], Array):
            widths |= {first + n: float(w) for n, w in enumerate(items[index + 1])}
            index += 2
        else:
            widths |= dict.fromkeys(range(first, int(items[index + 1]) + 1), float(items[index + 2]))
            index += 3
    return widths


def _width_array(widths: Widths) -> Array:
    """The /W array of consecutive runs, as WeasyPrint writes it."""
    array = Array()
    for gid in sorted(widths):
        if gid - 1 not in widths:
            array.append(gid)
            array.append(Array())
        array[-1].append(_number(widths[gid]))
    return array


def _number(width: float) -> int | float:
    return int(width) if width == int(width) else width


def _union_box(boxes: Iterable[Array]) -> Array:
    corners = [[float(v) for v in box] for box in boxes]
    return Array([_number(min(c[0] for c in corners)), _number(min(c[1] for c in corners)),
                  _number(max(c[2] for c in corners)), _number(max(c[3] for c in corners))])


_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_PAIR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")


def _to_unicode(cmap: bytes) -> dict[int, str]:
    """A ToUnicode CMap's `bfchar` entries: glyph id → text."""
    return {int(gid, 16): bytes.fromhex(text.decode()).decode("utf-16-be")
            for block in _BFCHAR.findall(cmap) for gid, text in _PAIR.findall(block)}


def _cmap(text: dict[int, str]) -> bytes:
    """A ToUnicode CMap for `text`, laid out as WeasyPrint writes one (100 entries a block)."""
    items = sorted(text.items())
    return b"\n".join([
        b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap", b"/CIDSystemInfo",
        b"<< /Registry (Adobe)", b"/Ordering (UCS)", b"/Supplement 0", b">> def",
        b"/CMapName /Adobe-Identity-UCS def", b"/CMapType 2 def",
        b"1 begincodespacerange", b"<0000> <ffff>", b"endcodespacerange",
        *(line for start in range(0, len(items), 100) for line in _bfchar(items[start:start + 100])),
        b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end",
    ])


def _bfchar(items: list[tuple[int, str]]) -> Iterator[bytes]:
    yield f"{len(items)} beginbfchar".encode()
    for gid, chars in items:
        yield f"<{gid:04x}> <{chars.encode('utf-16-be').hex()}>".encode()
    yield b"endbfchar"
