"""Language and direction of script runs."""

from encyclopress.core.model import Run
from encyclopress.reading.scripts import segment


def tagged(text):
    return [(r.text, r.lang, r.rtl) for r in segment(text) if r.lang or r.rtl]


def test_kazakh_letter_makes_a_run_kazakh_else_russian():
    assert tagged("«Алаш туралы сөз» and «Алашорда»") == [("Алаш туралы сөз", "kk", False), ("Алашорда", "ru", False)]


def test_latin_with_diacritics_is_the_documents_language():
    assert segment("Üş Jüz") == (Run("Üş Jüz"),) and tagged("Üş Jüz") == []


def test_right_to_left_runs():
    assert tagged("Arabic طريق الحرير and Hebrew דרך המשי.") == [("طريق الحرير", None, True), ("דרך המשי", "he", True)]


def test_arabic_script_kazakh_is_tagged_kk_arab_and_other_arabic_script_is_not_guessed():
    """Kazakh in its Arabic alphabet has letters Arabic and Persian lack (ۇ ۋ ە ۆ ڭ, high hamza);
    Uyghur shares some of them but has its own (ې ۈ), so it is left untagged."""
    assert tagged("Auezov (مۇحتار ومارحانۇلى اۋەزوۆ) and ءجۇز") == [
        ("مۇحتار ومارحانۇلى اۋەزوۆ", "kk-Arab", True), ("ءجۇز", "kk-Arab", True)]
    assert tagged("Arabic طريق الحرير, Persian جاده ابریشم, Uyghur ئۇيغۇر يېزىقى") == [
        ("طريق الحرير", None, True), ("جاده ابریشم", None, True), ("ئۇيغۇر يېزىقى", None, True)]


def test_other_scripts_get_their_languages():
    assert tagged("Δρόμος, აბრეშუმის, Մետաքսի, or 絲綢之路, or シルクロード") == [
        ("Δρόμος", "el", False), ("აბრეშუმის", "ka", False), ("Մետաքսի", "hy", False),
        ("絲綢之路", "zh", False), ("シルクロード", "ja", False),
    ]


def test_text_is_never_lost():
    text = "A «Оян, Қазақ!» — 13 December 1917 (طريق) 東京."
    assert "".join(r.text for r in segment(text)) == text
