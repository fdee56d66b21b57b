"""Teacher reports. They run a constant number of queries whatever the class size: a
40 x 30 grid is four queries (students, lessons, progress, attempt aggregates).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Max, Q, QuerySet
from django.utils.translation import gettext

from courses import models as m
from courses.selectors.assignments import grade_cells
from courses.selectors.lessons import course_lessons, course_outline
from lms.accounts.models import ConsentPurpose, Role, User
from lms.accounts.selectors import students_without_consent
from lms.schools.models import Classroom

if TYPE_CHECKING:
    from collections.abc import Iterable


def assigned_courses(*, classroom: Classroom) -> QuerySet[m.CourseAssignment]:
    return classroom.course_assignments.select_related("course").order_by("course__path")


@dataclass
class GridCell:
    done: bool = False
    via: str = ""
    score: Decimal | None = None
    attempts: int = 0
    passed: bool = False
    # The lesson's assignment: (points or None, max points or None, state); None: no hand-in.
    grade: tuple[int | None, int | None, str] | None = None


@dataclass
class GridRow:
    student: User
    cells: list[GridCell]
    # No guardian consent for learning: the student cannot start a quiz or record progress.
    consent_missing: bool = False

    @property
    def done(self) -> int:
        return sum(1 for c in self.cells if c.done)


def progress_grid(*, classroom: Classroom, course: m.CoursePage) -> dict[str, Any]:
    """Students x lessons: done, best score, attempts, and who cannot start because the
    guardian's consent is missing. Five queries for any size."""
    students = list(
        User.objects.filter(enrolments__classroom=classroom, role_assignments__role=Role.STUDENT)
        .distinct()  # the role join repeats a student who holds the role at two schools
        .order_by("full_name")
    )
    lessons = list(course_lessons(course=course))
    progress = {
        (p.student_id, p.lesson_id): p
        for p in m.LessonProgress.objects.filter(course=course, student__in=students)
    }
    attempts = _attempt_summaries(lessons, students)
    no_consent = students_without_consent(students=students, purpose=ConsentPurpose.LEARNING)
    grades = grade_cells(lessons=lessons, students=students)
    rows = [
        GridRow(
            student,
            [
                _grid_cell(
                    progress.get((student.pk, lesson.pk)),
                    attempts.get((student.pk, lesson.pk)),
                    grades.get((student.pk, lesson.pk)),
                )
                for lesson in lessons
            ],
            consent_missing=student.pk in no_consent,
        )
        for student in students
    ]
    return {
        "students": students,
        "lessons": lessons,
        "rows": rows,
        "consent_missing": sum(1 for r in rows if r.consent_missing),
    }


def _attempt_summaries(
    lessons: list[m.LessonPage], students: list[User]
) -> dict[tuple[int, int], Mapping[str, Any]]:
    """(student id, lesson id) -> {n, best, passed} of the finished attempts."""
    # One grouped query for every cell's attempts (count, best, passed) instead of one per cell;
    # an open attempt is not a result yet.
    attempt_rows = (
        m.QuizAttempt.objects.filter(lesson__in=lessons, student__in=students)
        .exclude(status=m.AttemptStatus.IN_PROGRESS)
        .values("student_id", "lesson_id")
        .annotate(
            n=Count("pk"), best=Max("score_percent"), passed=Count("pk", filter=Q(passed=True))
        )
    )
    return {(r["student_id"], r["lesson_id"]): r for r in attempt_rows}


def _grid_cell(
    p: m.LessonProgress | None, a: Mapping[str, Any] | None, grade: Any = None
) -> GridCell:
    return GridCell(
        done=bool(p and p.completed_at),
        via=p.completed_via if p else "",
        score=a["best"] if a else None,
        attempts=a["n"] if a else 0,
        passed=bool(a and a["passed"]),
        grade=grade,
    )


@dataclass
class OptionStat:
    label: str
    count: int
    correct: bool


@dataclass
class QuestionStat:
    question: m.Question
    answered: int
    correct: int
    options: list[OptionStat]

    @property
    def percent_correct(self) -> int:
        return round(100 * self.correct / self.answered) if self.answered else 0


def question_stats(*, classroom: Classroom, lesson: m.LessonPage) -> list[QuestionStat]:
    """Per question of the lesson quiz: answers, correct share and what students chose."""
    quiz_id = lesson.quiz_id
    if quiz_id is None:
        return []
    questions = [
        qq.question
        for qq in m.Quiz.objects.get(pk=quiz_id)
        .quiz_questions.select_related("question")
        .prefetch_related("question__choices")
    ]
    answers = (
        m.QuizAnswer.objects.filter(
            attempt__quiz_id=quiz_id,
            attempt__student__enrolments__classroom=classroom,
        )
        .exclude(attempt__status=m.AttemptStatus.IN_PROGRESS)  # half-done attempts would skew it
        .only("question_id", "response", "is_correct")
    )
    by_question: dict[int, list[m.QuizAnswer]] = defaultdict(list)
    for answer in answers:
        by_question[answer.question_id].append(answer)
    return [_question_stat(q, by_question.get(q.pk, [])) for q in questions]


def _question_stat(question: m.Question, answers: Iterable[m.QuizAnswer]) -> QuestionStat:
    answers = list(answers)
    counts: Counter[Any] = Counter()
    choices = list(question.choices.all())
    if question.kind in (m.QuestionKind.SINGLE, m.QuestionKind.MULTIPLE):
        for a in answers:
            counts.update(a.response.get("choices", []))
        options = [OptionStat(c.text, counts[c.pk], c.is_correct) for c in choices]
    elif question.kind == m.QuestionKind.TRUE_FALSE:
        counts.update(a.response.get("value") for a in answers)
        options = [
            OptionStat(label, counts[value], value is bool(question.correct_bool))
            for value, label in ((True, gettext("Benar")), (False, gettext("Salah")))
        ]
    else:
        # Free answers: show the most common ones as typed (numbers normalised).
        counts.update(
            str(a.response.get("value", ""))
            if "value" in a.response
            else (gettext("benar") if a.is_correct else gettext("salah"))
            for a in answers
        )
        options = [OptionStat(str(value), n, False) for value, n in counts.most_common(5)]
    return QuestionStat(question, len(answers), sum(1 for a in answers if a.is_correct), options)


def student_report(*, student: User, course: m.CoursePage) -> dict[str, Any]:
    outline = course_outline(course=course, user=student)
    attempts = list(
        m.QuizAttempt.objects.filter(
            student=student, lesson__in=[r.lesson for r in outline["rows"]]
        )
        .select_related("quiz")
        .order_by("lesson__path", "number")
    )
    by_lesson: dict[int | None, list[m.QuizAttempt]] = defaultdict(list)
    for attempt in attempts:
        by_lesson[attempt.lesson_id].append(attempt)
    reports = [
        {"row": row, "attempts": by_lesson.get(row.lesson.pk, [])} for row in outline["rows"]
    ]
    return {**outline, "reports": reports}
