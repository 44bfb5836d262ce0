"""Rendering never reaches the network: only the project's own folders are served."""

import socket

import pytest
from helpers import ROOT, pdftotext

from encyclopress.cli import main
from encyclopress.engine.fetcher import LocalFetcher


@pytest.fixture
def fetcher(project):
    return LocalFetcher((project.fonts, project.styles, project.content))


def test_serves_project_files(fetcher, project):
    response = fetcher.fetch((project.styles / "base.css").as_uri())
    assert response.read().startswith(b"/*")


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/x.png",
    "https://example.org/font.ttf",
    "file:///etc/passwd",
    "data:text/plain,hello",
])
def test_refuses_everything_else(fetcher, url):
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_refuses_traversal_out_of_a_served_folder(fetcher, project):
    url = (project.styles).as_uri() + "/../pyproject.toml"
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch(url)


def test_a_symlink_out_of_a_served_folder_is_refused(tmp_path):
    (tmp_path / "styles").mkdir()
    (tmp_path / "styles" / "evil.css").symlink_to("/etc/passwd")
    fetcher = LocalFetcher((tmp_path / "styles",))
    with pytest.raises(ValueError, match="refused"):
        fetcher.fetch((tmp_path / "styles" / "evil.css").as_uri())


class Listener:
    """A server on 127.0.0.1 (a free port) that counts who connects to it."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.setblocking(False)
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"

    def connections(self) -> int:
        count = 0
        while True:
            try:
                client, _ = self.server.accept()
            except BlockingIOError:
                return count
            client.close()
            count += 1

    def check_it_would_notice(self) -> None:
        """The count above is not blind: a real connection is seen."""
        with socket.create_connection(self.server.getsockname()):
            pass
        assert self.connections() == 1


@pytest.fixture
def listener():
    listener = Listener()
    yield listener
    listener.server.close()


def test_css_and_html_references_to_the_network_are_refused(listener, fetcher, project):
    from weasyprint import HTML

    url = listener.url
    html = f"""<link rel="stylesheet" href="{url}/linked.css">
<style>@import url({url}/imported.css);
@font-face {{ font-family: Remote; src: url({url}/font.ttf) }}
body {{ background: url({url}/background.png) }}</style>
<p style="font-family: Remote">Text <img src="{url}/image.png"> <object data="{url}/object.svg"></object></p>"""
    HTML(string=html, base_url=project.root.as_uri() + "/", url_fetcher=fetcher).render()
    assert listener.connections() == 0
    assert sorted(fetcher.refused) == sorted(f"{url}/{name}" for name in (
        "linked.css", "imported.css", "font.ttf", "background.png", "image.png", "object.svg"))
    listener.check_it_would_notice()


def test_urls_in_an_article_and_its_sidecar_are_never_fetched(listener, write, tmp_path):
    url = listener.url
    article = write("links.txt", f"= Links =\n\nInfobox\n- Website: {url}/site\n\n"
                                 f'See {url}/page and <img src="{url}/pixel.png"> here.\n')
    write("links.toml", f'source_url = "{url}/source"\nlicense_url = "{url}/licence"\n')
    assert main([str(article), "--out", str(tmp_path / "out")], root=ROOT) == 0
    assert listener.connections() == 0
    text = pdftotext(tmp_path / "out" / "links.pdf")
    assert f"{url}/page" in text and f"{url}/source" in text
    listener.check_it_would_notice()
