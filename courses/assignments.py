"""Services of assignments: hand in, teams, grading, return for revision.

Every write takes a row lock (`select_for_update`) on the submission (or the student's
enrolment row of the assignment for the first hand-in), so a double submit writes one
version after the other and two teachers grading at once write one grade after the other.
Returning for revision reopens the submission for its student/team even past the due date
(closed-after-due assignments too) until the next hand-in.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from courses import models as m
from courses.exceptions import CourseRuleError
from courses.selectors.lessons import course_of_lesson
from courses.services import require_learning_consent
from lms.accounts.models import User
from lms.schools.models import Classroom
from lms.uploads import document_content_matches, sniff_image_format

FILE_EXTENSIONS = {"pdf", "docx", "xlsx", "odt", "ods"}


def _student_classroom(assignment: m.Assignment, student: User) -> Classroom:
    course = course_of_lesson(assignment.lesson)
    classroom = Classroom.objects.filter(
        students=student, course_assignments__course=course
    ).first()
    if classroom is None:
        raise Http404
    return classroom


def student_team(assignment: m.Assignment, student: User) -> m.Team | None:
    member = m.TeamMember.objects.filter(assignment=assignment, student=student).first()
    return member.team if member else None


def check_upload(upload: UploadedFile) -> None:
    """A PDF, image or office document judged by its content; not larger than the setting."""
    if upload.size is None or upload.size > settings.ASSIGNMENT_MAX_UPLOAD_BYTES:
        limit = settings.ASSIGNMENT_MAX_UPLOAD_BYTES // (1024 * 1024)
        raise CourseRuleError(_("Berkas terlalu besar (paling besar %(mb)s MB).") % {"mb": limit})
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    extension = os.path.splitext(upload.name or "")[1].lower().lstrip(".")
    if sniff_image_format(data[:64]) is not None:
        return
    if extension in FILE_EXTENSIONS and document_content_matches(upload.name or "", data):
        return
    raise CourseRuleError(
        _("Isi berkas tidak dikenali. Unggah PDF, gambar (PNG/JPEG) atau dokumen Office asli.")
    )


def _version_fields(assignment: m.Assignment, data: dict[str, Any]) -> dict[str, Any]:
    kind = assignment.hand_in
    if kind == m.HandInKind.TEXT and (data.get("text") or "").strip():
        return {"text": data["text"].strip()}
    if kind == m.HandInKind.LINK and data.get("link"):
        return {"link": data["link"]}
    if kind == m.HandInKind.FILE and data.get("file"):
        check_upload(data["file"])
        return {"file": data["file"]}
    if kind == m.HandInKind.WORKSHEET and isinstance(data.get("worksheet"), dict):
        return {"worksheet": data["worksheet"], "summary": data.get("summary", "")}
    raise CourseRuleError(_("Isian tugas kosong. Isi dulu lalu kumpulkan."))


def _locked_submission(assignment: m.Assignment, student: User) -> m.Submission | None:
    if assignment.is_group:
        team = student_team(assignment, student)
        if team is None:
            raise CourseRuleError(_("Anda belum masuk tim untuk tugas kelompok ini."))
        return m.Submission.objects.select_for_update().filter(team=team).first()
    return (
        m.Submission.objects.select_for_update()
        .filter(assignment=assignment, student=student)
        .first()
    )


def _new_submission(assignment: m.Assignment, student: User, now: Any) -> m.Submission:
    team = student_team(assignment, student) if assignment.is_group else None
    classroom = team.classroom if team else _student_classroom(assignment, student)
    try:
        with transaction.atomic():
            return m.Submission.objects.create(
                assignment=assignment,
                classroom=classroom,
                student=None if team else student,
                team=team,
                last_submitted_at=now,
            )
    except IntegrityError:  # a double submit created it first: take that one
        return _locked_submission(assignment, student)  # type: ignore[return-value]


@transaction.atomic
def hand_in(
    *, assignment: m.Assignment, student: User, data: dict[str, Any]
) -> m.SubmissionVersion:
    """Write a new immutable version; refuse after the due date unless late is allowed or the
    teacher returned the work for revision."""
    require_learning_consent(student)
    now = timezone.now()
    submission = _locked_submission(assignment, student)
    late = now > assignment.due_at
    reopened = bool(submission and submission.reopened)
    if late and assignment.late_policy == m.LatePolicy.CLOSED and not reopened:
        raise CourseRuleError(_("Tenggat sudah lewat; tugas ini tidak menerima kiriman lagi."))
    if submission and submission.status == m.SubmissionStatus.GRADED:
        raise CourseRuleError(_("Tugas ini sudah dinilai; kiriman baru tidak diterima."))
    fields = _version_fields(assignment, data)
    if submission is None:
        submission = _new_submission(assignment, student, now)
    number = submission.versions.count() + 1
    version = m.SubmissionVersion.objects.create(
        submission=submission,
        number=number,
        submitted_by=student,
        submitted_at=now,
        is_late=late,
        **fields,
    )
    submission.status = m.SubmissionStatus.HANDED_IN
    submission.is_late = late
    submission.reopened = False
    submission.last_submitted_at = now
    submission.save(update_fields=["status", "is_late", "reopened", "last_submitted_at"])
    return version


@transaction.atomic
def team_create(
    *, assignment: m.Assignment, classroom: Classroom, name: str, students: list[User], by: User
) -> m.Team:
    if not assignment.is_group:
        raise CourseRuleError(_("Tugas ini perorangan; tidak memakai tim."))
    enrolled = set(classroom.students.values_list("pk", flat=True))
    if not students or any(s.pk not in enrolled for s in students):
        raise CourseRuleError(_("Anggota tim harus siswa kelas ini."))
    taken = m.TeamMember.objects.filter(assignment=assignment, student__in=students).exists()
    if (
        taken
        or m.Team.objects.filter(assignment=assignment, classroom=classroom, name=name).exists()
    ):
        raise CourseRuleError(_("Nama tim sudah dipakai atau siswa sudah masuk tim lain."))
    team = m.Team.objects.create(
        assignment=assignment, classroom=classroom, name=name, created_by=by
    )
    try:
        with transaction.atomic():
            m.TeamMember.objects.bulk_create(
                m.TeamMember(team=team, assignment=assignment, student=s) for s in students
            )
    except IntegrityError as exc:
        raise CourseRuleError(_("Siswa sudah masuk tim lain.")) from exc
    return team


def _levels_checked(submission: m.Submission, level_ids: dict[int, int]) -> list[m.RubricLevel]:
    criteria = list(submission.assignment.criteria.prefetch_related("levels"))
    chosen = []
    for criterion in criteria:
        level = next(
            (lv for lv in criterion.levels.all() if lv.pk == level_ids.get(criterion.pk)), None
        )
        if level is None:
            raise CourseRuleError(
                _("Pilih satu tingkat rubrik untuk setiap kriteria (%(name)s).")
                % {"name": criterion.name}
            )
        chosen.append(level)
    if set(level_ids) - {c.pk for c in criteria}:
        raise CourseRuleError(_("Kriteria rubrik tidak dikenal."))
    return chosen


@transaction.atomic
def grade_submission(
    *,
    submission_id: int,
    level_ids: dict[int, int],
    comment: str,
    by: User,
    approved: bool = False,
    expected_version: int | None = None,
) -> m.Grade:
    """Grade with one rubric level per criterion; a level outside the rubric is refused.
    `expected_version` (the grade version the teacher saw) refuses a stale form."""
    submission = m.Submission.objects.select_for_update().get(pk=submission_id)
    chosen = _levels_checked(submission, level_ids)
    points = sum(level.points for level in chosen)
    now = timezone.now()
    grade = m.Grade.objects.filter(submission=submission).first()
    if grade and expected_version is not None and grade.version != expected_version:
        raise CourseRuleError(_("Nilai ini baru saja diubah guru lain. Muat ulang halaman."))
    if grade is None:
        grade = m.Grade(submission=submission, version=0)
    grade.points, grade.max_points = points, submission.assignment.max_points
    grade.comment, grade.graded_by, grade.graded_at = comment, by, now
    grade.approved = approved and submission.assignment.is_business_plan
    grade.version += 1
    grade.save()
    grade.scores.all().delete()
    m.RubricScore.objects.bulk_create(
        m.RubricScore(grade=grade, criterion_id=lv.criterion_id, level=lv) for lv in chosen
    )
    submission.status, submission.reopened = m.SubmissionStatus.GRADED, False
    submission.save(update_fields=["status", "reopened"])
    return grade


@transaction.atomic
def grade_override(*, grade: m.Grade, student: User, points: int, comment: str) -> None:
    """A team member's own points (0..the grade's maximum) with the teacher's reason."""
    grade = (
        m.Grade.objects.select_for_update(of=("self",))
        .select_related("submission__team")
        .get(pk=grade.pk)
    )
    team = grade.submission.team
    if team is None or not team.members.filter(student=student).exists():
        raise CourseRuleError(_("Siswa ini bukan anggota tim."))
    if not 0 <= points <= grade.max_points:
        raise CourseRuleError(_("Poin harus antara 0 dan %(max)s.") % {"max": grade.max_points})
    comment = comment.strip()
    if not comment:
        raise CourseRuleError(_("Tulis alasan nilai sendiri ini."))
    m.GradeOverride.objects.update_or_create(
        grade=grade, student=student, defaults={"points": points, "comment": comment}
    )


@transaction.atomic
def return_for_revision(*, submission_id: int, comment: str, by: User) -> m.Submission:
    """Reopen the work for its student/team, even past the due date, until they hand in."""
    submission = m.Submission.objects.select_for_update().get(pk=submission_id)
    submission.status, submission.reopened = m.SubmissionStatus.RETURNED, True
    submission.return_comment = comment
    submission.save(update_fields=["status", "reopened", "return_comment"])
    m.Grade.objects.filter(submission=submission).update(approved=False)
    return submission
