"""The lesson page around its body: course, previous/next lesson, the student's state."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import get_language
from wagtail.models import Page

from courses.models import Assignment, CoursePage, LessonPage, LessonProgress
from courses.selectors.lessons import hidden_ancestor
from courses.selectors.quiz import quiz_state
from lms.accounts.models import ConsentPurpose, User
from lms.accounts.selectors import consent_granted

NAV_VERSION_KEY = "courses:nav-version"
NAV_CACHE_SECONDS = 60 * 60


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


def lesson_navigation(*, lesson: LessonPage, root_url_path: str | None = None) -> dict[str, Any]:
    """Course, previous/next lesson and position; cached, because it is the same for every
    student and the lesson page has a budget of 12 queries (one query to fill the cache).

    `root_url_path` is the url_path of the site's root page (the request's site): links are
    built from it instead of Wagtail's site-root lookup, a query when the cache is cold.
    """
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
        navigation = _lesson_navigation(lesson, root_url_path)
        cache.set(key, navigation, NAV_CACHE_SECONDS)
    return navigation


def _page_url(url_path: str, root_url_path: str | None) -> str:
    """A page's URL on the lesson's own site, as Wagtail's `Page.url` gives it."""
    if root_url_path is not None and url_path.startswith(root_url_path):
        return reverse("wagtail_serve", args=(url_path[len(root_url_path) :],))
    return Page(url_path=url_path).get_url() or ""  # Wagtail looks the site roots up


def _lesson_navigation(lesson: LessonPage, root_url_path: str | None) -> dict[str, Any]:
    rows = _course_lesson_rows(lesson)
    index = next((i for i, row in enumerate(rows) if row["pk"] == lesson.pk), 0)

    def ref(row: Mapping[str, Any], prefix: str = "") -> PageRef:
        url = _page_url(row[f"{prefix}url_path"], root_url_path)
        return PageRef(row[f"{prefix}pk"], row[f"{prefix}title"], row[f"{prefix}title_en"], url)

    return {
        "course": ref(rows[0], "course_") if rows else None,
        "previous_lesson": ref(rows[index - 1]) if index > 0 else None,
        "next_lesson": ref(rows[index + 1]) if index + 1 < len(rows) else None,
        "lesson_number": index + 1,
        "lesson_total": len(rows),
        # The lesson's assignment rides along in the same query (the page's query budget);
        # saving or deleting an assignment clears the cache (courses/signals.py).
        "lesson_assignment": (
            {"title": rows[index]["assignment_title"], "due_at": rows[index]["assignment_due_at"]}
            if rows and rows[index]["assignment_title"] is not None
            else None
        ),
    }


def _course_lesson_rows(lesson: LessonPage) -> list[Mapping[str, Any]]:
    """The visible lessons of the lesson's course in order, each with the course's fields."""
    # One query: a lesson sits in its course or in a module of it, so the course is its
    # parent or grandparent; the course's fields ride along on every sibling row.
    step = lesson.steplen
    course = CoursePage.objects.filter(path__in=[lesson.path[:-step], lesson.path[: -2 * step]])

    def of_course(name: str) -> Subquery:
        return Subquery(course.values(name)[:1])

    visible = Q(live=True) & ~Q(hidden_ancestor(below_depth=of_course("depth")))
    return list(
        LessonPage.objects.filter(path__startswith=of_course("path"))
        .filter(visible | Q(pk=lesson.pk))  # the lesson itself, even in a draft's preview
        .annotate(
            course_pk=of_course("pk"),
            course_title=of_course("title"),
            course_title_en=of_course("title_en"),
            course_url_path=of_course("url_path"),
            assignment_title=Subquery(
                Assignment.objects.filter(lesson=OuterRef("pk")).values("title")[:1]
            ),
            assignment_due_at=Subquery(
                Assignment.objects.filter(lesson=OuterRef("pk")).values("due_at")[:1]
            ),
        )
        .order_by("path")
        .values(
            "pk",
            "title",
            "title_en",
            "url_path",
            "course_pk",
            "course_title",
            "course_title_en",
            "course_url_path",
            "assignment_title",
            "assignment_due_at",
        )
    )


def lesson_context(
    *, lesson: LessonPage, user: User | AnonymousUser, root_url_path: str | None = None
) -> dict[str, Any]:
    """What the lesson page shows around the body: two queries for a signed-in student
    (consent, and the quiz state with this lesson's progress), plus the roles lookup."""
    context: dict[str, Any] = {
        **lesson_navigation(lesson=lesson, root_url_path=root_url_path),
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
