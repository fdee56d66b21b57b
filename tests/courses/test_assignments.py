"""Assignments: hand in (text, file, link), versions, late policy, teams, rubric grading,
return for revision, the progress grid and export, the approved business plans."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.assignments import (
    grade_override,
    grade_submission,
    hand_in,
    return_for_revision,
    team_create,
)
from courses.exceptions import CourseRuleError
from courses.export import grid_table
from courses.models import (
    Assignment,
    Grade,
    HandInKind,
    LatePolicy,
    RubricCriterion,
    RubricLevel,
    Submission,
    SubmissionStatus,
    SubmissionVersion,
    WorkMode,
)
from courses.selectors import class_submissions, progress_grid
from courses.services import course_assign
from tests.factories import ClassroomFactory, make_student

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def make_assignment(lesson, *, hand_in=HandInKind.TEXT, due_in=timedelta(days=3), **extra):
    assignment = Assignment.objects.create(
        lesson=lesson,
        title="Tugas rencana usaha",
        instructions="Tulis rencana usaha kopsis.",
        due_at=timezone.now() + due_in,
        hand_in=hand_in,
        **extra,
    )
    for n, name in enumerate(("Ide", "Perhitungan")):
        criterion = RubricCriterion.objects.create(assignment=assignment, name=name, sort_order=n)
        for label, points in (("Kurang", 1), ("Cukup", 3), ("Baik", 5)):
            RubricLevel.objects.create(criterion=criterion, label=label, points=points)
    return assignment


def top_levels(assignment):
    return {c.pk: c.levels.order_by("-points").first().pk for c in assignment.criteria.all()}


@pytest.fixture
def assigned(teacher, classroom, course):
    return course_assign(course=course, classroom=classroom, due_date=None, by=teacher)


@pytest.fixture
def assignment(lesson, assigned):
    return make_assignment(lesson)


def _url(lesson):
    return reverse("courses:assignment", kwargs={"lesson_pk": lesson.pk})


def test_student_hands_in_text_and_resubmits_keeping_every_version(
    client, student, lesson, assignment
):
    client.force_login(student)
    client.post(_url(lesson), {"text": "Versi satu"})
    response = client.post(_url(lesson), {"text": "Versi dua"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Versi dua" in response.content.decode()
    versions = SubmissionVersion.objects.filter(submission__student=student).order_by("number")
    assert [v.text for v in versions] == ["Versi satu", "Versi dua"]
    assert Submission.objects.get(student=student).is_late is False


def test_empty_hand_in_is_refused(client, student, lesson, assignment):
    client.force_login(student)
    html = client.post(_url(lesson), {"text": "  "}).content.decode()
    assert "Isian tugas kosong" in html and not Submission.objects.exists()


def test_file_hand_in_checks_content_and_size(student, lesson, assigned, settings):
    assignment = make_assignment(lesson, hand_in=HandInKind.FILE)
    hand_in(assignment=assignment, student=student, data={"file": SimpleUploadedFile("a.pdf", PDF)})
    hand_in(assignment=assignment, student=student, data={"file": SimpleUploadedFile("f.jpg", PNG)})
    with pytest.raises(CourseRuleError, match="Isi berkas"):  # HTML named .pdf
        hand_in(
            assignment=assignment,
            student=student,
            data={"file": SimpleUploadedFile("tugas.pdf", b"<html><script>x</script>")},
        )
    settings.ASSIGNMENT_MAX_UPLOAD_BYTES = 100
    with pytest.raises(CourseRuleError, match="terlalu besar"):
        hand_in(
            assignment=assignment,
            student=student,
            data={"file": SimpleUploadedFile("a.pdf", PDF + b"0" * 200)},
        )
    assert SubmissionVersion.objects.count() == 2


def test_docx_by_content(student, lesson, assigned):
    assignment = make_assignment(lesson, hand_in=HandInKind.FILE)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    upload = SimpleUploadedFile("rencana.docx", buffer.getvalue())
    assert hand_in(assignment=assignment, student=student, data={"file": upload}).file


def test_link_hand_in_over_the_page(client, student, lesson, assigned):
    make_assignment(lesson, hand_in=HandInKind.LINK)
    client.force_login(student)
    client.post(_url(lesson), {"link": "not a link"})
    assert not SubmissionVersion.objects.exists()
    client.post(_url(lesson), {"link": "https://example.org/rencana"})
    assert SubmissionVersion.objects.get().link == "https://example.org/rencana"


def test_late_is_marked_and_closed_after_due_is_refused(student, lesson, assigned):
    late_ok = make_assignment(lesson, due_in=timedelta(hours=-1))
    version = hand_in(assignment=late_ok, student=student, data={"text": "telat"})
    assert version.is_late and version.submission.is_late
    late_ok.late_policy = LatePolicy.CLOSED
    late_ok.save()
    with pytest.raises(CourseRuleError, match="Tenggat sudah lewat"):
        hand_in(assignment=late_ok, student=student, data={"text": "telat lagi"})
    assert SubmissionVersion.objects.count() == 1


def test_return_for_revision_reopens_a_closed_assignment_past_due(
    student, teacher, lesson, assigned
):
    assignment = make_assignment(lesson, due_in=timedelta(hours=-1), late_policy=LatePolicy.ALLOW)
    version = hand_in(assignment=assignment, student=student, data={"text": "v1"})
    Assignment.objects.filter(pk=assignment.pk).update(late_policy=LatePolicy.CLOSED)
    assignment.refresh_from_db()
    return_for_revision(submission_id=version.submission_id, comment="Lengkapi", by=teacher)
    again = hand_in(assignment=assignment, student=student, data={"text": "v2"})
    submission = again.submission
    submission.refresh_from_db()
    assert again.number == 2 and submission.status == SubmissionStatus.HANDED_IN
    assert not submission.reopened  # the reopening is used up by the hand-in
    with pytest.raises(CourseRuleError):
        hand_in(assignment=assignment, student=student, data={"text": "v3"})


def test_rubric_grade_and_level_outside_refused(student, other_student, teacher, assignment):
    version = hand_in(assignment=assignment, student=student, data={"text": "ok"})
    other = make_assignment_levels_elsewhere(assignment, other_student)
    bad = {**top_levels(assignment)}
    first = next(iter(bad))
    bad[first] = other  # a level of another assignment's criterion
    with pytest.raises(CourseRuleError):
        grade_submission(submission_id=version.submission_id, level_ids=bad, comment="", by=teacher)
    with pytest.raises(CourseRuleError):  # a criterion left out
        grade_submission(
            submission_id=version.submission_id,
            level_ids={first: bad[first]},
            comment="",
            by=teacher,
        )
    assert not Grade.objects.exists()
    grade = grade_submission(
        submission_id=version.submission_id,
        level_ids=top_levels(assignment),
        comment="Bagus",
        by=teacher,
    )
    assert (grade.points, grade.max_points, grade.scores.count()) == (10, 10, 2)
    with pytest.raises(CourseRuleError, match="guru lain"):  # a stale form
        grade_submission(
            submission_id=version.submission_id,
            level_ids=top_levels(assignment),
            comment="",
            by=teacher,
            expected_version=0,
        )


def make_assignment_levels_elsewhere(assignment, student):
    from tests.courses.factories import make_course

    _course, lessons = make_course(lessons=1, slug="lain")
    other = make_assignment(lessons[0])
    return other.criteria.first().levels.first().pk


def test_teacher_grades_over_the_page_with_one_radio_per_criterion(
    client, student, teacher, classroom, assignment
):
    hand_in(assignment=assignment, student=student, data={"text": "jawaban"})
    client.force_login(teacher)
    url = reverse("courses:assignment-grade", args=[classroom.pk, assignment.pk, student.pk])
    html = client.get(url).content.decode()
    assert html.count('type="radio"') == 6 and "jawaban" in html
    data = {f"c{c}": lv for c, lv in top_levels(assignment).items()}
    response = client.post(url, {**data, "comment": "Mantap", "action": "grade", "version": ""})
    assert response.status_code == 302
    assert Grade.objects.get().points == 10
    client.force_login(student)
    page = client.get(_url(assignment.lesson)).content.decode()
    assert "Mantap" in page and "10/10" in page


def test_other_school_teacher_gets_404(client, student, outsider, classroom, assignment):
    hand_in(assignment=assignment, student=student, data={"text": "jawaban"})
    client.force_login(outsider)
    for name, args in (
        ("courses:assignment-grade", [classroom.pk, assignment.pk, student.pk]),
        ("courses:assignment-submissions", [classroom.pk, assignment.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404
    data = {f"c{c}": lv for c, lv in top_levels(assignment).items()}
    url = reverse("courses:assignment-grade", args=[classroom.pk, assignment.pk, student.pk])
    assert client.post(url, {**data, "action": "grade"}).status_code == 404
    assert not Grade.objects.exists()


def test_team_hand_in_grade_goes_to_members_with_override(
    client, student, other_student, teacher, classroom, lesson, assigned
):
    assignment = make_assignment(lesson, mode=WorkMode.GROUP, is_business_plan=True)
    loner = make_student(classroom, username="siswa3")
    foreign = make_student(ClassroomFactory(school=classroom.school, name="9Z"), username="s9")
    with pytest.raises(CourseRuleError):  # not a student of this class
        team_create(
            assignment=assignment, classroom=classroom, name="X", students=[foreign], by=teacher
        )
    team = team_create(
        assignment=assignment,
        classroom=classroom,
        name="Tim Jaya",
        students=[student, other_student],
        by=teacher,
    )
    with pytest.raises(CourseRuleError):  # at most one team per assignment
        team_create(
            assignment=assignment, classroom=classroom, name="Y", students=[student], by=teacher
        )
    with pytest.raises(CourseRuleError, match="belum masuk tim"):
        hand_in(assignment=assignment, student=loner, data={"text": "sendiri"})
    version = hand_in(assignment=assignment, student=other_student, data={"text": "rencana"})
    assert version.submission.team == team
    grade = grade_submission(
        submission_id=version.submission_id,
        level_ids=top_levels(assignment),
        comment="",
        by=teacher,
        approved=True,
    )
    grade_override(grade=grade, student=other_student, points=7, comment="Aktif")
    rows = {r.student.pk: r for r in class_submissions(assignment=assignment, classroom=classroom)}
    assert (rows[student.pk].points, rows[other_student.pk].points) == (10, 7)
    assert rows[loner.pk].state == "missing"
    client.force_login(teacher)
    plans = client.get(reverse("courses:approved-plans", args=[classroom.pk])).content.decode()
    assert "Tim Jaya" in plans and "rencana" in plans
    client.force_login(loner)
    html = client.post(_url(lesson), {"text": "sendiri"}).content.decode()
    assert "belum masuk tim" in html and SubmissionVersion.objects.count() == 1


def test_submission_list_states_and_grid_and_export(
    client, student, other_student, teacher, classroom, course, lesson, assignment
):
    version = hand_in(assignment=assignment, student=student, data={"text": "a"})
    grade_submission(
        submission_id=version.submission_id,
        level_ids=top_levels(assignment),
        comment="",
        by=teacher,
    )
    client.force_login(teacher)
    html = client.get(
        reverse("courses:assignment-submissions", args=[classroom.pk, assignment.pk])
    ).content.decode()
    assert 'data-state="graded"' in html and 'data-state="missing"' in html
    grid = progress_grid(classroom=classroom, course=course)
    table = grid_table(grid=grid)
    assert "10/10" in [cell for line in table for cell in line]
    grid_html = client.get(reverse("courses:progress-grid", args=[classroom.pk, course.pk]))
    assert "Tugas 10/10" in grid_html.content.decode()


def test_submission_list_queries_do_not_grow_with_the_class(client, teacher, classroom, assignment):
    url = reverse("courses:assignment-submissions", args=[classroom.pk, assignment.pk])
    client.force_login(teacher)

    def count() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    for n in range(2):
        s = make_student(classroom, username=f"a{n}")
        hand_in(assignment=assignment, student=s, data={"text": "x"})
    small = count()
    for n in range(10):
        s = make_student(classroom, username=f"b{n}")
        hand_in(assignment=assignment, student=s, data={"text": "x"})
    assert count() == small


def test_double_submit_writes_numbered_versions(student, assignment):
    a = hand_in(assignment=assignment, student=student, data={"text": "1"})
    b = hand_in(assignment=assignment, student=student, data={"text": "1"})
    assert (a.submission_id, a.number, b.number) == (b.submission_id, 1, 2)
    assert Submission.objects.count() == 1
