"""Portfolio evidence from a real cooperative's books: who may attach it, which periods, and
who reads those books (the batch's assessors and trainers, read only, for exactly that period)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.exceptions import CertificationError
from certificates.models import Evidence
from certificates.services.portfolio import _months_later, books_evidence_attach
from lms.accounts.models import Role
from school_coops.models import JournalEntry, Membership, Position, PositionRole, Side
from school_coops.services.cooperative import cooperative_create
from school_coops.services.ledger import LineInput, account_by_code, journal_entry_post
from school_coops.services.members import membership_register, position_assign
from school_coops.services.savings import savings_deposit
from tests.certificates.conftest import apply, make_batch
from tests.factories import ClassroomFactory, SchoolFactory, make_student, make_teacher, with_role

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
FOUNDED = TODAY - datetime.timedelta(days=400)
SINCE = FOUNDED + datetime.timedelta(days=30)
UNTIL = FOUNDED + datetime.timedelta(days=120)


def _cash(coop, day, memo, code, amount, by):
    kas = account_by_code(coop=coop, code="1-1101")
    other = account_by_code(coop=coop, code=code)
    return journal_entry_post(
        coop=coop,
        date=day,
        memo=memo,
        by=by,
        lines=[
            LineInput(kas.pk, Side.DEBIT, Decimal(amount)),
            LineInput(other.pk, Side.CREDIT, Decimal(amount)),
        ],
    )


@pytest.fixture
def books(region):
    """A school cooperative with a treasurer, a plain member and a pengawas, and its books."""
    school = SchoolFactory(region=region)
    teacher = make_teacher(school, username="guru-pembina")
    classroom = ClassroomFactory(school=school, name="9A")
    coop = cooperative_create(school=school, name="Kopsis Tunas", by=teacher, founded_on=FOUNDED)
    people = {}
    for key, name in [
        ("bendahara", "Rina Bendahara"),
        ("anggota", "Dodi Anggota"),
        ("pengawas", "Tono Pengawas"),
    ]:
        user = make_student(classroom, username=key, full_name=name)
        people[key] = membership_register(
            coop=coop, member=user, category=Membership.Category.STUDENT, by=teacher, date=FOUNDED
        )
    position_assign(
        membership=people["bendahara"], role=PositionRole.BENDAHARA, by=teacher, started_on=FOUNDED
    )
    position_assign(
        membership=people["pengawas"], role=PositionRole.PENGAWAS, by=teacher, started_on=FOUNDED
    )
    treasurer = people["bendahara"].member
    _cash(
        coop,
        FOUNDED + datetime.timedelta(days=5),
        "Hibah sebelum periode",
        "3-1401",
        100_000,
        treasurer,
    )
    _cash(
        coop,
        SINCE + datetime.timedelta(days=3),
        "Hibah komite dalam periode",
        "3-1401",
        250_000,
        treasurer,
    )
    savings_deposit(
        membership=people["anggota"],
        amount=Decimal(7000),
        by=treasurer,
        date=SINCE + datetime.timedelta(days=4),
    )
    _cash(
        coop,
        UNTIL + datetime.timedelta(days=3),
        "Hibah sesudah periode",
        "3-1401",
        40_000,
        treasurer,
    )
    return {"coop": coop, "teacher": teacher, **{k: m.member for k, m in people.items()}}


def _post(client, candidate, coop, since, until, unit=""):
    return client.post(
        reverse("certificates:evidence-books", args=[candidate.pk]),
        {
            "buku-coop": coop.pk,
            "buku-books_from": since.isoformat(),
            "buku-books_to": until.isoformat(),
            "buku-unit": unit,
        },
    )


def test_treasurer_attaches_the_books_and_the_assessor_reads_that_period(
    client, batch, books, assessor, trainer
):
    candidate = apply(batch, books["bendahara"])
    unit = batch.scheme.units.order_by("order").first()
    client.force_login(books["bendahara"])
    response = _post(client, candidate, books["coop"], SINCE, UNTIL, unit=unit.pk)
    assert response.status_code == 302
    evidence = Evidence.objects.get(candidate=candidate)
    assert (evidence.books_coop, evidence.books_from, evidence.books_to, evidence.unit) == (
        books["coop"],
        SINCE,
        UNTIL,
        unit,
    )
    page = client.get(reverse("certificates:application", args=[candidate.pk])).content.decode()
    assert "Pembukuan Kopsis Tunas" in page
    # the candidate does not read the books through certification
    read = reverse("certificates:evidence-books-read", args=[evidence.pk])
    assert client.get(read).status_code == 404
    for reader in (assessor, trainer):
        client.force_login(reader)
        response = client.get(read)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Hibah komite dalam periode" in html
        assert "Hibah sebelum periode" not in html and "Hibah sesudah periode" not in html
        assert "Dodi Anggota" not in html and "D*** A******" in html  # memo name masked
        assert "Seimbang" in html
        detail = client.get(reverse("certificates:candidate-detail", args=[candidate.pk]))
        assert read in detail.content.decode()
    entries = JournalEntry.objects.count()
    assert client.get(read + "?akun=3-1401").status_code == 200
    assert client.get(read + "?akun=%3Cjunk%3E").status_code == 200
    assert JournalEntry.objects.count() == entries  # read only


def test_a_member_without_office_and_a_pengawas_are_refused(client, batch, books):
    for key in ("anggota", "pengawas"):
        candidate = apply(batch, books[key])
        with pytest.raises(CertificationError, match="tidak tercatat sebagai pengurus"):
            books_evidence_attach(
                candidate=candidate,
                coop_id=books["coop"].pk,
                since=SINCE,
                until=UNTIL,
                by=books[key],
            )
        client.force_login(books[key])
        response = _post(client, candidate, books["coop"], SINCE, UNTIL)
        assert response.status_code == 200  # the coop is not even offered to them
        assert not Evidence.objects.filter(candidate=candidate).exists()


def test_a_past_officer_may_attach_only_the_period_of_their_term(batch, books):
    term_end = SINCE + datetime.timedelta(days=60)
    Position.objects.filter(role=PositionRole.BENDAHARA).update(ended_on=term_end)
    candidate = apply(batch, books["bendahara"])
    kept = books_evidence_attach(
        candidate=candidate,
        coop_id=books["coop"].pk,
        since=SINCE,
        until=term_end,
        by=books["bendahara"],
    )
    assert kept.books_to == term_end
    with pytest.raises(CertificationError, match="sepanjang periode ini"):
        books_evidence_attach(
            candidate=candidate,
            coop_id=books["coop"].pk,
            since=SINCE,
            until=UNTIL,
            by=books["bendahara"],
        )


@pytest.mark.parametrize(
    "since, until, message",
    [
        (UNTIL, SINCE, "tidak boleh setelah tanggal akhir"),
        (SINCE, TODAY + datetime.timedelta(days=1), "tidak boleh melewati hari ini"),
        (FOUNDED, FOUNDED + datetime.timedelta(days=366), "paling panjang 12 bulan"),
        (FOUNDED - datetime.timedelta(days=1), SINCE, "sebelum koperasi berdiri"),
    ],
)
def test_a_junk_period_is_refused_with_its_reason(client, batch, books, since, until, message):
    candidate = apply(batch, books["bendahara"])
    client.force_login(books["bendahara"])
    response = _post(client, candidate, books["coop"], since, until)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Evidence.objects.filter(candidate=candidate).exists()


def test_exactly_twelve_months_is_accepted_and_a_day_more_is_not(batch, books):
    candidate = apply(batch, books["bendahara"])
    year_later = _months_later(FOUNDED, 12)
    with pytest.raises(CertificationError, match="paling panjang 12 bulan"):
        books_evidence_attach(
            candidate=candidate,
            coop_id=books["coop"].pk,
            since=FOUNDED,
            until=year_later,
            by=books["bendahara"],
        )
    evidence = books_evidence_attach(
        candidate=candidate,
        coop_id=books["coop"].pk,
        since=FOUNDED,
        until=year_later - datetime.timedelta(days=1),
        by=books["bendahara"],
    )
    assert evidence.books_to == year_later - datetime.timedelta(days=1)


def test_junk_form_values_change_nothing(client, batch, books):
    candidate = apply(batch, books["bendahara"])
    client.force_login(books["bendahara"])
    url = reverse("certificates:evidence-books", args=[candidate.pk])
    for data in [
        {},
        {"buku-coop": "abc", "buku-books_from": "kemarin", "buku-books_to": "2026-13-45"},
        {"buku-coop": 999999, "buku-books_from": SINCE, "buku-books_to": UNTIL},
        {
            "buku-coop": books["coop"].pk,
            "buku-books_from": SINCE,
            "buku-books_to": UNTIL,
            "buku-unit": 999999,
        },
    ]:
        assert client.post(url, data).status_code == 200
    assert not Evidence.objects.exists()


def test_other_peoples_ids_answer_404(client, batch, books, applicant):
    mine = apply(batch, books["bendahara"])
    evidence = books_evidence_attach(
        candidate=mine, coop_id=books["coop"].pk, since=SINCE, until=UNTIL, by=books["bendahara"]
    )
    other = apply(batch, applicant)
    client.force_login(applicant)  # another candidate: my application and my books are 404
    assert _post(client, mine, books["coop"], SINCE, UNTIL).status_code == 404
    read = reverse("certificates:evidence-books-read", args=[evidence.pk])
    assert client.get(read).status_code == 404
    assert (
        client.get(reverse("certificates:evidence-download", args=[evidence.pk])).status_code == 404
    )
    # and they cannot attach a cooperative where they hold no office to their own application
    assert _post(client, other, books["coop"], SINCE, UNTIL).status_code == 200
    assert Evidence.objects.count() == 1


def test_assessors_of_another_batch_and_the_dinas_get_404(
    client, region, scheme, trainer, batch, books, second_assessor, other_assessor, dinas_staff
):
    make_batch(region, scheme, trainer, [second_assessor], name="Angkatan lain")
    candidate = apply(batch, books["bendahara"])
    evidence = books_evidence_attach(
        candidate=candidate,
        coop_id=books["coop"].pk,
        since=SINCE,
        until=UNTIL,
        by=books["bendahara"],
    )
    read = reverse("certificates:evidence-books-read", args=[evidence.pk])
    other_trainer = with_role(books["teacher"], Role.TRAINER, region=region)  # not this batch's
    for person in (second_assessor, other_assessor, dinas_staff, other_trainer, books["teacher"]):
        client.force_login(person)
        assert client.get(read).status_code == 404, person.username


def test_double_submit_creates_one_evidence(client, batch, books):
    candidate = apply(batch, books["bendahara"])
    client.force_login(books["bendahara"])
    for _attempt in range(2):
        assert _post(client, candidate, books["coop"], SINCE, UNTIL).status_code == 302
    assert Evidence.objects.filter(candidate=candidate).count() == 1


def test_after_acceptance_the_books_can_no_longer_be_attached(batch, books, trainer):
    from certificates.services.batches import candidate_review

    candidate = apply(batch, books["bendahara"])
    candidate_review(candidate=candidate, action="accept", by=trainer)
    with pytest.raises(CertificationError, match="tidak dapat diubah lagi"):
        books_evidence_attach(
            candidate=candidate,
            coop_id=books["coop"].pk,
            since=SINCE,
            until=UNTIL,
            by=books["bendahara"],
        )
    assert not Evidence.objects.exists()


def test_demo_treasurer_has_a_books_portfolio_the_asesor_reads(client):
    from certificates import demo
    from lms.accounts import demo as core_demo
    from lms.accounts.models import User
    from school_coops import demo as coop_demo

    core_demo.seed()
    coop_demo.seed()
    demo.seed()
    demo.seed()  # idempotent: still one
    (evidence,) = Evidence.objects.filter(books_coop__isnull=False)
    assert evidence.candidate.user.username == demo.BOOKS_CANDIDATE
    client.force_login(User.objects.get(username="asesor"))
    response = client.get(reverse("certificates:evidence-books-read", args=[evidence.pk]))
    assert response.status_code == 200
    assert "JU-" in response.content.decode()
