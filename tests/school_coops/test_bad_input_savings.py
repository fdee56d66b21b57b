"""Member purchase ("beli"), dated savings, trial balance period and staff founders with junk."""

import datetime

import pytest
from django.urls import reverse

from school_coops.models import FoundingStep, JournalEntry, JournalLine, PositionRole
from school_coops.services.cooperative import cooperative_create
from school_coops.services.members import membership_end
from tests.factories import make_student, make_teacher
from tests.school_coops.conftest import FOUNDED
from tests.school_coops.roles import officer, outsider_teacher, refused_people

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}
DAY = FOUNDED + datetime.timedelta(days=5)


def _state():
    return JournalEntry.objects.count(), JournalLine.objects.count()


def _post(client, name, coop, pk, data):
    url = reverse(f"school_coops:{name}", args=[coop.slug, pk])
    return client.post(url, data, headers=HTMX)


def _beli(amount="12.500", key="b" * 20, day=DAY, **extra):
    return {
        "beli-amount": amount,
        "beli-date": day if isinstance(day, str) else day.isoformat(),
        "beli-idempotency_key": key,
        **extra,
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_beli(amount="abc"), "tanpa huruf"),
        (_beli(amount="-12500"), "tidak boleh negatif"),
        (_beli(amount="12500,50"), "rupiah utuh"),
        (_beli(amount="0"), "lebih dari nol"),
        (_beli(amount=""), "harus diisi"),
        (_beli(amount="1000000000001"), "terlalu besar"),
        (_beli(amount="9" * 40), "paling banyak 24 karakter"),
        (_beli(day="31-31-2026"), "Masukkan tanggal yang valid"),
        (_beli(day="2999-01-01"), "tidak boleh di masa depan"),
        (_beli(day="2026-07-01"), "sebelum tanggal masuk anggota"),
        (_beli(key=""), "Muat ulang halaman"),
        (_beli(key="x"), "Muat ulang halaman"),
        ({"amount": "5000"}, "harus diisi"),  # fields without the form prefix
    ],
)
def test_junk_purchases_get_a_message_and_post_nothing(
    client, coop, member, treasurer, data, message
):
    client.force_login(treasurer)
    before = _state()
    response = _post(client, "member-purchase", coop, member.pk, data)
    assert response.status_code == 200 and message in response.content.decode()
    assert _state() == before


def test_a_purchase_posted_twice_is_recorded_once(client, coop, member, treasurer):
    client.force_login(treasurer)
    before = _state()
    for _ in range(2):
        _post(client, "member-purchase", coop, member.pk, _beli())
    assert _state() == (before[0] + 1, before[1] + 2)
    html = _post(client, "member-purchase", coop, member.pk, _beli(amount="13.000"))
    assert "sudah dipakai" in html.content.decode()
    assert _state() == (before[0] + 1, before[1] + 2)


def test_purchases_for_ended_or_foreign_members_change_nothing(
    client, coop, other_coop, member, treasurer, teacher
):
    client.force_login(treasurer)
    before = _state()
    foreign = other_coop.memberships.first()
    for pk in (foreign.pk, 99999999, 0):
        assert _post(client, "member-purchase", coop, pk, _beli()).status_code == 404
    membership_end(membership=member, reason="lulus", by=teacher)
    ended = _state()
    html = _post(client, "member-purchase", coop, member.pk, _beli(key="e" * 20))
    assert "tidak aktif" in html.content.decode()
    assert _state() == ended and ended[0] == before[0] + 1  # only the exit entry


def test_wrong_roles_cannot_record_purchases_or_savings(
    client, coop, member, classroom, teacher, other_coop
):
    people = refused_people(coop, classroom, teacher, FOUNDED)
    people["sekretaris"] = officer(
        coop, classroom, teacher, PositionRole.SEKRETARIS, "sekretaris-s", FOUNDED
    )
    people["anggota itu sendiri"] = member.member
    before = _state()
    setor = {"setor-amount": "5000", "setor-idempotency_key": "s" * 20}
    for who, user in people.items():
        client.force_login(user)
        assert _post(client, "member-purchase", coop, member.pk, _beli()).status_code == 404, who
        assert _post(client, "savings-deposit", coop, member.pk, setor).status_code == 404, who
    assert _state() == before


def test_wajib_for_a_month_not_owed_or_junk_is_refused(client, coop, member, treasurer):
    client.force_login(treasurer)
    before = _state()
    for period in ("abc", "2026-13-01", "2025-01-01", "2030-01-01", "2026-07-15", ""):
        data = {"wajib-period": period, "wajib-idempotency_key": "w" * 20}
        html = _post(client, "wajib-pay", coop, member.pk, data).content.decode()
        assert "bukan salah satu dari pilihan" in html or "harus diisi" in html, period
    assert _state() == before


def test_the_same_key_on_deposit_then_withdrawal_is_refused(client, coop, member, treasurer):
    client.force_login(treasurer)
    setor = {"setor-amount": "5000", "setor-idempotency_key": "k" * 20}
    _post(client, "savings-deposit", coop, member.pk, setor)
    after_deposit = _state()
    tarik = {"tarik-amount": "5000", "tarik-idempotency_key": "k" * 20}
    html = _post(client, "savings-withdraw", coop, member.pk, tarik).content.decode()
    assert "sudah dipakai" in html
    assert _state() == after_deposit


# -- trial balance period selector ----------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {"scope": "bulan", "month": "0000-01"},
        {"scope": "bulan", "month": "2026-00"},
        {"scope": "bulan", "month": "９９９９-１２"},
        {"scope": "bulan", "month": "2026-08-01"},
        {"scope": "tahun", "year": "99999999999999999999"},
        {"scope": "tahun", "year": "-1"},
        {"scope": "tahun", "year": "2025.5"},
        {"scope": ["bulan", "tahun"], "month": "2026-08", "year": "2026"},
    ],
)
def test_junk_trial_balance_periods_never_fail(client, coop, treasurer, params):
    client.force_login(treasurer)
    url = reverse("school_coops:trial-balance", args=[coop.slug])
    for headers in ({}, HTMX):
        response = client.get(url, params, headers=headers)
        assert response.status_code == 200
        assert "Seimbang" in response.content.decode()


def test_a_month_outside_1990_2100_is_refused_with_the_format_message(client, coop, treasurer):
    # year 0000 once reached datetime.date() and failed with a server error
    client.force_login(treasurer)
    url = reverse("school_coops:trial-balance", args=[coop.slug])
    for month in ("0000-01", "1989-12", "2101-01"):
        html = client.get(url, {"scope": "bulan", "month": month}).content.decode()
        assert "TTTT-BB" in html and "Kumulatif sampai" in html, month


def test_trial_balance_is_not_found_for_outsiders(client, coop, member, classroom, teacher):
    url = reverse("school_coops:trial-balance", args=[coop.slug])
    people = refused_people(coop, classroom, teacher, FOUNDED)
    for who in ("anggota", "guru sekolah lain", "guru bukan pembina", "editor"):
        client.force_login(people[who])
        assert client.get(url, {"scope": "bulan", "month": "2026-08"}).status_code == 404, who


# -- staff founders in the founding workflow --------------------------------------------------


@pytest.fixture
def at_members_step(school, teacher):
    coop = cooperative_create(school=school, name="Kopsis Pendiri", by=teacher)
    bylaw = coop.bylaws.get()
    bylaw.membership_categories = ["siswa", "guru"]
    bylaw.save()
    process = coop.founding
    process.step = FoundingStep.MEMBERS
    process.save()
    return coop


def _members_post(client, coop, **data):
    url = reverse("school_coops:founding-step", args=[coop.slug, FoundingStep.MEMBERS])
    payload = {"opening_grant": "0", **data}
    return client.post(url, payload, headers=HTMX).content.decode()


def test_staff_founders_from_elsewhere_or_junk_are_refused(
    client, at_members_step, teacher, classroom
):
    student = make_student(classroom, username="bukan-guru")
    client.force_login(teacher)
    for founders, message in (
        ([outsider_teacher().pk], "bukan salah satu dari pilihan"),
        ([student.pk], "bukan salah satu dari pilihan"),
        (["abc"], "bukan nilai yang valid"),
        (["-1"], "bukan salah satu dari pilihan"),
    ):
        html = _members_post(client, at_members_step, staff_founders=founders)
        assert message in html, founders
    html = _members_post(client, at_members_step, opening_grant="-5")
    assert "tidak boleh negatif" in html
    process = at_members_step.founding
    process.refresh_from_db()
    assert not process.staff_founders.exists() and process.opening_grant == 0


def test_a_colleague_saved_twice_is_one_founder(client, at_members_step, teacher, school):
    colleague = make_teacher(school, username="guru-pendiri-2")
    client.force_login(teacher)
    for _ in range(2):
        html = _members_post(client, at_members_step, staff_founders=[colleague.pk, colleague.pk])
        assert "Tersimpan" in html
    assert list(at_members_step.founding.staff_founders.all()) == [colleague]


def test_students_and_outsiders_cannot_save_the_members_step(
    client, at_members_step, classroom, school
):
    colleague = make_teacher(school, username="guru-pendiri-3")
    url = reverse("school_coops:founding-step", args=[at_members_step.slug, FoundingStep.MEMBERS])
    for user in (make_student(classroom), outsider_teacher(), colleague):
        client.force_login(user)
        data = {"opening_grant": "0", "staff_founders": [colleague.pk]}
        assert client.post(url, data, headers=HTMX).status_code == 404
    assert not at_members_step.founding.staff_founders.exists()
