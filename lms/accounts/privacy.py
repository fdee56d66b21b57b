"""Personal data of the accounts app, for the privacy registry (lms/privacy/registry.py).

Rows look alike by design: one `register(...)` (export, erase, retention) a model, each
naming its own fields and its own rule; `duplicates` pairs them by shape (docs/architecture.md §7).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.accounts.models import ConsentRecord, Guardianship, InitialPassword, RoleAssignment, User
from lms.privacy.helpers import mask_name, replace_name, rows_of
from lms.privacy.registry import Erasure, register

USER_LAST = 1000  # other erasers still need the name and username


def _user_export(person: Any) -> list[dict[str, Any]]:
    return rows_of(
        User.objects.filter(pk=person.pk),
        "id",
        "username",
        "full_name",
        "nisn",
        "birth_year",
        "sex",
        "email",
        "date_joined",
        "last_login",
        "is_active",
    )


def _user_erase(erasure: Erasure) -> int:
    person = erasure.person
    person.username = f"terhapus-{erasure.record.pk}"
    person.full_name = erasure.pseudonym
    person.first_name = person.last_name = person.email = ""
    person.nisn = None
    person.birth_year = None
    person.sex = ""
    person.is_active = False
    person.must_change_password = False
    person.set_unusable_password()  # also ends every session (the session hash changes)
    person.save()
    return 1


def _roles_export(person: Any) -> list[dict[str, Any]]:
    return rows_of(
        RoleAssignment.objects.filter(user=person), "role", "school__name", "region__name"
    )


def _guardianship_export(person: Any) -> list[dict[str, Any]]:
    return rows_of(
        Guardianship.objects.filter(Q(guardian=person) | Q(student=person)),
        "guardian__full_name",
        "student__full_name",
        "relation",
    )


def _guardianship_erase(erasure: Erasure) -> int:
    person = erasure.person
    return Guardianship.objects.filter(Q(guardian=person) | Q(student=person)).delete()[0]


def _consent_export(person: Any) -> list[dict[str, Any]]:
    return rows_of(
        ConsentRecord.objects.filter(student=person),
        "purpose",
        "action",
        "guardian_name",
        "guardian_relation",
        "method",
        "evidence",
        "notice_version",
        "recorded_at",
    )


def _consent_erase(erasure: Erasure) -> int:
    """The ledger stays as proof that past processing was lawful (Pasal 24), without names."""
    person = erasure.person
    changed = 0
    for record in ConsentRecord.objects.filter(student=person):
        record.guardian_name = mask_name(record.guardian_name)
        record.evidence = ""
        record.save(update_fields=["guardian_name", "evidence"])
        changed += 1
    # An erased guardian: their name on their children's records becomes the pseudonym.
    ward_ids = Guardianship.objects.filter(guardian=person).values_list("student_id", flat=True)
    for record in ConsentRecord.objects.filter(student_id__in=list(ward_ids)):
        masked = replace_name(record.guardian_name, erasure.original_name, erasure.pseudonym)
        evidence = record.evidence.replace(person.username, erasure.pseudonym)
        if (masked, evidence) != (record.guardian_name, record.evidence):
            record.guardian_name, record.evidence = masked, evidence
            record.save(update_fields=["guardian_name", "evidence"])
            changed += 1
    return changed


def _initial_password_export(person: Any) -> list[dict[str, Any]]:
    has_one = InitialPassword.objects.filter(user=person).exists()
    return [{"initial_password": "(tersimpan, tidak diekspor)"}] if has_one else []


register(User, export=_user_export, erase=_user_erase, order=USER_LAST)
register(RoleAssignment, export=_roles_export, erase=lambda erasure: 0)
# Consent first: it reads the guardianships that the next eraser removes.
register(ConsentRecord, export=_consent_export, erase=_consent_erase, order=50)
register(
    Guardianship,
    export=_guardianship_export,
    erase=_guardianship_erase,
    title=_("hubungan orang tua/wali"),
)
register(
    InitialPassword,
    export=_initial_password_export,
    erase=lambda erasure: InitialPassword.objects.filter(user=erasure.person).delete()[0],
    title=_("kata sandi awal"),
)
