"""Jurnal umum form with junk, other people's ids, twice, wrong roles: a message, no change."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from school_coops.models import JournalEntry, JournalLine, Membership
from school_coops.services.members import membership_apply
from school_coops.services.savings import savings_deposit
from tests.factories import make_student
from tests.school_coops.roles import officer, refused_people
from tests.school_coops.test_ledger_views import THREE_LINES, _journal

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _url(coop):
    return reverse("school_coops:journal-entry", args=[coop.slug])


def _state():
    return JournalEntry.objects.count(), JournalLine.objects.count()


def _post(client, coop, data):
    response = client.post(_url(coop), data, headers=HTMX)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date": "abc"}, "Masukkan tanggal yang valid"),
        ({"date": "2026-02-30"}, "Masukkan tanggal yang valid"),
        ({"date": ""}, "harus diisi"),
        ({"date": "2999-01-01"}, "tidak boleh di masa depan"),
        ({"date": "1900-01-01"}, "sebelum koperasi berdiri (15-07-2026)"),
        ({"memo": ""}, "harus diisi"),
        ({"memo": "   "}, "harus diisi"),
        ({"memo": "x" * 201}, "paling banyak 200 karakter"),
        ({"idempotency_key": ""}, "Muat ulang halaman"),
        ({"idempotency_key": "pendek"}, "Muat ulang halaman"),
        ({"idempotency_key": "k" * 65}, "Muat ulang halaman"),
        ({"line-0-debit": "1000000000001", "line-2-credit": "1000000000001"}, "terlalu besar"),
        ({"line-0-debit": "9" * 30}, "paling banyak 24 karakter"),
        ({"line-0-debit": "1e5"}, "tanpa huruf"),
        ({"line-0-debit": "４０００"}, "tanpa huruf"),
        ({"line-0-debit": "NaN"}, "tanpa huruf"),
        ({"line-0-debit": "4000.5"}, "rupiah utuh"),
        ({"line-0-debit": "Rp -4.000"}, "tidak boleh negatif"),
        ({"line-0-account": "abc"}, "Pilih akun dari daftar"),
        ({"line-0-account": "-1"}, "Pilih akun dari daftar"),
        ({"line-0-account": "99999999999999999999"}, "Pilih akun dari daftar"),
        ({"line-0-member": "abc"}, "Pilih anggota dari daftar"),
    ],
)
def test_junk_fields_get_an_indonesian_message_and_post_nothing(
    client, coop, treasurer, change, message
):
    client.force_login(treasurer)
    before = _state()
    html = _post(client, coop, {**_journal(coop, THREE_LINES), **change})
    assert message in html
    assert _state() == before


def test_missing_fields_are_named_and_nothing_is_posted(client, coop, treasurer):
    client.force_login(treasurer)
    before = _state()
    full = _journal(coop, THREE_LINES)
    expected = {
        "date": "harus diisi",
        "memo": "harus diisi",
        "idempotency_key": "Muat ulang halaman",
        "line-0-debit": "Isi jumlah debit atau kredit",
        "line-2-credit": "Isi jumlah debit atau kredit",
    }
    for name, message in expected.items():
        html = _post(client, coop, {k: v for k, v in full.items() if k != name})
        assert message in html and "dicatat" not in html, name
    assert _post(client, coop, {}).count("harus diisi") >= 2
    assert _state() == before


def test_more_rows_than_the_form_offers_are_refused_not_dropped(client, coop, treasurer):
    # given 20 balanced rows and two more (tampered: the form stops at 20)
    client.force_login(treasurer)
    lines = [("6-1201", "100", "", None), ("1-1101", "", "100", None)] * 11
    before = _state()
    html = _post(client, coop, _journal(coop, lines))
    assert "paling banyak 20 baris" in html
    assert _state() == before


def test_a_member_who_only_applied_cannot_be_tagged(client, coop, treasurer, teacher, classroom):
    applicant = membership_apply(
        coop=coop, member=make_student(classroom), category="siswa", by=teacher
    )
    assert applicant.status == Membership.Status.APPLIED
    client.force_login(treasurer)
    before = _state()
    lines = [("1-1301", "100", "", applicant.pk), ("4-1101", "", "100", None)]
    assert "Pilih anggota dari daftar" in _post(client, coop, _journal(coop, lines))
    assert _state() == before


def test_a_key_already_used_by_a_savings_deposit_is_refused(client, coop, treasurer, member):
    savings_deposit(membership=member, amount=5000, by=treasurer, idempotency_key="s" * 20)
    client.force_login(treasurer)
    before = _state()
    html = _post(client, coop, _journal(coop, THREE_LINES, key="s" * 20))
    assert "sudah dipakai" in html
    assert _state() == before


def test_the_same_key_in_another_cooperative_posts_only_here(client, coop, other_coop, treasurer):
    # a key is unique per cooperative: another coop's entry with the same key is not touched
    client.force_login(treasurer)
    _post(client, coop, _journal(coop, THREE_LINES, key="z" * 20))
    assert JournalEntry.objects.filter(idempotency_key="z" * 20).count() == 1
    assert not JournalEntry.objects.filter(coop=other_coop, idempotency_key="z" * 20).exists()


def test_posting_twice_through_htmx_posts_once_and_says_so_calmly(client, coop, treasurer):
    client.force_login(treasurer)
    before = _state()
    first = _post(client, coop, _journal(coop, THREE_LINES))
    second = _post(client, coop, _journal(coop, THREE_LINES))
    assert "dicatat" in first and "dicatat" in second and "Traceback" not in second
    assert _state() == (before[0] + 1, before[1] + 3)


@pytest.mark.parametrize(
    "change",
    [
        {"line-0-debit": "abc"},
        {"date": "abc"},
        {"line-0-account": "99999999"},
        {"idempotency_key": ""},
        {"line-abc-account": "1"},
        {"line-99999-account": "1"},
    ],
)
def test_add_line_with_junk_adds_a_row_and_posts_nothing(client, coop, treasurer, change):
    client.force_login(treasurer)
    before = _state()
    html = _post(client, coop, {**_journal(coop, THREE_LINES), **change, "add_line": "1"})
    assert html.count('data-testid="journal-line"') == 4
    assert _state() == before


def test_add_line_stops_at_twenty_rows(client, coop, treasurer):
    client.force_login(treasurer)
    lines = [("6-1201", "100", "", None), ("1-1101", "", "100", None)] * 10
    html = _post(client, coop, {**_journal(coop, lines), "add_line": "1"})
    assert html.count('data-testid="journal-line"') == 20
    assert not JournalEntry.objects.filter(memo="Beli ATK dan persediaan").exists()


@pytest.fixture
def refused(coop, classroom, teacher):
    from school_coops.models import PositionRole
    from tests.school_coops.conftest import FOUNDED

    people = refused_people(coop, classroom, teacher, FOUNDED)
    people["sekretaris"] = officer(
        coop, classroom, teacher, PositionRole.SEKRETARIS, "sekretaris-j", FOUNDED
    )
    return people


def test_wrong_roles_cannot_open_add_lines_or_post(client, coop, refused):
    data = _journal(coop, THREE_LINES)
    before = _state()
    for who, user in refused.items():
        client.force_login(user)
        assert client.get(_url(coop), headers=HTMX).status_code == 404, who
        assert client.post(_url(coop), data, headers=HTMX).status_code == 404, who
        add = {**data, "add_line": "1"}
        assert client.post(_url(coop), add, headers=HTMX).status_code == 404, who
    assert _state() == before


def test_another_cooperatives_treasurer_is_not_found(client, coop, other_coop, treasurer):
    # the treasurer of `coop` posts to the other cooperative's form
    client.force_login(treasurer)
    before = _state()
    data = _journal(coop, THREE_LINES)
    assert client.post(_url(other_coop), data, headers=HTMX).status_code == 404
    assert _state() == before


def test_anonymous_and_get_only_are_refused(client, coop):
    before = _state()
    response = client.post(_url(coop), _journal(coop, THREE_LINES))
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    assert _state() == before


def test_a_date_in_a_month_before_the_cooperative_existed_is_refused(client, coop, treasurer):
    client.force_login(treasurer)
    before = _state()
    day = datetime.date(2026, 1, 5)
    assert day < coop.founded_on and day <= timezone.localdate()
    html = _post(client, coop, _journal(coop, THREE_LINES, date=day))
    assert "sebelum koperasi berdiri" in html
    assert _state() == before


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_double_click_from_two_connections_posts_one_entry(coop, treasurer):
    import threading

    from django.db import connection
    from django.test import Client

    data = _journal(coop, THREE_LINES, key="d" * 24)
    barrier, statuses = threading.Barrier(4), []

    def submit():
        try:
            c = Client()
            c.force_login(treasurer)
            barrier.wait()
            response = c.post(_url(coop), data, headers=HTMX)
            statuses.append((response.status_code, "dicatat" in response.content.decode()))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [(200, True)] * 4
    assert JournalEntry.objects.filter(coop=coop, idempotency_key="d" * 24).count() == 1
    assert JournalLine.objects.filter(entry__idempotency_key="d" * 24).count() == 3


def test_the_cash_form_refuses_a_date_before_the_cooperative_existed(client, coop, treasurer):
    client.force_login(treasurer)
    before = _state()
    data = {
        "date": "1900-01-01",
        "direction": "masuk",
        "account": coop.accounts.get(code="4-1901").pk,
        "amount": "1000",
        "memo": "Tahun salah ketik",
        "idempotency_key": "c" * 20,
    }
    html = client.post(reverse("school_coops:cash-entry", args=[coop.slug]), data)
    assert "sebelum koperasi berdiri (15-07-2026)" in html.content.decode()
    assert _state() == before
