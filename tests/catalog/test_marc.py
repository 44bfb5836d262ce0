"""MARC 21 records: coded values, and every built record through yaz, the XSD and marc-lint."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pymarc
import pytest
from helpers import ROOT, SEED, read_marc
from lxml import etree

from encyclopress.catalog import marc

SCHEMAS = ROOT / "tests" / "schemas"


@pytest.fixture(scope="session")
def records(built: Path) -> list[Path]:
    found = sorted(built.glob("*.mrc"))
    assert len(found) >= len(list((ROOT / "tests" / "articles").glob("*.txt"))) + 1  # one per edition
    return found


@pytest.mark.parametrize("tag, code", [("en", "eng"), ("kk", "kaz"), ("ru", "rus"), ("kk-Cyrl", "kaz"),
                                       ("el", "gre"), ("zz", None)])
def test_language_codes_are_marc_not_iso_639_1(tag, code):
    assert marc.language_code(tag) == code


@pytest.mark.parametrize("title, language, skip", [
    ("The Steppe Press", "eng", 4), ("An Atlas", "eng", 3), ("Alash Autonomy", "eng", 0),
    ("Theory", "eng", 0), ("L'Orda", "fre", 2), ("The Steppe", "rus", 0),
])
def test_nonfiling_characters(title, language, skip):
    assert marc.nonfiling_characters(title, language) == skip


def test_record_from_xml_refuses_two_records():
    record = '<record xmlns="http://www.loc.gov/MARC21/slim"><leader>00000nam a2200000 i 4500</leader></record>'
    with pytest.raises(ValueError, match="expected one MARC record, got 2"):
        marc.record_from_xml(f'<collection xmlns="http://www.loc.gov/MARC21/slim">{record}{record}</collection>')


def test_yaz_reads_every_record_and_the_cyrillic_parallel_titles(built, records):
    for path in records:
        subprocess.run(["yaz-marcdump", "-n", str(path)], check=True, capture_output=True)
    seed = subprocess.run(["yaz-marcdump", str(built / f"{SEED.stem}.mrc")],
                          check=True, capture_output=True, text=True).stdout
    assert "246 31 $a Алаш автономиясы\n" in seed
    assert "246 31 $a Алашская автономия\n" in seed
    # leader: computed length and base address; new, language material, monograph, UTF-8
    assert re.fullmatch(r"\d{5}nam a22\d{5} i 4500", seed.splitlines()[0])


def test_marcxml_is_valid_against_marc21_slim(built, records):
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "marc" / "MARC21slim.xsd")))
    for path in records:
        document = etree.parse(str(path.with_suffix(".marcxml")))
        assert schema.validate(document), (path, schema.error_log)


def test_marc_lint_reports_nothing(records):
    lint = Path(sys.executable).parent / "marc-lint"
    for path in records:
        result = subprocess.run([str(lint), str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout
        assert "Found 0 warning(s)" in result.stdout


def test_binary_and_xml_carry_the_same_record(records):
    for path in records:
        xml = pymarc.parse_xml_to_array(str(path.with_suffix(".marcxml")))[0]
        assert xml.as_marc() == path.read_bytes()


def test_round_trip_seed(built):
    record = read_marc(built / "alash-autonomy.mrc")
    assert record.leader[9] == "a"
    assert record["245"]["a"] == "Alash Autonomy /" and record["245"]["c"] == "Wikipedia contributors."
    assert [f["a"] for f in record.get_fields("246")] == ["Алаш автономиясы", "Алашская автономия"]
    assert all(f.indicators == pymarc.Indicators("3", "1") for f in record.get_fields("246"))
    assert record["041"].get_subfields("a") == ["eng", "kaz", "rus"]
    assert record["008"].data[35:38] == "eng" and record["008"].data[23] == "o"
    assert record["005"].data == "20231114221320.0"  # SOURCE_DATE_EPOCH of the session build
    editions = [name for name in ("alash-autonomy.pdf", "alash-autonomy.booklet.pdf", "alash-autonomy.epub")
                if (built / name).exists()]
    assert [f["u"] for f in record.get_fields("856")] == editions and len(editions) >= 2
    assert [f["q"] for f in record.get_fields("856")][-1] == "application/epub+zip"
    assert [f.value() for f in record.get_fields("650")] == [
        "Alash Autonomy", "Kazakhstan History 1917-1920", "Alash Orda"]
    assert record["650"].indicators.second == "4"  # only sidecar subjects, source unspecified
    assert record["546"]["a"] == "Text in English, with passages in Kazakh and Russian."
    assert record["250"]["a"] == "English edition" and record["041"].get_subfields("f") == []
    assert record["540"]["u"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert record["542"]["d"] == "Wikipedia contributors"
    assert record.get_fields("020") == []


def test_round_trip_isbn_base_url_and_initial_article(built):
    record = read_marc(built / "the-steppe-press.mrc")
    assert record["020"]["a"] == "9780306406157"
    assert record["245"].indicators == pymarc.Indicators("0", "4") and record["245"]["a"] == "The Steppe Press."
    urls = [f["u"] for f in record.get_fields("856")]
    assert urls[0] == "https://books.example.org/steppe/the-steppe-press.pdf"
    assert urls[-1] == "https://books.example.org/steppe/the-steppe-press.epub"
    assert record["650"].get_subfields("a", "x", "y") == ["Newspapers", "Kazakhstan", "19th century"]
    assert record["520"]["a"] == "A newspaper of the Kazakh steppe & its two editions."


def test_languages_of_many_scripts(built):
    record = read_marc(built / "many-scripts.mrc")
    assert set(record["041"].get_subfields("a")) >= {"eng", "gre", "heb", "geo", "arm", "kaz", "rus"}
    assert record["041"]["a"] == "eng"


@pytest.mark.parametrize("edition, code, statement, apparatus", [
    ("kk", "kaz", "Қазақша басылым, мәтін тілі: ағылшын тілі", "Kazakh"),
    ("ru", "rus", "Русское издание, язык текста: английский", "Russian"),
])
def test_each_edition_says_which_it_is_and_codes_its_apparatus_language(built, edition, code, statement, apparatus):
    """250 as the cover prints it; 041 $a the text's languages, $f the contents' (the apparatus);
    546 in words. yaz-marcdump reads the binary record as a library system would."""
    dump = subprocess.run(["yaz-marcdump", str(built / f"alash-autonomy.{edition}.mrc")],
                          check=True, capture_output=True, text=True).stdout
    assert f"250    $a {statement}\n" in dump
    assert f"041 0  $a eng $a kaz $a rus $f {code}\n" in dump
    assert (f"546    $a Text in English, with passages in Kazakh and Russian; "
            f"contents, labels and dates in {apparatus}.\n") in dump
    assert read_marc(built / f"alash-autonomy.{edition}.mrc")["008"].data[35:38] == "eng"


def test_the_three_editions_records_differ_beyond_their_identifiers(built):
    statements = {read_marc(built / f"alash-autonomy{e}.mrc")["250"]["a"] for e in ("", ".kk", ".ru")}
    assert len(statements) == 3


def test_without_a_sidecar_the_record_names_no_author_and_no_licence(built):
    """many-scripts.txt has no sidecar: no 245 $c, no 540/542, and nothing says Wikipedia."""
    record = read_marc(built / "many-scripts.mrc")
    assert record["245"].get_subfields("c") == [] and record["245"]["a"] == "Silk Road Names."
    assert record.get_fields("540", "542") == []
    assert "Wikipedia" not in (built / "many-scripts.marcxml").read_text(encoding="utf-8")


def test_arabic_script_kazakh_is_kazakh_once(built):
    """`kk` and `kk-Arab` are one MARC language: 041 and 546 name it once."""
    record = read_marc(built / "many-scripts.mrc")
    assert record["041"].get_subfields("a").count("kaz") == 1
    assert record["546"]["a"].count("Kazakh") == 1
