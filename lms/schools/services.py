"""Writes about schools: classrooms, roster import, login cards."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from lms.accounts.models import InitialPassword, Role, RoleAssignment, User
from lms.accounts.services import one_time_password_generate
from lms.jobs import FileJob, Progress, Rendered, job_mark_failed, job_run
from lms.schools.exceptions import SchoolRuleError
from lms.schools.models import Classroom, Enrolment, LoginCardBatch, School
from lms.schools.roster import RosterRow, parse_roster


@dataclass
class RosterImportResult:
    rows: list[RosterRow] = field(default_factory=list)
    created: list[User] = field(default_factory=list)

    @property
    def errors(self) -> list[RosterRow]:
        return [row for row in self.rows if row.errors]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors


def username_suggest(name: str, taken: set[str]) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_name) or ["siswa"]
    base = words[0][:20] + (f".{words[1][0]}" if len(words) > 1 else "")
    candidate, n = base, 1
    while candidate in taken or len(candidate) < 3:
        n += 1
        candidate = f"{base}{n}"
    taken.add(candidate)
    return candidate


def _check_against_database(rows: list[RosterRow], school: School) -> dict[str, Classroom]:
    classrooms = {c.name.strip().lower(): c for c in school.classrooms.all()}
    nisn_counts = Counter(r.nisn for r in rows if r.nisn)
    username_counts = Counter(r.username for r in rows if r.username)
    existing_nisn = set(
        User.objects.filter(nisn__in=list(nisn_counts)).values_list("nisn", flat=True)
    )
    existing_usernames = set(
        User.objects.filter(username__in=list(username_counts)).values_list("username", flat=True)
    )
    for row in rows:
        if row.class_name and row.class_name.lower() not in classrooms:
            row.errors.append(
                _("Kelas '%(name)s' tidak ada di sekolah ini. Buat kelasnya dahulu.")
                % {"name": row.class_name}
            )
        if row.nisn and nisn_counts[row.nisn] > 1:
            row.errors.append(_("NISN ini muncul lebih dari sekali dalam berkas."))
        if row.nisn in existing_nisn:
            row.errors.append(_("NISN ini sudah terdaftar untuk siswa lain."))
        if row.username and username_counts[row.username] > 1:
            row.errors.append(_("Username ini muncul lebih dari sekali dalam berkas."))
        if row.username in existing_usernames:
            row.errors.append(_("Username ini sudah dipakai."))
    return classrooms


def roster_import(*, school: School, data: bytes, filename: str, by: User) -> RosterImportResult:
    """Create student accounts from a roster. All or nothing: any bad row imports nothing."""
    result = RosterImportResult(rows=parse_roster(data, filename))
    classrooms = _check_against_database(result.rows, school)
    if result.errors:
        return result
    try:
        with transaction.atomic():
            result.created = [_create_student(row, school, classrooms) for row in result.rows]
    except IntegrityError:
        # A concurrent import took a username/NISN between our check and the insert.
        raise SchoolRuleError(
            _("Sebagian data baru saja dipakai oleh impor lain. Tidak ada yang diimpor; coba lagi.")
        ) from None
    return result


def _create_student(row: RosterRow, school: School, classrooms: dict[str, Classroom]) -> User:
    taken = set(
        User.objects.filter(username__startswith=row.username or row.name[:3].lower()).values_list(
            "username", flat=True
        )
    )
    username = row.username or username_suggest(row.name, taken)
    password = one_time_password_generate()
    student = User(
        username=username, full_name=row.name, nisn=row.nisn or None, must_change_password=True
    )
    student.set_password(password)
    student.save()
    InitialPassword.objects.create(user=student, password=password)
    RoleAssignment.objects.create(user=student, role=Role.STUDENT, school=school)
    Enrolment.objects.create(classroom=classrooms[row.class_name.lower()], student=student)
    return student


def classroom_create(
    *, school: School, name: str, grade: int, academic_year: str, by: User
) -> Classroom:
    if not re.fullmatch(r"20\d\d/20\d\d", academic_year):
        raise SchoolRuleError(_("Tahun ajaran ditulis seperti 2026/2027."))
    start, end = (int(part) for part in academic_year.split("/"))
    if end != start + 1:
        raise SchoolRuleError(_("Tahun ajaran harus dua tahun berurutan, misalnya 2026/2027."))
    if Classroom.objects.filter(
        school=school, name__iexact=name.strip(), academic_year=academic_year
    ).exists():
        raise SchoolRuleError(_("Kelas dengan nama ini sudah ada pada tahun ajaran tersebut."))
    classroom = Classroom.objects.create(
        school=school, name=name.strip(), grade=grade, academic_year=academic_year
    )
    classroom.teachers.add(by)
    return classroom


@transaction.atomic
def login_cards_request(
    *, classroom: Classroom, by: User, students: list[User], base_url: str = ""
) -> LoginCardBatch:
    """Queue a PDF of login cards; the worker renders it after this transaction commits.

    `base_url` is the site address printed on the cards (lms.http.site_base_url); without it
    the cards fall back to SITE_BASE_URL.
    """
    from lms.schools.tasks import login_cards_render_task

    if not students:
        raise SchoolRuleError(_("Tidak ada siswa untuk dicetak kartunya."))
    batch = LoginCardBatch.objects.create(
        classroom=classroom, requested_by=by, total=len(students), base_url=base_url.rstrip("/")
    )
    batch.students.set(students)
    transaction.on_commit(lambda: login_cards_render_task.delay(batch.pk))
    return batch


def _login_cards_render(batch: LoginCardBatch, progress: Progress) -> Rendered:
    from lms.schools.pdf import render_login_cards_pdf

    students = list(batch.students.select_related("initial_password").order_by("full_name"))
    login_url = (batch.base_url or settings.SITE_BASE_URL) + reverse("accounts:login")
    pdf = render_login_cards_pdf(batch.classroom, students, login_url=login_url, progress=progress)
    return Rendered(content=pdf, count=len(students))


# The file job behind login cards (lms/jobs.py: claim, render, write, progress, failure).
LOGIN_CARDS = FileJob(
    model=LoginCardBatch,
    path=lambda batch: f"login-cards/batch-{batch.pk}.pdf",
    render=_login_cards_render,
    select_related=("classroom__school",),
)


def login_cards_render(*, batch_id: int) -> LoginCardBatch:
    """Render the PDF. Safe to run twice, also at the same time: one file survives."""
    return job_run(LOGIN_CARDS, batch_id)


def login_cards_mark_failed(*, batch_id: int, error: str) -> None:
    job_mark_failed(LOGIN_CARDS, batch_id, error)
