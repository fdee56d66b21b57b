"""Assignment gaps closed: hand-in files in private storage with a permission-checked
download, who grades (any teacher of the school, like the progress grid), a team member's
own points with a reason, and the progress export file carrying the assignment grade."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from courses.assignments import grade_submission, hand_in, team_create
from courses.models import GradeOverride, HandInKind, WorkMode
from courses.services import course_assign
from lms.accounts.models import Guardianship, Role
from lms.storage import private_storage
from tests.courses.test_assignments import PDF, make_assignment, top_levels
from tests.factories import UserFactory, make_student, make_teacher, with_role


@pytest.fixture
def assigned(teacher, classroom, course):
    return course_assign(course=course, classroom=classroom, due_date=None, by=teacher)


def _file_url(version) -> str:
    return reverse("courses:assignment-file", args=[version.pk])


def test_hand_in_file_is_private_and_only_its_people_download_it(
    client, settings, student, other_student, teacher, outsider, guardian, lesson, assigned
):
    assignment = make_assignment(lesson, hand_in=HandInKind.FILE)
    version = hand_in(
        assignment=assignment,
        student=student,
        data={"file": SimpleUploadedFile("rencana.pdf", PDF)},
    )
    path = Path(private_storage.path(version.file.name)).resolve()
    assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in path.parents
    assert Path(settings.MEDIA_ROOT).resolve() not in path.parents
    # Storage may add a suffix when the name is taken: the label is never the storage path.
    label = version.file_label
    assert label.startswith("rencana") and label.endswith(".pdf") and "/" not in label
    url = _file_url(version)
    other_guardian = with_role(UserFactory(username="wali2"), Role.GUARDIAN)
    Guardianship.objects.create(guardian=other_guardian, student=other_student, relation="ayah")
    for user in (student, guardian, teacher):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content) == PDF
        assert response["Cache-Control"] == "private, no-store"
        assert "attachment" in response["Content-Disposition"]
    for user in (other_student, other_guardian, outsider):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page


def test_the_grading_page_and_the_student_page_link_the_download(
    client, student, teacher, classroom, lesson, assigned
):
    assignment = make_assignment(lesson, hand_in=HandInKind.FILE)
    version = hand_in(
        assignment=assignment, student=student, data={"file": SimpleUploadedFile("tugas.pdf", PDF)}
    )
    client.force_login(teacher)
    grade_url = reverse("courses:assignment-grade", args=[classroom.pk, assignment.pk, student.pk])
    html = client.get(grade_url).content.decode()
    assert _file_url(version) in html and version.file_label in html and "assignments/" not in html
    client.force_login(student)
    page = client.get(reverse("courses:assignment", args=[lesson.pk])).content.decode()
    assert _file_url(version) in page


def test_team_members_download_the_team_file_and_a_loner_does_not(
    client, student, other_student, teacher, classroom, lesson, assigned
):
    assignment = make_assignment(lesson, hand_in=HandInKind.FILE, mode=WorkMode.GROUP)
    loner = make_student(classroom, username="sendiri")
    team_create(
        assignment=assignment,
        classroom=classroom,
        name="Tim Kantin",
        students=[student, other_student],
        by=teacher,
    )
    version = hand_in(
        assignment=assignment, student=student, data={"file": SimpleUploadedFile("tim.pdf", PDF)}
    )
    client.force_login(other_student)
    assert client.get(_file_url(version)).status_code == 200
    client.force_login(loner)
    assert client.get(_file_url(version)).status_code == 404


def test_a_version_without_file_or_a_missing_file_is_404(client, student, lesson, assigned):
    assignment = make_assignment(lesson)
    text_version = hand_in(assignment=assignment, student=student, data={"text": "isi"})
    client.force_login(student)
    assert client.get(_file_url(text_version)).status_code == 404
    assert client.get(f"/belajar/tugas/berkas/{text_version.pk + 999}/").status_code == 404
    file_assignment = make_assignment(make_lesson_sibling(lesson), hand_in=HandInKind.FILE)
    version = hand_in(
        assignment=file_assignment, student=student, data={"file": SimpleUploadedFile("a.pdf", PDF)}
    )
    private_storage.delete(version.file.name)
    assert client.get(_file_url(version)).status_code == 404


def make_lesson_sibling(lesson):
    return lesson.get_next_siblings().specific().first()


def test_any_teacher_of_the_school_grades_as_on_the_progress_grid(
    client, student, school, classroom, course, assignment_text
):
    """docs/authorization.md: teacher pages of a class are for every teacher of its school
    (`classroom_list_for_user`); grading follows the progress grid's rule."""
    assignment = assignment_text
    colleague = make_teacher(school, username="guru-sekolah-sama")
    assert not classroom.teachers.filter(pk=colleague.pk).exists()
    hand_in(assignment=assignment, student=student, data={"text": "jawaban"})
    client.force_login(colleague)
    grid = reverse("courses:progress-grid", args=[classroom.pk, course.pk])
    url = reverse("courses:assignment-grade", args=[classroom.pk, assignment.pk, student.pk])
    assert client.get(grid).status_code == 200 and client.get(url).status_code == 200
    data = {f"c{c}": lv for c, lv in top_levels(assignment).items()}
    assert client.post(url, {**data, "action": "grade", "version": ""}).status_code == 302
    assert assignment.submissions.get().grade.graded_by == colleague


@pytest.fixture
def assignment_text(lesson, assigned):
    return make_assignment(lesson)


@pytest.fixture
def team_graded(student, other_student, teacher, classroom, lesson, assigned):
    assignment = make_assignment(lesson, mode=WorkMode.GROUP)
    team_create(
        assignment=assignment,
        classroom=classroom,
        name="Tim Jaya",
        students=[student, other_student],
        by=teacher,
    )
    version = hand_in(assignment=assignment, student=student, data={"text": "rencana"})
    grade = grade_submission(
        submission_id=version.submission_id,
        level_ids=top_levels(assignment),
        comment="",
        by=teacher,
    )
    return assignment, grade


def _override_url(classroom, assignment, student) -> str:
    return reverse("courses:assignment-override", args=[classroom.pk, assignment.pk, student.pk])


def test_teacher_sets_a_members_own_points_with_a_reason_over_htmx(
    client, student, other_student, teacher, classroom, team_graded
):
    assignment, grade = team_graded
    url = _override_url(classroom, assignment, student)
    client.force_login(teacher)
    page = client.get(
        reverse("courses:assignment-grade", args=[classroom.pk, assignment.pk, student.pk])
    ).content.decode()
    assert 'id="override"' in page and url in page and 'max="10"' in page
    htmx = {"HX-Request": "true"}
    data = {"student": other_student.pk, "points": 7, "comment": "Jarang hadir rapat tim"}
    response = client.post(url, data, headers=htmx)
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith('<section id="override"')
    assert "7/10" in html and "Jarang hadir rapat tim" in html
    override = GradeOverride.objects.get(grade=grade, student=other_student)
    assert (override.points, override.comment) == (7, "Jarang hadir rapat tim")
    plain = client.post(url, {**data, "points": 6})
    assert plain.status_code == 302
    assert GradeOverride.objects.get(grade=grade, student=other_student).points == 6


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"points": 11}, "Poin harus antara 0 dan 10"),
        ({"points": -1}, "Poin harus antara 0 dan 10"),
        ({"points": "sepuluh"}, ""),
        ({"comment": "   "}, ""),
        ({"student": 999999}, ""),
    ],
)
def test_override_junk_is_refused_and_nothing_changes(
    client, student, other_student, teacher, classroom, team_graded, change, message
):
    assignment, _grade = team_graded
    client.force_login(teacher)
    data = {"student": other_student.pk, "points": 7, "comment": "Alasan", **change}
    response = client.post(
        _override_url(classroom, assignment, student), data, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and ('role="alert"' in html or "errorlist" in html)
    assert message in html
    assert not GradeOverride.objects.exists()


def test_override_of_someone_outside_the_team_or_before_grading_is_refused(
    client, student, other_student, teacher, outsider, classroom, lesson, team_graded
):
    assignment, _grade = team_graded
    loner = make_student(classroom, username="tanpa-tim")
    url = _override_url(classroom, assignment, student)
    client.force_login(teacher)
    client.post(url, {"student": loner.pk, "points": 3, "comment": "x"})
    assert client.get(url).status_code == 405
    client.force_login(outsider)
    assert (
        client.post(url, {"student": other_student.pk, "points": 3, "comment": "x"}).status_code
        == 404
    )
    ungraded = make_assignment(make_lesson_sibling(lesson), mode=WorkMode.GROUP)
    team_create(
        assignment=ungraded, classroom=classroom, name="Tim B", students=[student], by=teacher
    )
    hand_in(assignment=ungraded, student=student, data={"text": "x"})
    client.force_login(teacher)
    html = client.post(
        _override_url(classroom, ungraded, student),
        {"student": student.pk, "points": 3, "comment": "x"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert "Nilai tim belum ada" in html
    assert not GradeOverride.objects.exists()


def test_the_export_files_carry_the_assignment_grade(
    client, student, teacher, classroom, course, assignment_text
):
    version = hand_in(assignment=assignment_text, student=student, data={"text": "a"})
    grade_submission(
        submission_id=version.submission_id,
        level_ids=top_levels(assignment_text),
        comment="",
        by=teacher,
    )
    client.force_login(teacher)
    xlsx = client.get(reverse("courses:progress-export", args=[classroom.pk, course.pk, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    column = next(i for i, h in enumerate(rows[0]) if h and h.endswith("nilai tugas"))
    line = next(r for r in rows[1:] if r[1] == student.username)
    assert line[column] == "10/10"
    data = client.get(reverse("courses:progress-export", args=[classroom.pk, course.pk, "csv"]))
    table = list(csv.reader(io.StringIO(data.content.decode("utf-8-sig"))))
    line = next(r for r in table[1:] if r[1] == student.username)
    assert line[column] == "10/10"
