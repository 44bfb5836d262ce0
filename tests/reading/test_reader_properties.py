"""Properties of the reader on generated input (hypothesis, derandomized so CI is stable):
arbitrary text fails only with the tool's own error, and whatever parses renders to an
EPUB that EPUBCheck accepts (on a small sample: one Java run checks them all)."""

from __future__ import annotations

from pathlib import Path

from helpers import epubcheck_many
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from encyclopress.builder.options import BuildOptions
from encyclopress.builder.pipeline import build_article
from encyclopress.core.diagnostics import BuildError
from encyclopress.reading.reader import decode, parse_article, read_article

STABLE = settings(derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SOURCE = Path("generated.txt")

# Characters the format and the renderers care about, beside any character at all.
SPECIAL = "<>&\"'=-:;,()[]\t\x07\x0c\x1b\u00a0\u200f\u202e\ufeff\ufffe"
WORDS = ["Алаш", "Қазақ", "طريق الحرير", "עברית", "漢字", "ひらがな", "한국어", "ქართული", "Հայերեն",
         "<script>alert(1)</script>", "&amp;", "]]>", "http://127.0.0.1:9/x", "13 December 1917", "1917", "( , )"]
any_character = st.characters(codec="utf-8")  # what a UTF-8 file can hold: all but surrogates
words = st.one_of(st.text(st.one_of(any_character, st.sampled_from(SPECIAL)), max_size=12), st.sampled_from(WORDS))
phrases = st.lists(words, max_size=6).map(" ".join)
INFOBOX_LINES = ["Infobox", "National Assembly", "- Date Start: 13 December", "- Year Start: 1917",
                 "- Date End: 26 August 1920", "- P1: Russian Republic", "- S1: Kirghiz ASSR", "- Leader1: Alikhan",
                 "- Year Leader1: 1917–1920", "- Title Leader: Chairman", "- Image flag: Flag.svg",
                 "- Image caption: The flag", "- Birth date: 5 March 1866", "- Capital: Semey", "- capital: Orenburg"]
lines = st.one_of(
    phrases,                                                                  # a paragraph
    phrases.map(lambda text: f"- {text}"),                                    # a list item
    st.builds(lambda level, text: f"{'=' * level} {text} {'=' * level}", st.integers(2, 3), phrases),
    st.builds(lambda a, text, b: f"{'=' * a}{text}{'=' * b}", st.integers(0, 4), phrases, st.integers(0, 4)),
    st.builds(lambda key, value: f"- {key}: {value}", phrases, phrases),      # an infobox field
    st.sampled_from(["", *INFOBOX_LINES]),
)
articles = st.builds(lambda title, body: f"= {title} =\n" + "\n".join(body) + "\n", phrases, st.lists(lines, max_size=16))

# Well-formed articles with arbitrary text inside each line (no line breaks, no NUL):
# nearly all of them read, so the EPUB sample is not spent on rejected input.
in_line = st.text(st.characters(codec="utf-8", exclude_characters="\r\n\x00"), max_size=12)
texts = st.lists(st.one_of(in_line, st.sampled_from(WORDS)), max_size=5).map(" ".join)
blocks = st.one_of(
    texts.map(lambda text: f"Text {text}"),
    texts.map(lambda text: f"- Item {text}"),
    texts.map(lambda text: f"== Part {text} =="),
    st.builds(lambda part, sub: f"== Part {part} ==\n=== Sub {sub} ===", texts, texts),
)
fields = st.builds(lambda key, value: f"- {key}: {value}", st.sampled_from(["Capital", "Motto", "Date Start"]), texts)
well_formed = st.builds(
    lambda title, box, lead, body: f"= Title {title} =\n" + ("Infobox\n" + "\n".join(box) + "\n\n" if box else "")
    + f"Lead {lead}\n" + "\n".join(body) + "\n",
    texts, st.lists(st.one_of(fields, st.sampled_from(INFOBOX_LINES[2:])), max_size=6), texts,
    st.lists(blocks, max_size=10),
)


@settings(STABLE, max_examples=400)
@given(st.one_of(st.text(), articles))
def test_any_text_parses_or_fails_with_a_build_error(text):
    try:
        parse_article(text, SOURCE, [])
    except BuildError as error:
        assert error.diagnostics and all(d.severity == "error" for d in error.diagnostics)


@settings(STABLE, max_examples=200)
@given(st.binary())
def test_any_bytes_decode_and_parse_or_fail_with_a_build_error(data):
    try:
        parse_article(decode(data, SOURCE), SOURCE, [])
    except BuildError:
        pass


def test_whatever_parses_renders_to_an_epub_that_epubcheck_accepts(tmp_path, project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    sample: dict[str, str] = {}  # EPUB path → the article text it was built from

    @settings(STABLE, max_examples=5)
    @given(well_formed)
    def build(text: str) -> None:
        source = tmp_path / f"case-{len(sample)}.txt"
        source.write_text(text, encoding="utf-8")
        try:
            read_article(source, [])
        except BuildError:
            assume(False)  # only text that reads is a case for this property
        result = build_article(source, tmp_path / "out", BuildOptions(("epub",)), project)
        assert result.ok, [str(d) for d in result.diagnostics]
        sample[str(result.outputs[0])] = text

    build()
    assert len(sample) == 5
    failures = epubcheck_many([Path(p) for p in sample])
    assert failures == {}, {sample[path]: messages for path, messages in failures.items()}
