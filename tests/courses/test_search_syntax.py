"""FTS syntax typed into a search box is searched for as words, never parsed (a 500 on SQLite)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page

from lms.search import search_terms
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NASTY = [
    '"',
    'koperasi "',
    '"koperasi',
    "kop*",
    "*",
    "(",
    "koperasi)",
    "NEAR(koperasi simpan)",
    "koperasi NEAR simpan",
    "-koperasi",
    "koperasi -simpan",
    "koperasi AND",
    "OR",
    "NOT koperasi",
    "title:koperasi",
    "^koperasi",
    "koperasi + simpan",
    "{title}: koperasi",
    "'",
    "\\",
    "a\x00b",
]


def test_site_search_survives_fts_syntax(client, student, course_and_lessons):
    call_command("update_index", verbosity=0)
    client.force_login(student)
    for query in NASTY:
        for headers in ({}, {"HX-Request": "true"}):
            response = client.get(reverse("courses:search"), {"q": query}, headers=headers)
            assert response.status_code == 200, query


def test_quoted_words_still_find_the_lesson(client, student, course_and_lessons):
    _course, (first, _second) = course_and_lessons
    call_command("update_index", verbosity=0)
    client.force_login(student)
    word = first.title.split()[0]
    html = client.get(reverse("courses:search"), {"q": f'"{word}'}).content.decode()
    assert first.url in html


def test_wagtail_admin_searches_survive_fts_syntax(client, course_and_lessons):
    call_command("update_index", verbosity=0)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    urls = [
        reverse("wagtailadmin_pages:search"),
        reverse("wagtailimages:index"),
        reverse("wagtaildocs:index"),
        reverse("wagtailusers_users:index"),
        reverse("wagtailadmin_explore", args=[Page.objects.get(depth=1).pk]),
    ]
    for url in urls:
        for query in NASTY:
            response = client.get(url, {"q": query})
            assert response.status_code == 200, (url, query)


def test_search_terms_keeps_words_and_drops_syntax():
    assert search_terms('NEAR("koperasi" simpan*) -pinjam') == "koperasi simpan pinjam"
    assert search_terms("Simpanan OR wajib AND NOT pokok") == "Simpanan wajib pokok"
    assert search_terms("Sekolah's koperasi") == "Sekolah s koperasi"
    assert search_terms('"') == ""
