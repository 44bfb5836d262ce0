"""WeasyPrint's only way to the outside: local files under the project's own folders.

Rendering never reaches the network, even for URLs written in an article. A refused URL
raises; WeasyPrint logs that, and print_edition/layout.py reports the log as the article's warnings.
`refused` lists the URLs too, for inspection.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from encyclopress.engine.weasy import weasyprint

weasyprint()  # loaded the fast way (engine.py) before the submodule below
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402


class LocalFetcher(URLFetcher):
    def __init__(self, roots: tuple[Path, ...]) -> None:
        super().__init__(allowed_protocols=("file",))
        self.roots = tuple(root.resolve() for root in roots)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        path = self._allowed_path(url)
        if path is None:
            self.refused.append(url)
            raise ValueError(f"refused to fetch {url}: only files in fonts/, styles/ and content/")
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), _headers(path))

    def _allowed_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(unquote(parts.path)).resolve()  # resolves `..` before the check
        inside = any(path.is_relative_to(root) for root in self.roots)
        return path if inside and path.is_file() else None


def _headers(path: Path) -> dict[str, str]:
    types = {".css": "text/css", ".ttf": "font/ttf", ".svg": "image/svg+xml", ".png": "image/png"}
    return {"Content-Type": types.get(path.suffix.lower(), "application/octet-stream")}
