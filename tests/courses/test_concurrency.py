"""Double clicks from a flaky connection: parallel requests must store one answer, one attempt."""

import threading

import pytest
from django.db import connection

from courses.exceptions import CourseRuleError
from courses.models import QuizAnswer, QuizAttempt
from courses.services import quiz_answer_save, quiz_attempt_start
from tests.courses.factories import make_course, make_quiz
from tests.courses.test_quiz_services import key_for
from tests.factories import ClassroomFactory, make_student

# Real transactions: the lock and the unique constraints are what is under test. The flush
# afterwards also removes Wagtail's root page; tests/courses/factories.py recreates it.
pytestmark = pytest.mark.django_db(transaction=True)


def _in_parallel(action, times: int = 4) -> list[object]:
    results: list[object] = []
    barrier = threading.Barrier(times)

    def run() -> None:
        barrier.wait()
        try:
            results.append(action())
        except CourseRuleError as exc:
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
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
    assert sum(isinstance(r, QuizAnswer) for r in results) == 1
    assert all("sudah dijawab" in str(r) for r in results if not isinstance(r, QuizAnswer))
    assert QuizAnswer.objects.filter(attempt=attempt).count() == 1
