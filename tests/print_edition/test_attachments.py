"""What the archival PDF embeds: the sources, and whatever a provider adds."""

from __future__ import annotations

from helpers import SEED

from encyclopress.builder.pipeline import prepare
from encyclopress.print_edition import attachments


def test_the_article_and_its_sidecar_as_source(project):
    found = attachments.attachments(prepare(SEED, project, [])[0])
    assert [(a.filename, a.relationship) for a in found] == [
        ("alash-autonomy.txt", "Source"), ("alash-autonomy.toml", "Source")]
    assert found[0].data == SEED.read_bytes()


def test_a_provider_adds_a_record_without_touching_the_renderer(project, monkeypatch):
    record = attachments.Attachment("record.xml", b"<record/>", "Data", "MARCXML record")
    monkeypatch.setattr(attachments, "PROVIDERS", [*attachments.PROVIDERS, lambda ctx: [record]])
    assert attachments.attachments(prepare(SEED, project, [])[0])[-1] == record
