"""The collection in the catalog of out/: in both feeds (which still validate) and on the page,
with its contents; its article's entry names the collections that include it."""

from __future__ import annotations

import json

from helpers import NS, jing_errors, opds2_validator
from lxml import etree

ATOM = {"a": "http://www.w3.org/2005/Atom", "dc": "http://purl.org/dc/terms/"}


def test_both_feeds_validate_with_the_collection_in_them(collection_out):
    pages = [collection_out / "catalog.xml", *sorted((collection_out / "catalog").glob("*.xml"))]
    assert jing_errors(pages) == ""
    validator = opds2_validator()
    for page in [collection_out / "catalog.json", *sorted((collection_out / "catalog").glob("*.json"))]:
        data = json.loads(page.read_text(encoding="utf-8"))
        assert [error.message for error in validator.iter_errors(data)] == [], page.name


def test_opds1_relates_the_collection_and_its_article(collection_out):
    feed = etree.parse(str(collection_out / "catalog.xml"))
    dc = etree.parse(str(collection_out / "no-infobox.dc.xml"))
    article = dc.xpath("//dc:identifier/text()", namespaces=NS)[0]
    book = feed.xpath("//a:entry[a:title='The Alash Movement'][dc:language[1]='en']", namespaces=ATOM)[0]
    assert article in book.xpath("dc:hasPart/text()", namespaces=ATOM) and len(book.xpath("dc:hasPart", namespaces=ATOM)) == 6
    entry = feed.xpath("//a:entry[a:title='Üş Jüz']", namespaces=ATOM)[0]
    collections = entry.xpath("dc:isPartOf/text()", namespaces=ATOM)
    assert book.xpath("a:id/text()", namespaces=ATOM)[0] in collections and len(collections) == 3  # en, kk, ru


def test_opds2_article_belongs_to_the_collection(collection_out):
    data = json.loads((collection_out / "catalog.json").read_text(encoding="utf-8"))
    article = next(p for p in data["publications"] if p["metadata"]["title"] == "Üş Jüz")
    names = [c["name"] for c in article["metadata"]["belongsTo"]["collection"]]
    assert names == ["The Alash Movement"] * 3


def test_page_lists_the_contents_and_links_back(collection_out):
    page = etree.parse(str(collection_out / "index.html"), etree.HTMLParser())
    contents = page.xpath("//article[@aria-labelledby='alash-reader']//ol[@class='contents']/li/a")
    assert [(a.get("href"), a.text) for a in contents] == [("#no-infobox", "Üş Jüz")]  # the article out/ holds
    back = page.xpath("//article[@aria-labelledby='no-infobox']//ul[@class='collections']/li/a/@href")
    assert back == ["#alash-reader", "#alash-reader.kk", "#alash-reader.ru"]


def test_root_feeds_group_each_edition_of_the_collection_with_its_article(collection_out):
    root = json.loads((collection_out / "catalog" / "root.json").read_text(encoding="utf-8"))
    groups = root["groups"]
    assert [g["metadata"]["title"] for g in groups] == ["The Alash Movement"] * 3  # en, kk, ru editions
    assert len({g["metadata"]["subtitle"] for g in groups}) == 3  # told apart by their edition statements
    assert all([p["metadata"]["title"] for p in g["publications"]] == ["Üş Jüz"] for g in groups)
    assert [g["links"][0]["href"] for g in groups] == [
        "collection-alash-reader-1.json", "collection-alash-reader.kk-1.json", "collection-alash-reader.ru-1.json"]
    navigation = etree.parse(str(collection_out / "catalog" / "root.xml"))
    hrefs = navigation.xpath("//a:entry[a:title='The Alash Movement']/a:link/@href", namespaces=ATOM)
    assert hrefs == ["collection-alash-reader-1.xml", "collection-alash-reader.kk-1.xml", "collection-alash-reader.ru-1.xml"]
    feed = etree.parse(str(collection_out / "catalog" / "collection-alash-reader-1.xml"))
    assert feed.xpath("//a:entry/a:title/text()", namespaces=ATOM) == ["Üş Jüz"]
    assert feed.xpath("//a:entry/a:link[@rel='collection']/@title", namespaces=ATOM) == ["The Alash Movement"]


def test_the_editors_are_named_as_editors_not_authors(collection_out):
    """The collection file names editors: contributors in both feeds, "Editors" on the page."""
    feed = etree.parse(str(collection_out / "catalog.xml"))
    book = feed.xpath("//a:entry[a:title='The Alash Movement'][dc:language[1]='en']", namespaces=ATOM)[0]
    assert book.xpath("a:contributor/a:name/text()", namespaces=ATOM) == ["Aigerim Seitkali", "John Smith"]
    assert book.xpath("a:author", namespaces=ATOM) == []
    data = json.loads((collection_out / "catalog.json").read_text(encoding="utf-8"))
    metadata = next(p["metadata"] for p in data["publications"] if p["metadata"]["title"] == "The Alash Movement")
    assert metadata["editor"] == ["Aigerim Seitkali", "John Smith"] and metadata["author"] == []
    page = etree.parse(str(collection_out / "index.html"), etree.HTMLParser())
    terms = page.xpath("//article[@aria-labelledby='alash-reader']//dt/text()")
    assert "Editors" in terms and "Authors" not in terms
