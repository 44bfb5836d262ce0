"""The archival PDF (PDF/A-3a) checked on the built seed with pikepdf and poppler.

Structural checks only: veraPDF, the conformance checker, cannot run here.
"""

from __future__ import annotations

import subprocess

import pikepdf
import pytest
from helpers import SEED


@pytest.fixture(scope="module")
def seed(built):
    with pikepdf.open(built / "alash-autonomy.pdf") as pdf:
        yield pdf


def test_xmp_claims_pdfa_3a(seed):
    meta = seed.open_metadata()
    assert meta.pdfa_status == "3A"
    assert meta["pdfaid:part"] == "3" and meta["pdfaid:conformance"] == "A"
    assert meta["dc:title"] == "Alash Autonomy"


def test_output_intent_structure_tree_and_language(seed):
    (intent,) = seed.Root.OutputIntents
    assert intent.S == "/GTS_PDFA1" and intent.DestOutputProfile.N == 3
    assert "/StructTreeRoot" in seed.Root and seed.Root.MarkInfo.Marked
    assert str(seed.Root.Lang) == "en"
    assert seed.check_pdf_syntax() == []  # no syntax problems, name trees in order


def test_sources_and_catalog_record_attached_once_each(seed, built):
    files = list(seed.Root.AF)
    assert len({f.objgen for f in files}) == len(files) == 3  # WeasyPrint 70 listed each twice
    relationships = {str(f.UF): str(f.AFRelationship) for f in files}
    assert relationships == {"alash-autonomy.toml": "/Source", "alash-autonomy.txt": "/Source",
                             "alash-autonomy.marcxml": "/Data"}
    listing = subprocess.run(["pdfdetach", "-list", str(built / "alash-autonomy.pdf")],
                             capture_output=True, text=True, check=True).stdout
    assert listing.startswith("3 embedded files")


def test_the_attached_record_is_the_marcxml_file(built, tmp_path):
    pdf = built / "alash-autonomy.pdf"
    subprocess.run(["pdfdetach", "-savefile", "alash-autonomy.marcxml", "-o", str(tmp_path / "r"), str(pdf)], check=True)
    assert (tmp_path / "r").read_bytes() == (built / "alash-autonomy.marcxml").read_bytes()


def test_the_attached_source_is_the_article_byte_for_byte(built, tmp_path):
    pdf = built / "alash-autonomy.pdf"
    subprocess.run(["pdfdetach", "-savefile", "alash-autonomy.txt", "-o", str(tmp_path / "x"), str(pdf)], check=True)
    assert (tmp_path / "x").read_bytes() == SEED.read_bytes()
