"""Export and erasure round-trip for a student with savings, grades and consent records."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from courses.models import QuizAnswer, QuizAttempt
from lms.accounts.models import ConsentRecord, Guardianship, User
from lms.privacy.exceptions import PrivacyRuleError
from lms.privacy.models import ErasureRecord
from lms.privacy.services import person_erase, person_export_zip
from school_coops.models import JournalEntry, Membership, SavingsAccount
from school_coops.selectors import trial_balance
from tests.privacy.helpers import (
    FULL_NAME,
    give_grades,
    give_savings,
    graduate_and_pay_out,
    posted_ledger_snapshot,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def subject(member, treasurer, guardian):
    """The student of `member`: named, with savings, a graded quiz, consent and a guardian."""
    student = member.member
    student.full_name = FULL_NAME
    student.nisn = "0012345678"
    student.birth_year = 2012
    student.save()
    give_savings(member, treasurer)
    give_grades(student)
    return student


def _export(person: User) -> tuple[dict, str]:
    archive = zipfile.ZipFile(io.BytesIO(person_export_zip(person=person)))
    assert sorted(archive.namelist()) == ["data.json", "ringkasan.txt"]
    return json.loads(archive.read("data.json")), archive.read("ringkasan.txt").decode()


def _section(data: dict, label: str) -> list[dict]:
    return next((s["rows"] for s in data["sections"] if s["model"] == label), [])


def test_the_export_holds_savings_grades_consent_and_identity(subject, member) -> None:
    data, summary = _export(subject)

    assert _section(data, "accounts.User")[0]["nisn"] == "0012345678"
    assert {r["purpose"] for r in _section(data, "accounts.ConsentRecord")} == {
        "learning",
        "cooperative",
    }
    assert _section(data, "courses.QuizAttempt")[0]["status"] == "submitted"
    assert _section(data, "courses.QuizAnswer")[0]["response"]
    balances = {r["kind"]: r["balance"] for r in _section(data, "school_coops.SavingsAccount")}
    assert balances["sukarela"] == 50000
    amounts = [r["amount"] for r in _section(data, "school_coops.JournalLine")]
    assert 50000 in amounts
    assert _section(data, "school_coops.Membership")[0]["number"] == member.number
    assert FULL_NAME in summary and "RINGKASAN DATA PRIBADI" in summary
    # section titles are Indonesian, also for models without an Indonesian verbose name
    assert "== kartu simpanan (baris jurnal):" in summary
    assert "== rekening simpanan: 3" in summary


def test_erasure_keeps_the_books_and_removes_names_everywhere(
    subject, member, treasurer, coop, client
) -> None:
    # given: the member graduated and got their savings back
    graduate_and_pay_out(member, treasurer)
    balance_before = trial_balance(coop=coop)
    ledger_before = posted_ledger_snapshot()
    assert any(FULL_NAME in memo for memo in JournalEntry.objects.values_list("memo", flat=True))

    # when
    record = person_erase(person=subject, by=None, reason="permintaan wali")

    # then: the trial balance and every posted entry and line are exactly as before
    assert trial_balance(coop=coop) == balance_before
    assert posted_ledger_snapshot() == ledger_before
    # the member is pseudonymised, their amounts stay
    subject.refresh_from_db()
    pseudonym = f"Pengguna terhapus #{record.pk}"
    assert subject.full_name == pseudonym and subject.nisn is None and subject.birth_year is None
    assert not subject.is_active and not subject.has_usable_password()
    assert Membership.objects.get(pk=member.pk).member_id == subject.pk
    assert SavingsAccount.objects.filter(membership=member).count() == 3
    # grades and the guardian link are gone; consent proof stays with a masked guardian name
    assert not QuizAttempt.objects.filter(student=subject).exists()
    assert not QuizAnswer.objects.filter(attempt__student=subject).exists()
    assert not Guardianship.objects.filter(student=subject).exists()
    consent = ConsentRecord.objects.filter(student=subject)
    assert consent.count() == 2 and set(consent.values_list("guardian_name", flat=True)) == {
        "W*** C*****"
    }
    # every screen shows the pseudonym in the memos
    client.force_login(treasurer)
    journal = client.get(reverse("school_coops:journal", args=[coop.slug])).content.decode()
    card = client.get(
        reverse("school_coops:membership-detail", args=[coop.slug, member.pk])
    ).content.decode()
    for html in (journal, card):
        assert FULL_NAME not in html
        assert pseudonym in html


def test_after_erasure_no_row_outside_posted_memos_holds_the_name(
    subject, member, treasurer
) -> None:
    graduate_and_pay_out(member, treasurer)
    person_erase(person=subject, by=None)

    text_types = (models.CharField, models.TextField, models.JSONField)
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field, text_types):
                continue
            if (model, field.name) == (JournalEntry, "memo"):
                continue  # posted entries are immutable; shown through JournalEntryRedaction
            hits = model._default_manager.filter(**{f"{field.name}__icontains": "Prameswari"})
            if isinstance(field, models.JSONField):
                hits = [
                    o
                    for o in model._default_manager.all()
                    if "Prameswari" in json.dumps(getattr(o, field.name), default=str)
                ]
            assert not list(hits), f"{model._meta.label}.{field.name} still holds the name"


def test_the_export_after_erasure_names_nobody(subject, member, treasurer) -> None:
    graduate_and_pay_out(member, treasurer)
    person_erase(person=subject, by=None)
    subject.refresh_from_db()

    data, summary = _export(subject)

    assert FULL_NAME not in json.dumps(data) and FULL_NAME not in summary


def test_an_open_membership_or_savings_still_held_refuses_erasure(subject, member) -> None:
    with pytest.raises(PrivacyRuleError, match="masih berjalan"):
        person_erase(person=subject, by=None)

    assert not ErasureRecord.objects.exists()
    assert User.objects.get(pk=subject.pk).full_name == FULL_NAME


def test_savings_not_yet_paid_back_refuse_erasure(subject, member, treasurer) -> None:
    from school_coops.services.members import membership_end

    membership_end(membership=member, reason=Membership.EndReason.GRADUATED, by=treasurer)

    with pytest.raises(PrivacyRuleError, match="masih harus mengembalikan Rp"):
        person_erase(person=subject, by=None)
    assert User.objects.get(pk=subject.pk).full_name == FULL_NAME


def test_a_second_erasure_is_refused_and_changes_nothing(subject, member, treasurer) -> None:
    graduate_and_pay_out(member, treasurer)
    person_erase(person=subject, by=None)

    with pytest.raises(PrivacyRuleError, match="sudah dihapus"):
        person_erase(person=subject, by=None)
    assert ErasureRecord.objects.count() == 1
