from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from courses.exceptions import AttemptClosedError, ConsentMissingError, CourseRuleError
from courses.models import (
    AttemptStatus,
    CompletionRule,
    CourseCompletion,
    LessonProgress,
    QuizAnswer,
    QuizAttempt,
)
from courses.services import (
    lesson_mark_done,
    quiz_answer_save,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from tests.courses.factories import make_course, make_quiz
from tests.factories import make_student

pytestmark = pytest.mark.django_db


def key_for(attempt, question):
    """The correct form data for a question of this attempt (what a perfect student sends)."""
    items = attempt.item_orders[str(question.pk)]
    choices = {c.pk: c for c in question.choices.all()}
    kind = question.kind
    if kind in ("single", "multiple"):
        return {"answer": [str(i) for i, pk in enumerate(items) if choices[pk].is_correct]}
    if kind == "true_false":
        return {"answer": ["true" if question.correct_bool else "false"]}
    if kind == "numeric":
        return {"answer": [str(question.numeric_answer)]}
    if kind == "short_text":
        return {"answer": [question.accepted_answers.splitlines()[0]]}
    if kind == "matching":
        matches = attempt.match_orders[str(question.pk)]
        return {f"match-{i}": [str(matches.index(pk))] for i, pk in enumerate(items)}
    ordered = [c.pk for c in question.choices.all()]
    return {f"rank-{i}": [str(ordered.index(pk))] for i, pk in enumerate(items)}


def answer_all(attempt, student, *, correct=True, skip=0):
    questions = {qq.question.pk: qq.question for qq in attempt.quiz.quiz_questions.all()}
    for question_id in attempt.question_order[skip:]:
        question = questions[question_id]
        data = key_for(attempt, question)
        if not correct and question.kind == "true_false":
            data = {"answer": ["true" if not question.correct_bool else "false"]}
        quiz_answer_save(attempt_id=attempt.pk, student=student, question_id=question_id, data=data)


def test_perfect_answers_pass_and_complete_the_lesson_once(student, lesson):
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    answer_all(attempt, student)
    attempt = quiz_attempt_submit(attempt_id=attempt.pk, student=student)
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.passed
    assert attempt.correct_count == attempt.question_count == 7
    assert attempt.score_percent == 100 and attempt.finished_at >= attempt.started_at
    progress = LessonProgress.objects.get(student=student, lesson=lesson)
    first_completion = progress.completed_at
    assert progress.completed_via == "quiz" and progress.quiz_passed_at is not None
    lesson_mark_done(student=student, lesson=lesson)  # recorded once: nothing moves
    progress.refresh_from_db()
    assert progress.completed_at == first_completion and progress.completed_via == "quiz"


def test_attempt_stores_every_answer_with_time(student, lesson):
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    answer_all(attempt, student)
    answers = QuizAnswer.objects.filter(attempt=attempt)
    assert answers.count() == 7 and all(a.answered_at for a in answers)


def test_shuffled_order_is_stored_and_kept_on_resume(student, course):
    quiz = make_quiz(shuffle_questions=True, shuffle_options=True, title="Acak")
    _course, (lesson,) = make_course(lessons=1, quiz=quiz, slug="acak")
    first = quiz_attempt_start(student=student, lesson=lesson)
    again = quiz_attempt_start(student=student, lesson=lesson)  # e.g. after a lost connection
    assert again.pk == first.pk and again.question_order == first.question_order
    assert sorted(first.question_order) == sorted(q.question_id for q in quiz.quiz_questions.all())
    for question in quiz.quiz_questions.all():
        if question.question.kind == "ordering":
            items = first.item_orders[str(question.question_id)]
            correct = [c.pk for c in question.question.choices.all()]
            assert items != correct and sorted(items) == sorted(correct)


def test_an_answer_can_be_changed_until_submit_and_the_same_answer_changes_nothing(student, lesson):
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    question = next(
        qq.question for qq in attempt.quiz.quiz_questions.all() if qq.question.kind == "true_false"
    )
    question_id = question.pk
    right = key_for(attempt, question)
    wrong = {"answer": ["false" if question.correct_bool else "true"]}

    def save(data):
        return quiz_answer_save(
            attempt_id=attempt.pk, student=student, question_id=question_id, data=data
        )

    first = save(right)
    again = save(right)  # a double click or a resent request
    assert again.pk == first.pk and again.answered_at == first.answered_at
    changed = save(wrong)
    assert changed.pk == first.pk and not changed.is_correct
    assert changed.response != first.response and changed.answered_at >= first.answered_at
    save(right)  # changed back before submitting: the last answer counts
    answer_all(attempt, student)
    assert QuizAnswer.objects.filter(attempt=attempt).count() == attempt.question_count
    done = quiz_attempt_submit(attempt_id=attempt.pk, student=student)
    assert done.score_percent == 100
    before = QuizAnswer.objects.get(attempt=attempt, question_id=question_id)
    for data in (right, {"answer": ["0"]}):
        with pytest.raises(AttemptClosedError, match="sudah dikirim"):
            save(data)
    after = QuizAnswer.objects.get(attempt=attempt, question_id=question_id)
    assert (after.response, after.is_correct, after.answered_at) == (
        before.response,
        before.is_correct,
        before.answered_at,
    )


def test_a_changed_answer_is_what_gets_graded(student, lesson):
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    answer_all(attempt, student)
    true_false = next(
        qq.question for qq in attempt.quiz.quiz_questions.all() if qq.question.kind == "true_false"
    )
    wrong = "false" if true_false.correct_bool else "true"
    quiz_answer_save(
        attempt_id=attempt.pk,
        student=student,
        question_id=true_false.pk,
        data={"answer": [wrong]},
    )
    done = quiz_attempt_submit(attempt_id=attempt.pk, student=student)
    assert done.correct_count == attempt.question_count - 1


def test_someone_elses_attempt_is_not_found(student, other_student, lesson):
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    with pytest.raises(QuizAttempt.DoesNotExist):
        quiz_answer_save(
            attempt_id=attempt.pk,
            student=other_student,
            question_id=attempt.question_order[0],
            data={"answer": ["0"]},
        )
    with pytest.raises(QuizAttempt.DoesNotExist):
        quiz_attempt_submit(attempt_id=attempt.pk, student=other_student)
    attempt.refresh_from_db()
    assert attempt.is_open and not attempt.answers.exists()


def test_unknown_question_or_option_is_refused(student, lesson):
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    with pytest.raises(CourseRuleError, match="tidak ada dalam kuis"):
        quiz_answer_save(
            attempt_id=attempt.pk, student=student, question_id=999_999, data={"answer": ["0"]}
        )
    single = next(
        qq.question for qq in attempt.quiz.quiz_questions.all() if qq.question.kind == "single"
    )
    with pytest.raises(CourseRuleError, match="Pilihan tidak dikenal"):
        quiz_answer_save(
            attempt_id=attempt.pk, student=student, question_id=single.pk, data={"answer": ["17"]}
        )
    assert not attempt.answers.exists()


def test_late_answer_and_late_submit_are_refused_by_the_server_clock(student):
    quiz = make_quiz(time_limit_minutes=10, title="Berwaktu")
    _course, (lesson,) = make_course(lessons=1, quiz=quiz, slug="berwaktu")
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    assert attempt.deadline == attempt.started_at + timedelta(minutes=10)
    first = attempt.question_order[0]
    answer_all_but_last = attempt.question_order[:1]
    for question_id in answer_all_but_last:
        question = quiz.quiz_questions.get(question_id=question_id).question
        quiz_answer_save(
            attempt_id=attempt.pk,
            student=student,
            question_id=question_id,
            data=key_for(attempt, question),
        )
    # The clock passes the deadline (the client cannot move the server's clock).
    QuizAttempt.objects.filter(pk=attempt.pk).update(
        started_at=timezone.now() - timedelta(minutes=11),
        deadline=timezone.now() - timedelta(minutes=1),
    )
    second = attempt.question_order[1]
    question = quiz.quiz_questions.get(question_id=second).question
    with pytest.raises(AttemptClosedError, match="Waktu kuis sudah habis"):
        quiz_answer_save(
            attempt_id=attempt.pk,
            student=student,
            question_id=second,
            data=key_for(attempt, question),
        )
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.EXPIRED
    assert list(attempt.answers.values_list("question_id", flat=True)) == [first]
    assert attempt.correct_count == 1 and attempt.finished_at == attempt.deadline
    with pytest.raises(AttemptClosedError):
        quiz_attempt_submit(attempt_id=attempt.pk, student=student)
    assert QuizAttempt.objects.get(pk=attempt.pk).correct_count == 1


def test_submit_after_deadline_closes_as_expired(student):
    quiz = make_quiz(time_limit_minutes=5, title="Berwaktu 2")
    _course, (lesson,) = make_course(lessons=1, quiz=quiz, slug="berwaktu-2")
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    QuizAttempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(1))
    with pytest.raises(AttemptClosedError, match="sebelum dikirim"):
        quiz_attempt_submit(attempt_id=attempt.pk, student=student)
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.EXPIRED and attempt.correct_count == 0


def test_resubmitting_a_finished_attempt_changes_nothing(student, lesson):
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    answer_all(attempt, student, correct=False)
    finished = quiz_attempt_submit(attempt_id=attempt.pk, student=student)
    with pytest.raises(AttemptClosedError, match="sudah dikirim"):
        quiz_attempt_submit(attempt_id=attempt.pk, student=student)
    with pytest.raises(AttemptClosedError):
        quiz_answer_save(
            attempt_id=attempt.pk,
            student=student,
            question_id=attempt.question_order[0],
            data={"answer": ["0"]},
        )
    again = QuizAttempt.objects.get(pk=attempt.pk)
    assert (again.finished_at, again.score_percent) == (
        finished.finished_at,
        finished.score_percent,
    )


def test_attempt_limit_is_enforced(student):
    quiz = make_quiz(max_attempts=2, title="Dua kali")
    _course, (lesson,) = make_course(lessons=1, quiz=quiz, slug="dua-kali")
    for _ in range(2):
        attempt = quiz_attempt_start(student=student, lesson=lesson)
        quiz_attempt_submit(attempt_id=attempt.pk, student=student)
    with pytest.raises(CourseRuleError, match="Batas 2 percobaan"):
        quiz_attempt_start(student=student, lesson=lesson)
    assert QuizAttempt.objects.filter(student=student, quiz=quiz).count() == 2


def test_failing_score_does_not_complete_the_lesson(student, lesson):
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    answer_all(attempt, student, skip=3)  # 4 of 7 correct = 57 < 70
    attempt = quiz_attempt_submit(attempt_id=attempt.pk, student=student)
    assert not attempt.passed and attempt.score_percent == Decimal("57.14")
    progress = LessonProgress.objects.get(student=student, lesson=lesson)
    assert progress.completed_at is None and progress.best_score == attempt.score_percent


def test_without_guardian_consent_nothing_is_recorded(classroom, lesson):
    minor = make_student(classroom, consent=False, username="tanpa-izin")
    with pytest.raises(ConsentMissingError, match="Persetujuan orang tua/wali"):
        quiz_attempt_start(student=minor, lesson=lesson)
    with pytest.raises(ConsentMissingError):
        lesson_mark_done(student=minor, lesson=lesson)
    assert not QuizAttempt.objects.filter(student=minor).exists()
    assert not LessonProgress.objects.filter(student=minor).exists()


def test_course_completes_by_its_rule(student, quiz):
    course, (with_quiz, plain) = make_course(
        lessons=2, quiz=quiz, slug="aturan", completion_rule=CompletionRule.LESSONS_AND_QUIZZES
    )
    lesson_mark_done(student=student, lesson=with_quiz)
    lesson_mark_done(student=student, lesson=plain)
    assert not CourseCompletion.objects.filter(student=student, course=course).exists()
    attempt = quiz_attempt_start(student=student, lesson=with_quiz)
    answer_all(attempt, student)
    quiz_attempt_submit(attempt_id=attempt.pk, student=student)
    assert CourseCompletion.objects.get(student=student, course=course).rule == "lessons_quizzes"


def test_lessons_only_rule_completes_without_quizzes(student, quiz):
    course, lessons = make_course(
        lessons=2, quiz=quiz, slug="baca-saja", completion_rule=CompletionRule.LESSONS
    )
    for lesson in lessons:
        lesson_mark_done(student=student, lesson=lesson)
    assert CourseCompletion.objects.filter(student=student, course=course).exists()


def test_lesson_whose_quiz_was_deleted_says_so(student):
    quiz = make_quiz(title="Akan dihapus")
    _course, (lesson,) = make_course(lessons=1, quiz=quiz, slug="tanpa-kuis")
    quiz.delete()
    with pytest.raises(CourseRuleError, match="belum tersedia"):
        quiz_attempt_start(student=student, lesson=lesson)


def test_quiz_state_sums_up_the_students_attempts_in_one_query(
    student, other_student, lesson, django_assert_num_queries
):
    from courses.selectors import quiz_state

    # given: a failed attempt (4 of 7) and a perfect one; the other student has one open
    failed = quiz_attempt_start(student=student, lesson=lesson)
    answer_all(failed, student, skip=3)
    quiz_attempt_submit(attempt_id=failed.pk, student=student)
    perfect = quiz_attempt_start(student=student, lesson=lesson)
    answer_all(perfect, student)
    quiz_attempt_submit(attempt_id=perfect.pk, student=student)
    other_open = quiz_attempt_start(student=other_student, lesson=lesson)
    # when / then
    with django_assert_num_queries(1):
        state = quiz_state(user=student, quiz_id=lesson.quiz_id, lesson_id=lesson.pk)
    assert (state.used, state.attempts_left, state.open_attempt_id) == (2, 1, None)
    assert (state.last_attempt_id, state.last_score) == (perfect.pk, Decimal(100))
    assert state.best_score == Decimal(100) and state.passed and not state.can_start
    assert state.lesson_completed_at is not None
    fresh = quiz_state(user=other_student, quiz_id=lesson.quiz_id)
    assert (fresh.used, fresh.open_attempt_id, fresh.last_attempt_id, fresh.passed) == (
        1,
        other_open.pk,
        None,
        False,
    )
    assert fresh.can_start


def test_a_passed_quiz_is_not_retaken(student, lesson):
    attempt = quiz_attempt_start(student=student, lesson=lesson)
    answer_all(attempt, student)
    quiz_attempt_submit(attempt_id=attempt.pk, student=student)
    with pytest.raises(CourseRuleError, match="sudah lulus"):
        quiz_attempt_start(student=student, lesson=lesson)
    assert QuizAttempt.objects.filter(student=student).count() == 1
