"""The catalog page's search (Pagefind's static index) in chromium, served by `encyclopress serve`:
type a query, see the publication, follow it to its PDF; titles in Latin, Cyrillic, Arabic, CJK.
And `serve --watch`: an article edited is rebuilt, and the open page reloads by itself."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import ROOT
from playwright.sync_api import Page, expect, sync_playwright
from shelf_records import shelve

from encyclopress.builder.batch import make_shelf
from encyclopress.cli import main
from encyclopress.serve.server import CatalogServer
from encyclopress.shelf import pages
from encyclopress.shelf import search as search_index

CHROMIUM = "/usr/bin/chromium"
SCRIPTS = {"silk-road-zh": "絲綢之路", "silk-road-ar": "طريق الحرير"}


@pytest.fixture(scope="module")
def served(built: Path, tmp_path_factory: pytest.TempPathFactory, project) -> Iterator[tuple[Path, str]]:
    """The session's out/ and two articles titled in Chinese and Arabic, served on 127.0.0.1."""
    out = tmp_path_factory.mktemp("searchable")
    shutil.copytree(built, out, dirs_exist_ok=True)
    articles = tmp_path_factory.mktemp("articles")
    for slug, title in SCRIPTS.items():
        (articles / f"{slug}.txt").write_text(f"= {title} =\n\nA road of trade across Asia.\n", encoding="utf-8")
        assert main([str(articles / f"{slug}.txt"), "--out", str(out), "--formats", "pdf,catalog"], root=ROOT) == 0
    assert make_shelf(out, project).ok
    server = CatalogServer(("127.0.0.1", 0), out, project, watching=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield out, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


def search(page: Page, query: str) -> None:
    page.fill("#query", query)
    page.press("#query", "Enter")


def test_search_finds_a_kazakh_title_and_leads_to_its_pdf(served, browser, tmp_path):
    out, url = served
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda response: problems.append(response.url) if response.status >= 400 else None)
    page.goto(url)
    search(page, "Алаш")
    first = page.locator("ol.results li a").first
    expect(first).to_have_text("Alash Autonomy")
    assert "Алаш" in page.locator("ol.results li mark").first.inner_text()
    page.screenshot(path=str(tmp_path / "search.png"))
    first.click()
    page.wait_for_url(re.compile(r"index\.html#alash-autonomy$"))
    with page.expect_response(f"{url}alash-autonomy.pdf") as pdf:  # opens in chromium's PDF viewer
        page.locator("article:has(#alash-autonomy) a[type='application/pdf']").first.click()
    response = pdf.value
    assert (response.status, response.headers["content-type"]) == (200, "application/pdf")
    assert int(response.headers["content-length"]) == (out / "alash-autonomy.pdf").stat().st_size
    assert page.url == f"{url}alash-autonomy.pdf"
    assert problems == []


@pytest.mark.parametrize("query, title", [("絲綢之路", "絲綢之路"), ("絲綢", "絲綢之路"), ("الحرير", "طريق الحرير"),
                                          ("steppe press", "The Steppe Press"), ("Жібек", "Silk Road Names")])
def test_search_in_every_script(served, browser, query, title):
    _, url = served
    page = browser.new_page()
    page.goto(url)
    search(page, query)
    expect(page.locator("ol.results li a", has_text=title).first).to_be_visible()


def test_nothing_found_says_so(served, browser):
    _, url = served
    page = browser.new_page()
    page.goto(url)
    search(page, "qqqzzzxxx")
    expect(page.locator("ol.results li.note")).to_have_text("No publication found.")


def test_search_merges_the_shards_of_the_index(project, browser, tmp_path, monkeypatch):
    """Five publications on three pages, one shard a page: found wherever they are; one
    changed publication indexes its shard again, and only it."""
    monkeypatch.setattr(pages, "PER_PAGE", 2)
    monkeypatch.setattr(search_index, "SHARD_PAGES", 1)
    out = tmp_path / "out"
    for n, title in enumerate(["Aral", "Balkhash", "Caspian", "Dzungaria", "Emba"]):
        shelve(out, f"p{n}", title=title)
    assert make_shelf(out, project).ok
    assert json.loads((out / "pagefind/shards.json").read_text()) == {"bundles": ["0/", "1/", "2/"]}
    before = {shard: (out / "pagefind" / shard).stat().st_ino for shard in ("0", "1", "2")}
    shelve(out, "p4", title="Emba River")
    assert make_shelf(out, project).ok
    after = {shard: (out / "pagefind" / shard).stat().st_ino for shard in ("0", "1", "2")}
    assert [shard for shard in before if before[shard] != after[shard]] == ["2"]
    server = CatalogServer(("127.0.0.1", 0), out, project, watching=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        for query, href in [("Aral", "/index.html#p0"), ("Caspian", "/catalog/all-2.html#p2"),
                            ("Emba River", "/catalog/all-3.html#p4")]:
            search(page, query)
            expect(page.locator("ol.results li a").first).to_have_attribute("href", re.compile(re.escape(href) + "$"))
    finally:
        server.shutdown()
        server.server_close()


def test_watch_rebuilds_an_edited_article_and_the_page_reloads(tmp_path, browser):
    article = tmp_path / "steppe.txt"
    article.write_text("= Steppe Before =\n\nText.\n", encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, str(ROOT / "build.py"), "serve", str(article), "--out", str(out), "--port", "0",
               "--watch", "--formats", "epub,catalog"]
    assert main([str(article), "--out", str(out), "--formats", "epub,catalog"], root=ROOT) == 0
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        line = server.stderr.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        page = browser.new_page()
        page.goto(url)
        expect(page.locator("h2")).to_have_text("Steppe Before")
        time.sleep(1)  # the watcher is set up
        article.write_text("= Steppe After =\n\nText.\n", encoding="utf-8")
        expect(page.locator("h2")).to_have_text("Steppe After", timeout=60_000)  # no reload asked for
        assert "Steppe After" in (out / "index.html").read_text(encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert server.returncode == 0
