"""Reads about people: consent state and role lookups."""

from __future__ import annotations

from django.conf import settings

from lms.accounts.models import ConsentPurpose, ConsentRecord, Role, User


def consent_granted(*, student: User, purpose: str) -> bool:
    """True when the newest record for this purpose is a grant under the current notice."""
    if not student.has_role(Role.STUDENT):
        return True  # adults (teachers, trainees) consent for themselves at sign-up
    latest = (
        ConsentRecord.objects.filter(student=student, purpose=purpose)
        .order_by("-recorded_at", "-pk")  # pk: a grant and a withdrawal in the same instant
        .first()
    )
    return (
        latest is not None
        and latest.action == ConsentRecord.Action.GRANT
        and latest.notice_version == settings.CONSENT_NOTICE_VERSION
    )


def students_without_consent(*, students: list[User], purpose: str) -> set[int]:
    """Ids of the given students whose newest record for `purpose` is not a current grant.

    One query for a whole class (the same rule as consent_granted(); callers pass students).
    """
    return student_ids_without_consent(student_ids=[s.pk for s in students], purpose=purpose)


def student_ids_without_consent(*, student_ids: list[int], purpose: str) -> set[int]:
    """students_without_consent() for ids (the progress grid reads ids, not rows)."""
    latest: dict[int, tuple[str, str]] = {}
    records = (
        ConsentRecord.objects.filter(student_id__in=student_ids, purpose=purpose)
        .order_by("student_id", "recorded_at", "pk")
        .values_list("student_id", "action", "notice_version")
    )
    for student_id, action, version in records:
        latest[student_id] = (action, version)
    current = (ConsentRecord.Action.GRANT, settings.CONSENT_NOTICE_VERSION)
    return {pk for pk in student_ids if latest.get(pk) != current}


def consent_status(*, student: User) -> dict[str, bool]:
    return {
        purpose.value: consent_granted(student=student, purpose=purpose.value)
        for purpose in ConsentPurpose
    }


def roles_of(user: User) -> set[str]:
    return {role for role in Role.values if user.has_role(role)}
