"""The catalog of out/: OPDS 1.2 through jing, OPDS 2.0 through its JSON Schemas, the page in chromium."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from helpers import ROOT, SEED, jing_errors, opds2_validator
from lxml import etree
from playwright.sync_api import sync_playwright

from encyclopress.builder.batch import make_shelf
from encyclopress.cli import main
from encyclopress.core import i18n
from encyclopress.core.identifiers import default_identifier
from encyclopress.rendering import templating
from encyclopress.shelf import feeds

CHROMIUM = "/usr/bin/chromium"  # Debian's; Playwright downloads no browser of its own
ATOM = {"a": "http://www.w3.org/2005/Atom", "dc": "http://purl.org/dc/terms/"}
OPEN_ACCESS = "http://opds-spec.org/acquisition/open-access"
SEED_ID = default_identifier(SEED.stem)


@pytest.fixture(scope="session")
def shelf(built: Path, tmp_path_factory: pytest.TempPathFactory, project) -> Path:
    """The session's out/ (every article built in the default formats), catalog rebuilt."""
    out = tmp_path_factory.mktemp("shelf")
    shutil.copytree(built, out, dirs_exist_ok=True)
    result = make_shelf(out, project)
    assert result.ok and result.diagnostics == []
    return out


def feed(shelf: Path) -> etree._Element:
    return etree.parse(str(shelf / "catalog.xml")).getroot()


def test_opds1_feeds_are_valid_for_jing(shelf):
    """catalog.xml, the root navigation feed and every facet's and the new feed's pages."""
    pages = [shelf / "catalog.xml", *sorted((shelf / "catalog").glob("*.xml"))]
    assert len(pages) > 10 and jing_errors(pages) == ""


def test_opds1_feed_lists_every_publication_with_its_links(shelf):
    root = feed(shelf)
    slugs = sorted(p.name[: -len(".dc.xml")] for p in shelf.glob("*.dc.xml"))
    entries = root.findall("a:entry", ATOM)
    assert len(entries) == len(slugs) >= 6
    assert {link.get("rel"): link.get("href") for link in root.findall("a:link", ATOM)}["self"] == "catalog.xml"
    assert root.find("a:link[@rel='start']", ATOM) is not None
    seed = entries[slugs.index(SEED.stem)]
    links = [(link.get("rel"), link.get("href"), link.get("type")) for link in seed.findall("a:link", ATOM)]
    assert (OPEN_ACCESS, "alash-autonomy.pdf", "application/pdf") in links
    assert (OPEN_ACCESS, "alash-autonomy.epub", "application/epub+zip") in links
    assert ("http://opds-spec.org/image", "alash-autonomy.cover.png", "image/png") in links
    assert ("http://opds-spec.org/image/thumbnail", "alash-autonomy.cover.png", "image/png") in links
    assert [e.text for e in seed.findall("dc:language", ATOM)] == ["en"]
    assert seed.findtext("dc:issued", namespaces=ATOM) == "2023-11-14"
    assert seed.findtext("a:updated", namespaces=ATOM) == "2023-11-14T22:13:20Z"
    assert seed.findtext("a:id", namespaces=ATOM).startswith("urn:uuid:")
    press = entries[slugs.index("the-steppe-press")]
    assert "urn:isbn:9780306406157" in [e.text for e in press.findall("dc:identifier", ATOM)]
    assert press.find("a:link[@rel='http://opds-spec.org/image']", ATOM).get("href") == "the-steppe-press.cover.png"


def test_opds2_feed_is_valid_against_its_json_schemas(shelf):
    validator = opds2_validator()
    for page in [shelf / "catalog.json", *sorted((shelf / "catalog").glob("*.json"))]:
        data = json.loads(page.read_text(encoding="utf-8"))
        assert [error.message for error in validator.iter_errors(data)] == [], page.name
    data = json.loads((shelf / "catalog.json").read_text(encoding="utf-8"))
    assert len(data["publications"]) == len(list(shelf.glob("*.dc.xml"))) >= 6
    seed = next(p for p in data["publications"] if p["metadata"]["identifier"] == SEED_ID)
    assert seed["images"] == [{"href": "alash-autonomy.cover.png", "type": "image/png"}]
    editions = ["alash-autonomy.pdf", "alash-autonomy.booklet.pdf", "alash-autonomy.epub"]
    assert [link["href"] for link in seed["links"] if link["rel"] == OPEN_ACCESS] == editions


def test_opds2_title_is_the_title_and_parallel_titles_are_alternative_titles(shelf):
    """A language map would make a Russian-speaking client show the English edition under its
    Russian title: `title` is the one title, the parallel ones dcterms:alternative."""
    data = json.loads((shelf / "catalog.json").read_text(encoding="utf-8"))
    seeds = [p["metadata"] for p in data["publications"] if p["metadata"]["title"] == "Alash Autonomy"]
    assert len(seeds) == 3
    assert all(m["http://purl.org/dc/terms/alternative"] == [
        {"@value": "Алаш автономиясы", "@language": "kk"}, {"@value": "Алашская автономия", "@language": "ru"}]
        for m in seeds)
    assert [m["description"].split(". ")[0] for m in seeds] == [
        "English edition", "Қазақша басылым, мәтін тілі: ағылшын тілі", "Русское издание, язык текста: английский"]
    assert [m["language"] for m in seeds] == [["en"], ["en", "kk"], ["en", "ru"]]  # text, then apparatus
    silk = next(p["metadata"] for p in data["publications"] if p["metadata"]["title"] == "Silk Road Names")
    assert "http://purl.org/dc/terms/alternative" not in silk and silk["author"] == []


def test_opds1_entries_of_the_three_editions_say_which_they_are(shelf):
    entries = [e for e in feed(shelf).findall("a:entry", ATOM) if e.findtext("a:title", namespaces=ATOM) == "Alash Autonomy"]
    assert [e.findtext("a:summary", namespaces=ATOM).split(". ")[0] for e in entries] == [
        "English edition", "Қазақша басылым, мәтін тілі: ағылшын тілі", "Русское издание, язык текста: английский"]
    assert [[(a.get("{http://www.w3.org/XML/1998/namespace}lang"), a.text) for a in e.findall("dc:alternative", ATOM)]
            for e in entries] == [[("kk", "Алаш автономиясы"), ("ru", "Алашская автономия")]] * 3
    assert [e.find("a:summary", ATOM).get("{http://www.w3.org/XML/1998/namespace}lang") for e in entries] == ["en", None, None]
    assert len({e.find("a:link[@rel='http://opds-spec.org/image']", ATOM).get("href") for e in entries}) == 3


def test_catalog_page_in_chromium(shelf, tmp_path):
    """Every link is a file in out/, the cover loads, nothing in the console, no overflow on a phone."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for width in (390, 1100):
            page = browser.new_page(viewport={"width": width, "height": 800})
            problems: list[str] = []
            page.on("console", lambda message: problems.append(f"{message.type}: {message.text}"))
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
            page.goto((shelf / "index.html").as_uri())
            urls = page.eval_on_selector_all("a[href], link[href], img[src]", "els => els.map(e => e.href || e.src)")
            images = page.eval_on_selector_all("img", "els => els.map(i => [i.src, i.complete && i.naturalWidth > 0])")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            publications = page.locator("article.publication").count()
            seed = page.locator("article:has(#alash-autonomy)").inner_text()
            press = page.locator("article:has(#the-steppe-press)").inner_text()
            editions = [page.locator(f'article:has([id="alash-autonomy{e}"])').inner_text() for e in (".kk", ".ru")]
            shown = page.eval_on_selector_all('article:has([id^="alash-autonomy"]) img.cover',
                                              "els => els.map(i => i.src)")
            page.screenshot(path=str(tmp_path / f"index-{width}.png"), full_page=True)
            assert problems == [] and overflow <= 0 and publications == len(list(shelf.glob("*.dc.xml")))
        browser.close()
    assert "Алаш автономиясы\n\nАлашская автономия" in seed and "Languages\nEnglish\n" in seed
    assert "978-0-306-40615-7" in press and "Licence\nCC BY 4.0" in press
    # the three editions of the seed: each its statement, edition language and cover
    assert "English edition" in seed and "Edition language\nEnglish" in seed
    assert "Қазақша басылым, мәтін тілі: ағылшын тілі" in editions[0] and "Edition language\nKazakh" in editions[0]
    assert "Languages\nEnglish, Kazakh\n" in editions[0]
    assert "Русское издание, язык текста: английский" in editions[1] and "Edition language\nRussian" in editions[1]
    covers_shown = [shelf / Path(unquote(urlsplit(src).path)).name for src in shown]
    assert len({cover.read_bytes() for cover in covers_shown}) == 3
    files = [Path(unquote(urlsplit(url).path)) for url in urls]
    assert all(url.startswith("file://") for url in urls) and all(f.is_relative_to(shelf) and f.is_file() for f in files)
    assert {f.name for f in files} >= {"alash-autonomy.pdf", "alash-autonomy.epub", "alash-autonomy.mrc",
                                      "catalog.xml", "catalog.json"}
    covers = sorted(p.name for p in shelf.glob("*.cover.png"))
    assert "alash-autonomy.cover.png" in covers
    assert sorted((Path(src).name, loaded) for src, loaded in images) == [(name, True) for name in covers]


def test_feeds_cover_publications_of_earlier_runs(write, tmp_path):
    out = tmp_path / "out"
    for name in ("first", "second"):
        article = write(f"{name}.txt", f"= {name.title()} =\n\nText.\n")
        assert main([str(article), "--out", str(out), "--formats", "epub,catalog"], root=ROOT) == 0
    titles = [e.text for e in feed(out).findall("a:entry/a:title", ATOM)]
    assert titles == ["First", "Second"]


def test_feeds_are_all_or_nothing(built, tmp_path, project, monkeypatch):
    out = tmp_path / "out"
    shutil.copytree(built, out, ignore=shutil.ignore_patterns("catalog*", "index.html", "pagefind"))
    monkeypatch.setitem(feeds.TEMPLATES, "html", "catalog/missing.html.j2")
    result = make_shelf(out, project)
    assert not result.ok and str(result.diagnostics[0]).startswith("templates/catalog/missing.html.j2: error:")
    assert not list(out.glob("catalog.*")) and not (out / "index.html").exists()
    assert not list(out.rglob(".*.part")) and not list((out / "catalog").glob("*.xml"))


def forget_translations() -> None:
    i18n.translations.cache_clear()
    templating.make_env.cache_clear()


def test_page_speaks_the_language_all_publications_share(tmp_path, project, monkeypatch):
    """Russian publications: the page's own words through gettext, the date as Russians write it."""
    po = tmp_path / "locale" / "ru" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Download"\nmsgstr "Скачать"\n\nmsgid "Catalogue"\nmsgstr "Каталог"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    forget_translations()
    out = tmp_path / "out"
    out.mkdir()
    (out / "stepi.dc.xml").write_text(
        '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<dc:title xml:lang="ru">Степи</dc:title><dc:identifier>urn:uuid:00000000-0000-5000-8000-000000000002</dc:identifier>'
        '<dc:date>2023-11-14T22:13:20Z</dc:date><dc:language>ru</dc:language></oai_dc:dc>', encoding="utf-8")
    (out / "stepi.epub").write_bytes(b"x" * 2048)
    try:
        assert make_shelf(out, project).ok
    finally:
        forget_translations()  # the Russian environment made with these must not serve later builds
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ru">' in page and "<h1>Каталог</h1>" in page and "<h3>Скачать</h3>" in page
    assert "14 ноября 2023\u202fг." in page and "2 кБ" in page
    assert feed(out).findtext("a:title", namespaces=ATOM) == "Каталог"
