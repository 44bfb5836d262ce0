"""Infobox semantics: dates, succession, office holders, images, captions, labels, debris."""

from __future__ import annotations

from pathlib import Path

from encyclopress.core.model import InfoField, PartialDate, plain
from encyclopress.reading.infobox import build_infobox, label_for


def box(*lines: str, warnings: list | None = None):
    fields = []
    for n, line in enumerate(lines, 2):
        key, _, value = line.partition(": ")
        fields.append(InfoField(key, value, n))
    return build_infobox("Infobox", tuple(fields), 1, Path("a.txt"), warnings if warnings is not None else [])


def rows(infobox):
    return [(f.label, [plain(v.text) for v in f.values]) for f in infobox.facts]


def test_split_start_and_end_dates_become_real_dates():
    b = box("Date Start: 13 December", "Year Start: 1917", "Date End: 26 August", "Year End: 1920")
    assert [(f.label, f.values[0].date) for f in b.facts] == [
        ("Established", PartialDate(1917, 12, 13)),
        ("Dissolved", PartialDate(1920, 8, 26)),
    ]


def test_year_alone_is_a_year_date_and_iso_dates_parse():
    b = box("Year Start: 1917", "Birth Date: 1866-03-05")
    assert [f.values[0].date for f in b.facts] == [PartialDate(1917), PartialDate(1866, 3, 5)]


def test_a_whole_date_in_the_date_field_needs_no_year_field():
    assert box("Date End: 26 August 1920").facts[0].values[0].date == PartialDate(1920, 8, 26)


def test_an_unparseable_date_keeps_its_text():
    b = box("Date Start: spring", "Year Start: 1917")
    assert rows(b) == [("Established", ["spring 1917"])] and b.facts[0].values[0].date is None


def test_predecessors_and_successors_in_order():
    b = box("P1: Steppe Governorate", "Flag P1: Flag of Russia.svg", "P2: Russian Republic", "S1: Kirghiz ASSR")
    assert rows(b) == [("Preceded by", ["Steppe Governorate", "Russian Republic"]), ("Succeeded by", ["Kirghiz ASSR"])]
    assert [(i.key, i.file) for i in b.images] == [("Flag P1", "Flag of Russia.svg")]


def test_leaders_pair_with_their_years_and_title():
    b = box("Title Leader: Prime Minister", "Leader1: Alikhan Bukeikhanov", "Year Leader1: 1917–1920", "Leader2: A. Baitursynov")
    assert rows(b) == [("Prime Minister", ["Alikhan Bukeikhanov (1917–1920)", "A. Baitursynov"])]


def test_images_are_references_and_their_captions_stay():
    b = box("Image Coat: Seal of the Alash Autonomy.svg", "Symbol Type: Seal", "Image Map Caption: Alash in 1918.")
    assert [i.file for i in b.images] == ["Seal of the Alash Autonomy.svg"]
    assert [(f.label, f.kind) for f in b.facts] == [("Map", "caption")]


def test_link_debris_is_cleaned_and_empty_values_dropped():
    b = box("National Anthem: «Оян, Қазақ!», ,", "Seats: 25 , ,", "Place: Orenburg ( )", "Empty: , ,")
    assert rows(b) == [("Anthem", ["«Оян, Қазақ!»"]), ("Seats", ["25"]), ("Place", ["Orenburg"])]


def test_unknown_keys_get_readable_labels():
    assert label_for("Stat Pop2") == "Stat pop 2"
    assert label_for("House Type") == "House type"
    assert label_for("GDP PPP") == "GDP PPP"
    assert label_for("Capital") == "Capital"


def test_duplicate_keys_warn_and_keep_both():
    warnings: list = []
    b = box("Capital: Semey", "Capital: Orenburg", warnings=warnings)
    assert rows(b) == [("Capital", ["Semey"]), ("Capital", ["Orenburg"])]
    assert [str(w) for w in warnings] == ["a.txt:3: warning: duplicate infobox key 'Capital' (first on line 2); both are kept"]


def test_cyrillic_values_carry_their_language():
    b = box("Native Name: Алаш құрылтайы")
    assert [(r.text, r.lang) for r in b.facts[0].values[0].text] == [("Алаш құрылтайы", "kk")]


def test_plain_numbers_are_numbers_and_codes_are_not():
    b = box("Stat Pop2: 3 943 100", "Population: 4,221,860", "Area: 2,717,300 km2", "Postal Code: 050000",
            "Calling Code: 77700", "Year Start: 1917")
    assert [(f.label, f.values[0].number) for f in b.facts] == [
        ("Stat pop 2", 3943100), ("Population", 4221860), ("Area", None), ("Postal code", None),
        ("Calling code", None), ("Established", None)]
