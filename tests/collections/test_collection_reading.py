"""The collection file read into its model, and every problem in it reported at once, with its line."""

from __future__ import annotations

import pytest
from collection_fixture import FIXTURE, MEMBERS, copy_collection
from helpers import ROOT

from encyclopress.core.diagnostics import BuildError
from encyclopress.reading.collection import load_collection


def test_the_fixture_reads_into_parts_of_members_with_their_lines(tmp_path):
    collection = load_collection(copy_collection(tmp_path))
    assert collection.title == "The Alash Movement" and collection.subtitle == "A reader in six articles"
    assert collection.editors == ("Aigerim Seitkali", "John Smith")
    assert [part.title for part in collection.parts] == ["The Autonomy", "Press and Scripts"]
    assert [member.slug for member in collection.members] == MEMBERS
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    for member in collection.members:
        assert f'"{member.slug}"' in lines[member.line - 1]
    assert member.path == tmp_path / "markup-in-text.txt"
    publication = collection.publication
    assert publication.slug == "alash-reader" and publication.locales == ("en", "kk", "ru")
    assert publication.editors == collection.editors and publication.authors == ()  # editors, not authors
    assert publication.parallel_titles == (("kk", "Алаш қозғалысы"), ("ru", "Движение Алаш"))


def test_articles_without_parts_are_one_untitled_part(tmp_path):
    (tmp_path / "one.txt").write_text("= One =\nText.\n", encoding="utf-8")
    path = tmp_path / "small.collection.toml"
    path.write_text('title = "Small"\narticles = ["one"]\n', encoding="utf-8")
    collection = load_collection(path)
    assert [(part.title, [m.slug for m in part.members]) for part in collection.parts] == [(None, ["one"])]
    assert not collection.has_parts


def test_every_problem_is_reported_at_once_with_its_line(tmp_path):
    (tmp_path / "one.txt").write_text("= One =\nText.\n", encoding="utf-8")
    path = tmp_path / "bad.collection.toml"
    path.write_text(
        'subtitle = 3\n'            # 1
        'paper = "a3"\n'            # 2
        'colour = "red"\n'          # 3
        '[[parts]]\n'               # 4
        'title = "First"\n'         # 5
        'articles = ["one",\n'      # 6
        '  "missing"]\n'            # 7
        '[[parts]]\n'               # 8
        'articles = ["one"]\n'      # 9
        'note = "x"\n',             # 10
        encoding="utf-8")
    with pytest.raises(BuildError) as caught:
        load_collection(path)
    assert [str(d) for d in caught.value.diagnostics] == [
        f"{path}:1: error: 'subtitle' must be a string",
        f"{path}:2: error: 'paper' must be one of a4, letter, a5, not 'a3'",
        f"{path}:3: error: unknown key 'colour' (known keys: articles, base_url, description, editors, "
        "identifier, isbn, language, license, license_url, locale, locales, paper, parallel_titles, parts, "
        "publisher, subjects, subtitle, title)",
        f"{path}: error: a collection needs a 'title'",
        f"{path}:7: error: no article 'missing' (missing.txt is not in {tmp_path})",
        f"{path}:8: error: unknown key 'note' in [[parts]] (known keys: title, articles)",
        f"{path}:8: error: each of [[parts]] needs a 'title' (a string)",
        f"{path}:9: error: article 'one' is named twice",
    ]


def test_a_collection_named_like_an_article_is_refused(tmp_path):
    (tmp_path / "one.txt").write_text("= One =\nText.\n", encoding="utf-8")
    path = tmp_path / "one.collection.toml"
    path.write_text('title = "One"\narticles = ["one"]\n', encoding="utf-8")
    with pytest.raises(BuildError, match="an article 'one.txt' has the same name"):
        load_collection(path)


def test_toml_syntax_error_names_the_line(tmp_path):
    path = tmp_path / "broken.collection.toml"
    path.write_text('title = "x"\narticles = [\n', encoding="utf-8")
    with pytest.raises(BuildError, match=rf"^{path}:\d+: error: TOML syntax"):
        load_collection(path)


def test_build_py_without_paths_takes_the_articles_then_the_collections(tmp_path):
    from encyclopress.cli import _sources
    from encyclopress.rendering.context import Project

    content = tmp_path / "content"
    content.mkdir()
    for name in ("b.collection.toml", "z.txt", "a.txt", "a.toml", "a.collection.toml"):
        (content / name).write_text("", encoding="utf-8")
    found = _sources([], Project(tmp_path))
    assert [p.name for p in found] == ["a.txt", "z.txt", "a.collection.toml", "b.collection.toml"]
    given = [content / "b.collection.toml", content / "z.txt"]
    assert _sources(given, Project(tmp_path)) == [content / "z.txt", content / "b.collection.toml"]


def test_characters_no_font_has_in_the_collection_file_are_warnings_with_their_line(tmp_path):
    from encyclopress.builder.collection import prepare_collection
    from encyclopress.rendering.context import Project

    (tmp_path / "one.txt").write_text("= One =\nText.\n", encoding="utf-8")
    path = tmp_path / "box.collection.toml"
    path.write_text('title = "Box"\nsubtitle = "A \\U0001F600 reader"\narticles = ["one"]\n', encoding="utf-8")
    warnings = []
    prepare_collection(path, Project(ROOT), warnings)
    assert [str(w) for w in warnings] == [
        f"{path}: warning: no 'license' given: the outputs claim no licence",  # as an article's sidecar
        f"{path}:2: warning: no shipped font has U+1F600 GRINNING FACE ('\U0001F600'): it will print as an empty box"]
