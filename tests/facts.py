"""The facts check: does every infobox value of an article reach its PDF and its EPUB?

Reads the infobox straight from the article file (not through the reader it checks), and
compares each value's words with the words of `pdftotext -raw` (drawing order: a table cell's
lines together, even beside a column of text) and of the EPUB's documents.
Skipped: keys the families table declares presentation-only, image keys and image or
sound file names, and language tags (`Native Name Lang`), which are not text.
Markup that the templates leak (`class=nowrap`, `#tag:ref`, `85px`, `<hr />`, an empty
sub-label such as `Supported By:,`) is no fact either.

    python tests/facts.py OUT ARTICLE...    # per family: facts, lost in the PDF, lost in the EPUB

measures an out/ folder built from those articles (README in tests/articles/ has the figures).
"""

from __future__ import annotations

import re
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from babel.dates import get_month_names
from helpers import pdftotext
from lxml import etree

from encyclopress.reading.families import family_table, first_match, normalize_key

IMAGE_FILES = re.compile(r"\.(svg|png|jpe?g|gif|tiff?|webp|ogg|oga|mp3|wav)$", re.IGNORECASE)
_MARKUP = re.compile(
    r"<[^>]+>|\bclass\s*=\s*[\w-]+|\bgroup\s*=\s*\w+|#tag:ref|(?<![\w.])\d+px\b(?=\s*(?:,|$))"
    r"|File:[^,()]*?\.\w{2,4}\b|[A-Z][\w ]{0,30}:[\s,]*$")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTHS = get_month_names("wide", locale="en")
_FIELD = re.compile(r"^- (?P<key>[^:]+?):(?: (?P<value>.*)|\s*)$")


@dataclass(frozen=True)
class Field:
    key: str
    value: str
    line: int


def infobox_fields(article: Path) -> list[Field]:
    """The `- Key: Value` lines right under the line after the title, as the format defines them."""
    lines = article.read_text(encoding="utf-8").split("\n")
    header = next((i for i in range(1, len(lines)) if lines[i].strip()), None)
    fields = []
    if header is None or lines[header].startswith(("- ", "=")):
        return fields
    for number in range(header + 1, len(lines)):
        match = _FIELD.match(lines[number])
        if not match:
            break
        fields.append(Field(match["key"].strip(), (match["value"] or "").strip(), number + 1))
    return fields


def family(fields: list[Field]) -> str:
    found = family_table().family_of(normalize_key(f.key) for f in fields)
    return found.name if found else "general"


def is_fact(field: Field, fields: list[Field]) -> bool:
    """Text a reader must find: not presentation, an image or a language tag, by the families table."""
    table = family_table()
    key = normalize_key(field.key)
    detected = table.family_of(normalize_key(f.key) for f in fields)
    if key in table.language_of or IMAGE_FILES.search(field.value):
        return False
    if key == "familycolor":  # names the family only when `Fam1` does not (families table, language)
        return not any(normalize_key(f.key) == "fam1" for f in fields)
    return not (table.is_presentation(key, detected) or first_match(table.images, key))


def words(text: str) -> list[str]:
    """Lower-case words, numbers without their digit grouping (`2 015 000`, `2,015,000` → `2015000`)."""
    text = re.sub(r"(?<=\d)[,\u00a0\u202f ](?=\d{3}\b)", "", text.replace("\u00ad", ""))
    return re.findall(r"\w+", text.lower())


def expected_words(value: str) -> list[str]:
    value = _MARKUP.sub(" ", value)
    value = _ISO_DATE.sub(lambda m: f"{int(m[3])} {_MONTHS[int(m[2])]} {m[1]}", value)
    return words(value)


def epub_text(epub: Path) -> str:
    with zipfile.ZipFile(epub) as z:
        docs = [n for n in z.namelist() if n.endswith(".xhtml")]
        return " ".join(" ".join(etree.fromstring(z.read(n)).itertext()) for n in docs)


@dataclass(frozen=True)
class Loss:
    article: str
    key: str
    line: int
    edition: str
    missing: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.article}:{self.line}: '{self.key}' lost in the {self.edition}: {' '.join(self.missing)}"


def check(article: Path, out: Path) -> tuple[int, list[Loss]]:
    """The number of facts of `article` and those lost from out/<slug>.pdf and .epub (missing files lose all)."""
    fields = infobox_fields(article)
    facts = [f for f in fields if is_fact(f, fields) and expected_words(f.value)]
    texts = {}
    for edition, suffix in (("PDF", ".pdf"), ("EPUB", ".epub")):
        path = out / (article.stem + suffix)
        if path.exists():
            texts[edition] = set(words(_pdf_text(path) if suffix == ".pdf" else epub_text(path)))
        else:
            texts[edition] = set()
    losses = []
    for f in facts:
        for edition, found in texts.items():
            missing = tuple(w for w in dict.fromkeys(expected_words(f.value)) if w not in found)
            if missing:
                losses.append(Loss(article.stem, f.key, f.line, edition, missing))
    return len(facts), losses


def main(out: Path, articles: list[Path]) -> None:
    facts: Counter[str] = Counter()
    lost: Counter[tuple[str, str]] = Counter()
    for article in articles:
        name = family(infobox_fields(article))
        count, losses = check(article, out)
        facts[name] += count
        for edition in ("PDF", "EPUB"):
            lost[name, edition] += len({(x.key, x.line) for x in losses if x.edition == edition})
        for loss in losses:
            print(loss)
    print("\n| family | facts | lost in PDF | lost in EPUB |\n|---|---:|---:|---:|")
    for name in sorted(facts):
        print(f"| {name} | {facts[name]} | {lost[name, 'PDF']} | {lost[name, 'EPUB']} |")
    total = sum(facts.values()), sum(v for (_, e), v in lost.items() if e == "PDF"), \
        sum(v for (_, e), v in lost.items() if e == "EPUB")
    print(f"| all | {total[0]} | {total[1]} | {total[2]} |")



def _pdf_text(pdf: Path) -> str:
    """Both of pdftotext's orders: drawing order keeps a table cell's lines together, reading
    order puts right-to-left words (drawn last glyph first) back in logical order."""
    return f"{pdftotext(pdf, raw=True)} {pdftotext(pdf)}"


if __name__ == "__main__":
    main(Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]])
