"""Shipped fonts: coverage of Kazakh, Russian and typography; fallbacks only when needed."""

from encyclopress.reading.fonts import (
    APACHE,
    FACES,
    OFL,
    coverage,
    faces_for,
    families_by_license,
)

KAZAKH = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"
RUSSIAN = "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя"
TYPOGRAPHY = "«»„“–—\u00a0\u202f\u2009\u00ad\u2010№"


def test_base_fonts_cover_kazakh_russian_and_typography(project):
    for face in FACES:
        if not face.fallback:
            missing = set(KAZAKH + RUSSIAN + TYPOGRAPHY) - {chr(c) for c in coverage(project.fonts / face.file)}
            assert not missing, (face.file, missing)


def test_every_face_ships_with_a_licence(project):
    assert (project.fonts / "OFL.txt").read_text().count("SIL OPEN FONT LICENSE") >= 1
    assert (project.fonts / "LICENSE-Apache-2.0.txt").exists()  # Droid Sans Fallback
    for face in FACES:
        assert (project.fonts / face.file).exists()


def test_fallbacks_only_for_the_scripts_present(project):
    def families(text):
        return {f.family for f in faces_for(text, project.fonts) if f.fallback}

    assert families("Alash Orda, Алаш Орда, Қазақ") == set()
    assert families("طريق and 東京") == {"Noto Naskh Arabic", "Droid Sans Fallback"}
    assert families("דרך, აბრეშუმის, Մետաքսի") == {"Noto Serif Hebrew", "Noto Serif Georgian", "Noto Serif Armenian"}
    assert families("Tun Bilge Yabghu (𐱃𐰆𐰣), Talgar → Ili") == {"Noto Sans Old Turkic", "Noto Sans Symbols"}


def test_families_by_licence_in_the_order_of_the_faces(project):
    assert families_by_license(faces_for("Алаш", project.fonts)) == {OFL: ["Noto Serif", "Noto Sans"]}
    assert families_by_license(faces_for("東京 طريق", project.fonts)) == {
        OFL: ["Noto Serif", "Noto Sans", "Noto Naskh Arabic"], APACHE: ["Droid Sans Fallback"]}
