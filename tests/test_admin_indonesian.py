"""The Wagtail admin speaks Indonesian: locale/id fills the gaps in Wagtail's own id_ID catalogues.

The .mo file is built by `manage.py compilemessages`; without it these tests fail.
"""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext

from tests.factories import UserFactory

# English msgid as used by Wagtail -> Indonesian from locale/id (our glossary).
OUR_TRANSLATIONS = {
    "Remember me": "Ingat saya",
    "Forgotten password?": "Lupa kata sandi?",
    "Reports": "Laporan",
    "Help": "Bantuan",
    "Draft saved": "Draf tersimpan",
    "Publish page": "Terbitkan halaman",
    "Schedule to publish": "Jadwalkan terbit",
    "Locked pages": "Halaman terkunci",
    "Workflows": "Alur kerja",
}

# Translated by Wagtail's own id_ID catalogues: they must still come out in Indonesian.
UPSTREAM_MSGIDS = ["Save draft", "Publish", "Pages", "Images", "Documents", "Dashboard"]


def test_admin_strings_we_translated_come_out_in_indonesian():
    with translation.override("id"):
        for msgid, expected in OUR_TRANSLATIONS.items():
            assert gettext(msgid) == expected, msgid


def test_upstream_admin_strings_are_still_indonesian():
    with translation.override("id"):
        for msgid in UPSTREAM_MSGIDS:
            assert gettext(msgid) != msgid, msgid
        assert gettext("Pages") == "Halaman"


def test_placeholders_and_single_plural_form():
    with translation.override("id"):
        assert (
            ngettext("Delete 1 page", "Delete %(counter)s pages", 1) % {"counter": 1}
            == "Hapus 1 halaman"
        )
        assert (
            ngettext("Delete 1 page", "Delete %(counter)s pages", 3) % {"counter": 3}
            == "Hapus 3 halaman"
        )
        assert gettext("Publish %(model_name)s") % {"model_name": "kursus"} == "Terbitkan kursus"


def test_english_is_untouched():
    with translation.override("en"):
        assert gettext("Remember me") == "Remember me"


@pytest.mark.django_db
def test_admin_login_page_is_indonesian(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ingat saya" in content
    assert "Lupa kata sandi?" in content
    assert "Remember me" not in content


@pytest.mark.django_db
def test_admin_dashboard_menu_is_indonesian(client):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 200
    content = response.content.decode()
    # Sidebar menu labels (rendered into the sidebar's JSON props).
    for word in ("Laporan", "Bantuan", "Halaman", "Gambar", "Dokumen"):
        assert word in content, word
    assert '"Reports"' not in content
    assert '"Help"' not in content


@pytest.mark.django_db
def test_admin_login_labels_come_from_our_catalogue(client):
    content = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert "Kata sandi" in content and ">Password<" not in content
