"""The batch's course and written test come from the courses engine."""

from __future__ import annotations

import pytest

from certificates.services.batches import candidate_progress_sync
from courses.models import QuestionKind
from courses.services import (
    lesson_mark_done,
    quiz_answer_save,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from tests.certificates.conftest import make_batch
from tests.courses.factories import make_course, make_question, make_quiz

pytestmark = pytest.mark.django_db


def test_course_completion_and_quiz_result_reach_the_board(
    region, scheme, trainer, assessor, applicant
) -> None:
    from certificates.services.batches import candidate_review
    from tests.certificates.conftest import apply

    question = make_question(
        QuestionKind.TRUE_FALSE, "Simpanan pokok dapat ditarik.", correct_bool=False
    )
    quiz = make_quiz([question], pass_mark=50)
    course, lessons = make_course(lessons=1, quiz=quiz, slug="juru-buku")
    batch = make_batch(region, scheme, trainer, [assessor], course=course, written_quiz=quiz)
    candidate = candidate_review(candidate=apply(batch, applicant), action="accept", by=trainer)
    # given: the candidate reads the lesson and passes its quiz
    lesson_mark_done(student=applicant, lesson=lessons[0])
    attempt = quiz_attempt_start(student=applicant, lesson=lessons[0])
    quiz_answer_save(
        attempt_id=attempt.pk,
        student=applicant,
        question_id=question.pk,
        data={"answer": ["false"]},
    )
    quiz_attempt_submit(attempt_id=attempt.pk, student=applicant)
    # when
    assert candidate_progress_sync(batch=batch) == 1
    # then
    candidate.refresh_from_db()
    assert candidate.training_done_at is not None
    assert candidate.written_passed is True and candidate.written_score == 100
    assert candidate_progress_sync(batch=batch) == 0  # nothing new the second time
