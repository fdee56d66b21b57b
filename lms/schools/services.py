"""Writes about schools: classrooms, roster import, login cards."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from lms.accounts.models import InitialPassword, Role, RoleAssignment, User
from lms.accounts.services import one_time_password_generate
from lms.jobs import FileJob, Progress, Rendered, job_mark_failed, job_run
from lms.schools.exceptions import SchoolRuleError
from lms.schools.models import Classroom, Enrolment, LoginCardBatch, NisnClaim, School
from lms.schools.roster import RosterRow, parse_roster


class Duplicates(models.TextChoices):
    """What to do with rows that look like students the school already has."""

    ASK = "ask", _("Tanyakan dahulu")
    SKIP = "skip", _("Lewati siswa yang sudah ada")
    CREATE = "create", _("Tetap buat siswa dengan nama yang sama")


@dataclass
class ExistingStudent:
    row: RosterRow
    student: User
    same_nisn: bool  # the same person for certain: never created twice

    @property
    def reason(self) -> str:
        if self.same_nisn:
            return _("NISN sama dengan siswa yang sudah terdaftar di sekolah ini.")
        return _("Nama sama dengan siswa yang sudah ada di kelas ini.")


@dataclass
class RosterImportResult:
    rows: list[RosterRow] = field(default_factory=list)
    created: list[User] = field(default_factory=list)
    existing: list[ExistingStudent] = field(default_factory=list)
    skipped: list[ExistingStudent] = field(default_factory=list)
    needs_confirmation: bool = False

    @property
    def errors(self) -> list[RosterRow]:
        return [row for row in self.rows if row.errors]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors and not self.needs_confirmation


def username_base(name: str) -> str:
    """The stem of a generated username: `made.w` for "I Made Wirawan", `rizki` for "M. Rizki"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_name) or ["siswa"]
    # Balinese birth-order names, "Ni"/"I" and initials ("M.") are shared by half a class:
    # start from the first word of three letters or more.
    first = next((i for i, word in enumerate(words) if len(word) >= 3), 0)
    base = words[first][:20]
    if first + 1 < len(words):
        base += "." + words[first + 1][0]
    return base if len(base) >= 3 else (base + "siswa")[:8]


def username_suggest(name: str, taken: set[str]) -> str:
    """The first free `base`, `base2`, `base3`, ... ; `taken` holds lower-case usernames."""
    base = username_base(name)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}{n}"
    taken.add(candidate)
    return candidate


def _taken_usernames(bases: set[str]) -> set[str]:
    """Every username that starts with one of the bases (the real candidates, not the name)."""
    query = Q(pk__in=[])
    for base in bases:
        query |= Q(username__istartswith=base)
    return {u.lower() for u in User.objects.filter(query).values_list("username", flat=True)}


def taken_usernames(bases: set[str]) -> set[str]:
    """Public name for other importers (certificates' candidate rosters)."""
    return _taken_usernames(bases)


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def _school_students(school: School) -> QuerySet[User]:
    return User.objects.filter(role_assignments__role=Role.STUDENT, role_assignments__school=school)


def _check_against_database(
    rows: list[RosterRow], school: School, result: RosterImportResult
) -> dict[str, Classroom]:
    """Row errors and the rows matching existing students; nothing outside `school` is read
    except username availability (a global namespace), so no NISN of another school shows."""
    classrooms = {c.name.strip().lower(): c for c in school.classrooms.all()}
    nisn_counts = Counter(r.nisn for r in rows if r.nisn)
    username_counts = Counter(r.username for r in rows if r.username)
    by_nisn, by_name = _known_students(school, classrooms, list(nisn_counts))
    taken_usernames = {
        u.lower(): u
        for u in User.objects.filter(username__in=list(username_counts)).values_list(
            "username", flat=True
        )
    }
    for row in rows:
        classroom = classrooms.get(row.class_name.lower()) if row.class_name else None
        if row.class_name and classroom is None:
            row.errors.append(
                _("Kelas '%(name)s' tidak ada di sekolah ini. Buat kelasnya dahulu.")
                % {"name": row.class_name}
            )
        if row.nisn and nisn_counts[row.nisn] > 1:
            row.errors.append(_("NISN ini muncul lebih dari sekali dalam berkas."))
        if row.username and username_counts[row.username] > 1:
            row.errors.append(_("Username ini muncul lebih dari sekali dalam berkas."))
        match = None
        if row.nisn in by_nisn:
            match = ExistingStudent(row, by_nisn[row.nisn], same_nisn=True)
        elif classroom is not None and (classroom.pk, _name_key(row.name)) in by_name:
            match = ExistingStudent(row, by_name[(classroom.pk, _name_key(row.name))], False)
        if match is not None:
            result.existing.append(match)
        elif row.username in taken_usernames:
            row.errors.append(_("Username ini sudah dipakai."))
    return classrooms


def _known_students(
    school: School, classrooms: dict[str, Classroom], nisns: list[str]
) -> tuple[dict[str | None, User], dict[tuple[int, str], User]]:
    """The school's students by NISN (own or claimed here) and by (classroom, name key)."""
    by_nisn = {u.nisn: u for u in _school_students(school).filter(nisn__in=nisns)}
    for claim in NisnClaim.objects.filter(school=school, nisn__in=nisns):
        by_nisn.setdefault(claim.nisn, claim.student)
    by_name: dict[tuple[int, str], User] = {}
    for enrolment in Enrolment.objects.filter(classroom__in=classrooms.values()).select_related(
        "student"
    ):
        by_name[(enrolment.classroom_id, _name_key(enrolment.student.full_name))] = (
            enrolment.student
        )
    return by_nisn, by_name


def roster_import(
    *,
    school: School,
    data: bytes,
    filename: str,
    by: User,
    duplicates: str = Duplicates.ASK,
) -> RosterImportResult:
    """Create student accounts from a roster. All or nothing: any bad row imports nothing.

    Rows that match a student of this school (same NISN, or same name in the same class) are
    only reported until the teacher chooses `duplicates`: a NISN match is always skipped.
    """
    result = RosterImportResult(rows=parse_roster(data, filename))
    with transaction.atomic():
        # One import per school at a time, so a second import sees the first one's students
        # (SQLite's IMMEDIATE transactions serialise all writers anyway).
        School.objects.select_for_update().get(pk=school.pk)
        classrooms = _check_against_database(result.rows, school, result)
        if result.errors:
            return result
        if result.existing and duplicates == Duplicates.ASK:
            result.needs_confirmation = True
            return result
        skip = {
            id(match.row)
            for match in result.existing
            if match.same_nisn or duplicates == Duplicates.SKIP
        }
        result.skipped = [m for m in result.existing if id(m.row) in skip]
        to_create = [row for row in result.rows if id(row) not in skip]
        taken = _taken_usernames({username_base(r.name) for r in to_create if not r.username})
        result.created = [
            _create_student(row, school, classrooms[row.class_name.lower()], taken)
            for row in to_create
        ]
    return result


def _create_student(row: RosterRow, school: School, classroom: Classroom, taken: set[str]) -> User:
    password = one_time_password_generate()
    student = User(full_name=row.name, nisn=row.nisn or None, must_change_password=True)
    student.set_password(password)
    if student.nisn and User.objects.filter(nisn=student.nisn).exists():
        student.nisn = None  # held outside this school (inside, the row was matched above)
    for _attempt in range(20):
        student.username = row.username or username_suggest(row.name, taken)
        try:
            with transaction.atomic():  # a savepoint: a lost race costs one candidate
                student.save()
            break
        except IntegrityError:
            student.pk = None
            if student.nisn and User.objects.filter(nisn=student.nisn).exists():
                # Held by an account outside this school (checked above): keep it aside.
                student.nisn = None
                continue
            if row.username:  # a username from the file, taken a moment ago
                raise SchoolRuleError(
                    _(
                        "Username %(username)s baru saja dipakai oleh impor lain. Tidak ada yang "
                        "diimpor; ganti username di berkas lalu unggah lagi."
                    )
                    % {"username": row.username}
                ) from None
            # Another import (another school) took this generated name first: look again.
            taken |= _taken_usernames({username_base(row.name)})
    else:  # pragma: no cover - twenty lost races in a row
        raise SchoolRuleError(_("Impor sedang ramai. Tidak ada yang diimpor; coba lagi."))
    if row.nisn and student.nisn is None:
        NisnClaim.objects.create(school=school, student=student, nisn=row.nisn)
    InitialPassword.objects.create(user=student, password=password)
    RoleAssignment.objects.create(user=student, role=Role.STUDENT, school=school)
    Enrolment.objects.create(classroom=classroom, student=student)
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
