"""Reads about courses and lessons: outlines, what is published, "Belajar saya"."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.db.models.expressions import BaseExpression
from django.db.models.functions import Left
from wagtail.models import Page

from courses.models import (
    CourseAssignment,
    CourseCompletion,
    CoursePage,
    LessonPage,
    LessonProgress,
    ModulePage,
)
from lms.accounts.models import User


def hidden_ancestor(*, below_depth: int | BaseExpression = 0) -> Exists:
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
    finished = [
        (row.progress.completed_at, i)
        for i, row in enumerate(rows)
        if row.progress and row.progress.completed_at  # row.done, spelled out for the checker
    ]
    if finished:
        latest = max(finished)[1]
        after = [i for i in undone if i > latest]
        if after:
            return rows[after[0]].lesson.url
    return rows[undone[0]].lesson.url


@dataclass
class QuizResult:
    """A lesson quiz the student took: the best score and whether it was passed."""

    lesson: LessonPage
    best_score: Any
    passed: bool


@dataclass
class CourseCard:
    course: CoursePage
    due_date: Any
    done: int
    total: int
    continue_url: str | None
    completed: bool
    quiz_results: list[QuizResult] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def my_learning(*, student: User) -> list[CourseCard]:
    """Courses assigned to the student's classrooms, or already started (five queries)."""
    return learning_cards(students=[student]).get(student.pk, [])


def learning_cards(*, students: list[User]) -> dict[int, list[CourseCard]]:
    """my_learning() for several students at once (a guardian's children): five queries
    however many students, keyed by student id."""
    if not students:
        return {}
    assignments = _assigned_due_dates(students)
    progress = _progress_by_student(students)
    wanted = {
        s.pk: set(assignments[s.pk]) | {p.course_id for p in progress[s.pk].values()}
        for s in students
    }
    all_courses = set().union(*wanted.values())
    if not all_courses:
        return {s.pk: [] for s in students}
    courses = list(
        CoursePage.objects.live()
        .filter(pk__in=all_courses)
        .exclude(hidden_ancestor())
        .order_by("path")
    )
    if not courses:
        return {s.pk: [] for s in students}
    lessons = _card_lessons(courses)
    completed = set(
        CourseCompletion.objects.filter(student__in=students).values_list("student_id", "course_id")
    )
    return {
        student.pk: [
            _course_card(
                course,
                lessons,
                progress[student.pk],
                due_date=assignments[student.pk].get(course.pk),
                completed=(student.pk, course.pk) in completed,
            )
            for course in courses
            if course.pk in wanted[student.pk]
        ]
        for student in students
    }


def _progress_by_student(students: list[User]) -> dict[int, dict[int, LessonProgress]]:
    progress: dict[int, dict[int, LessonProgress]] = defaultdict(dict)
    for row in LessonProgress.objects.filter(student__in=students):
        progress[row.student_id][row.lesson_id] = row
    return progress


def _assigned_due_dates(students: list[User]) -> dict[int, dict[int, Any]]:
    """Per student, the courses assigned to their classrooms with the earliest due date."""
    assignments: dict[int, dict[int, Any]] = defaultdict(dict)
    for course_id, due_date, student_id in (
        CourseAssignment.objects.filter(classroom__enrolments__student__in=students)
        .order_by("due_date", "pk")
        .values_list("course_id", "due_date", "classroom__enrolments__student")
    ):
        assignments[student_id].setdefault(course_id, due_date)
    return assignments


def _card_lessons(courses: list[CoursePage]) -> list[LessonPage]:
    # Every card's lessons in one query (tree paths are prefixes); only the columns a card
    # needs, not the StreamField bodies.
    return list(
        LessonPage.objects.live()
        .filter(reduce(or_, (Q(path__startswith=c.path) for c in courses)))
        .exclude(hidden_ancestor())
        .order_by("path")
        .only("title", "title_en", "path", "url_path", "depth")
    )


def _course_card(
    course: CoursePage,
    lessons: list[LessonPage],
    mine: dict[int, LessonProgress],
    *,
    due_date: Any,
    completed: bool,
) -> CourseCard:
    """One course's card from the student's progress on its lessons."""
    rows = [
        LessonRow(lesson, None, mine.get(lesson.pk))
        for lesson in lessons
        if lesson.path.startswith(course.path)
    ]
    return CourseCard(
        course=course,
        due_date=due_date,
        done=sum(1 for r in rows if r.done),
        total=len(rows),
        continue_url=_continue_url(rows),
        completed=completed,
        quiz_results=[
            QuizResult(r.lesson, r.progress.best_score, r.progress.quiz_passed_at is not None)
            for r in rows
            if r.progress is not None and r.progress.best_score is not None
        ],
    )
