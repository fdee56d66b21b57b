"""Double clicks from a flaky connection: parallel requests must store one answer, one attempt."""

import threading

import pytest
from django.db import connection

from courses.exceptions import CourseRuleError
from courses.models import QuizAnswer, QuizAttempt
from courses.services import quiz_answer_save, quiz_attempt_start, quiz_attempt_submit
from tests.courses.factories import make_course, make_quiz
from tests.courses.test_quiz_services import key_for
from tests.factories import ClassroomFactory, make_student

# Real transactions: the lock and the unique constraints are what is under test. The flush
# afterwards also removes Wagtail's root page; tests/courses/factories.py recreates it.
pytestmark = pytest.mark.django_db(transaction=True)


def _in_parallel(action, times: int = 4, *, actions=None) -> list[object]:
    actions = actions or [action] * times
    results: list[object] = []
    barrier = threading.Barrier(len(actions))

    def run(act) -> None:
        barrier.wait()
        try:
            results.append(act())
        except CourseRuleError as exc:
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(act,)) for act in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_parallel_starts_and_answers_store_one_of_each():
    student = make_student(ClassroomFactory(), username="cepat")
    _course, (lesson,) = make_course(lessons=1, quiz=make_quiz(title="Paralel"), slug="paralel")

    attempts = _in_parallel(lambda: quiz_attempt_start(student=student, lesson=lesson).pk)
    assert len(set(attempts)) == 1 and QuizAttempt.objects.count() == 1

    attempt = QuizAttempt.objects.get()
    question = attempt.quiz.quiz_questions.first().question
    data = key_for(attempt, question)
    results = _in_parallel(
        lambda: quiz_answer_save(
            attempt_id=attempt.pk, student=student, question_id=question.pk, data=data
        )
    )
    # The attempt row is locked: the same answer four times is one row, written once.
    assert all(isinstance(r, QuizAnswer) for r in results)
    assert len({r.pk for r in results}) == 1 and len({r.answered_at for r in results}) == 1
    assert QuizAnswer.objects.filter(attempt=attempt).count() == 1


def test_an_answer_racing_the_submit_is_either_graded_or_refused():
    student = make_student(ClassroomFactory(), username="balapan")
    _course, (lesson,) = make_course(lessons=1, quiz=make_quiz(title="Balap"), slug="balap")
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    question = attempt.quiz.quiz_questions.first().question
    data = key_for(attempt, question)
    actions = [
        lambda: quiz_answer_save(
            attempt_id=attempt.pk, student=student, question_id=question.pk, data=data
        ),
        lambda: quiz_attempt_submit(attempt_id=attempt.pk, student=student),
    ]
    results = _in_parallel(None, actions=actions)
    attempt.refresh_from_db()
    assert attempt.status == "submitted"
    saved = QuizAnswer.objects.filter(attempt=attempt).first()
    # Whatever came first: an answer stored before the submit counts in the grade; one that
    # came after is refused with a message and stored nowhere.
    assert attempt.correct_count == (1 if saved else 0)
    refused = [r for r in results if isinstance(r, CourseRuleError)]
    assert all("sudah dikirim" in str(r) for r in refused)
