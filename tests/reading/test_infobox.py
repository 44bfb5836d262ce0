"""Infobox semantics by the families table: groups, dates, images, captions, labels, language tags.
The field lines are taken from the real articles in tests/articles/ (corpus/ and real/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from encyclopress.core.model import Fact, FieldGroup, InfoField, PartialDate, plain
from encyclopress.reading.families import family_table, normalize_key
from encyclopress.reading.infobox import build_infobox, label_for


def box(*lines: str, warnings: list | None = None):
    fields = []
    for n, line in enumerate(lines, 2):
        key, _, value = line.partition(": ")
        fields.append(InfoField(key, value, n))
    return build_infobox("Infobox", tuple(fields), 1, Path("a.txt"), warnings if warnings is not None else [])


def text(inline) -> str | None:
    return plain(inline) if inline else None


def shown(fact: Fact) -> tuple:
    """A row as a reader sees it: its label (the article's own, else the table's), its note, its values."""
    return (text(fact.title) or fact.label, text(fact.note), [plain(v.text) for v in fact.values])


def rows(infobox) -> list:
    return [(text(r.title) or r.label, [shown(f) for f in r.facts]) if isinstance(r, FieldGroup) else shown(r)
            for r in infobox.rows]


def test_numbered_offices_are_each_a_block_with_term_and_neighbours():
    """turar-ryskulov: an unnumbered office then `Office1`; both keep their predecessor and successor."""
    b = box("Office: Chairman of the Central Executive Committee of the TASSR", "Predecessor: Ivan Apin",
            "Successor: Mukhammedzhan Biserov", "Term Start: January 1920", "Term End: 21 July 1920",
            "Office1: Chairman of the Council of People's Commissars of the TASSR",
            "Predecessor1: Gaygysyz Atabayev", "Successor1: Sharustam Islamov", "Term Start1: October 1922",
            "Term End1: 1924", "Nationality: Kazakh")
    assert rows(b) == [
        ("Chairman of the Central Executive Committee of the TASSR", [
            ("In office", None, ["January 1920", "21 July 1920"]),
            ("Preceded by", None, ["Ivan Apin"]), ("Succeeded by", None, ["Mukhammedzhan Biserov"])]),
        ("Chairman of the Council of People's Commissars of the TASSR", [
            ("In office", None, ["October 1922", "1924"]),
            ("Preceded by", None, ["Gaygysyz Atabayev"]), ("Succeeded by", None, ["Sharustam Islamov"])]),
        ("Nationality", None, ["Kazakh"])]
    term = b.rows[0].facts[0]
    assert term.kind == "range" and [v.date for v in term.values] == [PartialDate(1920, 1), PartialDate(1920, 7, 21)]
    assert [r.line for r in b.rows] == [2, 7, 12]


def test_events_keep_their_names_and_come_in_date_order():
    """The issue's case (`Event1: Rehe annexed` + `Date Event1: 4 March 1933`) and crimean-peoples-republic."""
    b = box("Event Start: Proclaimed", "Date Start: 13 December", "Year Start: 1917",
            "Event2: Rehe annexed", "Date Event2: 4 March 1933", "Event1: Soviet takeover",
            "Date Event1: January 1918", "Date End: 26 August", "Year End: 1940")
    [history] = b.rows
    assert history.kind == "history" and history.label == "History"
    assert [shown(f) for f in history.facts] == [
        ("Proclaimed", None, ["13 December 1917"]), ("Soviet takeover", None, ["January 1918"]),
        ("Rehe annexed", None, ["4 March 1933"]), ("Dissolved", None, ["26 August 1940"])]
    assert [f.values[0].date for f in history.facts][2] == PartialDate(1933, 3, 4)
    assert b.span == (PartialDate(1917, 12, 13), PartialDate(1940, 8, 26))


def test_years_alone_make_a_history_and_a_span():
    b = box("Year Start: 742", "Year End: 840")
    assert rows(b) == [("History", [("Established", None, ["742"]), ("Dissolved", None, ["840"])])]
    assert b.span == (PartialDate(742), PartialDate(840))


def test_an_unparseable_date_keeps_its_text():
    b = box("Event End: Crimean Offensive", "Date End: 13-25 April", "Year End: 1918")
    fact = b.rows[0].facts[0]
    assert shown(fact) == ("Crimean Offensive", None, ["13-25 April 1918"]) and fact.values[0].date is None


def test_leaders_and_deputies_stand_under_their_titles_with_their_years():
    """kara-khanid-khanate: `Title Leader: Khagan` and `Title Deputy: Hajib` are headings, not rows."""
    b = box("Leader1: Bilge Kul Qadir Khan", "Year Leader1: 840–893 (first)", "Leader2: Uthman Ulugh-Sultan",
            "Year Leader2: 1204–1212 (last)", "Title Leader: Khagan", "Title Deputy: Hajib (chancellor)",
            "Deputy1: Yūsuf Balasaguni", "Year Deputy1: 11th century")
    assert rows(b) == [
        ("Khagan", [("840–893 (first)", None, ["Bilge Kul Qadir Khan"]),
                    ("1204–1212 (last)", None, ["Uthman Ulugh-Sultan"])]),
        ("Hajib (chancellor)", [("11th century", None, ["Yūsuf Balasaguni"])])]


def test_holders_without_a_title_take_their_role():
    b = box("Leader1: Alikhan Bukeikhanov", "Year Leader1: 1917–1920", "Leader2: Akhmet Baitursynov")
    assert rows(b) == [("Leader", [("1917–1920", None, ["Alikhan Bukeikhanov"]), ("", None, ["Akhmet Baitursynov"])])]


def test_statistics_pair_with_their_years():
    """The issue's `Stat Pop1` + `Stat Year1`; karakalpakstan's `Hdi` + `Hdi Year`, `Population As Of`."""
    b = box("Stat Year1: 1902", "Stat Pop1: 2,000,000 est.", "Stat Area1: 67521", "Title Leader: Khan",
            "Leader1: Muhammad Rahim Khan")
    assert rows(b)[:2] == [("Population", "1902", ["2,000,000 est."]), ("Area (km²)", "1902", ["67521"])]
    b = box("Population Total: 2 015 000", "Population As Of: 2024", "Hdi: 0.725", "Hdi Year: 2022",
            "Gdp Nominal: $4.5 billion", "Gdp Nominal Year: 2024", "Gdp Nominal Rank: 12th",
            "Ethnic Groups Year: 2021")
    assert rows(b) == [("Population", "2024", ["2 015 000"]), ("HDI", "2022", ["0.725"]),
                       ("GDP (nominal)", "2024", ["$4.5 billion", "12th"]), ("Ethnic groups year", None, ["2021"])]
    assert b.rows[0].values[0].number == 2015000 and b.rows[2].kind == "ranked"


def test_predecessors_successors_and_sides_are_lists_in_number_order():
    b = box("P2: Russian Republic", "P1: Steppe Governorate", "Flag P1: Flag of Russia.svg", "S1: Kirghiz ASSR")
    assert rows(b) == [("Preceded by", None, ["Steppe Governorate", "Russian Republic"]),
                       ("Succeeded by", None, ["Kirghiz ASSR"])]
    assert [(i.key, i.file) for i in b.images] == [("Flag P1", "Flag of Russia.svg")]
    battle = box("Conflict: Battle of Orbulaq", "Combatant1: , Supported By:,", "Commander1: Salqam Jangir Khan",
                 "Commander2: Erdeni Batur", "Strength1: 20,600", "Strength2: 35,000–50,000")
    assert rows(battle) == [("Name", None, ["Battle of Orbulaq"]),
                            ("Commanders and leaders", None, ["Salqam Jangir Khan", "Erdeni Batur"]),
                            ("Strength", None, ["20,600", "35,000–50,000"])]


def test_titled_pairs_label_their_names():
    """karakalpakstan's `Leader Title1`/`Leader Name1`, the party's `Leader1 Title`, talgar-river's subdivision."""
    b = box("Leader Title1: Chairman of the Supreme Council", "Leader Name1: Amanbai Orynbaev",
            "Subdivision Type1: Country", "Subdivision Name1: Kazakhstan")
    assert rows(b) == [("Leaders", [("Chairman of the Supreme Council", None, ["Amanbai Orynbaev"])]),
                       ("Country", None, ["Kazakhstan"])]


def test_a_language_family_starts_from_familycolor_when_fam1_is_missing():
    """dungan-language: Fam2–Fam5 and `Familycolor: Sino-Tibetan`."""
    b = box("Familycolor: Sino-Tibetan", "Fam2: Sinitic", "Fam3: Chinese", "Iso3: dng")
    assert rows(b) == [("Language family", None, ["Sino-Tibetan", "Sinitic", "Chinese"]), ("ISO 639-3", None, ["dng"])]
    b = box("Familycolor: Turkic", "Fam1: Turkic", "Fam2: Common Turkic", "Iso3: kaz")
    assert rows(b)[0] == ("Language family", None, ["Turkic", "Common Turkic"])


def test_presentation_keys_are_not_facts_and_image_files_are_references():
    b = box("Flag Border: no", "Border P2: no", "Image Map Size: 250px", "Linking Name: the Kazakh SSR",
            "Image Coat: Seal of the Alash Autonomy.svg", "Symbol Type: Seal", "Image Map Caption: Alash in 1918.",
            "Capital: Alash-Qala")
    assert rows(b) == [("Symbol", None, ["Seal"]), ("Map", None, ["Alash in 1918."]), ("Capital", None, ["Alash-Qala"])]
    assert [f.kind for f in b.rows] == ["caption", "caption", "fact"]
    assert [i.file for i in b.images] == ["Seal of the Alash Autonomy.svg"]


def test_native_name_lang_tags_the_native_name_and_is_no_row():
    b = box("Native Name: Алаш құрылтайы", "Native Name Lang: kk", "Motto: Оян, Қазақ!")
    assert rows(b) == [("Native name", None, ["Алаш құрылтайы"]), ("Motto", None, ["Оян, Қазақ!"])]
    assert {run.lang for run in b.rows[0].values[0].text} == {"kk"}
    b = box("Native Name: Tyva Arat Respublik", "Native Name Lang: tyv")
    assert {run.lang for run in b.rows[0].values[0].text} == {"tyv"}


def test_link_debris_is_cleaned_and_empty_values_dropped():
    b = box("National Anthem: «Оян, Қазақ!», ,", "Seats: 25 , ,", "Place: Orenburg ( )", "Empty: , ,",
            "Image Map2: |", "Ideology: class=nowrap, Communism, Marxism–Leninism")
    assert rows(b) == [("Anthem", None, ["«Оян, Қазақ!»"]), ("Seats", None, ["25"]), ("Location", None, ["Orenburg"]),
                       ("Ideology", None, ["Communism, Marxism–Leninism"])]


def test_labels_follow_the_family():
    """`Date` is when a language's speakers were counted, a battle's date elsewhere; `Notableworks` is readable."""
    language = box("Familycolor: Sino-Tibetan", "Iso3: dng", "Glotto: dung1253", "Date: 2009–2021")
    assert rows(language)[-1] == ("Speakers counted", None, ["2009–2021"])
    battle = box("Conflict: Battle of Orbulaq", "Combatant1: Kazakh Khanate", "Result: Kazakh victory", "Date: 1643")
    assert rows(battle)[-1] == ("Date", None, ["1643"])
    assert rows(box("Notableworks: Abai Zholy"))[0] == ("Notable works", None, ["Abai Zholy"])


def test_unknown_keys_get_readable_labels():
    assert label_for("Stat Pop2") == "Stat pop 2"
    assert label_for("House Type") == "House type"
    assert label_for("GDP PPP") == "GDP PPP"
    assert rows(box("Meeting Place: Orenburg"))[0] == ("Meeting place", None, ["Orenburg"])


def test_duplicate_keys_warn_and_keep_both():
    warnings: list = []
    b = box("Capital: Semey", "Capital: Orenburg", warnings=warnings)
    assert rows(b) == [("Capital", None, ["Semey"]), ("Capital", None, ["Orenburg"])]
    assert [str(w) for w in warnings] == ["a.txt:3: warning: duplicate infobox key 'Capital' (first on line 2); both are kept"]


def test_plain_numbers_and_iso_dates_are_typed_and_codes_are_not():
    b = box("Membership: 301,487", "Population: 4,221,860", "Area: 2,717,300 km2", "Postal Code: 050000",
            "Calling Code: 77700", "Born: 1892-07-13")
    assert [(f.label, f.values[0].number, f.values[0].date) for f in b.rows] == [
        ("Membership", 301487, None), ("Population", 4221860, None), ("Area", None, None),
        ("Postal code", None, None), ("Calling code", None, None), ("Born", None, PartialDate(1892, 7, 13))]


@pytest.mark.parametrize(("keys", "family"), [
    (["Conventional Long Name", "Year Start", "P1", "Title Leader"], "former_country"),
    (["Office1", "Term Start1", "Birth Date"], "officeholder"),
    (["Combatant1", "Commander1", "Partof"], "military_conflict"),
    (["Elevation M", "Prominence M", "Range"], "mountain"),
    (["Magnitude", "Depth", "Timestamp"], "event"),
    (["Author", "Publisher", "Pub Date"], "book_film"),
    (["Ideology", "Position", "Foundation"], "party"),
    (["Capital"], None),
])
def test_the_family_is_the_one_with_most_signature_keys(keys, family):
    found = family_table().family_of(normalize_key(k) for k in keys)
    assert (found.name if found else None) == family


def test_every_label_of_the_table_is_a_translated_message():
    import tomllib

    from encyclopress.core.i18n import translations
    from encyclopress.reading.families import TABLE, messages
    labels = set(messages(tomllib.loads(TABLE.read_text(encoding="utf-8"))))
    assert {"History", "In office", "Speakers counted", "Belligerents"} <= labels
    for language in ("kk", "ru"):
        catalog = translations(language)
        assert [m for m in labels if catalog.gettext(m) == m and " " in m] == []
