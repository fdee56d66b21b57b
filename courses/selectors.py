"""Reads of the learning half: outlines, a student's learning, teacher reports.

Report selectors run a constant number of queries whatever the class size: a 40 x 30 grid
is four queries (students, lessons, progress, attempt aggregates).
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Left
from django.utils.translation import get_language, gettext
from wagtail.models import Page

from courses.models import (
    AttemptStatus,
    CourseAssignment,
    CourseCompletion,
    CoursePage,
    LessonPage,
    LessonProgress,
    ModulePage,
    Question,
    QuestionKind,
    Quiz,
    QuizAnswer,
    QuizAttempt,
)
from lms.accounts.models import ConsentPurpose, Role, User
from lms.accounts.selectors import consent_granted
from lms.schools.models import Classroom

if TYPE_CHECKING:
    from collections.abc import Iterable

NAV_VERSION_KEY = "courses:nav-version"
NAV_CACHE_SECONDS = 60 * 60


def hidden_ancestor(*, below_depth: int = 0) -> Exists:
    """True for a page with an unpublished ancestor deeper than `below_depth`.

    Wagtail's routing stops at an unpublished page, so a live lesson inside an unpublished
    course or module answers 404: lists and search must leave it out. One subquery, no
    extra round trip (an ancestor's path is a prefix of ours, depth x steplen long).
    """
    return Exists(
        Page.objects.filter(
            live=False,
            depth__gt=below_depth,
            depth__lt=OuterRef("depth"),
            path=Left(OuterRef("path"), F("depth") * Page.steplen),
        )
    )


def course_of_lesson(lesson: LessonPage) -> CoursePage | None:
    return CoursePage.objects.ancestor_of(lesson).first()


def course_lessons(*, course: CoursePage) -> QuerySet[LessonPage]:
    """Published lessons of a course in reading order (modules first-to-last), without
    those inside an unpublished module."""
    return (
        LessonPage.objects.live()
        .descendant_of(course)
        .exclude(hidden_ancestor(below_depth=course.depth))
        .order_by("path")
    )


@dataclass
class LessonRow:
    lesson: LessonPage
    module: ModulePage | None
    progress: LessonProgress | None = None

    @property
    def done(self) -> bool:
        return self.progress is not None and self.progress.completed_at is not None


def course_outline(*, course: CoursePage, user: Any) -> dict[str, Any]:
    """Modules, lessons and this user's progress for the course page (five queries)."""
    modules = {m.path: m for m in ModulePage.objects.live().child_of(course)}
    lessons = list(course_lessons(course=course))
    progress: dict[int, LessonProgress] = {}
    if user.is_authenticated:
        progress = {
            p.lesson_id: p for p in LessonProgress.objects.filter(student=user, course=course)
        }
    rows = [
        LessonRow(lesson, modules.get(lesson.path[: -lesson.steplen]), progress.get(lesson.pk))
        for lesson in lessons
    ]
    done = sum(1 for row in rows if row.done)
    completed = (
        user.is_authenticated
        and CourseCompletion.objects.filter(student=user, course=course).exists()
    )
    return {
        "rows": rows,
        "done": done,
        "total": len(rows),
        "percent": round(100 * done / len(rows)) if rows else 0,
        "continue_url": _continue_url(rows),
        "completed": completed,
    }


def _continue_url(rows: list[LessonRow]) -> str | None:
    """Where the student left off: the first unfinished lesson after the one finished last.

    Page views are deliberately not recorded (less data about minors, one write less per
    page), so "left off" is read from completions.
    """
    undone = [i for i, row in enumerate(rows) if not row.done]
    if not undone:
        return None
    finished = [(row.progress.completed_at, i) for i, row in enumerate(rows) if row.done]
    if finished:
        latest = max(finished)[1]
        after = [i for i in undone if i > latest]
        if after:
            return rows[after[0]].lesson.url
    return rows[undone[0]].lesson.url


@dataclass(frozen=True)
class PageRef:
    """A cacheable reference to a course or lesson (no model instance in the cache)."""

    pk: int
    title: str
    title_en: str
    url: str

    @property
    def display_title(self) -> str:
        if self.title_en and (get_language() or "").startswith("en"):
            return self.title_en
        return self.title


def _nav_version() -> int:
    cache.add(NAV_VERSION_KEY, int(time.time() * 1000), None)
    return cache.get(NAV_VERSION_KEY) or 0


def nav_cache_clear() -> None:
    """Forget every cached lesson navigation (called when pages are published or moved)."""
    cache.set(NAV_VERSION_KEY, int(time.time() * 1000), None)


def lesson_navigation(*, lesson: LessonPage) -> dict[str, Any]:
    """Course, previous/next lesson and position; cached, because it is the same for every
    student and the lesson page has a budget of 12 queries."""
    if lesson.pk is None or not lesson.path:  # a preview of a page not saved yet
        return {
            "course": None,
            "previous_lesson": None,
            "next_lesson": None,
            "lesson_number": 1,
            "lesson_total": 1,
        }
    key = f"courses:nav:{_nav_version()}:{lesson.pk}"
    navigation = cache.get(key)
    if navigation is None:
        navigation = _lesson_navigation(lesson)
        cache.set(key, navigation, NAV_CACHE_SECONDS)
    return navigation


def _lesson_navigation(lesson: LessonPage) -> dict[str, Any]:
    course = course_of_lesson(lesson)
    siblings = (
        list(course_lessons(course=course).only("title", "url_path", "path", "title_en"))
        if course
        else []
    )
    index = next((i for i, s in enumerate(siblings) if s.pk == lesson.pk), 0)

    def ref(page: Any) -> PageRef | None:
        return PageRef(page.pk, page.title, page.title_en, page.url) if page else None

    return {
        "course": ref(course),
        "previous_lesson": ref(siblings[index - 1]) if index > 0 else None,
        "next_lesson": ref(siblings[index + 1]) if index + 1 < len(siblings) else None,
        "lesson_number": index + 1,
        "lesson_total": len(siblings),
    }


def lesson_context(*, lesson: LessonPage, user: Any) -> dict[str, Any]:
    """What the lesson page shows around the body: three queries for a signed-in student
    (consent, and the quiz state with this lesson's progress), plus the roles lookup."""
    context: dict[str, Any] = {
        **lesson_navigation(lesson=lesson),
        "body_items": lesson.body_items(),
        "progress": None,
        "consent": False,
        "quiz_state": None,
    }
    if not user.is_authenticated:
        return context
    context["consent"] = consent_granted(student=user, purpose=ConsentPurpose.LEARNING)
    quiz_id = lesson.quiz_id
    if quiz_id is not None:
        state = quiz_state(user=user, quiz_id=quiz_id, lesson_id=lesson.pk)
        context["quiz_state"] = state
        context["progress"] = {"completed_at": state.lesson_completed_at} if state else None
    else:
        context["progress"] = LessonProgress.objects.filter(student=user, lesson=lesson).first()
    return context


@dataclass
class QuizState:
    """A student's standing in one quiz, read in one query."""

    quiz: Quiz
    used: int
    open_attempt_id: int | None
    last_attempt_id: int | None
    last_score: Decimal | None
    best_score: Decimal | None
    passed: bool
    lesson_completed_at: Any = None

    @property
    def attempts_left(self) -> int | None:
        if not self.quiz.max_attempts:
            return None
        return max(self.quiz.max_attempts - self.used, 0)


def quiz_state(*, user: User, quiz_id: int, lesson_id: int | None = None) -> QuizState | None:
    """Two plain queries; the lesson's completion rides along with the quiz row."""
    quiz = (
        Quiz.objects.filter(pk=quiz_id)
        .annotate(
            completed_at=Subquery(
                LessonProgress.objects.filter(student=user, lesson_id=lesson_id).values(
                    "completed_at"
                )[:1]
            )
        )
        .first()
    )
    if quiz is None:
        return None
    attempts = list(
        QuizAttempt.objects.filter(student=user, quiz=quiz)
        .order_by("-number")
        .values_list("pk", "status", "score_percent", "passed")
    )
    finished = [a for a in attempts if a[1] != AttemptStatus.IN_PROGRESS]
    scores = [a[2] for a in finished if a[2] is not None]
    return QuizState(
        quiz=quiz,
        used=len(attempts),
        open_attempt_id=next((a[0] for a in attempts if a[1] == AttemptStatus.IN_PROGRESS), None),
        last_attempt_id=finished[0][0] if finished else None,
        last_score=finished[0][2] if finished else None,
        best_score=max(scores) if scores else None,
        passed=any(a[3] for a in attempts),
        lesson_completed_at=quiz.completed_at,
    )


@dataclass
class QuestionItem:
    """One question of an attempt, ready for the template (no answer key unless finished)."""

    number: int
    question: Question
    items: list[Any]
    matches: list[Any]
    answer: QuizAnswer | None
    ranks: list[int] = field(default_factory=list)
    saved_text: str = ""
    # Filled only for finished attempts: the page never carries the key before submission.
    correct_answer: str = ""
    explanation: str = ""


def attempt_questions(*, attempt: QuizAttempt, for_teacher: bool = False) -> list[QuestionItem]:
    """The attempt's questions in its stored order with its answers (three queries)."""
    from courses.grading import correct_text, response_text
    from courses.services import question_view

    reveal = not attempt.is_open and (attempt.quiz.show_feedback or for_teacher)
    questions = Question.objects.filter(pk__in=attempt.question_order).prefetch_related("choices")
    by_id = {q.pk: q for q in questions}
    answers = {a.question_id: a for a in attempt.answers.all()}
    items = []
    for number, question_id in enumerate(attempt.question_order, start=1):
        question = by_id.get(question_id)
        if question is None:
            continue
        view = question_view(attempt, question)
        answer = answers.get(question_id)
        choices = list(question.choices.all())
        items.append(
            QuestionItem(
                number,
                question,
                list(view.items),
                list(view.matches),
                answer,
                ranks=list(range(1, len(view.items) + 1)),
                saved_text=response_text(question, choices, answer.response) if answer else "",
                correct_answer=correct_text(question, choices) if reveal else "",
                explanation=question.explanation if reveal else "",
            )
        )
    return items


@dataclass
class CourseCard:
    course: CoursePage
    due_date: Any
    done: int
    total: int
    continue_url: str | None
    completed: bool

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def my_learning(*, student: User) -> list[CourseCard]:
    """Courses assigned to the student's classrooms, or already started (four queries)."""
    assignments = {
        a.course_id: a
        for a in CourseAssignment.objects.filter(classroom__enrolments__student=student).order_by(
            "due_date", "pk"
        )
    }
    started = set(
        LessonProgress.objects.filter(student=student)
        .values_list("course_id", flat=True)
        .distinct()
    )
    courses = list(
        CoursePage.objects.live()
        .filter(pk__in=set(assignments) | started)
        .exclude(hidden_ancestor())
        .order_by("path")
    )
    if not courses:
        return []
    lessons = list(
        LessonPage.objects.live()
        .filter(reduce(or_, (Q(path__startswith=c.path) for c in courses)))
        .exclude(hidden_ancestor())
        .order_by("path")
        .only("title", "path", "url_path", "depth")
    )
    progress = {p.lesson_id: p for p in LessonProgress.objects.filter(student=student)}
    completed = set(
        CourseCompletion.objects.filter(student=student).values_list("course_id", flat=True)
    )
    cards = []
    for course in courses:
        rows = [
            LessonRow(lesson, None, progress.get(lesson.pk))
            for lesson in lessons
            if lesson.path.startswith(course.path)
        ]
        assignment = assignments.get(course.pk)
        cards.append(
            CourseCard(
                course=course,
                due_date=assignment.due_date if assignment else None,
                done=sum(1 for r in rows if r.done),
                total=len(rows),
                continue_url=_continue_url(rows),
                completed=course.pk in completed,
            )
        )
    return cards


def assigned_courses(*, classroom: Classroom) -> QuerySet[CourseAssignment]:
    return classroom.course_assignments.select_related("course").order_by("course__path")


@dataclass
class GridCell:
    done: bool = False
    via: str = ""
    score: Decimal | None = None
    attempts: int = 0
    passed: bool = False


@dataclass
class GridRow:
    student: User
    cells: list[GridCell]

    @property
    def done(self) -> int:
        return sum(1 for c in self.cells if c.done)


def progress_grid(*, classroom: Classroom, course: CoursePage) -> dict[str, Any]:
    """Students x lessons: done, best score, attempts. Four queries for any size."""
    students = list(
        User.objects.filter(enrolments__classroom=classroom, role_assignments__role=Role.STUDENT)
        .distinct()
        .order_by("full_name")
    )
    lessons = list(course_lessons(course=course))
    progress = {
        (p.student_id, p.lesson_id): p
        for p in LessonProgress.objects.filter(course=course, student__in=students)
    }
    attempt_rows = (
        QuizAttempt.objects.filter(lesson__in=lessons, student__in=students)
        .exclude(status=AttemptStatus.IN_PROGRESS)
        .values("student_id", "lesson_id")
        .annotate(
            n=Count("pk"), best=Max("score_percent"), passed=Count("pk", filter=Q(passed=True))
        )
    )
    attempts = {(r["student_id"], r["lesson_id"]): r for r in attempt_rows}
    rows = []
    for student in students:
        cells = []
        for lesson in lessons:
            p = progress.get((student.pk, lesson.pk))
            a = attempts.get((student.pk, lesson.pk))
            cells.append(
                GridCell(
                    done=bool(p and p.completed_at),
                    via=p.completed_via if p else "",
                    score=a["best"] if a else None,
                    attempts=a["n"] if a else 0,
                    passed=bool(a and a["passed"]),
                )
            )
        rows.append(GridRow(student, cells))
    return {"students": students, "lessons": lessons, "rows": rows}


@dataclass
class OptionStat:
    label: str
    count: int
    correct: bool


@dataclass
class QuestionStat:
    question: Question
    answered: int
    correct: int
    options: list[OptionStat]

    @property
    def percent_correct(self) -> int:
        return round(100 * self.correct / self.answered) if self.answered else 0


def question_stats(*, classroom: Classroom, lesson: LessonPage) -> list[QuestionStat]:
    """Per question of the lesson quiz: answers, correct share and what students chose."""
    quiz_id = lesson.quiz_id
    if quiz_id is None:
        return []
    questions = [
        qq.question
        for qq in Quiz.objects.get(pk=quiz_id)
        .quiz_questions.select_related("question")
        .prefetch_related("question__choices")
    ]
    answers = (
        QuizAnswer.objects.filter(
            attempt__quiz_id=quiz_id,
            attempt__student__enrolments__classroom=classroom,
        )
        .exclude(attempt__status=AttemptStatus.IN_PROGRESS)
        .only("question_id", "response", "is_correct")
    )
    by_question: dict[int, list[QuizAnswer]] = defaultdict(list)
    for answer in answers:
        by_question[answer.question_id].append(answer)
    return [_question_stat(q, by_question.get(q.pk, [])) for q in questions]


def _question_stat(question: Question, answers: Iterable[QuizAnswer]) -> QuestionStat:
    answers = list(answers)
    counts: Counter[Any] = Counter()
    choices = list(question.choices.all())
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        for a in answers:
            counts.update(a.response.get("choices", []))
        options = [OptionStat(c.text, counts[c.pk], c.is_correct) for c in choices]
    elif question.kind == QuestionKind.TRUE_FALSE:
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


def student_report(*, student: User, course: CoursePage) -> dict[str, Any]:
    outline = course_outline(course=course, user=student)
    attempts = list(
        QuizAttempt.objects.filter(student=student, lesson__in=[r.lesson for r in outline["rows"]])
        .select_related("quiz")
        .order_by("lesson__path", "number")
    )
    by_lesson: dict[int, list[QuizAttempt]] = defaultdict(list)
    for attempt in attempts:
        by_lesson[attempt.lesson_id].append(attempt)  # type: ignore[index]
    reports = [
        {"row": row, "attempts": by_lesson.get(row.lesson.pk, [])} for row in outline["rows"]
    ]
    return {**outline, "reports": reports}
