"""Search over published courses and lessons (Wagtail's database backend)."""

from __future__ import annotations

from typing import Any

from wagtail.models import Page

from courses.models import CoursePage, LessonPage


def search_learning(*, query: str, limit: int = 30) -> list[Any]:
    pages = Page.objects.live().public().type(CoursePage, LessonPage).search(query, operator="and")
    ids = [page.pk for page in pages[:limit]]
    specific = Page.objects.filter(pk__in=ids).specific().in_bulk()
    return [specific[pk] for pk in ids if pk in specific]
