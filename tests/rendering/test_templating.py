"""Templates: Babel dates with an explicit locale, autoescaping, template errors as lines."""

from __future__ import annotations

from datetime import date

import pytest

from encyclopress.core.diagnostics import BuildError
from encyclopress.core.model import PartialDate, Run
from encyclopress.rendering.templating import format_partial_date, make_env, render


@pytest.mark.parametrize(("value", "locale", "expected"), [
    (PartialDate(1917, 12, 13), "en_GB", "13 December 1917"),
    (PartialDate(1917, 12, 13), "ru", "13 декабря 1917\u202fг."),
    (PartialDate(1917, 12, 13), "kk", "1917\u202fж. 13 желтоқсан"),
    (PartialDate(1920, 8), "en_GB", "August 1920"),
    (PartialDate(1917), "ru", "1917"),
    (date(2023, 11, 14), "en_GB", "14 November 2023"),
])
def test_dates_are_formatted_by_babel_per_locale(value, locale, expected):
    assert format_partial_date(value, locale) == expected


@pytest.mark.parametrize(("locale", "number", "span", "quoted"), [
    ("en_GB", "3,943,100", "13 December 1917 – 26 August 1920", "“Alash”"),
    ("ru", "3\u00a0943\u00a0100", "13 декабря 1917\u202fг. – 26 августа 1920\u202fг.", "«Alash»"),
    ("kk", "3\u00a0943\u00a0100", "1917\u202fж. 13 желтоқсан – 1920\u202fж. 26 тамыз", "«Alash»"),
])
def test_numbers_ranges_and_quotes_follow_the_locale(project, locale, number, span, quoted):
    env = make_env(project.templates, locale)
    template = env.from_string("{{ n|number }}|{{ s|date_range }}|{{ t|quote }}")
    rendered = template.render(n=3943100, s=(PartialDate(1917, 12, 13), PartialDate(1920, 8, 26)), t="Alash")
    assert rendered == f"{number}|{span}|{quoted}"


def test_markup_in_text_is_escaped(project):
    env = make_env(project.templates, "en_GB")
    template = env.from_string('{% import "macros.j2" as m %}{{ m.runs(text, true) }}')
    html = template.render(text=(Run("<script>alert(1)</script> "), Run("<b>Қ</b>", "kk")))
    assert html == ('&lt;script&gt;alert(1)&lt;/script&gt; '
                    '<span lang="kk" xml:lang="kk">&lt;b&gt;Қ&lt;/b&gt;</span>')


def test_undefined_names_are_errors_with_template_and_line(tmp_path):
    (tmp_path / "broken.j2").write_text("line one\n{{ article.titel }}\n")
    with pytest.raises(BuildError) as caught:
        render(make_env(tmp_path, "en_GB"), "broken.j2", article=object())
    assert str(caught.value) == "templates/broken.j2:2: error: 'object object' has no attribute 'titel'"


def test_syntax_errors_name_template_and_line(tmp_path):
    (tmp_path / "bad.j2").write_text("ok\n{% if %}\n")
    with pytest.raises(BuildError) as caught:
        render(make_env(tmp_path, "en_GB"), "bad.j2")
    assert str(caught.value).startswith("templates/bad.j2:2: error: ")
