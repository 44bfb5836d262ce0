"""Reader: text → model, on small inline articles, and errors pinned as exact lines."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest

from encyclopress.core.diagnostics import BuildError
from encyclopress.core.model import ItemList, Paragraph, plain
from encyclopress.reading import reader
from encyclopress.reading.reader import MAX_BYTES, parse_article, read_article

SOURCE = Path("a.txt")


def parse(text: str):
    warnings: list = []
    return parse_article(text, SOURCE, warnings), [str(w) for w in warnings]


def error_of(text: str) -> str:
    with pytest.raises(BuildError) as caught:
        parse(text)
    return str(caught.value)


def test_title_lead_and_sections_keep_their_lines():
    article, warnings = parse("= Alpha =\n\nLead text.\n\n== One ==\nBody.\n")
    assert plain(article.title) == "Alpha"
    assert [(plain(b.text), b.line) for b in article.lead] == [("Lead text.", 3)]
    (one,) = article.sections
    assert (plain(one.title), one.anchor, one.level, one.line) == ("One", "one", 2, 5)
    assert warnings == []


def test_headings_without_spaces_and_heading_after_heading_nest():
    article, _ = parse("= T =\n==History==\n===Early===\nText.\n=== Late ===\nMore.\n")
    (history,) = article.sections
    assert plain(history.title) == "History" and history.blocks == ()
    assert [plain(c.title) for c in history.children] == ["Early", "Late"]
    assert [c.level for c in history.children] == [3, 3]


def test_empty_sections_are_dropped_not_rendered():
    article, _ = parse("= T =\nLead.\n== References ==\n== Notes ==\nText.\n")
    assert [plain(s.title) for s in article.sections] == ["Notes"]


def test_list_after_a_line_ending_in_colon():
    article, _ = parse("= T =\n\nThe members:\n- Ann\n- Бөрі\nAfter.\n")
    intro, items, after = article.lead
    assert isinstance(intro, Paragraph) and isinstance(items, ItemList) and isinstance(after, Paragraph)
    assert [plain(i) for i in items.items] == ["Ann", "Бөрі"]
    assert items.line == 4


def test_a_list_of_key_value_items_after_a_colon_is_not_an_infobox():
    article, _ = parse("= T =\n\nRegions:\n- North: cold\n- South: warm\n")
    assert article.infobox is None
    assert isinstance(article.lead[1], ItemList)


def test_infobox_with_another_header_word():
    article, _ = parse("= T =\n\nNational Assembly\n- Seats: 25\n\nLead.\n")
    box = article.infobox
    assert plain(box.header) == "National Assembly" and box.line == 3
    assert [(f.label, f.line) for f in box.rows] == [("Seats", 4)]
    assert plain(article.lead[0].text) == "Lead."


def test_infobox_header_word_infobox_is_not_a_caption():
    article, _ = parse("= T =\nInfobox\n- Capital: Orenburg\n")
    assert article.infobox.header is None


def test_value_with_further_colons_splits_on_the_first():
    article, _ = parse("= T =\nInfobox\n- Note: Sessions: two: July\n")
    assert plain(article.infobox.rows[0].values[0].text) == "Sessions: two: July"


def test_truncated_file_without_final_newline():
    article, _ = parse("= T =\n\nIt ends in the middle of a wo")
    assert plain(article.lead[0].text) == "It ends in the middle of a wo"


@pytest.mark.parametrize(("end", "rows", "warning"), [
    # the case: the export stopped in the middle of a key
    ("- Title Deput", [("Capital", "Orenburg")],
     "a.txt:4: warning: the file ends inside the infobox: its last line may be cut off ('- Title Deput'); nothing of it to keep"),
    # tests/articles/corpus/kazakh-soviet-socialist-republic.txt ends so
    ("- Image Map Caption: Location ", [("Capital", "Orenburg"), ("Map", "Location")],
     "a.txt:4: warning: the file ends inside the infobox: its last line may be cut off ('- Image Map Caption: Location '); kept what is there"),
])
def test_a_file_cut_inside_its_infobox_keeps_what_is_there(end, rows, warning):
    article, warnings = parse("= T =\nInfobox\n- Capital: Orenburg\n" + end)
    assert [(r.label, plain(r.values[0].text)) for r in article.infobox.rows] == rows
    assert warnings == [warning]


def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("\ufeff= T =\r\n\r\nҚазақ text.\r\n".encode())
    article = read_article(path, [])
    assert plain(article.title) == "T"
    assert plain(article.lead[0].text) == "Қазақ text."


def test_kazakh_and_russian_runs_are_tagged():
    article, _ = parse("= T =\nAlash Orda (Алаш Орда) and «Оян, Қазақ!».\n")
    runs = article.lead[0].text
    assert [(r.text, r.lang) for r in runs if r.lang] == [("Алаш Орда", "ru"), ("Оян, Қазақ", "kk")]
    assert article.languages() == ("ru", "kk")


def test_anchors_are_unique_ascii_and_never_reserved_ids():
    article, _ = parse("= T =\n== Title ==\na\n== Title ==\nb\n== Тарих ==\nc\n== 1917 ==\nd\n")
    assert [s.anchor for s in article.sections] == ["title-2", "title-3", "section", "section-1917"]


def test_control_characters_are_removed_with_a_warning():
    article, warnings = parse("= T =\nBell\x07 and escape\x1b.\n")
    assert plain(article.lead[0].text) == "Bell and escape."
    assert warnings == ["a.txt:2: warning: removed control characters U+0007, U+001B"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "a.txt:1: error: empty file: expected a title line '= Title ='"),
        ("  \n\n", "a.txt:1: error: empty file: expected a title line '= Title ='"),
        ("Alpha\n\nText.\n", "a.txt:1: error: the first line must be the title, written '= Title ='"),
        ("== Alpha ==\nText.\n", "a.txt:1: error: the first line must be the title, written '= Title ='"),
        ("= Alpha\nText.\n", "a.txt:1: error: unterminated heading: '=' has no closing '='"),
        ("= T =\nLead.\n== History =\n", "a.txt:3: error: unbalanced heading markers '==' and '='"),
        ("= T =\n=== Deep ===\nText.\n", "a.txt:2: error: heading level jumps from 1 to 3"),
        ("= T =\n== A ==\n==== Deeper ====\n", "a.txt:3: error: heading level 4 is deeper than 3 ('=== Subsection ===')"),
        ("= T =\n== A ==\nx\n= Again =\n", "a.txt:4: error: a second title: sections are written '== Section =='"),
        ("= T =\nInfobox\n- Capital: Orenburg\n- no colon here\n", "a.txt:4: error: infobox line is not '- Key: Value': '- no colon here'"),
        ("= T =\nInfobox\n- Capital: Orenburg\n-  : no key\n", "a.txt:4: error: infobox line is not '- Key: Value': '-  : no key'"),
        ("= T =\n\n", "a.txt:1: error: the article has a title but no text"),
    ],
)
def test_errors_name_file_and_line(text, message):
    assert error_of(text) == message


def test_empty_heading_text_is_an_error():
    assert error_of("= T =\nLead.\n== ==\n") == "a.txt:3: error: empty heading"
    assert error_of("= ( , ) =\n== Алаш ==\nText.\n") == "a.txt:1: error: empty heading"  # only link debris


def test_binary_and_invalid_utf8_files(tmp_path):
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"= T =\nok\n\x00\x01\x02")
    invalid = tmp_path / "u.txt"
    invalid.write_bytes("= T =\nҚазақ\n".encode() + b"bad \xff byte\n")
    for path, message in [
        (binary, f"{binary}:3: error: binary data (NUL byte): not a text article"),
        (invalid, f"{invalid}:3: error: invalid UTF-8 at byte 21"),
    ]:
        with pytest.raises(BuildError) as caught:
            read_article(path, [])
        assert str(caught.value) == message


def test_missing_file_is_a_one_line_error(tmp_path):
    with pytest.raises(BuildError) as caught:
        read_article(tmp_path / "gone.txt", [])
    assert str(caught.value) == f"{tmp_path / 'gone.txt'}: error: cannot read file: No such file or directory"


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(50 * 1000 * 1000)  # sparse: 50 MB on paper, nothing on disk
    tracemalloc.start()
    try:
        with pytest.raises(BuildError) as caught:
            read_article(big, [])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(caught.value) == f"{big}: error: file is 50,000,000 bytes; the limit for an article is {MAX_BYTES:,}"
    assert peak < 1_000_000  # had it been read, 50 MB would have passed through memory


def test_a_file_that_grows_past_the_limit_is_read_no_further(tmp_path, monkeypatch):
    path = tmp_path / "growing.txt"
    path.write_bytes(b"= T =\n" + b"x" * MAX_BYTES)
    real_fstat = os.fstat

    def fstat_when_it_was_small(fd: int) -> os.stat_result:
        fields = list(real_fstat(fd))
        fields[6] = 10  # st_size
        return os.stat_result(fields)

    monkeypatch.setattr(reader.os, "fstat", fstat_when_it_was_small)
    with pytest.raises(BuildError) as caught:
        read_article(path, [])
    assert str(caught.value) == f"{path}: error: file grew past the limit for an article, {MAX_BYTES:,} bytes"


@pytest.mark.parametrize("kind", ["folder", "pipe", "device"])
def test_only_regular_files_are_read(tmp_path, kind):
    """A pipe would block the batch and a device like /dev/zero never ends: both are refused."""
    path = tmp_path / f"{kind}.txt"
    if kind == "folder":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)
    else:
        path = Path("/dev/zero")
    with pytest.raises(BuildError) as caught:
        read_article(path, [])
    assert str(caught.value) == f"{path}: error: cannot read file: not a regular file"


def test_an_unreadable_file_is_a_one_line_error(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("= Secret =\nText.\n", encoding="utf-8")
    path.chmod(0)
    assert unprivileged(lambda: error_reading(path)) == f"{path}: error: cannot read file: Permission denied"


def error_reading(path: Path) -> str:
    try:
        read_article(path, [])
    except BuildError as error:
        return str(error)
    return "read"


def unprivileged(call) -> str:
    """`call()` as a user without privileges: in a forked child as `nobody` when we are root
    (root reads any file), else here."""
    if os.geteuid() != 0:
        return call()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: drop root, answer through the pipe, exit without pytest's cleanup
        try:
            os.setgid(65534)
            os.setuid(65534)
            os.write(write_end, call().encode())
        finally:
            os._exit(0)
    os.close(write_end)
    os.waitpid(pid, 0)
    with os.fdopen(read_end, "rb") as answer:
        return answer.read().decode()


def test_long_runs_of_spaces_and_commas_parse_in_linear_time():
    """Lines of hundreds of kilobytes made of what the reader's patterns skip (spaces
    around headings, brackets and commas): quadratic or worse matching would hang here."""
    run = " " * 200_000
    text = (f"= Title{run}=\n\nInfobox\n- Capital: Orenburg,{run},\n\n"
            f"A{run}( {run}, {run}) paragraph{run}; and{run}\n== Part{run}==\n- x{run},{run},\n")
    article, _ = parse(text)
    assert plain(article.title) == "Title"
    assert plain(article.lead[0].text) == "A paragraph; and"
    assert plain(article.infobox.rows[0].values[0].text) == "Orenburg"
    assert plain(article.sections[0].title) == "Part"
