"""The lesson page around its body: course, previous/next lesson, the student's state."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.utils.translation import get_language

from courses.models import LessonPage, LessonProgress
from courses.selectors.lessons import course_lessons, course_of_lesson
from courses.selectors.quiz import quiz_state
from lms.accounts.models import ConsentPurpose
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
