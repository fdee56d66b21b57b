"""Writes about people: student accounts, one-time passwords, consent."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lms.accounts.exceptions import AccountRuleError
from lms.accounts.models import ConsentPurpose, ConsentRecord, InitialPassword, Role, User
from lms.schools.validators import validate_person_name

# No 0/O, 1/l/I: the password is copied from paper by a 12-year-old.
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # noqa: S105 (an alphabet)


def one_time_password_generate() -> str:
    raw = "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


@transaction.atomic
def student_password_reset(*, student: User) -> str:
    """Give the student a new one-time password; they must change it at next login."""
    if not student.has_role(Role.STUDENT):
        raise AccountRuleError(_("Hanya kata sandi siswa yang dapat direset oleh guru."))
    password = one_time_password_generate()
    student.set_password(password)
    student.must_change_password = True
    student.save(update_fields=["password", "must_change_password"])
    InitialPassword.objects.update_or_create(user=student, defaults={"password": password})
    return password


@transaction.atomic
def password_changed_by_user(*, user: User) -> None:
    """The user chose their own password: forget the printed one."""
    InitialPassword.objects.filter(user=user).delete()
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])


@transaction.atomic
def consent_record(
    *,
    student: User,
    purposes: list[str],
    action: str,
    guardian_name: str,
    guardian_relation: str,
    method: str,
    evidence: str,
    by: User,
) -> list[ConsentRecord]:
    """Append one ledger row per purpose; nothing is ever updated or deleted."""
    if not student.has_role(Role.STUDENT):
        raise AccountRuleError(_("Persetujuan wali hanya dicatat untuk siswa."))
    if not purposes or any(p not in ConsentPurpose.values for p in purposes):
        raise AccountRuleError(_("Pilih setidaknya satu tujuan yang valid."))
    if action not in ConsentRecord.Action.values:
        raise AccountRuleError(_("Tindakan persetujuan tidak dikenal."))
    try:
        validate_person_name(guardian_name)
    except ValidationError as exc:
        raise AccountRuleError(exc.messages[0]) from None
    return [
        ConsentRecord.objects.create(
            student=student,
            purpose=purpose,
            action=action,
            guardian_name=guardian_name.strip(),
            guardian_relation=guardian_relation.strip(),
            method=method,
            evidence=evidence.strip(),
            notice_version=settings.CONSENT_NOTICE_VERSION,
            recorded_by=by,
        )
        for purpose in sorted(set(purposes))
    ]
