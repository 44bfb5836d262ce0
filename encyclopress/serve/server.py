"""`encyclopress serve`: out/ over HTTP on this machine, with search for OPDS readers.

The standard library's ThreadingHTTPServer does it: the catalog is static files plus one
query endpoint, and its request parsing (with its limits on line length and header count)
is the well-tried part. What it lacks is added here: paths checked so nothing outside out/
is ever served (files.py), MIME types for every file, ETag/Last-Modified with conditional
GETs, single byte ranges (e-readers resume PDF and EPUB downloads), no directory listings.

Beyond the files: `/opensearch.xml` describes `/search.xml?q=…` and `/search.json?q=…`
(OPDS 1.2 and 2.0 result feeds from the shelf index's full-text table); the feeds are
served with a `search` link to it, and with `--watch` the HTML pages with a script that
reloads them when a rebuild has changed out/ (`/_events`, Server-Sent Events).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import BinaryIO
from urllib.parse import parse_qs, urlsplit

from jinja2 import Environment
from lxml import etree

from encyclopress.core.diagnostics import Diagnostic
from encyclopress.rendering.context import Project
from encyclopress.rendering.templating import make_env, render
from encyclopress.serve.files import BadRequest, Validators, byte_range, media_type, resolve, validators
from encyclopress.shelf.index import ShelfIndex
from encyclopress.shelf.pages import ACQUISITION, OPDS2
from encyclopress.shelf.results import SEARCH, search_feed

MAX_HEADER_BYTES = 16 * 1024  # all of a request's headers; far above what a browser or reader sends
OPENSEARCH = "application/opensearchdescription+xml"
ATOM = "{http://www.w3.org/2005/Atom}"
SEARCH_TYPES = {"xml": ACQUISITION, "json": OPDS2}


class Changes:
    """How many rebuilds have changed out/; pages waiting on `/_events` wake at each."""

    def __init__(self) -> None:
        self.count = 0
        self.condition = threading.Condition()

    def bump(self) -> None:
        with self.condition:
            self.count += 1
            self.condition.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        with self.condition:
            self.condition.wait_for(lambda: self.count != seen, timeout)
            return self.count


class CatalogServer(ThreadingHTTPServer):
    daemon_threads = True  # a reader holding a connection open never keeps the server from stopping

    def __init__(self, address: tuple[str, int], out_dir: Path, project: Project, watching: bool) -> None:
        super().__init__(address, Handler)
        self.root = out_dir.resolve()
        self.project = project
        self.warnings: list[Diagnostic] = []
        self.index = ShelfIndex(out_dir, self.warnings)
        self.index.refresh()  # a deleted index is rebuilt here even when the catalog is up to date
        self.lock = threading.Lock()  # one query at a time on the index's connection
        self.changes = Changes() if watching else None
        self.stopping = threading.Event()

    def server_close(self) -> None:
        self.stopping.set()
        if self.changes:
            self.changes.bump()  # wake the pages' event streams so their threads end
        super().server_close()
        self.index.close()


class Handler(BaseHTTPRequestHandler):
    server: CatalogServer
    protocol_version = "HTTP/1.1"
    server_version = "encyclopress"

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if sum(len(name) + len(value) + 4 for name, value in self.headers.items()) > MAX_HEADER_BYTES:
            self.send_error(HTTPStatus.BAD_REQUEST, "request headers too large")
            return False
        return True

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # http.server answers an over-long request line or header with 414 or 431: a bad
        # request all the same, and this server answers every bad request with 400
        if code in (HTTPStatus.REQUEST_URI_TOO_LONG, HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE):
            code = HTTPStatus.BAD_REQUEST
        self.close_connection = True
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class names it so)
        pass  # a catalog server for one's own machine: no access log on the terminal

    def _answer(self, send_body: bool) -> None:
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        try:
            if url.path == "/opensearch.xml":
                return self._send(self._opensearch(), OPENSEARCH, send_body)
            if url.path in (f"/{SEARCH}.xml", f"/{SEARCH}.json"):
                return self._search(url.path.rsplit(".", 1)[1], query, send_body)
            if url.path == "/_events" and self.server.changes:
                return self._events()
            target = resolve(self.server.root, url.path)
        except (BadRequest, UnicodeDecodeError) as error:
            return self.send_error(HTTPStatus.BAD_REQUEST, str(error))
        if target is None:
            return self.send_error(HTTPStatus.NOT_FOUND, "no such file in this catalogue")
        self._file(target, send_body)

    # --- files ---------------------------------------------------------------------

    def _file(self, path: Path, send_body: bool) -> None:
        kind = media_type(self.server.root, path)
        added = self._addition(kind)
        stat = path.stat()
        tags = validators(stat.st_size, stat.st_mtime_ns, "-s" if added else "")
        if tags.unchanged(self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self._validators(tags)
            self.send_header("Content-Length", "0")
            return self.end_headers()
        if added:
            return self._send(added(path.read_bytes()), kind, send_body, tags)
        size = stat.st_size
        wanted = byte_range(self.headers.get("Range"), size)
        if wanted is not None and self.headers.get("If-Range") not in (None, tags.etag):
            wanted = None  # the client's part is of another version: the whole file
        if wanted is False:
            self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            return self.end_headers()
        first, last = wanted or (0, size - 1)
        self.send_response(HTTPStatus.PARTIAL_CONTENT if wanted else HTTPStatus.OK)
        if wanted:
            self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
        self._headers(kind, last - first + 1, tags)
        if send_body:
            with path.open("rb") as file:
                file.seek(first)
                _copy(file, self.wfile, last - first + 1)

    def _addition(self, kind: str) -> Callable[[bytes], bytes] | None:
        """What the server adds to a file of this type: the search link to a feed, the
        reloading script to a page while watching; None for the rest, served as they are."""
        if kind.startswith("application/atom+xml"):
            return _with_search_link_xml
        if kind == OPDS2:
            return _with_search_link_json
        if kind.startswith("text/html") and self.server.changes:
            script = render(self._env(), "serve/reload.html.j2").encode()
            return lambda body: body.replace(b"</body>", script + b"</body>", 1)
        return None

    # --- what the server makes -----------------------------------------------------

    def _opensearch(self) -> bytes:
        host = self.headers.get("Host") or "%s:%d" % self.server.server_address[:2]
        return render(self._env(), "serve/opensearch.xml.j2", base=f"http://{_host(host, self.server)}").encode()

    def _search(self, fmt: str, query: dict[str, list[str]], send_body: bool) -> None:
        words = (query.get("q") or query.get("query") or [""])[0]  # OPDS 2's template says `query`
        number = query.get("page", ["1"])[0]
        if not words.strip() or not number.isdigit():
            return self.send_error(HTTPStatus.BAD_REQUEST, "search needs q=words (and page=N)")
        with self.server.lock:
            feed = search_feed(self.server.index, self.server.project, words, int(number), fmt)
        if feed is None:
            return self.send_error(HTTPStatus.NOT_FOUND, "no publication found")
        body = feed.encode()
        added = _with_search_link_xml if fmt == "xml" else _with_search_link_json
        self._send(added(body), SEARCH_TYPES[fmt], send_body)

    def _events(self) -> None:
        """Server-Sent Events: `reload` each time a rebuild changed out/, until the server stops."""
        changes = self.server.changes
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        seen = changes.count
        try:
            self.wfile.write(b": watching\n\n")
            self.wfile.flush()
            while not self.server.stopping.is_set():
                now = changes.wait(seen, timeout=15)
                self.wfile.write(b"data: reload\n\n" if now != seen else b": still watching\n\n")
                self.wfile.flush()
                seen = now
        except OSError:  # the page went away
            pass

    def _env(self) -> Environment:
        return make_env(self.server.project.templates, "en_GB")

    # --- sending -------------------------------------------------------------------

    def _send(self, body: bytes, kind: str, send_body: bool, tags: Validators | None = None) -> None:
        self.send_response(HTTPStatus.OK)
        self._headers(kind, len(body), tags)
        if send_body:
            self.wfile.write(body)

    def _headers(self, kind: str, length: int, tags: Validators | None = None) -> None:
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        if tags:
            self.send_header("Accept-Ranges", "bytes")
            self._validators(tags)
        else:
            self.send_header("Cache-Control", "no-store")  # made for this request: never the same twice
        self.end_headers()

    def _validators(self, tags: Validators) -> None:
        self.send_header("ETag", tags.etag)
        self.send_header("Last-Modified", tags.last_modified)


def _copy(source: BinaryIO, target: BinaryIO, length: int) -> None:
    while length > 0:
        chunk = source.read(min(length, 64 * 1024))
        if not chunk:
            break
        target.write(chunk)
        length -= len(chunk)


def _host(header: str, server: CatalogServer) -> str:
    """The Host the client used, if it is one (a name or address and a port); else ours."""
    if re.fullmatch(r"[A-Za-z0-9.\-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?", header):
        return header
    return "%s:%d" % server.server_address[:2]


def _with_search_link_xml(body: bytes) -> bytes:
    root = etree.fromstring(body)
    link = etree.Element(f"{ATOM}link", rel="search", href="/opensearch.xml", type=OPENSEARCH)
    root.insert(next(i for i, child in enumerate(root) if child.tag == f"{ATOM}id") + 1, link)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def _with_search_link_json(body: bytes) -> bytes:
    feed = json.loads(body)
    feed["links"].append({"rel": "search", "href": f"/{SEARCH}.json{{?query}}", "type": OPDS2, "templated": True})
    return json.dumps(feed, ensure_ascii=False, indent=2).encode() + b"\n"
