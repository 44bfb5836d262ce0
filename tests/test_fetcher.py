"""Rendering never reaches the network: only the project's own folders are served."""

import pytest

from encyclopress.fetcher import LocalFetcher


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
