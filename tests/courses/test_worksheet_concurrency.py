"""Two teammates saving the same worksheet at the same moment (threads, real transactions on
PostgreSQL): different boxes both land, the same box is one save and one conflict."""

from __future__ import annotations

import pytest

from courses.assignments import team_create
from courses.models import HandInKind, WorkMode, Worksheet
from courses.services import course_assign
from courses.worksheets.services import (
    SaveResult,
    WorksheetConflictError,
    open_worksheets,
    save_worksheet,
)
from tests.courses.factories import make_course
from tests.courses.test_assignment_concurrency import _at_once
from tests.courses.test_assignments import make_assignment
from tests.factories import ClassroomFactory, make_student, make_teacher

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _team_canvas():
    classroom = ClassroomFactory()
    teacher = make_teacher(classroom.school, username="guru-ws")
    a, b = make_student(classroom, username="ws-a"), make_student(classroom, username="ws-b")
    course, (lesson,) = make_course(lessons=1, slug="lembar-serentak")
    course_assign(course=course, classroom=classroom, due_date=None, by=teacher)
    assignment = make_assignment(lesson, hand_in=HandInKind.WORKSHEET, mode=WorkMode.GROUP)
    team_create(assignment=assignment, classroom=classroom, name="Tim", students=[a, b], by=teacher)
    canvas = open_worksheets(assignment=assignment, student=a)[0]
    return canvas, a, b


def _save(sheet, student, key, value):
    return lambda: save_worksheet(
        worksheet_id=sheet.pk, student=student, changes={key: value}, base_version=0
    )


def test_two_boxes_saved_at_once_both_land_as_two_versions():
    canvas, a, b = _team_canvas()
    results = _at_once(
        [_save(canvas, a, "channels", "Kantin"), _save(canvas, b, "key_resources", "Oven")]
    )
    assert all(isinstance(r, SaveResult) for r in results), results
    canvas = Worksheet.objects.get(pk=canvas.pk)
    assert canvas.data["channels"] == "Kantin" and canvas.data["key_resources"] == "Oven"
    assert canvas.version == 2 and canvas.revisions.count() == 2


def test_same_box_saved_at_once_is_one_save_and_one_conflict():
    canvas, a, b = _team_canvas()
    results = _at_once([_save(canvas, a, "channels", "Kantin"), _save(canvas, b, "channels", "WA")])
    saved = [r for r in results if isinstance(r, SaveResult)]
    conflicts = [r for r in results if isinstance(r, WorksheetConflictError)]
    assert len(saved) == 1 and len(conflicts) == 1, results
    canvas = Worksheet.objects.get(pk=canvas.pk)
    assert canvas.version == 1 and canvas.data["channels"] == saved[0].worksheet.data["channels"]
