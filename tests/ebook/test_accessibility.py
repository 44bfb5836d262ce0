"""Accessibility metadata, and DAISY Ace on built books: the claims hold."""

from __future__ import annotations

import pytest
from helpers import NS, ace_violations, opf

from encyclopress.ebook.accessibility import CONFORMS_TO, accessibility_metadata


def test_page_features_and_source_only_with_a_page_list():
    with_pages = dict(accessibility_metadata("Summary.", "Encyclopress", "urn:uuid:1"))
    assert with_pages["pageBreakSource"] == "urn:uuid:1"
    without = accessibility_metadata("Summary.", "Encyclopress", None)
    features = [value for prop, value in without if prop == "schema:accessibilityFeature"]
    assert "pageNavigation" not in features and "pageBreakMarkers" not in features
    assert "pageBreakSource" not in dict(without) and "tableOfContents" in features


def test_package_declares_what_the_issue_lists(built):
    package = opf(built / "alash-autonomy.epub")
    meta = {}
    for element in package.xpath("//opf:meta[@property]", namespaces=NS):
        meta.setdefault(element.get("property"), []).append(element.text)
    assert meta["schema:accessMode"] == ["textual", "visual"]
    assert meta["schema:accessModeSufficient"] == ["textual"]
    assert {"structuralNavigation", "tableOfContents", "readingOrder", "pageNavigation",
            "displayTransformability"} <= set(meta["schema:accessibilityFeature"])
    assert meta["schema:accessibilityHazard"] == ["none"]
    assert meta["schema:accessibilitySummary"][0].startswith("Text with headings")
    assert meta["dcterms:conformsTo"] == [CONFORMS_TO] == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert meta["a11y:certifiedBy"] == ["Encyclopress"]
    assert "a11y: http://www.idpf.org/epub/vocab/package/a11y/#" in package.get("prefix")


@pytest.mark.parametrize("name", ["alash-autonomy", "many-scripts"])
def test_ace_finds_nothing(built, tmp_path, name):
    assert ace_violations(built / f"{name}.epub", tmp_path) == []
