"""Reads for the privacy pages and the breach report."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet

from lms.accounts.models import Role, RoleAssignment, User
from lms.accounts.rules import teacher_school_ids
from lms.privacy.models import AccessLog, ErasureRecord, PersonalDataExport
from lms.schools.models import School


def students_of_teacher(*, user: User, search: str = "") -> QuerySet[User]:
    """Students at the schools where `user` teaches, for the school admin's list."""
    students = User.objects.filter(
        role_assignments__role=Role.STUDENT,
        role_assignments__school_id__in=teacher_school_ids(user),
    ).distinct()
    if search:
        students = students.filter(Q(full_name__icontains=search) | Q(username__icontains=search))
    return students.order_by("full_name", "pk")


def wards_of(*, user: User) -> list[User]:
    return [g.student for g in user.wards.select_related("student").order_by("student__full_name")]


def schools_of_teacher(*, user: User) -> list[Any]:
    from lms.schools.models import School

    return list(School.objects.filter(pk__in=teacher_school_ids(user)).order_by("name"))


def exports_requested(*, by: User, subject: User) -> QuerySet[PersonalDataExport]:
    return PersonalDataExport.objects.filter(requested_by=by, subject=subject)[:5]


def erasure_of(*, person: User) -> ErasureRecord | None:
    return ErasureRecord.objects.filter(person=person).first()


def access_log_for_school(*, school: School, kind: str = "") -> QuerySet[AccessLog]:
    log = AccessLog.objects.filter(school=school).select_related("accessor", "subject")
    return log.filter(kind=kind) if kind else log


def access_log_of_subject(*, subject: User) -> QuerySet[AccessLog]:
    return AccessLog.objects.filter(subject=subject).select_related("accessor")


BREACH_REPORT_HEADER = [
    "id",
    "nama",
    "username",
    "sekolah",
    "orang_tua_wali",
    "jenis_data",
    "dibuka_oleh",
    "jumlah_akses",
    "akses_pertama",
    "akses_terakhir",
]


def breach_report_rows(
    *,
    since: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
    accessors: list[User] | None = None,
    school: School | None = None,
    kinds: list[str] | None = None,
) -> list[list[Any]]:
    """One CSV row per person whose data was opened in the window (UU PDP Pasal 46)."""
    log = AccessLog.objects.select_related("accessor", "subject", "school").order_by("accessed_at")
    if since:
        log = log.filter(accessed_at__gte=since)
    if until:
        log = log.filter(accessed_at__lt=until)
    if accessors:
        log = log.filter(accessor__in=accessors)
    if school is not None:
        log = log.filter(school=school)
    if kinds:
        log = log.filter(kind__in=kinds)
    people = _accesses_per_person(log)
    guardians = _guardian_names(list(people))
    rows: list[list[Any]] = [list(BREACH_REPORT_HEADER)]
    for subject_id, p in sorted(people.items(), key=lambda item: item[1]["subject"].full_name):
        rows.append(
            [
                subject_id,
                p["subject"].get_full_name(),
                p["subject"].username,
                p["school"],
                ", ".join(guardians.get(subject_id, [])),
                ", ".join(sorted(str(k) for k in p["kinds"])),
                ", ".join(sorted(p["accessors"])),
                p["count"],
                p["first"].isoformat(),
                p["last"].isoformat(),
            ]
        )
    return rows


def _accesses_per_person(log: QuerySet[AccessLog]) -> dict[int, dict[str, Any]]:
    """Subject id -> first and last access, count, kinds of data and who opened them."""
    people: dict[int, dict[str, Any]] = {}
    for entry in log.iterator():  # the log is ordered by time, so the first row is the first
        person = people.setdefault(
            entry.subject_id,
            {
                "subject": entry.subject,
                "school": entry.school.name if entry.school else "",
                "first": entry.accessed_at,
                "last": entry.accessed_at,
                "count": 0,
                "kinds": set(),
                "accessors": set(),
            },
        )
        person["last"] = entry.accessed_at
        person["count"] += 1
        person["kinds"].add(entry.get_kind_display())
        person["accessors"].add(entry.accessor.username)
    return people


def _guardian_names(subject_ids: list[int]) -> dict[int, list[str]]:
    """Who must be told of a child's breach: their guardians' names and usernames."""
    from lms.accounts.models import Guardianship

    names: dict[int, list[str]] = {}
    for g in Guardianship.objects.filter(student_id__in=subject_ids).select_related("guardian"):
        names.setdefault(g.student_id, []).append(f"{g.guardian.get_full_name()} ({g.relation})")
    return names


def student_school_ids(*, person: User) -> set[int]:
    return set(
        RoleAssignment.objects.filter(user=person, role=Role.STUDENT).values_list(
            "school_id", flat=True
        )
    )
