"""`encyclopress serve`, through real HTTP requests to 127.0.0.1 (never another address)."""

from __future__ import annotations

import http.client
import json
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import jing_errors, opds2_validator
from lxml import etree

from encyclopress.builder.batch import make_shelf
from encyclopress.cli import main
from encyclopress.serve.server import CatalogServer

ATOM = "{http://www.w3.org/2005/Atom}"
OS = "{http://a9.com/-/spec/opensearch/1.1/}"


@pytest.fixture(scope="module")
def served(built: Path, tmp_path_factory: pytest.TempPathFactory, project) -> Iterator[tuple[Path, int]]:
    """The session's out/ with its catalog, served on a free port of 127.0.0.1."""
    out = tmp_path_factory.mktemp("served")
    shutil.copytree(built, out, dirs_exist_ok=True)
    (tmp_path_factory.getbasetemp() / "secret.txt").write_text("outside out/", encoding="utf-8")
    (out / "escape.pdf").symlink_to(tmp_path_factory.getbasetemp() / "secret.txt")
    assert make_shelf(out, project).ok
    server = CatalogServer(("127.0.0.1", 0), out, project, watching=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield out, server.server_address[1]
    server.shutdown()
    server.server_close()


def get(port: int, path: str, headers: dict[str, str] | None = None, method: str = "GET") -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def raw(port: int, request: bytes) -> int:
    """The status of a request sent as bytes, malformed as it may be."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        while b"\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
    return int(answer.split(b" ", 2)[1])


def test_every_file_with_its_media_type(served):
    out, port = served
    expected = {
        "": "text/html; charset=utf-8",
        "index.html": "text/html; charset=utf-8",
        "alash-autonomy.pdf": "application/pdf",
        "alash-autonomy.booklet.pdf": "application/pdf",
        "alash-autonomy.epub": "application/epub+zip",
        "alash-autonomy.mrc": "application/marc",
        "alash-autonomy.marcxml": "application/marcxml+xml",
        "alash-autonomy.dc.xml": "application/xml",
        "alash-autonomy.cover.png": "image/png",
        "catalog.xml": "application/atom+xml;profile=opds-catalog;kind=acquisition",
        "catalog/new-1.xml": "application/atom+xml;profile=opds-catalog;kind=acquisition",
        "catalog/root.xml": "application/atom+xml;profile=opds-catalog;kind=navigation",
        "catalog.json": "application/opds+json",
        "catalog/root.json": "application/opds+json",
        "pagefind/0/pagefind.js": "text/javascript; charset=utf-8",
        "pagefind/shards.json": "application/json",
        "opensearch.xml": "application/opensearchdescription+xml",
    }
    for name, media_type in expected.items():
        response = get(port, f"/{name}")
        assert (response.status, response.getheader("Content-Type")) == (200, media_type), name
    wasm = next((out / "pagefind" / "0").glob("*.pagefind"))
    assert get(port, f"/pagefind/0/{wasm.name}").getheader("Content-Type") == "application/octet-stream"
    assert get(port, "/alash-autonomy.pdf").body == (out / "alash-autonomy.pdf").read_bytes()


def test_conditional_requests(served):
    _, port = served
    first = get(port, "/alash-autonomy.epub")
    etag, modified = first.getheader("ETag"), first.getheader("Last-Modified")
    assert etag and modified and first.getheader("Accept-Ranges") == "bytes"
    assert get(port, "/alash-autonomy.epub", {"If-None-Match": etag}).status == 304
    assert get(port, "/alash-autonomy.epub", {"If-Modified-Since": modified}).status == 304
    assert get(port, "/alash-autonomy.epub", {"If-None-Match": '"other"'}).status == 200
    assert get(port, "/alash-autonomy.epub", {"If-Modified-Since": "Mon, 01 Jan 1990 00:00:00 GMT"}).status == 200


def test_range_requests(served):
    out, port = served
    pdf = (out / "alash-autonomy.pdf").read_bytes()
    part = get(port, "/alash-autonomy.pdf", {"Range": "bytes=100-199"})
    assert (part.status, part.body, part.getheader("Content-Range")) == (206, pdf[100:200], f"bytes 100-199/{len(pdf)}")
    tail = get(port, "/alash-autonomy.pdf", {"Range": "bytes=-50"})
    assert (tail.status, tail.body) == (206, pdf[-50:])
    rest = get(port, "/alash-autonomy.pdf", {"Range": f"bytes={len(pdf) - 10}-"})
    assert (rest.status, rest.body) == (206, pdf[-10:])
    beyond = get(port, "/alash-autonomy.pdf", {"Range": f"bytes={len(pdf)}-"})
    assert (beyond.status, beyond.getheader("Content-Range")) == (416, f"bytes */{len(pdf)}")
    stale = get(port, "/alash-autonomy.pdf", {"Range": "bytes=0-9", "If-Range": '"old"'})
    assert (stale.status, stale.body) == (200, pdf)
    head = get(port, "/alash-autonomy.pdf", method="HEAD")
    assert (head.status, head.body, head.getheader("Content-Length")) == (200, b"", str(len(pdf)))


def test_nothing_outside_out_is_ever_served(served):
    _, port = served
    for path, status in [
        (b"/../secret.txt", 400),
        (b"/catalog/../../secret.txt", 400),
        (b"/%2e%2e/secret.txt", 400),
        (b"/%2E%2E%2Fsecret.txt", 400),
        (b"/..%5csecret.txt", 400),
        (b"/foo\\..\\secret.txt", 400),
        (b"/%00", 400),
        (b"/./index.html", 400),
        (b"http://127.0.0.1/../secret.txt", 400),
        (b"/etc/passwd", 404),
        (b"//etc/passwd", 404),
        (b"/escape.pdf", 404),  # a symbolic link out of out/
        (b"/catalog", 404),  # a folder: no listing
        (b"/.catalog.xml.part", 404),
        (b"/%ff", 400),
    ]:
        assert raw(port, b"GET " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") == status, path


def test_huge_requests_are_refused(served):
    _, port = served
    assert raw(port, b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n") == 400
    assert raw(port, b"GET / HTTP/1.1\r\nX-Big: " + b"a" * 70_000 + b"\r\n\r\n") == 400
    assert raw(port, b"GET / HTTP/1.1\r\n" + b"".join(b"X-%d: %s\r\n" % (n, b"a" * 200) for n in range(90)) + b"\r\n") == 400
    assert raw(port, b"GET / HTTP/1.1\r\n" + b"".join(b"X-%d: a\r\n" % n for n in range(120)) + b"\r\n") == 400


def test_opensearch_and_search_feeds(served, tmp_path):
    _, port = served
    description = etree.fromstring(get(port, "/opensearch.xml").body)
    templates = {url.get("type"): url.get("template") for url in description.iter(f"{OS}Url")}
    assert templates["application/atom+xml;profile=opds-catalog;kind=acquisition"] == \
        f"http://127.0.0.1:{port}/search.xml?q={{searchTerms}}"
    catalog = etree.fromstring(get(port, "/catalog.xml").body)
    assert catalog.find(f"{ATOM}link[@rel='search']").get("href") == "/opensearch.xml"
    found = get(port, "/search.xml?q=%D0%90%D0%BB%D0%B0%D1%88")  # Алаш
    feed = etree.fromstring(found.body)
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert found.status == 200 and titles[0] == "Alash Autonomy"
    pdf = feed.find(f"{ATOM}entry/{ATOM}link[@type='application/pdf']").get("href")
    assert get(port, pdf).status == 200
    (tmp_path / "search.xml").write_bytes(found.body)
    assert jing_errors([tmp_path / "search.xml"]) == ""
    data = json.loads(get(port, "/search.json?query=steppe").body)
    assert [error.message for error in opds2_validator().iter_errors(data)] == []
    assert data["publications"][0]["metadata"]["title"] == "The Steppe Press"
    assert get(port, "/search.xml?q=zzzzqqq").status == 404
    assert get(port, "/search.xml?q=").status == 400
    assert get(port, "/search.xml?q=Alash&page=x").status == 400


def test_another_address_needs_an_explicit_flag(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["serve", "--out", str(tmp_path), "--bind", "0.0.0.0"])
    assert exit.value.code == 2 and "add --public if that is meant" in capsys.readouterr().err
