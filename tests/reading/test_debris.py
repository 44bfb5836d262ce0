import pytest

from encyclopress.reading.debris import clean_text, clean_value


def test_values_lose_dangling_commas_and_empty_brackets():
    assert clean_value("«Оян, Қазақ!», ,") == "«Оян, Қазақ!»"
    assert clean_value("Оян, Қазақ!,") == "Оян, Қазақ!"
    assert clean_value("Kazakh , Russian") == "Kazakh, Russian"
    assert clean_value("Orenburg ( )") == "Orenburg"


def test_prose_keeps_real_text():
    assert clean_text("Mr. Smith ... said (see ) that") == "Mr. Smith ... said (see ) that"
    assert clean_text("Alash Orda ( ), a government") == "Alash Orda, a government"


@pytest.mark.parametrize(("value", "cleaned"), [
    # each from a real infobox (the articles, tests/articles/corpus/, content/)
    ("Tuvan People's Republic<hr />Tyva Arat Respublik", "Tuvan People's Republic, Tyva Arat Respublik"),
    ("Flag of Tuva 85px", "Flag of Tuva"),
    ('"Tuva Is My Land"File:Anthem of Tuva.ogg(used 1933–1942)File:Anthem 1942.ogg', '"Tuva Is My Land" (used 1933–1942)'),
    ("Kirghiz Autonomous Socialist Soviet Republic (1920–25)Kirghiz ASSR",
     "Kirghiz Autonomous Socialist Soviet Republic (1920–25), Kirghiz ASSR"),
    ("class=nowrap, Communism, Marxism–Leninism, Soviet patriotism", "Communism, Marxism–Leninism, Soviet patriotism"),
    ("Russia , Ukraine#tag:ref, Since 2014 the status of Crimea is under dispute., group=nb",
     "Russia, Ukraine (Since 2014 the status of Crimea is under dispute.)"),
    ("1936–1990:, Union Republic of the Soviet Union, 1990–1991:, Union Republic",
     "1936–1990: Union Republic of the Soviet Union, 1990–1991: Union Republic"),
    ("Independent khaganate (840–1089), Seljuk vassal, (1089–1141)", "Independent khaganate (840–1089), Seljuk vassal (1089–1141)"),
    ("Flag, (from 1953)", "Flag (from 1953)"),
    (", Supported By:,", ""),
    ("Salqam Jangir Khan, Supported By:, Yalangtoʻsh Bakhodir", "Salqam Jangir Khan, Supported By: Yalangtoʻsh Bakhodir"),
    ("16 October 1991, ()", "16 October 1991"),
    ("Kara Khanid Khanate, .", "Kara Khanid Khanate."),
    ("|", ""),
    (", Ufa Governorate, Bashkiria,", "Ufa Governorate, Bashkiria"),
])
def test_template_debris_is_cleaned(value, cleaned):
    assert clean_value(value) == cleaned


@pytest.mark.parametrize("value", [
    "Sessions: two, in July and December", "12:30 (UTC+6)", "Population: 2,000,000 est.", "A | B",
    "10.6 m3/s at Talgar town", "Kapchagay → Ili → Balkhash", "~ 4400", "/cmn/", "1936–1938 (first)",
    "Medal \"For Valiant Labour in the Great Patriotic War 1941–1945\"", "e27", "dung1253", "Pixel 8px wide",
])
def test_text_that_is_not_debris_is_kept(value):
    assert clean_value(value) == value
