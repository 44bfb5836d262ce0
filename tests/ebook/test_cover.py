"""The cover image: size, title set in the shipped fonts, fallbacks, same bytes each time."""

from __future__ import annotations

import io
import zipfile

from helpers import ROOT
from PIL import Image, ImageChops, ImageDraw, ImageFont

from encyclopress.ebook.cover import BACKGROUND, SIZE, CoverText, cover_lines, cover_png
from encyclopress.reading.fonts import FACES

FONTS = ROOT / "fonts"
BASE = [face for face in FACES if not face.fallback]
SEED = CoverText("Alash Autonomy", ("Алаш автономиясы", "Алашская автономия"), "English edition", "Encyclopress")
TITLES = (SEED, FONTS, BASE)


def _text(title: str) -> CoverText:
    return CoverText(title, (), "English edition", "Encyclopress")


def test_lines_and_faces():
    lines = cover_lines(*TITLES)
    assert [(line.text, [run.face for run in line.runs]) for line in lines] == [
        ("Alash", ["NotoSerif-Bold.ttf"]),
        ("Autonomy", ["NotoSerif-Bold.ttf"]),
        ("Алаш автономиясы", ["NotoSerif-Italic.ttf"]),
        ("Алашская автономия", ["NotoSerif-Italic.ttf"]),
        ("English edition", ["NotoSans-Bold.ttf"]),
        ("Encyclopress", ["NotoSans-Regular.ttf"]),
    ]
    assert [line.top for line in lines] == sorted(line.top for line in lines)


def test_characters_the_serif_lacks_take_the_fallback_that_has_them():
    (line, *_) = cover_lines(_text("Silk 絲綢之路"), FONTS, FACES)
    assert [(run.text, run.face) for run in line.runs] == [
        ("Silk ", "NotoSerif-Bold.ttf"), ("絲綢之路", "DroidSansFallbackFull.ttf")]


def test_a_long_title_shrinks_and_wraps_within_the_margins():
    title = "Kirghiz Autonomous Socialist Soviet Republic of the Steppe and the Caspian Lowland"
    lines = [line for line in cover_lines(_text(title), FONTS, BASE) if line.runs[0].face == "NotoSerif-Bold.ttf"]
    assert 2 < len(lines) <= 5 and " ".join(line.text for line in lines) == title
    assert lines[0].size < 168


def test_the_title_is_drawn_in_the_shipped_bold_serif():
    cover = Image.open(io.BytesIO(cover_png(*TITLES)))
    assert (cover.format, cover.size) == ("PNG", SIZE) == ("PNG", (1600, 2560))
    first = cover_lines(*TITLES)[0]
    assert _same_ink(cover, first, FONTS / "NotoSerif-Bold.ttf")
    assert not _same_ink(cover, first, FONTS / "NotoSans-Bold.ttf")
    assert not _same_ink(cover, first, FONTS / "NotoSerif-Regular.ttf")


def test_same_bytes_every_time():
    assert cover_png(*TITLES) == cover_png(*TITLES)


def test_the_cover_file_is_the_epubs_cover_image(built):
    with zipfile.ZipFile(built / "alash-autonomy.epub") as z:
        assert z.read("EPUB/images/cover.png") == (built / "alash-autonomy.cover.png").read_bytes()


def _same_ink(cover: Image.Image, line, font_file) -> bool:
    """Does the band of `line` on the cover match the line drawn alone in `font_file`?
    (Up to the cover's palette: no pixel may differ by more than a few shades.)"""
    font = ImageFont.truetype(str(font_file), line.size)
    alone = Image.new("RGB", SIZE, BACKGROUND)
    ImageDraw.Draw(alone).text(((SIZE[0] - round(font.getlength(line.text))) // 2, line.top), line.text,
                               font=font, fill=line.colour)
    band = (0, line.top, SIZE[0], line.top + round(line.size * 1.2))
    difference = ImageChops.difference(cover.convert("RGB").crop(band), alone.crop(band)).convert("L")
    return difference.point(lambda value: 255 if value > 40 else 0).getbbox() is None


def test_each_edition_has_a_cover_of_its_own_that_names_it(built):
    """The editions differ by their statement, drawn above the publisher's line."""
    covers = [(built / f"alash-autonomy{edition}.cover.png").read_bytes() for edition in ("", ".kk", ".ru")]
    assert len(set(covers)) == 3
    kazakh = CoverText("Alash Autonomy", (), "Қазақша басылым, мәтін тілі: ағылшын тілі", "Encyclopress")
    lines = cover_lines(kazakh, FONTS, BASE)
    assert [line.text for line in lines if line.colour == "#c9a23f"] == ["Қазақша басылым, мәтін тілі:", "ағылшын тілі"]
    assert [line.top for line in lines] == sorted(line.top for line in lines)
