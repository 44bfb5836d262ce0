"""The collection's catalog records: one MARC record (505 contents, 300 with the PDF's real
page count, 246, 720 editors, 740 per article) through yaz, the XSD and marc-lint, and Dublin
Core listing its articles (dcterms:hasPart, written dc:relation in simple DC)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pikepdf
from collection_fixture import MEMBERS
from helpers import NS, ROOT, read_marc
from lxml import etree

from encyclopress.reading.publication import load_publication
from encyclopress.reading.reader import read_article

RECORDS = ["alash-reader.mrc", "alash-reader.kk.mrc", "alash-reader.ru.mrc"]


def test_yaz_xsd_and_marc_lint_accept_every_record(collection_out):
    schema = etree.XMLSchema(etree.parse(str(ROOT / "tests" / "schemas" / "marc" / "MARC21slim.xsd")))
    lint = Path(sys.executable).parent / "marc-lint"
    for name in RECORDS:
        path = collection_out / name
        subprocess.run(["yaz-marcdump", "-n", str(path)], check=True, capture_output=True)
        assert schema.validate(etree.parse(str(path.with_suffix(".marcxml")))), schema.error_log
        result = subprocess.run([str(lint), str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and "Found 0 warning(s)" in result.stdout, result.stdout


def test_one_record_with_the_contents_and_the_real_page_count(collection_out, collection_file):
    record = read_marc(collection_out / "alash-reader.mrc")
    titles = [read_article(collection_file.with_name(f"{slug}.txt"), []).plain_title for slug in MEMBERS]
    assert record["245"].value() == ("The Alash Movement : A reader in six articles / "
                                     "edited by Aigerim Seitkali, John Smith.")
    assert tuple(record["505"].indicators) == ("0", " ") and record["505"]["a"] == " -- ".join(titles) + "."
    assert [field["a"] for field in record.get_fields("740")] == [f"{title}." for title in titles]
    assert [field["a"] for field in record.get_fields("720")] == ["Aigerim Seitkali,", "John Smith,"]
    assert all(field.get_subfields("d") == [] for field in record.get_fields("542"))  # editors hold no copyright here
    assert [field["a"] for field in record.get_fields("246")] == ["Алаш қозғалысы", "Движение Алаш"]
    with pikepdf.open(collection_out / "alash-reader.pdf") as pdf:
        labels = [page.label for page in pdf.pages]
    front = labels.index("1")  # the front matter's last page, in roman, then the body's last
    assert record["300"]["a"] == f"1 online resource ({labels[front - 1]}, {labels[-1]} pages)"


def test_dublin_core_relates_the_collection_to_each_article(collection_out, collection_file):
    dc = etree.parse(str(collection_out / "alash-reader.dc.xml"))
    relations = dc.xpath("//dc:relation/text()", namespaces=NS)
    assert relations == [load_publication(collection_file.with_name(f"{slug}.txt")).identifier for slug in MEMBERS]
    assert dc.xpath("//dc:title/text()", namespaces=NS)[0] == "The Alash Movement"
    # its editors did not write it: contributors (simple DC has no role to say more), no creator
    assert dc.xpath("//dc:contributor/text()", namespaces=NS) == ["Aigerim Seitkali", "John Smith"]
    assert dc.xpath("//dc:creator", namespaces=NS) == []
