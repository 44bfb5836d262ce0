from encyclopress.reading.debris import clean_text, clean_value


def test_values_lose_dangling_commas_and_empty_brackets():
    assert clean_value("«Оян, Қазақ!», ,") == "«Оян, Қазақ!»"
    assert clean_value("Оян, Қазақ!,") == "Оян, Қазақ!"
    assert clean_value("Kazakh , Russian") == "Kazakh, Russian"
    assert clean_value("Orenburg ( )") == "Orenburg"


def test_prose_keeps_real_text():
    assert clean_text("Mr. Smith ... said (see ) that") == "Mr. Smith ... said (see ) that"
    assert clean_text("Alash Orda ( ), a government") == "Alash Orda, a government"
