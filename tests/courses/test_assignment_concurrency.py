"""Assignments under real concurrency (threads, real transactions): a double hand-in and two
teachers grading the same work at once never leave a corrupt state."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from courses.assignments import grade_submission, hand_in
from courses.exceptions import CourseRuleError
from courses.models import Grade, Submission, SubmissionVersion
from courses.services import course_assign
from tests.courses.factories import make_course
from tests.courses.test_assignments import make_assignment, top_levels
from tests.factories import ClassroomFactory, make_student, make_teacher

# Real transactions: the row locks and the unique constraints are what is under test.
pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(actions) -> list[object]:
    results: list[object] = []
    barrier = threading.Barrier(len(actions))

    def run(act) -> None:
        barrier.wait()
        try:
            results.append(act())
        except Exception as exc:
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(act,)) for act in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _setup():
    classroom = ClassroomFactory()
    student = make_student(classroom, username="kembar")
    teachers = [make_teacher(classroom.school, username=f"guru-{n}") for n in (1, 2)]
    course, (lesson,) = make_course(lessons=1, slug="serentak")
    course_assign(course=course, classroom=classroom, due_date=None, by=teachers[0])
    return student, teachers, make_assignment(lesson)


def test_two_hand_ins_at_once_are_two_numbered_versions_or_one_refused():
    student, _teachers, assignment = _setup()
    results = _at_once(
        [
            lambda: hand_in(assignment=assignment, student=student, data={"text": "A"}),
            lambda: hand_in(assignment=assignment, student=student, data={"text": "B"}),
        ]
    )
    written = [r for r in results if isinstance(r, SubmissionVersion)]
    refused = [r for r in results if not isinstance(r, SubmissionVersion)]
    assert all(isinstance(r, CourseRuleError) for r in refused), refused
    assert Submission.objects.count() == 1
    numbers = sorted(SubmissionVersion.objects.values_list("number", flat=True))
    assert numbers == list(range(1, len(written) + 1)) and len(written) >= 1
    submission = Submission.objects.get()
    latest = submission.versions.order_by("-number").first()
    assert submission.last_submitted_at == latest.submitted_at


def test_two_teachers_grading_at_once_one_wins_the_other_gets_the_stale_form_message():
    student, (first, second), assignment = _setup()
    version = hand_in(assignment=assignment, student=student, data={"text": "rencana"})
    levels = top_levels(assignment)
    grade_submission(submission_id=version.submission_id, level_ids=levels, comment="", by=first)
    seen = Grade.objects.get().version  # both forms were opened on this version
    lower = {c: lv.pk for c, lv in _lowest_levels(assignment).items()}
    results = _at_once(
        [
            lambda: grade_submission(
                submission_id=version.submission_id,
                level_ids=levels,
                comment="Guru satu",
                by=first,
                expected_version=seen,
            ),
            lambda: grade_submission(
                submission_id=version.submission_id,
                level_ids=lower,
                comment="Guru dua",
                by=second,
                expected_version=seen,
            ),
        ]
    )
    winners = [r for r in results if isinstance(r, Grade)]
    losers = [r for r in results if not isinstance(r, Grade)]
    assert len(winners) == 1 and len(losers) == 1
    assert isinstance(losers[0], CourseRuleError) and "guru lain" in str(losers[0])
    grade = Grade.objects.get()
    assert grade.version == seen + 1 and grade.comment == winners[0].comment
    expected_points = 10 if grade.comment == "Guru satu" else 2
    assert grade.points == expected_points and grade.scores.count() == 2


def _lowest_levels(assignment):
    return {c.pk: c.levels.order_by("points").first() for c in assignment.criteria.all()}
